"""Answer-rule matching speed: the demo rules' phrases against questions new to the process.

Run from the project root (not part of the test suite)::

    .venv/bin/python tests/bench/bench_rules.py [--repeat 5]

Every question that reaches ``ask`` or the search endpoint is matched against the phrases of
every active rule (answer and out-of-scope rules alike) before the answer is chosen; a
question seen before comes from a cache, so what counts is the cost of a new one. This
prints that cost per question (best of ``--repeat`` passes over the questions of the sets we
tune on, the cache cleared before each), with how many phrases and questions were matched. Measure a
change side by side: run it on the old code (a worktree) and on the new, one after the other.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def demo_phrase_sets(split_phrases) -> tuple[tuple[str, ...], ...]:
    """Each demo rule's phrases in every language, as the index snapshot holds them
    (``split_phrases``: the project's own, so they split as in the admin)."""
    sets = []
    for name in ("50-rules.json", "51-scope-rules.json"):
        rules = json.loads((ROOT / "fixtures" / "demo" / name).read_text("utf-8"))["rules"]
        for rule in rules:
            phrases = [p for text in rule["phrases"].values() for p in split_phrases(text)]
            sets.append(tuple(dict.fromkeys(phrases)))
    return tuple(sets)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="Passes; the best one counts.")
    args = parser.parse_args()
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simhelp.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from tune_search import TUNING_SETS

    from assistant import phrases
    from search.evaluation import load_records
    from simhelp.content import listed_phrases

    phrase_sets = demo_phrase_sets(listed_phrases)
    questions = [record["q"] for path in TUNING_SETS for record in load_records(path)]
    best = float("inf")
    for _ in range(max(1, args.repeat)):
        phrases.phrases_found.cache_clear()
        started = time.perf_counter()
        for question in questions:
            phrases.phrases_found(phrase_sets, question)
        best = min(best, time.perf_counter() - started)
    phrases = sum(len(phrases) for phrases in phrase_sets)
    print(
        f"{len(phrase_sets)} rules, {phrases} phrases, {len(questions)} new questions: "
        f"{best / len(questions) * 1e6:.0f} µs per question (best of {args.repeat})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
