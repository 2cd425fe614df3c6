"""Batched counters for staff insight: searches, page views, troubleshooter steps and taps on
codes to dial, counted in memory per process.

A search or a page view costs one dictionary update under a lock; the counts are written in one
upsert per batch when the batch holds `INSIGHTS_FLUSH_EVENTS` events or its oldest event is
`INSIGHTS_FLUSH_SECONDS` old (checked when an event arrives), and at process exit. A due batch
is written when the request that made it due has finished (Django's `request_finished`, sent
once the response has gone out), so no reader waits for it; outside a request, a batch twice
the size is written at once. Recording never raises into a request: if the database cannot
take a batch, the batch is dropped and counted (`counters_stats`). Queries are normalized and
counted per day; nothing about who searched or viewed is kept.
"""

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# Rows per INSERT statement: well under SQLite's limit of bound parameters.
ROWS_PER_STATEMENT = 500


@dataclass
class CounterStats:
    flushed_batches: int = 0
    flushed_events: int = 0
    dropped_batches: int = 0
    dropped_events: int = 0
    pending_events: int = 0


class CounterBuffer:
    """Sums of counts by key, plus the latest value of other columns, until written in a batch."""

    def __init__(self, *, name: str, write: Callable[[dict], None]) -> None:
        self.name = name
        self._write = write
        self._lock = threading.Lock()
        self._pending: dict[tuple, list] = {}
        self._events = 0
        self._oldest = 0.0
        self._due = False
        self._stats = CounterStats()

    def add(self, key: tuple, counts: tuple[int, ...], latest: tuple = ()) -> None:
        """Count one event; a full or old batch becomes due (see the module docstring)."""
        now = time.monotonic()
        with self._lock:
            row = self._pending.get(key)
            if row is None:
                self._pending[key] = [list(counts), latest]
            else:
                summed = row[0]
                for position, count in enumerate(counts):
                    summed[position] += count
                row[1] = latest
            if not self._events:
                self._oldest = now
            self._events += 1
            size = settings.INSIGHTS_FLUSH_EVENTS
            self._due = (
                self._due
                or self._events >= size
                or now - self._oldest >= settings.INSIGHTS_FLUSH_SECONDS
            )
            overdue = self._events >= 2 * size  # nobody is finishing requests: write now
        if overdue:
            self.flush()

    def flush_if_due(self) -> None:
        if self._due:
            self.flush()

    def flush(self) -> None:
        """Write what is pending in one batch; on any failure drop the batch and count it."""
        with self._lock:
            batch, events = self._pending, self._events
            self._pending, self._events, self._due = {}, 0, False
        if not batch:
            return
        try:
            self._write(batch)
        except Exception:  # a lost batch of counts must never turn into a failed search
            with self._lock:
                self._stats.dropped_batches += 1
                self._stats.dropped_events += events
            logger.warning(
                "insights: dropped a batch of %d %s events (%d keys)",
                events,
                self.name,
                len(batch),
                exc_info=True,
            )
        else:
            with self._lock:
                self._stats.flushed_batches += 1
                self._stats.flushed_events += events

    def discard(self) -> None:
        """Forget pending events and statistics (tests)."""
        with self._lock:
            self._pending, self._events, self._due = {}, 0, False
            self._stats = CounterStats()

    def stats(self) -> CounterStats:
        with self._lock:
            return CounterStats(**{**vars(self._stats), "pending_events": self._events})


