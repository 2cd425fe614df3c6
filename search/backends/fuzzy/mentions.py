"""The carriers (filter values) a query names, by any of their names, synonyms or a one-edit
misspelling: read by scoring like the request's context."""

from __future__ import annotations

from rapidfuzz.distance import OSA

from search import normalize as nz
from search.backends.fuzzy.index import Index
from search.backends.fuzzy.unit import Unit, add_phrase_unit, fits
from search.backends.fuzzy.vocabulary import same_digits


def plan_mentions(
    *,
    index: Index,
    keys: list[dict[str, float]],
    labels: list[str],
    units: list[Unit],
    word_units: dict[int, Unit],
) -> tuple[dict[str, frozenset[str]], tuple[int, ...]]:
    """The filter values (carriers) the query names, by any of their names or synonyms, and
    the positions that name them.

    A name matches the documents that write another of its names ("МТС" those that say
    "MTS"). A word that is no name but one edit from exactly one ("beelin", "mst" for "mts":
    a three-letter word only by swapping two letters; the digits of a name kept, "tele3" is no
    Tele2) names it too.
    """
    found: dict[str, set[str]] = {}
    positions: list[int] = []
    position = 0
    while position < len(keys):
        best: tuple[tuple[str, ...], tuple] | None = None
        for first_key in sorted(keys[position]):
            for name_keys, targets in index.mention_by_first_key.get(first_key, ()):
                if not fits(keys, position, name_keys):
                    continue
                if best is None or len(name_keys) > len(best[0]):
                    best = (name_keys, targets)
        quality = index.tuning.synonym_quality
        if best is None:
            targets = _misspelled_mention(index=index, unit=word_units.get(position))
            length, quality = 1, index.tuning.misspelled_mention_quality
        else:
            targets, length = best[1], len(best[0])
        for name, value in targets:
            found.setdefault(name, set()).add(value)
        if targets:
            span = tuple(range(position, position + length))
            positions.extend(span)
            alternatives = [
                (terms, quality)
                for target in targets
                for terms in index.mention_terms.get(target, ())
            ]
            add_phrase_unit(
                span=span,
                label=" ".join(labels[at] for at in span),
                alternatives=alternatives,
                units=units,
                word_units=word_units,
            )
        position += length
    return {name: frozenset(values) for name, values in found.items()}, tuple(positions)


def _misspelled_mention(*, index: Index, unit: Unit | None) -> tuple:
    """The one filter value a word that the index hardly knows is a misspelled name of."""
    if unit is None or not index.mention_words or nz.is_stopword(unit.label):
        return ()
    word = nz.word_terms(unit.label)[0]
    term_id = index.term(word)
    if len(word) < 3 or (term_id is not None and index.idf[term_id] < index.rare_idf):
        return ()
    close: set[tuple[str, str]] = set()
    for name, targets in index.mention_words.items():
        if abs(len(name) - len(word)) > 1 or (name[0] != word[0] and len(word) > 3):
            continue
        if not same_digits(name, word):
            continue
        if len(word) == 3 or len(name) == 3:
            if sorted(name) != sorted(word) or OSA.distance(word, name, score_cutoff=1) > 1:
                continue
        elif OSA.distance(word, name, score_cutoff=1) > 1:
            continue
        close.update(targets)
    return tuple(close) if len(close) == 1 else ()
