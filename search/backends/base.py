"""The contract every search backend implements, so callers never depend on one engine."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Mapping, Sequence

from search.documents import Document, Hit, QueryReading
from search.normalize import normalize_query


class SearchBackend(ABC):
    """Index documents in every language and answer queries with calibrated hits."""

    #: Hits scoring at least this are "confident answers"; below it the caller says "no answer".
    confidence_threshold: float = 0.5

    @abstractmethod
    def build(
        self,
        documents: Iterable[Document],
        *,
        synonyms: Iterable[Sequence[str]] = (),
        anchors: Iterable[str] = (),
        mentions: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    ) -> None:
        """Replace the whole index with these documents and synonym groups.

        ``anchors`` are terms of what the collection is about ("SIM", "balance", "流量"): a
        backend may decline to answer confidently a query that touches none of them.
        ``mentions`` names the values of the documents' filters as people write them, per
        filter ("carrier" → "mts" → ["MTS", "МТС"]): a backend may read a query that names
        one as if the request's context had said it.
        """

    @abstractmethod
    def search(
        self,
        query: str,
        *,
        language: str,
        context: Mapping[str, str] | None = None,
        types: Collection[str] | None = None,
        limit: int = 10,
    ) -> list[Hit]:
        """Return at most ``limit`` hits, one per item, best first; never raise on bad input."""

    def query_key(self, query: str) -> str:
        """The form under which ``query`` is counted: queries searched alike share it."""
        return normalize_query(text=query)

    def read_query(self, query: str) -> QueryReading | None:
        """How this backend reads ``query`` (its words, which it knows, what lowers its
        confidence), for staff; None if the backend cannot say or the query is empty."""
        return None

    def known_words(self) -> frozenset[str]:
        """The words of the documents and synonyms this backend reads as themselves (empty if
        it cannot say): another matcher should not take one for a misspelling."""
        return frozenset()

    def marked_terms(self, terms: Iterable[str]) -> list[str]:
        """Of a hit's ``matched_terms``, those that are text to mark in a snippet."""
        return [term for term in terms if term]
