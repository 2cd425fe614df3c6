"""Short excerpts of an answer with the matched terms marked, for result lists."""

import html
import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from search.normalize import normalize_text, stem

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
    cjk_terms = sorted((t for t in terms if len(t) >= 2 and _CJK.match(t)), key=len, reverse=True)
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
    for term in cjk_terms:
        start = haystack.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = haystack.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# Only the start of a long answer is looked at: a snippet shows one short window anyway.
SCAN_CHARS = 1200


def snippet(text: str, terms: Iterable[str], *, width: int = 160) -> str:
    """HTML-escaped excerpt of `text` around the first match, matches wrapped in <mark>."""
    return _snippet(text, tuple(sorted(set(terms))), width)


@lru_cache(maxsize=4096)
def _snippet(text: str, terms: tuple[str, ...], width: int) -> str:
    spans = _spans(text[:SCAN_CHARS], terms)
    begin = 0
    if spans and spans[0][0] > width // 3:
        begin = spans[0][0] - width // 4
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space > begin - 15 else begin
    end = min(len(text), begin + width)
    if end < len(text):
        # End on a whole word, and never inside a marked one.
        inside = [stop for start, stop in spans if start < end < stop]
        space = text.rfind(" ", begin, end)
        end = inside[0] if inside else space if space > end - 15 else end
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
    return "".join(out)
