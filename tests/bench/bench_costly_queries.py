"""What one query may cost: the slowest inputs an attacker can send, beside a normal query.

Run from the project root (not part of the test suite)::

    .venv/bin/python tests/bench/bench_costly_queries.py [--rounds 50]

Builds the engine over the demo fixtures (as ``bench_search.py`` does) with its memory of recent
readings off, so every round is a full search, and prints per input p50 / p95 / max in ms. The
inputs are the longest the API accepts (MAX_QUERY_CHARS, 300 characters): frequent
Chinese bigrams (every character a position, every pair a unit), frequent words said again
and again, and distinct words; then a normal question. Compare a run of two commits by
running it in each checkout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from demo_documents import documents_from_fixtures  # noqa: E402

from search.backends.fuzzy import FuzzyBackend, Tuning  # noqa: E402
from search.normalize import MAX_QUERY_CHARS  # noqa: E402

LONGEST = MAX_QUERY_CHARS
FREQUENT = "怎么充值续费流量话费套餐号码运营商余额登录密码付款失败银行卡过期停机"
INPUTS = [
    ("normal question (zh)", "zh-hans", "怎么给流量卡充值"),
    ("normal question (en)", "en", "my payment failed on the mts website"),
    (
        f"{LONGEST} CJK chars, frequent bigrams",
        "zh-hans",
        "".join(
            FREQUENT[(i * 7) % len(FREQUENT)] + FREQUENT[(i * 3) % len(FREQUENT)]
            for i in range(LONGEST)
        )[:LONGEST],
    ),
    (
        f"{LONGEST} chars, one phrase repeated",
        "en",
        ("payment failed balance top up " * LONGEST)[:LONGEST],
    ),
    (
        f"{LONGEST} chars, distinct words",
        "en",
        (
            "balance top up renew payment failed card declined login password expired data "
            "roaming sim number carrier store receipt app website terminal esim iccid plan "
            "tariff alert reminder promotion passport queue signal coverage scam link "
            "cooling period after travel registration foreigner biometrics gosuslugi snils "
            "keyboard layout caps lock captcha support hotline opening hours recycled number"
        )[:LONGEST],
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    documents, synonyms = documents_from_fixtures(ROOT / "fixtures" / "demo")
    backend = FuzzyBackend(tuning=Tuning(recent_readings=0))
    backend.build(documents, synonyms=synonyms)
    print(f"{len(documents)} documents, {args.rounds} rounds per input, memory of readings off")
    print(f"{'input':36}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for label, language, query in INPUTS:
        timings = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            backend.search(query, language=language)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(f"{label:36}{statistics.median(timings):9.2f}{p95:9.2f}{timings[-1]:9.2f}")


if __name__ == "__main__":
    main()
