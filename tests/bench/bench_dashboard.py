"""The insights dashboard's server time over a generated history (not part of the test suite).

    .venv/bin/python tests/bench/bench_dashboard.py [--days 30] [--rows-per-day 3000]
        [--searches-per-day 100000] [--database-url URL]

Writes the history with bulk_create into a scratch SQLite database (or the migrated database
named by --database-url), then times the dashboard page (all five charts and the key numbers,
rendered) through Django's test client for the 7-day, 30-day and whole range, and the search-log
CSV export of the whole range (streamed to the end). Prints the volume and the times.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--rows-per-day", type=int, default=3000)
    parser.add_argument("--searches-per-day", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="bench-dashboard-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}/bench.sqlite3"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simhelp.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client, override_settings

    from insights.history import seed_history
    from insights.models import SearchLog

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    seeded = seed_history(
        days=args.days, searches_per_day=args.searches_per_day, rows_per_day=args.rows_per_day
    )
    print(
        f"history: {seeded.days} days, {seeded.searches:,} searches in {seeded.search_rows:,} "
        f"search-log rows ({SearchLog.objects.count():,} in the table), written in "
        f"{time.perf_counter() - started:.1f} s"
    )
    user = get_user_model().objects.create_superuser("bench", "", "x")
    client = Client()
    client.force_login(user)
    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
        for label, query in [
            ("7 days", {"days": "7"}),
            ("30 days", {"days": "30"}),
            (f"{args.days + 1} days", {"days": "90"} if args.days >= 89 else None),
        ]:
            if query is None:
                continue
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get("/admin/insights/searchlog/dashboard/", query)
                assert response.status_code == 200, response.status_code
                times.append(time.perf_counter() - started)
            print(f"dashboard {label:>8}: median {statistics.median(times) * 1000:8.0f} ms")
        started = time.perf_counter()
        response = client.get("/admin/insights/searchlog/export/searchlog.csv", {"days": "90"})
        size = sum(len(chunk) for chunk in response.streaming_content)
        print(
            f"search-log CSV export (whole history): {size / 1e6:.1f} MB in "
            f"{time.perf_counter() - started:.1f} s"
        )


if __name__ == "__main__":
    main()
