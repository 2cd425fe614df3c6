"""How an answer rule's phrases are found in a question.

A phrase is found when its words are in the question in the phrase's order and close
together (by stem, or by a close spelling for longer words; stop words aside, at most three
other words between two of them), each Chinese part of it appears in the question (or sounds
the same in pinyin: 登陆 for 登录), and all of this is tried on the question as typed and as
read on the other keyboard layout. Order and nearness are what keep "китайский номер" (a
Chinese SIM) from matching "оплатить российский номер китайской картой". A new question is
checked only against the phrases whose first word it holds (or that are Chinese parts alone).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from search.normalize import (
    Token,
    is_common_word,
    is_stopword,
    layout_variants,
    normalize_query,
    normalize_text,
    pinyin_of,
    stem,
    tokenize,
    unstretched,
)

# Words this long or longer may differ by a typo and still match ("paymnet" for "payment"):
# a fifth of their letters changed, left out, added or swapped with the next (one in a word of
# five to nine letters). Swapped letters are one typo, not two: "траиф" is one from "тариф"
# but two from "штраф", so a tariff question misspelled never reads as one about fines.
FUZZY_MIN_LENGTH = 5


@lru_cache(maxsize=64)
def _typos_allowed(words: tuple[str, ...]) -> np.ndarray:
    """Per word, the typos a close spelling of it may have (as a column)."""
    return np.array([len(word) // FUZZY_MIN_LENGTH for word in words])[:, None]


# At most this many words (stop words aside) between two consecutive words of a phrase.
MAX_GAP = 3


@dataclass(frozen=True, slots=True)
class _Reading:
    """One reading of a question (as typed, or on the other layout), ready for matching."""

    text: str
    # Its words in order, stop words left out, and the stem of each.
    words: tuple[str, ...]
    stems: tuple[str, ...]
    cjk: str
    pinyin: str


def _words(tokens: Iterable[Token]) -> tuple[str, ...]:
    """The words of a phrase or a question, stop words left out and a hyphenated word as its
    parts: people write "сим-карта" and "сим карта", "wi-fi" and "wi fi" alike."""
    return tuple(
        part
        for token in tokens
        if token.kind in ("word", "code")
        for part in (token.text.split("-") if token.kind == "word" else (token.text,))
        if part and not is_stopword(part)
    )


def _reading(text: str) -> _Reading:
    tokens = tokenize(text=text)
    words = _words(tokens)
    cjk = " ".join(t.text for t in tokens if t.kind == "cjk")
    pinyin = "".join(
        (pinyin_of(t.text) if t.kind == "cjk" else t.text) for t in tokens if t.kind != "code"
    )
    return _Reading(text, words, tuple(stem(w) for w in words), cjk, pinyin)


def question_readings(query: str) -> list[_Reading]:
    # Read as the search reads it: a stretched word ("taxiii") is the word.
    normalized = unstretched(normalize_query(text=query))
    if not normalized:
        return []
    return [_reading(variant) for variant in [normalized, *layout_variants(text=normalized)]]


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A rule phrase, analysed once: its words (stop words left out) and CJK parts."""

    words: tuple[str, ...]
    runs: tuple[str, ...]
    # The pinyin of each CJK part of two characters or more ("" if some character has none).
    sounds: tuple[str, ...]


@lru_cache(maxsize=4096)
def _phrase(phrase: str) -> _Phrase:
    tokens = tokenize(text=normalize_text(text=phrase))
    words = _words(tokens)
    runs = tuple(t.text for t in tokens if t.kind == "cjk")
    return _Phrase(words, runs, tuple(pinyin_of(run) if len(run) >= 2 else "" for run in runs))


class _Positions:
    """Where each word of the rules' phrases is found in one reading of a question.

    The close spellings of every longer phrase word are scored against the question's words
    at once (one rapidfuzz matrix); the rest are dictionary lookups.
    """

    def __init__(
        self, reading: _Reading, fuzzy_words: Sequence[str], known: frozenset[str] = frozenset()
    ) -> None:
        self.reading = reading
        # Each word's stem and the word itself -> where they occur.
        self.by_form: dict[str, list[int]] = {}
        for at, (word, word_stem) in enumerate(zip(reading.words, reading.stems, strict=True)):
            self.by_form.setdefault(word_stem, []).append(at)
            if word != word_stem:
                self.by_form.setdefault(word, []).append(at)
        self.close: dict[str, list[int]] = {}
        if fuzzy_words and reading.words:
            distances = cdist(fuzzy_words, reading.words, scorer=OSA.distance, score_cutoff=2)
            allowed = _typos_allowed(fuzzy_words)
            for row, column in zip(*np.nonzero(distances <= allowed), strict=True):
                word, candidate = fuzzy_words[row], reading.words[column]
                # A word the search knows as itself is no typo of another: "налом" (cash, a
                # synonym) is not "налог" (tax); nor is a common word of the language
                # ("стройка", a building site, is not "тройка").
                if (
                    abs(len(candidate) - len(word)) <= 2
                    and candidate not in known
                    and not is_common_word(candidate)
                ):
                    self.close.setdefault(word, []).append(int(column))
        self._memo: dict[str, list[int]] = {}

    def of(self, word: str) -> list[int]:
        """The positions of a phrase word: same stem, same word, or a close spelling."""
        found = self._memo.get(word)
        if found is None:
            found = self._memo[word] = sorted(
                {
                    *self.by_form.get(stem(word), ()),
                    *self.by_form.get(word, ()),
                    *self.close.get(word, ()),
                }
            )
        return found

    def words_found(self, words: Sequence[str]) -> bool:
        """Whether the words occur in this order, at most MAX_GAP words apart."""
        reachable: list[int] | None = None  # where the phrase so far may end
        for word in words:
            positions = self.of(word)
            if reachable is not None:
                positions = [
                    at for at in positions if any(0 < at - end <= MAX_GAP + 1 for end in reachable)
                ]
            if not positions:
                return False
            reachable = positions
        return True

    def runs_found(self, phrase: _Phrase) -> bool:
        # Chinese typos are mostly homophones picked from the input method (登陆/登录, 续废/续费).
        return all(
            run in self.reading.cjk or (bool(sound) and sound in self.reading.pinyin)
            for run, sound in zip(phrase.runs, phrase.sounds, strict=True)
        )


