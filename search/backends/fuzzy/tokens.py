"""The query's tokens before planning: its sentences (whether each asks), within the budget of
positions, with amounts and joined pinyin split."""

from __future__ import annotations

import re

from search import normalize as nz
from search.backends.fuzzy.index import Index
from search.backends.fuzzy.stories import story_sentences


def query_tokens(*, index: Index, text: str) -> list[tuple[nz.Token, bool]]:
    """The tokens of normalized query text, each with whether its sentence asks."""
    return _within_budget(
        [
            (token, asking)
            for sentence, asking in story_sentences(text)
            for token in _split_joined_pinyin(
                index=index, tokens=_split_amounts(index=index, tokens=nz.tokenize(text=sentence))
            )
        ]
    )


# The most query positions (words, CJK characters) one search plans: what one query may cost
# is bounded whatever its script (300 characters of Chinese are 300 positions and 599 units).
MAX_POSITIONS = 64


def _within_budget(tokens: list[tuple[nz.Token, bool]]) -> list[tuple[nz.Token, bool]]:
    """The tokens that fit in MAX_POSITIONS, a CJK run cut where the budget ends; a word or
    run said again adds nothing and is left out ("top up top up top up…"). Each token comes
    with a tag (whether its sentence asks), kept."""
    kept: list[tuple[nz.Token, bool]] = []
    seen: set[nz.Token] = set()
    left = MAX_POSITIONS
    for token, tag in tokens:
        if left <= 0:
            break
        if token in seen:
            continue
        seen.add(token)
        if token.kind == "cjk" and len(token.text) > left:
            token = nz.Token("cjk", token.text[:left])
        kept.append((token, tag))
        left -= len(token.text) if token.kind == "cjk" else 1
    return kept


# A number glued to its unit ("500р", "10gb", "3дня"), when the index does not know the
# whole: the number, and the unit as a word of kind MEASURE.
_AMOUNT = re.compile(r"([0-9]+)([^\W\d_]+)")
MEASURE = "measure"


def _split_amounts(*, index: Index, tokens: list[nz.Token]) -> list[nz.Token]:
    """An amount typed without a space ("кинул 500р") as the number and its unit, so that
    neither counts as an unknown word; "4g" or "t2", when the index knows them, stay whole,
    and so does a word of a synonym group ("3ds", which no document spells)."""
    split: list[nz.Token] = []
    for token in tokens:
        amount = _AMOUNT.fullmatch(token.text) if token.kind == "word" else None
        if (
            amount
            and index.term(nz.word_terms(token.text)[0]) is None
            and token.text not in index.vocabulary.word_ids
        ):
            split.append(nz.Token("word", amount[1]))
            split.append(nz.Token(MEASURE, amount[2]))
            continue
        split.append(token)
    return split


SYLLABLE = "syllable"
# Joined pinyin of this many syllables or more is split; shorter runs are index terms already
# ("baohaoka", "chongzhi").
MIN_JOINED_SYLLABLES = 3


def _split_joined_pinyin(*, index: Index, tokens: list[nz.Token]) -> list[nz.Token]:
    """Pinyin typed without spaces ("chongzhishibai") as its syllables, when the index does
    not know the word as it is."""
    split: list[nz.Token] = []
    for token in tokens:
        word = token.text
        if (
            token.kind == "word"
            and len(word) >= 2 * MIN_JOINED_SYLLABLES
            and index.term(nz.word_terms(word)[0]) is None
            and index.term(nz.PINYIN_PREFIX + word) is None
        ):
            parts = nz.split_pinyin(word)
            if len(parts) >= MIN_JOINED_SYLLABLES and _joins_pinyin_terms(index, parts):
                split.extend(nz.Token(SYLLABLE, part) for part in parts)
                continue
        split.append(token)
    return split


def _joins_pinyin_terms(index: Index, syllables: list[str]) -> bool:
    """Whether neighbouring syllables spell a pinyin term of the index ("chongzhi" in
    "chongzhishibai"): a word that only happens to split into syllables ("balanse", a typo
    of "balance") is left whole, for the typo corrections."""
    return any(
        index.term(nz.PINYIN_PREFIX + "".join(syllables[start : start + size])) is not None
        for size in (2, 3)
        for start in range(len(syllables) - size + 1)
    )