def upsert(*, model, keys: Sequence[str], sums: Sequence[str], latest: Sequence[str], rows) -> None:
    """Insert rows, or add their `sums` to the row with the same `keys` and take their `latest`.

    Written as INSERT … ON CONFLICT DO UPDATE (the same on SQLite and PostgreSQL) rather than
    `bulk_create(update_conflicts=True)`, which can only overwrite a count: two processes
    flushing the same query would lose one's counts. The addition happens in the database, so
    concurrent batches add up. Rows go in the order of their keys, so two processes writing
    overlapping batches lock the rows in the same order and wait for each other briefly instead
    of deadlocking (which would cost a second and one of the batches).
    """
    rows = sorted(rows, key=lambda row: tuple(str(value) for value in row[: len(keys)]))
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = [*keys, *sums, *latest]
    fields = [model._meta.get_field(name) for name in names]
    columns = [quote(field.column) for field in fields]
    key_columns = columns[: len(keys)]
    sum_columns = columns[len(keys) : len(keys) + len(sums)]
    latest_columns = columns[len(keys) + len(sums) :]
    updates = [f"{column} = {table}.{column} + excluded.{column}" for column in sum_columns] + [
        f"{column} = excluded.{column}" for column in latest_columns
    ]
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES {', '.join([one_row] * len(chunk))} "
                f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {', '.join(updates)}"
            )
            params = []
            for row in chunk:
                params.extend(
                    field.get_db_prep_value(value, connection)
                    for field, value in zip(fields, row, strict=True)
                )
            cursor.execute(sql, params)


_day = [float("-inf"), None]  # [valid until (monotonic), date]


def _today():
    """Today's date, read at most once a second: timezone.localdate() alone would cost half of
    counting an event. An event in the first second of a day may count for the day before."""
    now = time.monotonic()
    if now >= _day[0]:
        _day[1], _day[0] = timezone.localdate(), now + 1.0
    return _day[1]


# --- searches ---------------------------------------------------------------------------------

# An out-of-scope rule is a staff decision too: counted with the rules, not as unanswered.
OUTCOMES = ("rule", "search", "none", "out-of-scope")


def _write_searches(batch: dict) -> None:
    from assistant.index import query_key
    from insights.models import SearchLog

    # Buffered as typed (normalizing is left out of the request); variants the search backend
    # treats alike (the same query key) are merged here.
    rows: dict[tuple, list] = {}
    for (typed, language, day, source), (counts, latest) in batch.items():
        query = query_key(typed)
        if not query:
            continue
        key = (query, language, day, source)
        if key in rows:
            rows[key][0] = [a + b for a, b in zip(rows[key][0], counts, strict=True)]
            rows[key][1] = latest
        else:
            rows[key] = [list(counts), latest]
    upsert(
        model=SearchLog,
        keys=["query", "language", "day", "source"],
        sums=["count", "rule_count", "search_count", "none_count"],
        latest=["best_score"],
        rows=[(*key, *counts, *latest) for key, (counts, latest) in rows.items()],
    )


searches = CounterBuffer(name="search", write=_write_searches)


def search_record(
    *, query: str, language: str, source: str, answered_by: str, best_score: float | None
) -> None:
    """Count one search: `answered_by` is one of OUTCOMES; never raises."""
    try:
        if answered_by not in OUTCOMES:
            raise ValueError(f"answered_by must be one of {OUTCOMES}, not {answered_by!r}")
        if not query or not query.strip():
            return
        searches.add(
            (
                query[: settings.SIMHELP_SEARCH_MAX_QUERY_LENGTH],
                language,
                _today(),
                source,
            ),
            (
                1,
                int(answered_by in ("rule", "out-of-scope")),
                int(answered_by == "search"),
                int(answered_by == "none"),
            ),
            (best_score,),
        )
    except Exception:
        logger.exception("insights: a search could not be counted")


# --- page views -------------------------------------------------------------------------------


def _write_page_views(batch: dict) -> None:
    from insights.models import PageView

    upsert(
        model=PageView,
        keys=["target", "node", "day"],
        sums=["count"],
        latest=[],
        rows=[(*key, *counts) for key, (counts, _latest) in batch.items()],
    )


page_views = CounterBuffer(name="page view", write=_write_page_views)


def page_view_record(*, target: str, node: str = "") -> None:
    """Count one view of an item's page (`node`: a troubleshooter solution shown); never raises."""
    try:
        page_views.add((target, node, _today()), (1,))
    except Exception:
        logger.exception("insights: a page view could not be counted")


