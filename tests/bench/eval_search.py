"""Search quality in one run: StackFAQ (engine vs. BM25 and rapidfuzz baselines) and the demo.

Run from the project root::

    .venv/bin/python tests/bench/eval_search.py [--stackfaq DIR] [--fixtures DIR] [--queries FILE]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from baselines import Bm25Baseline, RapidfuzzScanBaseline  # noqa: E402
from demo_documents import documents_from_fixtures  # noqa: E402

from search.backends.fuzzy import FuzzyBackend  # noqa: E402
from search.evaluation import (  # noqa: E402
    evaluate,
    evaluate_bank_search,
    format_table,
    load_faq_bank,
    load_records,
)

SHARED = ROOT.parent / "shared" / "eval"


def _stackfaq(*, folder: Path) -> None:
    documents = load_faq_bank(folder / "faq.jsonl")
    rankers = {
        "FuzzyBackend (title + answer)": FuzzyBackend(),
        "BM25 + Snowball over questions": Bm25Baseline(),
        "rapidfuzz token_set_ratio scan": RapidfuzzScanBaseline(scorer="token_set_ratio"),
    }
    print(f"StackFAQ: {len(documents)} FAQs, {folder / 'queries.jsonl'}")
    print(f"{'ranker':<34}{'n':>6}{'hit@1':>8}{'hit@5':>8}{'MRR':>8}{'ms/query':>10}")
    for name, ranker in rankers.items():
        ranker.build(documents)
        started = time.perf_counter()
        result = evaluate_bank_search(
            folder / "queries.jsonl",
            lambda query, language, ranker=ranker: ranker.search(
                query, language=language, limit=10
            ),
        )
        elapsed = (time.perf_counter() - started) * 1000 / max(result["n"], 1)
        print(
            f"{name:<34}{result['n']:>6}{result['hit@1']:>8.3f}{result['hit@5']:>8.3f}"
            f"{result['mrr']:>8.3f}{elapsed:>10.2f}"
        )


def _demo(*, fixtures: Path, queries: Path) -> None:
    documents, synonyms = documents_from_fixtures(fixtures)
    backend = FuzzyBackend()
    backend.build(documents, synonyms=synonyms)
    items = len({document.key for document in documents})
    print(
        f"\nDemo content: {items} items, {len(documents)} documents,"
        f" {len(synonyms)} synonym groups; threshold {backend.confidence_threshold}; {queries}"
        "\n(the engine alone: no topic anchors, carrier names, link popularity or answer rules,"
        " so a carrier's guide ties with the item for every carrier; `manage.py search_eval`"
        " measures the search as the app runs it)"
    )
    result = evaluate(
        load_records(queries), lambda query, language: backend.search(query, language=language)
    )
    print(format_table(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stackfaq", type=Path, default=SHARED / "external" / "stackfaq_en")
    parser.add_argument("--fixtures", type=Path, default=ROOT / "fixtures" / "demo")
    parser.add_argument("--queries", type=Path, default=SHARED / "queries.jsonl")
    args = parser.parse_args()
    _stackfaq(folder=args.stackfaq)
    _demo(fixtures=args.fixtures, queries=args.queries)


if __name__ == "__main__":
    main()
