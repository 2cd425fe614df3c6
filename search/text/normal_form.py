"""The normal form both sides compare: NFKC, casefold, simplified Chinese, no junk characters."""

from __future__ import annotations

import re
import unicodedata

from search.text.chinese import has_traditional, to_simplified
from search.text.scripts import CJK_RUN

# Queries are cut to this many characters after normalizing: longer input is not a question
# anyone types, and it would only make a request slow. A story told before its question
# ("Вчера в метро у меня вытащили телефон… Что срочно сделать с номером?") often takes
# 200 to 300: its question is at the end.
MAX_QUERY_CHARS = 300

# Control, format, private-use and surrogate code points carry no meaning for search and
# can break downstream libraries.
_JUNK = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff0-\uffff"
    "\ud800-\udfff\ue000-\uf8ff]"
)


def _latin_base_letters() -> dict[int, str]:
    table = {}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            decomposed = unicodedata.normalize("NFD", chr(code))
            if len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha():
                table[code] = decomposed[0].lower()
    return table


# Latin letters with accents or tone marks as the plain letter: pinyin typed with tones
# ("chōngzhí") and "café" match what people type without them. Cyrillic keeps its й.
_LATIN_BASE = _latin_base_letters()
# The ranges the table covers. str.translate looks every character up in the table, and a miss
# costs a raised KeyError: most text has none of these letters, and skips it.
_ACCENTED = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")


# Letters that look alike in Latin and Cyrillic. A word typed with both ("rесharge bееline",
# "пoполнить" with a Latin o: a keyboard switched mid-word, or text pasted from a spam
# message) is the word all in the script its other letters are in.
_CYRILLIC_LOOKALIKES = "аеорсухік"
_LATIN_LOOKALIKES = "aeopcyxik"
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
_SCRIPTS_MEET = re.compile(r"[a-z][а-я]|[а-я][a-z]")
_MIXED_WORD = re.compile(r"(?<![a-zа-я])[a-zа-я]*?(?:[a-z][а-я]|[а-я][a-z])[a-zа-я]*")
_LATIN_WORD = re.compile(r"[a-z]+")
_CYRILLIC_WORD = re.compile(r"[а-я]+")


def one_script(text: str) -> str:
    """Normalized text with each word typed in both Latin and Cyrillic letters written all in
    one of them, where its look-alike letters allow ("rесharge" -> "recharge"). Queries only:
    staff write the documents in one script."""
    if not _SCRIPTS_MEET.search(text):  # a cheap test first: almost no text has such a word
        return text
    return _MIXED_WORD.sub(_one_script, text)


def _one_script(match: re.Match) -> str:
    word = match[0]
    latin = word.translate(_TO_LATIN)
    if _LATIN_WORD.fullmatch(latin):
        return latin
    cyrillic = word.translate(_TO_CYRILLIC)
    return cyrillic if _CYRILLIC_WORD.fullmatch(cyrillic) else word


def _normalize_once(text: str) -> tuple[str, bool]:
    text = _JUNK.sub(" ", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    if _ACCENTED.search(text):
        text = text.translate(_LATIN_BASE)
    text = _JUNK.sub(" ", text).replace("ё", "е")
    text, converted = to_simplified(text)
    return " ".join(text.split()), converted


def normalize_text(*, text: str) -> str:
    """NFKC, casefold, simplified Chinese, ё -> е, Latin letters without accents or tone
    marks, no control characters, single spaces."""
    if text.isascii():
        # NFKC is the identity on ASCII and casefold is lower(); most indexed text is here.
        return " ".join(_JUNK.sub(" ", text).lower().split())
    # NFKC, casefold and OpenCC are each idempotent but not jointly (casefold can produce
    # text NFKC changes again), so repeat until nothing moves; the cheap check spares the
    # second pass for almost all text.
    for _ in range(4):
        normalized, converted = _normalize_once(text)
        if normalized == text or _is_stable(normalized, converted=converted):
            return normalized
        text = normalized
    return text


def _is_stable(text: str, *, converted: bool) -> bool:
    # After one pass the text is casefolded, junk-free and space-collapsed; only NFKC
    # (undone by casefold) and OpenCC output can still move. Text OpenCC was not needed for
    # has no traditional character left (the pass only collapsed spaces after checking).
    return unicodedata.is_normalized("NFKC", text) and (
        not converted or not CJK_RUN.search(text) or not has_traditional(text)
    )


def query_normal_form(*, text: str) -> str:
    """A query normalized as search reads it, each word in one script, not yet cut (at most
    eight times :data:`MAX_QUERY_CHARS` characters are read)."""
    return one_script(normalize_text(text=text[: MAX_QUERY_CHARS * 8]))


def normalize_query(*, text: str) -> str:
    """Normalize a query and cut it to :data:`MAX_QUERY_CHARS` characters."""
    return cut_query(query_normal_form(text=text))


def _in_word(char: str) -> bool:
    """A letter or digit of a word (a CJK character is a word of its own)."""
    return char.isalnum() and not CJK_RUN.match(char)


def cut_query(text: str) -> str:
    """Normalized text cut to :data:`MAX_QUERY_CHARS` characters, at a word's end: half a
    word ("come b" of "come back") is a word no document holds, and would weigh as much as
    the rarest word of the query."""
    if len(text) <= MAX_QUERY_CHARS:
        return text.strip()
    cut = text[:MAX_QUERY_CHARS]
    if _in_word(text[MAX_QUERY_CHARS]) and _in_word(cut[-1]) and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.strip()


# A letter typed three times or more in a row stretches a word for emphasis ("nooo",
# "helppp", "не работаееет"); no word of the three languages holds one so. Most stretch a
# single letter: it is cut back to one ("tooo" becomes "to", a stop word either way; "alll",
# "all" with one letter short, is a typo from there).
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")


def unstretched(text: str) -> str:
    """Normalized text with every letter typed three times or more in a row kept once."""
    return _STRETCHED.sub(r"\1", text)