def item_page_viewed(*, request, key: str, node: dict | None = None) -> None:
    """Count a help-site page: an item's page (a troubleshooter's first page), and the solution
    a troubleshooter page shows (`node` as the page shows it: key, is_solution)."""
    if request.method != "GET" or "voted" in request.GET:  # back from voting: not a new view
        return
    walked = bool(request.resolver_match and request.resolver_match.kwargs.get("path"))
    if node is None or not walked:
        page_view_record(target=key)
    if node is not None and node.get("is_solution"):
        page_view_record(target=key, node=node["key"])


# --- troubleshooter walks --------------------------------------------------------------------


def _write_walks(batch: dict) -> None:
    from insights.models import WalkCount

    upsert(
        model=WalkCount,
        keys=["troubleshooter", "node", "source", "day"],
        sums=["views", "onward", "starts"],
        latest=[],
        rows=[(*key, *counts) for key, (counts, _latest) in batch.items()],
    )


walks = CounterBuffer(name="walk", write=_write_walks)


def walk_record(*, troubleshooter: str, path, fresh: int, started: bool, source: str) -> None:
    """Count the last `fresh` nodes of `path` as viewed, the node before each as left onward,
    and a walk started on the first node if `started`; never raises."""
    try:
        day = _today()
        first = max(len(path) - fresh, 0)
        for position in range(first, len(path)):
            walks.add((troubleshooter, path[position], source, day), (1, 0, 0))
            if position:
                walks.add((troubleshooter, path[position - 1], source, day), (0, 1, 0))
        if started and path:
            walks.add((troubleshooter, path[0], source, day), (0, 0, 1))
    except Exception:
        logger.exception("insights: a troubleshooter step could not be counted")


def walk_received(*, troubleshooter, path, fresh, started, source, **_signal) -> None:
    """`walked`: count the nodes shown."""
    walk_record(
        troubleshooter=troubleshooter, path=path, fresh=fresh, started=started, source=source
    )


# --- taps on codes to dial -------------------------------------------------------------------


def _write_taps(batch: dict) -> None:
    from insights.models import DialTap

    upsert(
        model=DialTap,
        keys=["code", "language", "source", "day"],
        sums=["count"],
        latest=[],
        rows=[(*key, *counts) for key, (counts, _latest) in batch.items()],
    )


taps = CounterBuffer(name="tap", write=_write_taps)


def tap_record(*, code: str, language: str, source: str) -> None:
    """Count one tap on a code to dial (its link or its copy button); never raises."""
    try:
        taps.add((code, language, source, _today()), (1,))
    except Exception:
        logger.exception("insights: a tap could not be counted")


# --- all counters -----------------------------------------------------------------------------

BUFFERS = [searches, page_views, walks, taps]


def counter_register(buffer: CounterBuffer) -> CounterBuffer:
    """Have `buffer` (another app's counter) written, flushed and discarded with these."""
    if buffer not in BUFFERS:
        BUFFERS.append(buffer)
    return buffer


def counters_flush() -> None:
    """Write every pending batch now (reports call this so they include this process's counts)."""
    for buffer in BUFFERS:
        buffer.flush()


def counters_discard() -> None:
    """Forget pending counts and statistics (tests: nothing leaks into another test's database)."""
    for buffer in BUFFERS:
        buffer.discard()


def counters_stats() -> dict[str, CounterStats]:
    return {buffer.name: buffer.stats() for buffer in BUFFERS}


def counters_flush_due(**_kwargs) -> None:
    """Write the batches that are due (sent after each request, once the response is out)."""
    for buffer in BUFFERS:
        buffer.flush_if_due()


# --- the receiver of simhelp.signals.searched (connected in InsightsConfig.ready) -------------


def search_received(*, query, language, source, answered_by, best_score, **_signal) -> None:
    """`searched`: count the search."""
    search_record(
        query=query,
        language=language,
        source=source,
        answered_by=answered_by,
        best_score=best_score,
    )
