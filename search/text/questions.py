"""Which part of a long query asks: its sentences, and whether each one is a question.

"Paid at the till an hour ago, receipt in hand, the money isn't there. Who do I contact?"
tells a story and then asks; the words of the story are context, the question is what the
reader wants answered.
"""

from __future__ import annotations

import re

# Sentence ends (normalized text: full-width marks are ASCII after NFKC, but 。 stays); a
# full stop only before a space, so "1.5 GB" stays one sentence; not ";", which is a
# letter on the Russian keyboard ("jgkfnbnm ;").
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？；?!])|\n+")
# Words that make a sentence a question wherever they stand, and those that do only as its
# first word ("is there…", "когда…": elsewhere they join clauses). Chinese question words are
# found inside the run (no word boundaries there).
_ASKING_TEXT = """
    how why what where which who whom whose
    как почему зачем где куда откуда сколько какой какая какое какие каким ли разве
"""
_ASKING_FIRST_TEXT = """
    is are am was were do does did can could should would will has have any when
    что когда можно кто кому чем нужно надо
"""
_ASKING_WORDS = frozenset(_ASKING_TEXT.split())
_ASKING_FIRST_WORDS = frozenset(_ASKING_FIRST_TEXT.split())
_ASKING_CJK = re.compile(
    r"怎么|怎样|怎麼|如何|为什么|為什麼|为啥|什么|什麼|哪|多少|能不能|能否|可不可以|可以吗|"
    r"是不是|有没有|要不要|吗|嗎|呢|咋|啥"
)
_WORD = re.compile(r"[^\W\d_]+")


# Clauses: a comma (or 、) followed by more words.
_CLAUSE_END = re.compile(r"(?<=[,，、])\s*")


def sentences(text: str, *, clauses: bool = False) -> list[str]:
    """The sentences of normalized text, in order (empty ones left out); with ``clauses``,
    the parts between commas."""
    parts = [part for part in _SENTENCE_END.split(text) if part.strip()]
    if clauses:
        parts = [clause for part in parts for clause in _CLAUSE_END.split(part) if clause.strip()]
    return parts


def asks(sentence: str) -> bool:
    """Whether a sentence is a question: a question mark, a question word (how, как, 怎么)."""
    stripped = sentence.rstrip()
    if stripped.endswith(("?", "？")):
        return True
    if _ASKING_CJK.search(sentence):
        return True
    words = _WORD.findall(sentence)
    if words and words[0] in _ASKING_FIRST_WORDS:
        return True
    return any(word in _ASKING_WORDS for word in words)
