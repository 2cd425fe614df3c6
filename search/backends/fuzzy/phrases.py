"""Units of a query beyond its single words: CJK characters and pairs, words split by a stray
space, synonym phrases, and the weight of joined-pinyin syllables (see plan.plan_query)."""

from __future__ import annotations

from search import normalize as nz
from search.backends.fuzzy.index import Index
from search.backends.fuzzy.unit import Unit, add_phrase_unit, fits


def weigh_syllables(
    *, index: Index, syllables: list[int], units: list[Unit], weights: list[float]
) -> None:
    """A syllable of joined pinyin weighs its share of the pinyin term that covers it; a
    syllable no term covers stays unknown, at half the weight of an unknown word."""
    for position in syllables:
        shares = [
            float(index.idf[unit.alternatives[0][0][0]]) / len(unit.span)
            for unit in units
            if position in unit.span and len(unit.span) > 1
        ]
        weights[position] = max(shares) if shares else index.max_idf / 2


def plan_cjk(
    *,
    index: Index,
    run: str,
    weights: list[float],
    units: list[Unit],
    keys: list[set[str]],
    labels: list[str],
) -> set[int]:
    """Plan a run of CJK characters: a unit per character and per pair. Returns the positions
    of its stop characters and stop words, which say nothing about the topic."""
    tuning = index.tuning
    start = len(weights)
    failure = nz.cjk_failure_positions(run)
    in_stopwords = nz.cjk_stopword_positions(run) | failure
    neutral = set()
    for offset, char in enumerate(run):
        term_id = index.term(char)
        weight = float(index.idf[term_id]) if term_id is not None else index.max_idf
        if nz.is_cjk_stopchar(char) or offset in in_stopwords:
            neutral.add(start + offset)
            weight *= tuning.stopword_factor
        weights.append(weight)
        keys.append({char: 1.0})
        labels.append(char)
        unit = Unit(
            span=(len(weights) - 1,),
            label=char,
            query_weight=tuning.unigram_query_weight if len(run) > 1 else 1.0,
            quality_factor=tuning.unigram_quality if len(run) > 1 else 1.0,
        )
        if term_id is not None:
            unit.alternatives.append(((term_id,), 1.0))
        units.append(unit)
    for offset in range(len(run) - 1):
        bigram = run[offset : offset + 2]
        unit = Unit(
            span=(start + offset, start + offset + 1),
            label=bigram,
            query_weight=tuning.stopword_factor if {offset, offset + 1} <= in_stopwords else 1.0,
            quality_factor=1.0,
        )
        term_id = index.term(bigram)
        if term_id is not None:
            unit.alternatives.append(((term_id,), 1.0))
        pinyin = nz.pinyin_of(bigram)
        pinyin_id = index.term(nz.PINYIN_PREFIX + pinyin) if pinyin else None
        if pinyin_id is not None:
            unit.alternatives.append(((pinyin_id,), tuning.pinyin_quality))
        units.append(unit)
    _rejoin_split_verbs(index=index, run=run, start=start, failure=failure, units=units)
    return neutral


def _rejoin_split_verbs(
    *, index: Index, run: str, start: int, failure: set[int], units: list[Unit]
) -> None:
    """A failure complement splits a two-character verb ("付款" in "付不了款", "上网" in
    "上不了网"): the characters on either side of it are matched as the pair they form."""
    for offset in sorted(failure):
        if offset - 1 in failure or offset == 0:
            continue
        end = offset
        while end in failure:
            end += 1
        if end >= len(run):
            continue
        pair = run[offset - 1] + run[end]
        term_id = index.term(pair)
        if term_id is not None:
            unit = Unit(
                span=(start + offset - 1, start + end),
                label=pair,
                query_weight=1.0,
                quality_factor=1.0,
            )
            unit.alternatives.append(((term_id,), 1.0))
            units.append(unit)