@lru_cache(maxsize=64)
def _fuzzy_words(phrase_sets: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The distinct phrase words long enough to be found by a close spelling."""
    return tuple(
        sorted(
            {
                word
                for phrases in phrase_sets
                for phrase in phrases
                for word in _phrase(phrase).words
                if len(word) >= FUZZY_MIN_LENGTH
            }
        )
    )


def phrase_matches(*, phrase: str, readings: Sequence[_Positions]) -> bool:
    """Whether a rule phrase is found in any reading of the question."""
    parts = _phrase(phrase)
    if not parts.words and not parts.runs:
        return False
    return any(
        (not parts.words or reading.words_found(parts.words)) and reading.runs_found(parts)
        for reading in readings
    )


@dataclass(frozen=True, slots=True)
class _PhraseIndex:
    """The rules' phrases by their first word, so that a question is checked only against
    the phrases whose first word it holds (and the phrases of Chinese parts alone)."""

    # A first word and its stem -> (which rule, phrase) of the phrases it begins.
    by_first: Mapping[str, tuple[tuple[int, str], ...]]
    cjk_only: tuple[tuple[int, str], ...]


@lru_cache(maxsize=64)
def _phrase_index(phrase_sets: tuple[tuple[str, ...], ...]) -> _PhraseIndex:
    by_first: dict[str, list[tuple[int, str]]] = {}
    cjk_only = []
    for number, phrases in enumerate(phrase_sets):
        for phrase in phrases:
            parts = _phrase(phrase)
            if parts.words:
                first = parts.words[0]
                for key in {first, stem(first)}:
                    by_first.setdefault(key, []).append((number, phrase))
            elif parts.runs:
                cjk_only.append((number, phrase))
    return _PhraseIndex({key: tuple(found) for key, found in by_first.items()}, tuple(cjk_only))


def _candidates(index: _PhraseIndex, reading: _Positions) -> set[tuple[int, str]]:
    """The phrases that may be in a reading: its words, their stems and the phrase words
    close to them in spelling begin them (a phrase word is found by exactly these)."""
    found = set(index.cjk_only)
    for form in (*reading.by_form, *reading.close):
        found.update(index.by_first.get(form, ()))
    return found


@lru_cache(maxsize=2048)
def phrases_found(
    phrase_sets: tuple[tuple[str, ...], ...], query: str, known: frozenset[str] = frozenset()
) -> tuple[bool, ...]:
    """For each rule's phrases, whether one is found in `query`: worked out once per question
    and set of rules, since the same question comes back with another carrier, card type or
    page (conditions are checked per request, they are cheap). A word in ``known`` is found
    as itself only, never as a close spelling of a phrase word."""
    fuzzy_words = _fuzzy_words(phrase_sets)
    index = _phrase_index(phrase_sets)
    found = [False] * len(phrase_sets)
    for reading in question_readings(query):
        positions = _Positions(reading, fuzzy_words, known)
        for number, phrase in _candidates(index, positions):
            if not found[number] and phrase_matches(phrase=phrase, readings=[positions]):
                found[number] = True
    return tuple(found)


def phrases_in(
    phrase_sets: Sequence[Sequence[str]], query: str, known: frozenset[str] = frozenset()
) -> list[tuple[str, ...]]:
    """For each set of phrases, those found in `query` (uncached: for staff trying questions)."""
    fuzzy_words = _fuzzy_words(tuple(tuple(phrases) for phrases in phrase_sets))
    readings = [_Positions(reading, fuzzy_words, known) for reading in question_readings(query)]
    return [
        tuple(phrase for phrase in phrases if phrase_matches(phrase=phrase, readings=readings))
        for phrases in phrase_sets
    ]
