"""What search logging costs a request: per-call time of `search_record` vs. no logging.

Run from the project root (not part of the test suite)::

    .venv/bin/python tests/bench/bench_logging.py [--calls 20000] [--database-url URL]

On a scratch SQLite database (or the database named by ``--database-url``, which must be
migrated and is written to) it times, call by call, in-process:

- ``none``: the same call to a function that does nothing (the floor: timer and call);
- ``logging, buffer only``: `search_record` with batches never due (the dictionary update);
- ``logging, batches due``: `search_record` with the default batch size, followed (untimed)
  by what a server does once the response is out (`request_finished`), which writes the due
  batches; their time is reported separately, as it is not part of any response;
- ``logging, written in the call``: the same without request cycles, so a batch (twice the
  size, the fallback outside requests) is written inside the call that makes it overdue;
- ``page view``: `page_view_record` with request cycles;

over a realistic mix of distinct queries, and prints p50/p95/p99/max and the mean in
microseconds, and for scale the p50 of the assistant answering a question (`ask`) on the demo
content. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BASE_QUERIES = [
    ("怎么查余额", "zh-hans"),
    ("续费失败", "zh-hans"),
    ("遠遊卡怎麼充值", "zh-hans"),
    ("外国银行卡付款被拒", "zh-hans"),
    ("check balance", "en"),
    ("paymnet faild", "en"),
    ("renew mts from abroad", "en"),
    ("best borscht recipe", "en"),
    ("gjgjkybnm ,fkfyc", "ru"),
    ("как проверить баланс", "ru"),
    ("не проходит оплата картой", "ru"),
    ("Пополнить Баланс МТС", "ru"),
]


def query_mix(count: int) -> list[tuple[str, str]]:
    """`count` queries: the base ones and numbered variants, about 600 distinct in all."""
    mix = []
    for n in range(count):
        query, language = BASE_QUERIES[n % len(BASE_QUERIES)]
        variant = n % 50
        mix.append((f"{query} {variant}" if variant else query, language))
    return mix


def timings(function: Callable[[int], object], calls: int) -> list[float]:
    """Microseconds of each of `calls` calls of function(i)."""
    gc.collect()
    clock = time.perf_counter_ns
    spent = []
    for number in range(calls):
        started = clock()
        function(number)
        spent.append((clock() - started) / 1000)
    return spent


def summary(name: str, spent: list[float]) -> str:
    ordered = sorted(spent)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    return (
        f"{name:<28} {at(0.50):>8.2f} {at(0.95):>8.2f} {at(0.99):>8.2f} "
        f"{ordered[-1]:>9.1f} {statistics.fmean(spent):>8.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("DEBUG", "1")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simhelp.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.signals import request_finished

    from assistant.answers import ask
    from insights.counters import counters_flush, page_view_record, search_record, searches
    from insights.models import SearchLog

    if not args.database_url:
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)

    mix = query_mix(args.calls)
    flush_every = settings.INSIGHTS_FLUSH_EVENTS

    def nothing(*, query, language, source, answered_by, best_score) -> None:
        return None

    def call_with(record):
        def call(number: int) -> None:
            query, language = mix[number]
            record(
                query=query,
                language=language,
                source="api",
                answered_by="search" if number % 3 else "none",
                best_score=0.8,
            )

        return call

    rows = []
    rows.append(summary("none", timings(call_with(nothing), args.calls)))

    settings.INSIGHTS_FLUSH_EVENTS = args.calls * 10  # never due: the buffer alone
    settings.INSIGHTS_FLUSH_SECONDS = 1e9
    rows.append(summary("logging, buffer only", timings(call_with(search_record), args.calls)))
    searches.discard()

    settings.INSIGHTS_FLUSH_EVENTS = flush_every
    settings.INSIGHTS_FLUSH_SECONDS = 10.0

    def request_cycles(function) -> tuple[list[float], list[float]]:
        """Time each call; then, apart, what the server does once the response is out."""
        gc.collect()
        clock = time.perf_counter_ns
        in_request, after_response = [], []
        for number in range(args.calls):
            started = clock()
            function(number)
            in_request.append((clock() - started) / 1000)
            started = clock()
            request_finished.send(sender=None)
            after_response.append((clock() - started) / 1000)
        return in_request, after_response

    before = searches.stats().flushed_batches
    due, after = request_cycles(call_with(search_record))
    batches = searches.stats().flushed_batches - before
    rows.append(summary(f"logging, batches due ({flush_every}/batch)", due))
    written = sorted(after)[-batches:] if batches else []

    before = searches.stats().flushed_batches
    in_call = timings(call_with(search_record), args.calls)
    counters_flush()
    in_call_batches = searches.stats().flushed_batches - before
    rows.append(summary(f"logging, written in the call ({2 * flush_every}/b.)", in_call))

    def view(number: int) -> None:
        page_view_record(target=f"faq:item-{number % 40}")

    rows.append(summary("page view, batches due", request_cycles(view)[0]))
    counters_flush()

    questions = [mix[n] for n in range(0, min(args.calls, 600), 3)]
    ask_spent = timings(lambda n: ask(questions[n][0], language=questions[n][1]), len(questions))

    vendor = django.db.connection.vendor
    print(f"{args.calls} calls each, in-process, {vendor} database; microseconds per call")
    print(f"{'':<28} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>9} {'mean':>8}")
    for row in rows:
        print(row)
    print(summary("for scale: ask() a question", ask_spent))
    if written:
        print(
            f"after the response: {batches} batches written, "
            f"{statistics.fmean(written) / 1000:.1f} ms each on average "
            f"(max {written[-1] / 1000:.1f} ms)"
        )
    print(
        f"written in the call: {in_call_batches} batches; "
        f"{SearchLog.objects.count()} search-log rows, "
        f"{sum(SearchLog.objects.values_list('count', flat=True))} searches counted "
        f"(of {2 * args.calls} recorded with batches), "
        f"dropped batches: {searches.stats().dropped_batches}"
    )


if __name__ == "__main__":
    main()
