"""The per-process search index: built lazily, rebuilt when the content version moves.

Each process keeps one backend and the published entries in memory. Before a search it
compares the content version it was built from with the shared one (at most every
`SEARCH_VERSION_CHECK_SECONDS`), so an edit in the admin reaches every worker without a
restart. If the version cannot be read (database down), what it already has keeps answering.
"""

import gc
import logging
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.utils.module_loading import import_string

from assistant.models import SynonymGroup
from assistant.rules import RuleSpec, rule_specs
from assistant.snippets import cjk_lexicon
from faq.models import CardType, Carrier, Category
from search import Document, Hit, SearchBackend, load_backend
from simhelp.content import Entry, item_url, languages, listed_phrases, localized, texts
from simhelp.content_types import content_types
from simhelp.images import ImageView, image_views
from simhelp.markdown import link_targets, markdown_to_lines, markdown_to_text
from simhelp.versioning import content_version_current, content_version_forget

logger = logging.getLogger(__name__)


def entries() -> Iterator[Entry]:
    """Every published entry, from the source of each registered content type."""
    for content_type in content_types().values():
        yield from import_string(content_type.source)()


def entry_documents(entry: Entry, popularity: float = 0.0) -> Iterator[Document]:
    """One search document per language the entry has a title in."""
    for language in languages():
        title = entry.title.get(language, "")
        if not title.strip():
            continue
        body = " ".join(
            part
            for part in (
                markdown_to_text(entry.answer.get(language, "")),
                markdown_to_text(entry.extra.get(language, "")),
            )
            if part
        )
        yield Document(
            type=entry.type,
            slug=entry.slug,
            language=language,
            title=title,
            keywords=entry.keywords.get(language, ""),
            body=body,
            filters=entry.filters,
            popularity=popularity,
            asks=entry.asks,
            branched=entry.branched,
        )


def linked_shares(all_entries: Mapping[str, Entry]) -> dict[str, float]:
    """How many other items link to each item, as a share of the most linked one.

    An item many answers point to is a hub ("ways to renew"): between items that answer a
    short question equally well, it is the one to show first.
    """
    linked: Counter[str] = Counter()
    for entry in all_entries.values():
        targets = {
            target
            for text in (*entry.answer.values(), *entry.extra.values())
            for target in link_targets(text or "")
        }
        linked.update(target for target in targets if target in all_entries and target != entry.key)
    most = max(linked.values(), default=0)
    return {key: count / most for key, count in linked.items()} if most else {}


def synonym_groups() -> list[list[str]]:
    """Each synonym group's terms in every language, as one list per concept."""
    return [
        terms for terms in (_terms(group) for group in SynonymGroup.objects.all()) if len(terms) > 1
    ]


def anchor_terms() -> list[str]:
    """The terms of every anchor concept: a question must touch one to be answered."""
    return [term for group in SynonymGroup.objects.filter(anchor=True) for term in _terms(group)]


def mention_names(carriers: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, list[str]]]:
    """Each carrier's names in every language (`carriers`: the snapshot's carrier labels): a
    question that names one is read as if the reader had chosen that carrier (the backend adds
    the synonyms of each name)."""
    return {
        "carrier": {
            slug: list(dict.fromkeys(name for name in names.values() if name))
            for slug, names in carriers.items()
        }
    }


def _terms(group: SynonymGroup) -> list[str]:
    terms = []
    for language in languages():
        terms.extend(listed_phrases(localized(group, "terms", language)))
    return terms


