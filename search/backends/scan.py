"""A simple backend with no index: every query scans every document's title and keywords.

For small catalogues (a few hundred documents), where an index buys nothing, and as the
contract's second implementation: it passes the contract tests with none of FuzzyBackend's
machinery (synonyms, pinyin, keyboard layouts, BM25).

Each query word counts by how well the title or keywords hold it (exactly or by stem: 1; a
typo: its rapidfuzz similarity, at least 80; a Chinese run: the share of its bigrams found),
blended with the whole query's similarity to the title; small multipliers then prefer the
requested language and the reader's context (carrier, card type).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from search import normalize as nz
from search.backends.base import SearchBackend
from search.documents import Document, Hit
from search.text.scripts import CJK_RUN

logger = logging.getLogger(__name__)

TYPO_CUTOFF = 80  # rapidfuzz ratio for a word to count as a typo of another
KEYWORD_WEIGHT = 0.85  # a word found only in the keywords counts this much
COVERAGE_WEIGHT = 0.7  # the rest of the score is the whole query's similarity to the title
OTHER_LANGUAGE = 0.95  # a match in another language than the requested one
CONTEXT_BONUS, CONTEXT_MALUS = 1.1, 0.8  # a document made for the reader's context, or another


def _words(text: str) -> tuple[str, ...]:
    return tuple(token.text for token in nz.tokenize(text=text))


@dataclass(frozen=True, slots=True)
class _Entry:
    document: Document
    title: str
    fields: tuple[tuple[str, tuple[str, ...], frozenset[str], str], ...]  # name, words, stems, text


class ScanBackend(SearchBackend):
    """Rapidfuzz over every document's title and keywords: no index, no tuning."""

    confidence_threshold = 0.5

    def __init__(self, *, confidence_threshold: float | None = None) -> None:
        if confidence_threshold is not None:
            self.confidence_threshold = confidence_threshold
        self._entries: tuple[_Entry, ...] = ()

    def build(
        self,
        documents: Iterable[Document],
        *,
        synonyms: Iterable[Sequence[str]] = (),
        anchors: Iterable[str] = (),
        mentions: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    ) -> None:
        """Keep the documents, normalized once; synonyms, anchors and mentions are not used."""
        entries = []
        for document in documents:
            title = nz.normalize_text(text=document.title)
            keywords = nz.normalize_text(text=document.keywords)
            fields = tuple(
                (name, words, frozenset(nz.stem(word) for word in words), text)
                for name, text in (("title", title), ("keywords", keywords))
                for words in (_words(text),)
            )
            entries.append(_Entry(document=document, title=title, fields=fields))
        self._entries = tuple(entries)

    def search(
        self,
        query: str,
        *,
        language: str,
        context: Mapping[str, str] | None = None,
        types: Collection[str] | None = None,
        limit: int = 10,
    ) -> list[Hit]:
        """Best document per item, by score; never raises."""
        try:
            return self._search(query, language, context or {}, types, limit)
        except Exception:
            logger.exception("scan search failed for query %r", str(query)[:200])
            return []

    def _search(self, query, language, context, types, limit) -> list[Hit]:
        if not isinstance(query, str) or limit <= 0 or not self._entries:
            return []
        text = nz.normalize_query(text=query)
        words = tuple(dict.fromkeys(_words(text)))
        if not words:
            return []
        weights = {word: 0.3 if nz.is_stopword(word) else 1.0 for word in words}
        total = sum(weights.values())
        best: dict[str, Hit] = {}
        # The requested language first, so that on a tie its version is the one kept.
        ordered = sorted(self._entries, key=lambda entry: entry.document.language != language)
        for entry in ordered:
            document = entry.document
            if types is not None and document.type not in types:
                continue
            found, fields, coverage = [], set(), 0.0
            for word in words:
                credit, field = max(
                    (_credit(word, *field) * weight, name)
                    for (name, *field), weight in zip(
                        entry.fields, (1.0, KEYWORD_WEIGHT), strict=True
                    )
                )
                if credit > 0:
                    found.append(word)
                    fields.add(field)
                    coverage += weights[word] * credit
            if not found:
                continue
            similarity = fuzz.token_sort_ratio(text, entry.title) / 100
            score = COVERAGE_WEIGHT * coverage / total + (1 - COVERAGE_WEIGHT) * similarity
            score *= 1.0 if document.language == language else OTHER_LANGUAGE
            filters = dict(document.filters)
            for name, value in context.items():
                if name in filters:
                    score *= CONTEXT_BONUS if filters[name] == value else CONTEXT_MALUS
            score = min(1.0, max(0.0, score))
            kept = best.get(document.key)
            if kept is None or score > kept.score:
                best[document.key] = Hit(
                    key=document.key,
                    type=document.type,
                    slug=document.slug,
                    score=score,
                    confident=score >= self.confidence_threshold,
                    language=document.language,
                    matched_fields=tuple(name for name in ("title", "keywords") if name in fields),
                    matched_terms=tuple(found),
                )
        hits = sorted(best.values(), key=lambda hit: (-hit.score, hit.key))
        return hits[:limit]


def _credit(word: str, words: tuple[str, ...], stems: frozenset[str], text: str) -> float:
    """How well `word` is found in a field: 1 exactly or by stem, less for a typo, else 0."""
    if word in words:
        return 1.0
    if CJK_RUN.fullmatch(word):
        pairs = [word[i : i + 2] for i in range(len(word) - 1)] or [word]
        return sum(pair in text for pair in pairs) / len(pairs)
    if nz.stem(word) in stems:
        return 1.0
    if len(word) < 4:
        return 0.0
    return max(
        (fuzz.ratio(word, other, score_cutoff=TYPO_CUTOFF) / 100 for other in words),
        default=0.0,
    )
