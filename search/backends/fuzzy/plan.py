"""Query planning: normalized query text -> weighted positions and the units that cover them."""

from __future__ import annotations

from dataclasses import dataclass, field

from search import normalize as nz
from search.backends.fuzzy.index import Index
from search.backends.fuzzy.mentions import plan_mentions
from search.backends.fuzzy.phrases import (
    plan_cjk,
    plan_joined_words,
    plan_synonyms,
    weigh_syllables,
)
from search.backends.fuzzy.stories import failure_asked, weigh_story
from search.backends.fuzzy.tokens import MEASURE, SYLLABLE, query_tokens
from search.backends.fuzzy.unit import Unit
from search.text.questions import PROBLEM
from search.text.words import WORD


@dataclass(slots=True)
class Plan:
    """A planned query: the weight of each position and the units that cover them."""

    weights: list[float]
    units: list[Unit]
    # The weights before the story around a question was discounted: how much the query says,
    # and how much of it the index does not know, count every sentence in full.
    information: list[float]
    # Per position: whether the index knows it (a word, a spelling close to one, a CJK pair
    # or phrase). A lone CJK character of a longer run does not count: 交 and 通 are known
    # characters, but "交通" is not a word of this collection.
    recognized: list[bool] = field(default_factory=list)
    # Whether the query touches one of the index's anchors (always, without anchors).
    anchored: bool = True
    # The filter values the query names ("carrier" -> {"beeline"}), read like the context.
    mentions: dict[str, frozenset[str]] = field(default_factory=dict)
    # The positions where the query names them ("теле2" in "язык в приложении теле2").
    mention_positions: tuple[int, ...] = ()
    # The kinds of answer it asks for (search.text.questions: a reason, a definition...).
    intents: int = 0
    # Per position: the text it stands for (a word, a CJK character, a pinyin syllable).
    labels: list[str] = field(default_factory=list)
    # The words its negations negate, as meant ("пополнить" in "пополнить не получается").
    negated: tuple[str, ...] = ()
    # ... those of them it says were tried and failed ("пополнить" in "не смог пополнить").
    attempted: tuple[str, ...] = ()
    # Whether it is two sentences or more: a story told around what it asks.
    story: bool = False
    # Whether it says the payment was made already ("оплатил на сайте, а денег нет"), and
    # whether it asks how to pay (again) all the same.
    done: bool = False
    asks_paying: bool = False
    # Whether it says a payment was refused or failed ("карту не принимают", "declined").
    refused: bool = False
    # Whether it says the whole line is down ("номер вообще не работает", "no calls, no data").
    line_down: bool = False

    def total_information(self) -> float:
        return float(sum(self.information))

    def unknown_share(self) -> float:
        """The share of the query's information (IDF-weighted) that the index does not know."""
        total = sum(self.information)
        if total <= 0:
            return 0.0
        pairs = zip(self.information, self.recognized, strict=True)
        unknown = sum(weight for weight, known in pairs if not known)
        return unknown / total


def _add_spelling(
    *,
    index: Index,
    unit: Unit,
    keys: dict[str, float],
    word: str,
    quality: float = 1.0,
    key_quality: float = 1.0,
) -> list[float]:
    """Let ``unit`` match ``word``, a spelling of the query's word (the word itself, a typo's
    correction, the word with another verb prefix), at ``quality``.

    Its first index term joins the position's keys, so a correction to a synonym that no
    document spells out still finds its group ("пополнеие" -> "пополнение" -> "пополнить");
    the unit matches it where the index holds it. Returns its IDF then, else nothing.
    ``key_quality`` is how sure that reading of the word is, for the synonyms found through it.
    """
    term = nz.word_terms(word)[0]
    keys[term] = max(keys.get(term, 0.0), key_quality)
    term_id = index.term(term)
    if term_id is None:
        return []
    unit.alternatives.append(((term_id,), quality))
    return [float(index.idf[term_id])]


# A correction that keeps a word's first five letters only changes its ending: another form
# of the same word ("гражданка" -> "гражданина", "переключается" -> "переключатель").
_SAME_WORD_START = 5


def _same_word(word: str, correction: str) -> bool:
    """Whether ``correction`` is ``word`` in another form rather than another word."""
    start = min(_SAME_WORD_START, len(word))
    return correction[:start] == word[:start]


def _respelled(index: Index, word: str, *, stem_known: bool) -> str | None:
    """The word a Russian reflexive verb misspells by its ending ("удаеться" for "удается"):
    a modal, or a word the index knows when it knows neither this spelling nor its stem
    ("подключиться" is no misspelling of "подключится")."""
    if word in index.vocabulary.word_ids:
        return None
    other = nz.respelled_reflexive(word)
    if other is None:
        return None
    if nz.is_modal(other):
        return other
    return other if not stem_known and other in index.vocabulary.word_ids else None


