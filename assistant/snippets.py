"""Short excerpts of an answer with the matched terms marked, for result lists."""

import html
import re
from collections.abc import Collection, Iterable
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from search.normalize import is_stopword, normalize_text, stem
from simhelp.content import listed_phrases

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=4096)
def _words(text: str) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """Each distinct (casefolded) non-CJK word of `text`, its stem and where it occurs,
    worked out once per text."""
    found: dict[str, list[tuple[int, int]]] = {}
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if not _CJK.match(word):
            found.setdefault(word, []).append((match.start(), match.end()))
    return [(word, stem(word), places) for word, places in found.items()]


def _spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    terms = {t for t in terms if t}
    stems = {stem(t) for t in terms}
    cjk_terms = sorted(
        (t for t in terms if len(t) >= 2 and _CJK.match(t)), key=lambda t: (-len(t), t)
    )
    spans = []
    folded = normalize_text(text=text)
    # Positions carry over only when normalizing kept the length (it nearly always does).
    folded = folded if len(folded) == len(text) else None
    # Query words with typos ("paymnet") mark the document words they were matched to; a
    # typo rarely hits the first letter, so only words starting like the term are compared.
    loose: dict[str, list[str]] = {}
    for term in terms:
        if len(term) >= 5 and not _CJK.match(term):
            loose.setdefault(term[0], []).append(term)
    for word, word_stem, places in _words(text):
        if word in terms or word_stem in stems:
            spans.extend(places)
            continue
        close = loose.get(word[0])
        if close and any(abs(len(t) - len(word)) <= 2 and ratio(t, word) >= 80 for t in close):
            spans.extend(places)
    haystack = folded if folded is not None else text
    # Longest terms first; a shorter one that straddles a longer one's edge (卡付 across
    # 银行卡|付款) is left unmarked: only whole terms are marked.
    taken: list[tuple[int, int]] = []
    for term in cjk_terms:
        start = haystack.find(term)
        while start != -1:
            end = start + len(term)
            if not any(s < end and start < e and not (s <= start and end <= e) for s, e in taken):
                taken.append((start, end))
            start = haystack.find(term, start + 1)
    spans.extend(taken)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:  # adjacent words stay two marks
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def cjk_lexicon(phrases: Iterable[str]) -> frozenset[str]:
    """The Chinese words among comma-separated keyword lists and synonym terms: what
    highlighting may mark in Chinese text, which has no spaces to show where words end."""
    words = set()
    for phrase in phrases:
        for piece in listed_phrases(phrase):
            word = normalize_text(text=piece)
            if len(word) >= 2 and all(_CJK.match(char) for char in word):
                words.add(word)
    return frozenset(words)


def whole_terms(terms: Iterable[str], *, words: Collection[str]) -> list[str]:
    """Of a hit's matched terms, those to mark: every word but the stop words ("the", "to",
    "в", "не" say nothing about why the item was found, and would be marked all over it),
    and of the Chinese n-grams the engine matches by (行卡, 卡付), only those that are words
    of the `words` lexicon."""
    return [
        term
        for term in terms
        if (term in words if _CJK.search(term) else not is_stopword(term.casefold()))
    ]


# Only the start of a long answer is looked at: a snippet shows one short window anyway.
SCAN_CHARS = 1200


def snippet(text: str, terms: Iterable[str], *, width: int = 160) -> str:
    """HTML-escaped excerpt of `text` around the first match, matches wrapped in <mark>,
    line breaks (between paragraphs and steps) as <br>; it ends after a whole step when one
    fits."""
    return _snippet(text, tuple(sorted(set(terms))), width)


# Room for every result of the recent questions: a list shows a title and an excerpt for each
# of up to ten results, and the same question comes back with other filters.
@lru_cache(maxsize=16384)
def _snippet(text: str, terms: tuple[str, ...], width: int) -> str:
    spans = _spans(text[:SCAN_CHARS], terms)
    begin = 0
    if spans and spans[0][0] > width // 3:
        begin = spans[0][0] - width // 4
        space = max(text.rfind(" ", 0, begin), text.rfind("\n", 0, begin))
        begin = space + 1 if space > begin - 15 else begin
    end = min(len(text), begin + width)
    if end < len(text):
        # End after a whole step (line) when one fits well, else on a whole word, and never
        # inside a marked one.
        inside = [stop for start, stop in spans if start < end < stop]
        line = text.rfind("\n", begin, end)
        space = text.rfind(" ", begin, end)
        if inside:
            end = inside[0]
        elif line > begin + width // 2:
            end = line
        elif space > end - 15:
            end = space
    out = ["…"] if begin else []
    cursor = begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        out.append(html.escape(text[cursor:start]))
        out.append(f"<mark>{html.escape(text[start:stop])}</mark>")
        cursor = stop
    out.append(html.escape(text[cursor:end]))
    if end < len(text):
        out.append("…")
    # Paragraphs and steps stay on lines of their own.
    return "".join(out).strip("\n").replace("\n", "<br>")
