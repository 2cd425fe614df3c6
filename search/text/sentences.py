"""A query's sentences and clauses: where a long query's story ends and its question starts.

"Paid at the till an hour ago, receipt in hand, the money isn't there. Who do I contact?"
tells a story and then asks; search.text.questions tells which part asks.
"""

from __future__ import annotations

import re

from search.text.scripts import CJK_CLASS

# Sentence ends (normalized text: full-width marks are ASCII after NFKC, but 。 stays); a
# full stop only before a space, so "1.5 GB" stays one sentence; not ";", which is a
# letter on the Russian keyboard ("jgkfnbnm ;").
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？；?!])|\n+")
# What follows a text's last word or question mark: a smiley, an emoji.
_TRAILING = re.compile(r"[^\w?？]+$")


def without_trailing(text: str) -> str:
    """The text without what follows its last word or question mark ("?)))", "? 😭", ":(")."""
    return _TRAILING.sub("", text)


# Clauses: a comma (or 、) followed by more words.
# Chinese typed on a phone often separates its clauses with a space instead of a comma
# ("mts官网一直登不上 能不能直接去便利店交话费"): a space between two runs of four CJK
# characters or more ends one. Shorter runs are keywords ("保号 套餐 多少钱一个月").
_CLAUSE_END = re.compile(rf"(?<=[,，、])\s*|(?<=[{CJK_CLASS}]{{4}})\s+(?=[{CJK_CLASS}]{{4}})")


# Typed with no punctuation at all, a story still asks where a question word starts after
# it: "online payment doesnt work for me can someone at the store just do it", "вытащили
# телефон вместе с симкой что срочно делать с номером".
_UNPUNCTUATED_QUESTION = re.compile(
    r"\s+(?=(?:how|why|what|where|which|can\s+(?:i|you|someone|anyone|they|it)|"
    r"could\s+(?:i|you|someone)|is\s+(?:it|there)|do\s+i|should\s+i|will\s+(?:i|it|my)|"
    r"как|почему|зачем|где|куда|сколько|можно\s+ли|можно|что\s+(?:делать|теперь|мне|будет)|"
    r"подскажите|помогите)\b)"
)
_MIN_STORY_WORDS = 5


def _unpunctuated_sentences(part: str) -> list[str]:
    """A part typed with no punctuation, split before each question word that follows at
    least a few words of story."""
    # What follows the last word is no punctuation of the text: a smiley, an emoji.
    if any(mark in without_trailing(part) for mark in ",.!?;:…，。！？；"):
        return [part]
    pieces: list[str] = []
    start = 0
    for match in _UNPUNCTUATED_QUESTION.finditer(part):
        if len(part[start : match.start()].split()) >= _MIN_STORY_WORDS:
            pieces.append(part[start : match.start()])
            start = match.end()
    pieces.append(part[start:])
    return pieces


def sentences(text: str, *, clauses: bool = False) -> list[str]:
    """The sentences of normalized text, in order (empty ones left out); with ``clauses``,
    the parts between commas."""
    # A part with no letter or digit is no sentence: an emoji or a smiley after the question.
    parts = [
        piece
        for part in _SENTENCE_END.split(text)
        for piece in _unpunctuated_sentences(part)
        if _said(piece)
    ]
    if clauses:
        parts = [
            clause
            for part in parts
            for clause in _joined_subordinates(_CLAUSE_END.split(part))
            if _said(clause)
        ]
    return parts


# A clause that "что" ("that") or "который" opens hangs on the one before it: "банк
# прислал смс, что превышен лимит" tells what the bank said, it asks nothing. "что" asks where
# what follows it is what a question asks ("…, что делать?", "…, что это значит").
_SUBORDINATE = re.compile(
    r"(?:что(?!\s+(?:делать|сделать|теперь|это|такое|значит|случилось|происходит|с|за|мне|нам|"
    r"же|ли|будет|нужно|надо|можно|лучше|выбрать)\b)|котор\w+)\b"
)


def _joined_subordinates(clauses: list[str]) -> list[str]:
    joined: list[str] = []
    for clause in clauses:
        if joined and _SUBORDINATE.match(clause.lstrip()):
            joined[-1] = f"{joined[-1]} {clause}"
        else:
            joined.append(clause)
    return joined


def _said(part: str) -> bool:
    return any(char.isalnum() for char in part)