def _bind_negation(
    *, index: Index, unit: Unit, words: list[str], at: int
) -> tuple[str | None, int | None, bool]:
    """A negation (``words[at]``) counts fully only where the document negates the same word.
    Returns the word it negates, if any, the place among ``words`` of the modal it passes
    through to that word, if any, and whether it says that an attempt failed."""
    negated, modal = nz.read_negation(words, at)
    unbound = index.tuning.unbound_negation_quality
    unit.alternatives = [(term_ids, quality * unbound) for term_ids, quality in unit.alternatives]
    if not negated:
        return None, modal, False
    prefix, word = nz.negation_parts(negated)
    attempt = prefix == nz.ATTEMPT_PREFIX
    # The same word negated as the other kind of failure (an attempt for an outcome, or the
    # other way round) is the next best reading.
    other = nz.NEGATION_PREFIX if attempt else nz.ATTEMPT_PREFIX
    readings = [(negated, 1.0), (other + word, index.tuning.other_failure_quality)]
    for reading, quality in reversed(readings):
        bound = index.term(nz.word_terms(reading)[0])
        if bound is not None:
            unit.alternatives.insert(0, ((bound,), quality))
    return word, modal, attempt


def plan_query(*, index: Index, text: str) -> Plan:
    """Turn normalized query text into weighted positions and the units that cover them."""
    tuning = index.tuning
    weights: list[float] = []
    units: list[Unit] = []
    # Per position: the index keys it may be read as, and how sure each reading is.
    keys: list[dict[str, float]] = []
    labels: list[str] = []
    word_positions: list[tuple[int, str]] = []
    word_units: dict[int, Unit] = {}

    def idf(term_id: int | None) -> float:
        return float(index.idf[term_id]) if term_id is not None else index.max_idf

    tagged = query_tokens(index=index, text=text)
    tokens = [token for token, _asking in tagged]
    # Per position: whether it is in the story around the question (see stories.weigh_story).
    story: list[bool] = []
    # The words of the query in order, and where each token's word is among them.
    query_words = [token.text for token in tokens if token.kind == "word"]
    word_index = {}
    for at, token in enumerate(tokens):
        if token.kind == "word":
            word_index[at] = len(word_index)
    syllables: list[int] = []
    # The words the index does not know, read as the word they misspell ("interent" ->
    # "internet"): a negation binds to the word meant, and the kinds of question are read
    # from it ("no interent" reports a failure as "no internet" does).
    corrections: dict[str, str] = {}
    negations: list[tuple[Unit, int]] = []
    # Per word of the query (its place among query_words): its position.
    at_word: dict[int, int] = {}
    # Stopwords ("how", "my", "的") say nothing about the topic: never "unknown".
    neutral: set[int] = set()
    for at, token in enumerate(tokens):
        if at:  # the positions of the token before
            story.extend([not tagged[at - 1][1]] * (len(weights) - len(story)))
        if token.kind == SYLLABLE:
            # A syllable of joined pinyin: matched only together with its neighbours, as
            # the 2-3 syllable pinyin terms of the index (see phrases.plan_joined_words).
            syllables.append(len(weights))
            word_positions.append((len(weights), token.text))
            weights.append(index.max_idf)
            keys.append({token.text: 1.0})
            labels.append(token.text)
            continue
        if token.kind == "cjk":
            neutral.update(
                plan_cjk(
                    index=index,
                    run=token.text,
                    weights=weights,
                    units=units,
                    keys=keys,
                    labels=labels,
                )
            )
            continue
        position = len(weights)
        word = token.text
        unit = Unit(span=(position,), label=word, query_weight=1.0, quality_factor=1.0)
        position_keys = {word: 1.0}
        if token.kind == "code":
            term_id = index.term(word)
            if term_id is not None:
                unit.alternatives.append(((term_id,), 1.0))
            weight = idf(term_id)
        else:
            # The IDF of each spelling the index holds: the word, its parts, corrections.
            known = _add_spelling(index=index, unit=unit, keys=position_keys, word=word)
            if "-" in word:
                parts = tuple(
                    index.term(nz.stem(part)) for part in word.split("-") if len(part) >= 2
                )
                if parts and all(part is not None for part in parts):
                    unit.alternatives.append((parts, 1.0))  # type: ignore[arg-type]
                    known = known or [max(idf(part) for part in parts)]
            # A word only a document or two hold may be a misspelling kept as a keyword
            # ("numbr"): it still gets the corrections the other documents need.
            rare = bool(unit.alternatives) and all(
                index.idf[term_ids[0]] >= index.rare_idf for term_ids, _ in unit.alternatives
            )
            # So may a word no document spells that way, though its stem is known: "деньи"
            # (for "деньги") stems as "день" does.
            unspelled = (
                bool(unit.alternatives)
                and len(word) >= 5
                and word not in index.vocabulary.word_ids
                and not nz.is_pinyin(word)
            )
            # A misspelled stop word ("whree", "raelly") is that stop word, not a word the
            # index has never seen nor one two typos away ("rarely"): people type stop words
            # most.
            meant = _respelled(index, word, stem_known=bool(unit.alternatives)) or (
                None if unit.alternatives or nz.is_pinyin(word) else nz.misspelled_stopword(word)
            )
            if meant:
                corrections[word] = meant
                known += _add_spelling(index=index, unit=unit, keys=position_keys, word=meant)
            elif (
                (not unit.alternatives or rare or unspelled)
                and len(word) >= 3
                and not word.isdigit()
            ):
                besides = nz.word_terms(word)[0] if rare or unspelled else ""
                candidates = index.vocabulary.typo_candidates(
                    word, besides=besides, one_typo=unspelled and not rare
                )
                if not nz.is_pinyin(word) and nz.zipf_frequency(word) >= tuning.common_word_zipf:
                    candidates = [pair for pair in candidates if _same_word(word, pair[0])]
                if candidates and not unit.alternatives:
                    corrections[word] = candidates[0][0]
                for candidate, similarity in candidates:
                    known += _add_spelling(
                        index=index,
                        unit=unit,
                        keys=position_keys,
                        word=candidate,
                        quality=similarity,
                        key_quality=similarity if rare or unspelled or nz.is_pinyin(word) else 1.0,
                    )
            if not unit.alternatives and not nz.is_stopword(meant or word):
                for relative in index.vocabulary.prefix_relatives(word):
                    known += _add_spelling(
                        index=index,
                        unit=unit,
                        keys=position_keys,
                        word=relative,
                        quality=tuning.prefix_quality,
                    )
            if nz.is_pinyin(word):
                term_id = index.term(nz.PINYIN_PREFIX + word)
                if term_id is not None:
                    unit.alternatives.append(((term_id,), tuning.pinyin_quality))
                    known = known or [idf(term_id)]
            weight = max(known) if known else index.max_idf
            if nz.is_negation(word):
                negations.append((unit, word_index[at]))
                # Every negation of a script says as much as its commonest one: "couldnt" is
                # rare in documents that write "can't", not more informative.
                weight = min(weight, index.negation_idf.get(word.isascii(), weight))
            if nz.is_stopword(meant or word) or (
                (word.isdigit() or token.kind == MEASURE) and not unit.alternatives
            ):
                # A number the index does not know (a phone number, an amount), or the unit
                # written after it ("500р"), says nothing about the topic either.
                neutral.add(position)
                weight *= tuning.stopword_factor
                unit.query_weight = tuning.stopword_factor
            word_positions.append((position, word))
            word_units[position] = unit
            if at in word_index:
                at_word[word_index[at]] = position
        weights.append(weight)
        keys.append(position_keys)
        labels.append(word)
        units.append(unit)
    story.extend([not tagged[-1][1]] * (len(weights) - len(story)) if tagged else [])
    meant_words = [corrections.get(word, word) for word in query_words]
    negated = []
    attempted = []
    for unit, at in negations:
        word, found, attempt = _bind_negation(index=index, unit=unit, words=meant_words, at=at)
        negated.append(word)
        if attempt:
            attempted.append(word)
        # "не могу войти" says what "не получается войти" says: the modal a negation passes
        # through to its verb is a stop word there, however rare it is in the documents.
        modal = at_word.get(found) if found is not None else None
        if modal is not None and modal not in neutral:
            neutral.add(modal)
            weights[modal] *= tuning.stopword_factor
            word_units[modal].query_weight = tuning.stopword_factor
    plan_joined_words(index=index, word_positions=word_positions, units=units)
    plan_synonyms(index=index, keys=keys, labels=labels, units=units, word_units=word_units)
    mentions, mention_positions = plan_mentions(
        index=index, keys=keys, labels=labels, units=units, word_units=word_units
    )
    units = [unit for unit in units if unit.alternatives]
    weigh_syllables(index=index, syllables=syllables, units=units, weights=weights)
    recognized = [position in neutral for position in range(len(weights))]
    for unit in units:
        if unit.quality_factor >= 1.0:
            for position in unit.span:
                recognized[position] = True
    anchored = not index.anchors or any(
        term_ids in index.anchors for unit in units for term_ids, _quality in unit.alternatives
    )
    return Plan(
        weights=weigh_story(index=index, story=story, units=units, weights=weights),
        units=units,
        recognized=recognized,
        anchored=anchored,
        mentions=mentions,
        mention_positions=mention_positions,
        information=weights,
        intents=_intents(_corrected(text, corrections)),
        labels=labels,
        negated=tuple(dict.fromkeys(word for word in negated if word)),
        attempted=tuple(dict.fromkeys(attempted)),
        story=len(nz.sentences(text)) >= 2,
        done=nz.says_done(text),
        asks_paying=nz.asks_how_to_pay(text),
        refused=nz.reports_refused_payment(text),
        line_down=nz.reports_line_down(text),
    )


def _corrected(text: str, corrections: dict[str, str]) -> str:
    """The text with each misspelled word as the word it misspells."""
    if not corrections:
        return text
    return WORD.sub(lambda match: corrections.get(match[0], match[0]), text)


def _intents(text: str) -> int:
    """What the query asks for; a failure it reports only when it asks about it."""
    found = nz.intents(text)
    if found & PROBLEM and not failure_asked(text):
        found &= ~PROBLEM
    return found