def plan_joined_words(
    *, index: Index, word_positions: list[tuple[int, str]], units: list[Unit]
) -> None:
    """Words split by a stray space ("tele 2", "bao hao ka") match the joined index term."""
    tuning = index.tuning
    for size in (2, 3):
        for start in range(len(word_positions) - size + 1):
            window = word_positions[start : start + size]
            if window[-1][0] - window[0][0] != size - 1:
                continue
            if all(nz.is_stopword(word) for _position, word in window):
                continue  # "me an" is not "mean"
            joined = "".join(word for _position, word in window)
            span = tuple(position for position, _word in window)
            for term, quality in (
                (nz.stem(joined), 1.0),
                (nz.PINYIN_PREFIX + joined, tuning.pinyin_quality),
            ):
                term_id = index.term(term)
                if term_id is not None:
                    unit = Unit(span=span, label=joined, query_weight=1.0, quality_factor=1.0)
                    unit.alternatives.append(((term_id,), quality))
                    units.append(unit)
                    break


def plan_synonyms(
    *,
    index: Index,
    keys: list[dict[str, float]],
    labels: list[str],
    units: list[Unit],
    word_units: dict[int, Unit],
) -> None:
    """The synonym phrases of the query, each a unit any member of its group answers, in any
    language; the longest first at each position (of two as long, the surer reading). A
    phrase said with a word between its words is a less sure reading of it."""
    tuning = index.tuning
    position = 0
    while position < len(keys):
        best: tuple[int, int, float, tuple[int, ...]] | None = None
        # In a fixed order (sorted keys, members in index order), so that ties between
        # phrases of one length resolve the same way in every process.
        for first_key in sorted(keys[position]):
            for member_id in index.synonym_by_first_key.get(first_key, ()):
                _group, member_keys, _terms = index.synonym_members[member_id]
                found = _placed(keys, position, member_keys)
                if found is None:
                    continue
                places, loose = found
                # A synonym reached through a doubtful reading of a word (a word the index
                # knows, or a pinyin syllable, read as a typo: "on their side" as "site") is
                # no surer than that reading.
                sure = min(keys[at][key] for at, key in zip(places, member_keys, strict=True))
                sure *= tuning.loose_phrase_quality if loose else 1.0
                if best is None or (len(member_keys), sure) > (best[1], best[2]):
                    best = (member_id, len(member_keys), sure, places)
        if best is None:
            position += 1
            continue
        member_id, _length, spelled, span = best
        group_id = index.synonym_members[member_id][0]
        alternatives = [
            (
                index.synonym_members[other][2],
                spelled * (1.0 if other == member_id else tuning.synonym_quality),
            )
            for other in index.synonym_groups[group_id]
            if index.synonym_members[other][2]
        ]
        # A single word: synonyms are more spellings of the same unit, not an extra one.
        add_phrase_unit(
            span=span,
            label=(
                "".join(labels[span[0] : span[-1] + 1])
                if all(len(labels[p]) == 1 for p in span)
                else " ".join(labels[p] for p in span)
            ),
            alternatives=alternatives,
            units=units,
            word_units=word_units,
        )
        position = span[-1] + 1


# How many other words a synonym phrase may have between its words in the query, in all. Two
# or three let "пополнить обычную российскую симку" read as "пополнить симку", and lost more
# than they gained on the sets we tune on.
_GAP = 1


def _placed(
    keys: list[dict[str, float]], position: int, phrase: tuple[str, ...]
) -> tuple[tuple[int, ...], bool] | None:
    """Where the query says a phrase (one key per word) from ``position`` on: its words in
    order, with at most ``_GAP`` other words between them ("код подтверждения от банка" for
    "код от банка"). Returns the positions of its words and whether a word came between, or
    None."""
    if fits(keys, position, phrase):
        return tuple(range(position, position + len(phrase))), False
    if len(phrase) < 2:
        return None
    places = [position]
    skipped = 0
    for key in phrase[1:]:
        at = places[-1] + 1
        while at < len(keys) and key not in keys[at] and skipped < _GAP:
            at += 1
            skipped += 1
        if at >= len(keys) or key not in keys[at]:
            return None
        places.append(at)
    return tuple(places), True