class Memo:
    """A bounded map of recent answers, least recently used dropped first; thread-safe.

    One lives on each index build, so what it holds goes away with the build when the content
    changes and nothing has to be invalidated by hand.
    """

    def __init__(self, size: int | None = None) -> None:
        self.size = settings.SEARCH_RESPONSE_CACHE_SIZE if size is None else size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_make(self, key, make):
        """The value kept for `key`, else `make()` (kept unless it raised)."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
            self.misses += 1
        value = make()
        if self.size:
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True)
class Snapshot:
    """What one build of the index holds: the backend and the entries it was built from."""

    version: int
    backend: SearchBackend
    entries: Mapping[str, Entry]
    rules: tuple[RuleSpec, ...]
    # Known slugs per filter ("carrier", "card_type"), to validate requests without a query.
    vocabulary: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Their names in every language, in display order: "carrier" → slug → texts.
    labels: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    # Chinese words (from keywords and synonyms) that highlighting may mark whole.
    cjk_words: frozenset[str] = frozenset()
    # The words the search reads as themselves: the rules' phrases take none of them for a
    # misspelling of another word ("налом", cash, is not "налог", tax).
    known_words: frozenset[str] = frozenset()
    # Categories in display order: slug → {"name": texts, "description": texts}.
    categories: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    # Published pictures by key, for answers that show them (`image:key`).
    images: Mapping[str, ImageView] = field(default_factory=dict)
    # Answers rendered from this build's entries, by (key, language): derived state that goes
    # away with the build when the content changes.
    rendered: dict = field(default_factory=dict, compare=False, repr=False)
    # Search and ask responses by request (see assistant.api), so a repeated question costs a
    # lookup.
    responses: Memo = field(default_factory=Memo, compare=False, repr=False)
    # Result cards (title, marked title, excerpt, URL) by hit and reader's language: the same
    # hits come back for a question asked with other filters.
    cards: Memo = field(
        default_factory=lambda: Memo(size=4 * settings.SEARCH_RESPONSE_CACHE_SIZE),
        compare=False,
        repr=False,
    )

    def item_url(self, key: str, language: str) -> str:
        """`simhelp.content.item_url`, remembered for this build (URLs are read per result)."""
        cache_key = ("url", key, language)
        url = self.rendered.get(cache_key)
        if url is None:
            url = self.rendered[cache_key] = item_url(key=key, language=language)
        return url

    def answer_text(self, entry: Entry, language: str) -> str:
        """The plain text of `entry`'s answer in `language` (as shown), a line per paragraph
        or step, cached per build."""
        cache_key = ("text", entry.key, language)
        text = self.rendered.get(cache_key)
        if text is None:
            text = markdown_to_lines(entry.pick(entry.answer, language))
            self.rendered[cache_key] = text
        return text


class SearchIndex:
    def __init__(self) -> None:
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def snapshot(self) -> Snapshot:
        """The current build, rebuilt first if the content changed since it was made."""
        current = self._snapshot
        try:
            version = content_version_current()
        except DatabaseError:
            if current is None:
                raise
            return current
        if current is None or version != current.version:
            with self._lock:
                current = self._snapshot
                if current is None or version != current.version:
                    current = self._snapshot = self._build(version)
        return current

    def build_with(self, **backend_options: Any) -> Snapshot:
        """A build of the published content by a backend made with ``backend_options`` (say,
        another ``tuning``), beside the current one, which it does not replace: for measuring
        a change of the ranker side by side with the running one (tests/bench/tune_search.py).
        """
        return self._build(content_version_current(), backend_options=backend_options)

    def _build(self, version: int, *, backend_options: Mapping[str, Any] | None = None) -> Snapshot:
        started = time.perf_counter()
        all_entries = {entry.key: entry for entry in entries()}
        shares = linked_shares(all_entries)
        documents = [
            doc
            for entry in all_entries.values()
            for doc in entry_documents(entry, popularity=shares.get(entry.key, 0.0))
        ]
        labels = {
            name: {row.slug: texts(row, "name") for row in model.objects.order_by("order", "slug")}
            for name, model in (("carrier", Carrier), ("card_type", CardType))
        }
        backend = load_backend(settings.SIMHELP_SEARCH_BACKEND, **(backend_options or {}))
        synonyms = synonym_groups()
        backend.build(
            documents,
            synonyms=synonyms,
            anchors=anchor_terms(),
            mentions=mention_names(labels["carrier"]),
        )
        logger.info(
            "search index v%s built: %d entries, %d documents in %.0f ms",
            version,
            len(all_entries),
            len(documents),
            (time.perf_counter() - started) * 1000,
        )
        return Snapshot(
            version=version,
            backend=backend,
            entries=all_entries,
            rules=tuple(rule_specs()),
            vocabulary={name: frozenset(names) for name, names in labels.items()},
            labels=labels,
            known_words=backend.known_words(),
            cjk_words=cjk_lexicon(
                [text for e in all_entries.values() for text in e.keywords.values()]
                + [term for group in synonyms for term in group]
            ),
            categories={
                category.slug: {
                    "name": texts(category, "name"),
                    "description": texts(category, "description"),
                }
                for category in Category.objects.order_by("order", "slug")
            },
            images=image_views(),
        )

    def reset(self) -> None:
        """Forget the build (tests); the next search makes a new one."""
        self._snapshot = None
        content_version_forget()


index = SearchIndex()


def search(
    query: str,
    *,
    language: str,
    context: Mapping[str, str] | None = None,
    types: Collection[str] | None = None,
    limit: int = 10,
    snapshot: Snapshot | None = None,
) -> list[Hit]:
    """Search the published content (of `snapshot`, by default the current build); hits are in
    score order, one per item."""
    query = (query or "")[: settings.SIMHELP_SEARCH_MAX_QUERY_LENGTH * 5]
    return (snapshot or index.snapshot()).backend.search(
        query, language=language, context=context, types=types, limit=limit
    )


def query_key(query: str) -> str:
    """The form under which `query` is counted (see `SearchBackend.query_key`).

    Asks the backend of the build this process already has, else an unbuilt backend of the
    configured class: never checks the content version nor builds, so the counters may call
    it at any time (after a request, at process exit).
    """
    current = index._snapshot
    if current is not None:
        return current.backend.query_key(query)
    return _unbuilt_backend(settings.SIMHELP_SEARCH_BACKEND).query_key(query)


@lru_cache(maxsize=4)
def _unbuilt_backend(dotted_path: str) -> SearchBackend:
    """A backend with nothing indexed, made once per class (making one costs about 0.5 ms)."""
    return load_backend(dotted_path)


def item_published(key: str) -> bool:
    """Whether `key` ("faq:slug") names a published item (as of the current index build)."""
    return key in index.snapshot().entries


def warm_up() -> None:
    """Build this process's snapshot before it serves anything (called by the WSGI entry point).

    Under gunicorn (preload_app) this runs once in the master and every worker forks with the
    snapshot in memory, so none depends on the database to answer its first search; a worker
    that had to build on first use could meet a database outage with no index at all. With the
    database away at start-up the server still starts and builds on first use. The connection
    used here is closed, so forked workers never share its socket.

    Then everything alive is frozen out of the garbage collector (`gc.freeze`): the snapshot
    and the loaded code are hundreds of thousands of long-lived objects, and without this every
    full collection in a worker walks them all (about 100 ms here) and writes to their pages,
    undoing the sharing between forked workers.
    """
    from django.db import connections

    try:
        index.snapshot()
    except DatabaseError:
        logger.warning("database unavailable at start-up; the search index will be built later")
    finally:
        connections.close_all()
    gc.collect()
    gc.freeze()
