"""What one /api/v1/search request costs, part by part, in one process (no HTTP server, no wrk).

The load test's long tail (its questions with every carrier and card type, shuffled with a
fixed seed; `load_test.long_tail`) is sent through Django's test client against the demo content
in a scratch SQLite database: requests/s, and the mean time per request spent parsing the
parameters, searching (the boosts among it), building the result cards and rendering the JSON.
Beside it, the same client's /healthz: the floor every request pays. A second run on other code
(a worktree) gives the side-by-side figure; a run in one process is steadier than wrk on a busy
machine.

    .venv/bin/python tests/bench/bench_requests.py [--requests 3000] [--profile 25]

With --profile N, it also prints the N functions that take the most time of their own
(cProfile), for the next thing to make cheaper.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import os
import pstats
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from load_test import long_tail, queries, search_paths

ROOT = Path(__file__).resolve().parents[2]


def _settings() -> None:
    """Production-like settings: no debug, no throttling, a scratch database."""
    database = Path(tempfile.mkdtemp(prefix="simhelp-requests-")) / "db.sqlite3"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="simhelp.settings",
        DEBUG="0",
        SECRET_KEY="bench-requests-" + "x" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        API_READ_RATE="100000000/min",
        LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{database}",
    )


def _timed(spent: Counter, owner, name: str, label: str) -> None:
    """Wrap `owner.name` so the time spent in it adds up under `label`."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        started = time.perf_counter_ns()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter_ns() - started

    setattr(owner, name, wrapper)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--profile", type=int, default=0, help="Top functions to list.")
    args = parser.parse_args()
    _settings()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0, stdout=io.StringIO())
    call_command("load_demo", verbosity=0, stdout=io.StringIO())

    import assistant.api as api
    import search.backends.fuzzy.scoring as scoring

    spent: Counter = Counter()
    parts = (
        (api.RememberedAnswers, "respond", "the view's answer, of which"),
        (api, "parse", "  parse the parameters"),
        (api, "search_in_scope", "  search (and the scope rules)"),
        (scoring, "boosted", "    of which the boosts"),
        (api, "result_cards", "  result cards"),
        (api.JSONRenderer, "render", "  render JSON"),
    )
    for owner, name, label in parts:
        _timed(spent, owner, name, label)

    client = Client()
    paths = long_tail(search_paths(queries()))
    random.Random(7).shuffle(paths)
    warm, paths = paths[:300], paths[300 : 300 + args.requests]
    for path in warm:  # builds the index and fills the caches a running worker has
        client.get(path)
    for _ in range(300):
        client.get("/healthz")
    # The floor and the long tail in alternating blocks, so a busy moment of the machine
    # slows both alike.
    spent.clear()
    floor_seconds = elapsed = 0.0
    profile = cProfile.Profile() if args.profile else None
    for start in range(0, len(paths), 100):
        block = paths[start : start + 100]
        began = time.perf_counter()
        for _ in block:
            client.get("/healthz")
        floor_seconds += time.perf_counter() - began
        if profile:
            profile.enable()
        began = time.perf_counter()
        for path in block:
            response = client.get(path)
            if response.status_code != 200:
                sys.exit(f"{path}: {response.status_code}")
        elapsed += time.perf_counter() - began
        if profile:
            profile.disable()
    floor = len(paths) / floor_seconds
    rate = len(paths) / elapsed
    print(f"{len(paths)} long-tail requests in one process (Django test client, demo content)")
    print(f"{'/healthz (the floor)':34}{floor:>9.0f} req/s")
    print(f"{'/api/v1/search, long tail':34}{rate:>9.0f} req/s {rate / floor:>6.0%} of floor")
    print(f"{'per request':34}{elapsed / len(paths) * 1e6:>9.0f} µs")
    for _owner, _name, label in parts:
        print(f"  {label:32}{spent[label] / len(paths) / 1e3:>9.0f} µs")
    if profile:
        print()
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
