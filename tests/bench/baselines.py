"""Reference rankers the engine is measured against (not used by the app).

- :class:`Bm25Baseline`: Okapi BM25 with Snowball stemming over the titles (questions) only.
- :class:`RapidfuzzScanBaseline`: a naive rapidfuzz scan over every title, no index at all.

Both follow the ``search(query, *, language, limit)`` part of the backend contract so the
same evaluation code runs them; their scores are not calibrated confidences.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

import Stemmer
from rapidfuzz import fuzz, process, utils

from search.documents import Document, Hit

_WORD = re.compile(r"\w+")
_STEMMERS = {"en": Stemmer.Stemmer("english"), "ru": Stemmer.Stemmer("russian")}


def _hit(*, document: Document, score: float) -> Hit:
    return Hit(
        key=document.key,
        type=document.type,
        slug=document.slug,
        score=score,
        confident=False,
        language=document.language,
        matched_fields=("title",),
        matched_terms=(),
    )


def _best_per_item(*, ranked: Iterable[tuple[Document, float]], limit: int) -> list[Hit]:
    hits: list[Hit] = []
    seen: set[str] = set()
    for document, score in ranked:
        if document.key in seen:
            continue
        seen.add(document.key)
        hits.append(_hit(document=document, score=score))
        if len(hits) >= limit:
            break
    return hits


class Bm25Baseline:
    """Okapi BM25 (k1=1.2, b=0.75) with Snowball stems, over titles only."""

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.documents: list[Document] = []

    def _terms(self, text: str) -> list[str]:
        terms = []
        for word in _WORD.findall(text.lower()):
            stemmer = _STEMMERS["ru"] if re.search("[а-яё]", word) else _STEMMERS["en"]
            terms.append(stemmer.stemWord(word))
        return terms

    def build(self, documents: Iterable[Document], *, synonyms: object = ()) -> None:
        self.documents = list(documents)
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths = []
        for doc_id, document in enumerate(self.documents):
            terms = self._terms(document.title)
            self.lengths.append(len(terms))
            for term, count in Counter(terms).items():
                self.postings[term].append((doc_id, count))
        self.average = sum(self.lengths) / max(len(self.lengths), 1)

    def search(self, query: str, *, language: str, limit: int = 10, **_: object) -> list[Hit]:
        size = len(self.documents)
        scores: dict[int, float] = defaultdict(float)
        for term in set(self._terms(query)):
            postings = self.postings.get(term, ())
            idf = math.log1p((size - len(postings) + 0.5) / (len(postings) + 0.5))
            for doc_id, count in postings:
                norm = 1 - self.b + self.b * self.lengths[doc_id] / self.average
                scores[doc_id] += idf * count * (self.k1 + 1) / (count + self.k1 * norm)
        ranked = sorted(scores.items(), key=lambda pair: -pair[1])
        return _best_per_item(
            ranked=((self.documents[doc_id], score) for doc_id, score in ranked), limit=limit
        )


class RapidfuzzScanBaseline:
    """``rapidfuzz.process.extract`` over every title (WRatio or token_set_ratio)."""

    def __init__(self, *, scorer: str = "token_set_ratio") -> None:
        self.scorer = getattr(fuzz, scorer)
        self.documents: list[Document] = []
        self.titles: list[str] = []

    def build(self, documents: Iterable[Document], *, synonyms: object = ()) -> None:
        self.documents = list(documents)
        self.titles = [utils.default_process(document.title) for document in self.documents]

    def search(self, query: str, *, language: str, limit: int = 10, **_: object) -> list[Hit]:
        matches = process.extract(
            utils.default_process(query),
            self.titles,
            scorer=self.scorer,
            limit=limit * 3,
            processor=None,
        )
        return _best_per_item(
            ranked=((self.documents[index], score / 100) for _title, score, index in matches),
            limit=limit,
        )
