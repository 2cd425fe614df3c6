"""The per-process search index: built lazily, rebuilt when the content version moves.

Each process keeps one backend in memory. Before a search it compares the content version it
was built from with the shared one (at most every `SEARCH_VERSION_CHECK_SECONDS`), so an edit
in the admin reaches every worker without a restart. If the version cannot be read (database
down), the index it already has keeps answering.
"""

import logging
import threading
import time
from collections.abc import Collection, Iterator, Mapping

from django.conf import settings
from django.db import DatabaseError
from django.utils.module_loading import import_string

from faq.documents import localized
from faq.models import SynonymGroup
from faq.search import Document, Hit, SearchBackend, load_backend
from faq.versioning import content_version_get

logger = logging.getLogger(__name__)


def documents() -> Iterator[Document]:
    """Every searchable document, from the sources listed in `SIMHELP_DOCUMENT_SOURCES`."""
    for path in settings.SIMHELP_DOCUMENT_SOURCES:
        yield from import_string(path)()


def synonym_groups() -> list[list[str]]:
    """Each synonym group's terms in every language, as one list per concept."""
    groups = []
    for group in SynonymGroup.objects.all():
        terms = []
        for language in settings.MODELTRANSLATION_LANGUAGES:
            value = localized(group, "terms", language)
            terms.extend(term.strip() for term in value.split(",") if term.strip())
        if len(terms) > 1:
            groups.append(terms)
    return groups


class SearchIndex:
    def __init__(self) -> None:
        self._backend: SearchBackend | None = None
        self._version: int | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def backend(self) -> SearchBackend:
        """The current backend, rebuilt first if the content changed since it was built."""
        now = time.monotonic()
        if (
            self._backend is not None
            and now - self._checked_at < settings.SEARCH_VERSION_CHECK_SECONDS
        ):
            return self._backend
        try:
            version = content_version_get()
        except DatabaseError:
            if self._backend is None:
                raise
            logger.warning("content version unreadable; searching the index already built")
            return self._backend
        self._checked_at = now
        if self._backend is None or version != self._version:
            with self._lock:
                if self._backend is None or version != self._version:
                    self._rebuild(version)
        return self._backend

    def _rebuild(self, version: int) -> None:
        started = time.perf_counter()
        backend = load_backend(settings.SIMHELP_SEARCH_BACKEND)
        docs = list(documents())
        backend.build(docs, synonyms=synonym_groups())
        # Swap only when complete: searches in other threads keep the old index until then.
        self._backend, self._version = backend, version
        logger.info(
            "search index v%s built: %d documents in %.0f ms",
            version,
            len(docs),
            (time.perf_counter() - started) * 1000,
        )

    def reset(self) -> None:
        """Forget the index (tests); the next search builds it again."""
        self._backend, self._version, self._checked_at = None, None, float("-inf")


index = SearchIndex()


def search(
    query: str,
    *,
    language: str,
    context: Mapping[str, str] | None = None,
    types: Collection[str] | None = None,
    limit: int = 10,
) -> list[Hit]:
    """Search the published content; hits are in score order, one per item."""
    query = (query or "")[: settings.SIMHELP_SEARCH_MAX_QUERY_LENGTH * 5]
    return index.backend().search(
        query, language=language, context=context, types=types, limit=limit
    )
