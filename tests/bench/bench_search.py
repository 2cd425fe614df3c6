"""Search speed and quality: the engine vs. a naive rapidfuzz scan and PostgreSQL pg_trgm.

Run from the project root (not part of the test suite)::

    .venv/bin/python tests/bench/bench_search.py [--sizes 10000,100000]
        [--pg postgres://postgres@127.0.0.1:5432/simhelp_bench]

For the shipped demo content and for N generated FAQs x 3 languages it prints one table:
index build time, resident memory added by the index (for PostgreSQL: database size), and
per-query latency p50/p95/p99 in-process over a fixed mix of realistic queries; then the
quality (hit@1, MRR) of the three on the evaluation files. Without ``--pg`` the PostgreSQL
rows are skipped. The PostgreSQL database named in the URL is created and dropped.
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from baselines import RapidfuzzScanBaseline  # noqa: E402
from demo_documents import documents_from_fixtures  # noqa: E402
from synthetic import QUERY_MIX, synthetic_documents  # noqa: E402

from search.backends.fuzzy import FuzzyBackend, Tuning  # noqa: E402
from search.documents import Document, Hit  # noqa: E402
from search.evaluation import (  # noqa: E402
    evaluate,
    evaluate_bank_search,
    load_faq_bank,
    load_records,
)

SHARED = ROOT.parent / "shared" / "eval"
# A naive scan over 300,000 titles takes seconds per query; a sample keeps the run bounded.
SCAN_SAMPLE_ABOVE_DOCS = 50_000
SCAN_SAMPLE = 8


def _language_of(query: str) -> str:
    if re.search("[\u4e00-\u9fff]", query):
        return "zh-hans"
    if re.search("[а-яё]", query, re.IGNORECASE):
        return "ru"
    return "en"


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class PgTrgmBaseline:
    """Titles in a PostgreSQL table with a GiST pg_trgm index, ranked by ``<->`` (KNN)."""

    def __init__(self, *, url: str) -> None:
        import psycopg

        self.psycopg = psycopg
        parts = urlsplit(url)
        self.database = parts.path.lstrip("/") or "simhelp_bench"
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", self.database):
            raise SystemExit(f"refusing odd database name {self.database!r}")
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        self.url = urlunsplit(parts._replace(path=f"/{self.database}"))
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {self.database}")
            admin.execute(f"CREATE DATABASE {self.database} TEMPLATE template0 ENCODING 'UTF8'")
        self.connection = psycopg.connect(self.url, autocommit=True)
        self.connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    def build(self, documents: Iterable[Document], *, synonyms: object = ()) -> None:
        connection = self.connection
        connection.execute("DROP TABLE IF EXISTS docs")
        connection.execute(
            "CREATE TABLE docs (id serial PRIMARY KEY, key text, type text, slug text,"
            " language text, title text)"
        )
        columns = "COPY docs (key, type, slug, language, title) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(columns) as copy:
            for document in documents:
                copy.write_row(
                    (
                        document.key,
                        document.type,
                        document.slug,
                        document.language,
                        document.title,
                    )
                )
        connection.execute("CREATE INDEX docs_title_trgm ON docs USING gist (title gist_trgm_ops)")
        connection.execute("ANALYZE docs")

    def search(self, query: str, *, language: str, limit: int = 10, **_: object) -> list[Hit]:
        rows = self.connection.execute(
            "SELECT key, type, slug, language, similarity(title, %(q)s) FROM docs"
            " ORDER BY title <-> %(q)s LIMIT %(n)s",
            {"q": query, "n": limit * 3},
        ).fetchall()
        hits, seen = [], set()
        for key, kind, slug, doc_language, score in rows:
            if key in seen:
                continue
            seen.add(key)
            hits.append(
                Hit(
                    key=key,
                    type=kind,
                    slug=slug,
                    score=float(score),
                    confident=False,
                    language=doc_language,
                    matched_fields=("title",),
                    matched_terms=(),
                )
            )
        return hits[:limit]

    def size_mb(self) -> float:
        row = self.connection.execute("SELECT pg_database_size(current_database())").fetchone()
        return row[0] / 1024 / 1024

    def close(self) -> None:
        self.connection.close()
        with self.psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {self.database}")


@dataclass
class Row:
    label: str
    engine: str
    documents: int
    build_s: float
    memory_mb: float
    memory_note: str
    latencies_ms: list[float]
    queries: int


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _latencies(
    search: Callable[[str, str], object], queries: Sequence[str], rounds: int
) -> list[float]:
    for query in queries:  # warm caches (lazy dictionaries, prepared statements)
        search(query, _language_of(query))
    timings = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            search(query, _language_of(query))
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def _measure_engine(*, label: str, documents: list[Document], synonyms: list[list[str]]) -> Row:
    gc.collect()
    before = _rss_mb()
    # Without the index's memory of recent readings: every round is a full search, the cost
    # of a question the process has not seen (repeats would only measure a lookup).
    backend = FuzzyBackend(tuning=Tuning(recent_readings=0))
    started = time.perf_counter()
    backend.build(documents, synonyms=synonyms)
    build = time.perf_counter() - started
    gc.collect()
    memory = _rss_mb() - before
    timings = _latencies(
        lambda query, language: backend.search(query, language=language), QUERY_MIX, rounds=5
    )
    return Row(label, "FuzzyBackend", len(documents), build, memory, "RSS", timings, len(QUERY_MIX))


def _measure_scan(*, label: str, documents: list[Document]) -> Row:
    gc.collect()
    before = _rss_mb()
    scan = RapidfuzzScanBaseline(scorer="WRatio")
    started = time.perf_counter()
    scan.build(documents)
    build = time.perf_counter() - started
    memory = _rss_mb() - before
    queries = (
        QUERY_MIX[:: max(1, len(QUERY_MIX) // SCAN_SAMPLE)][:SCAN_SAMPLE]
        if len(documents) > SCAN_SAMPLE_ABOVE_DOCS
        else QUERY_MIX
    )
    rounds = 1 if len(documents) > SCAN_SAMPLE_ABOVE_DOCS else 2
    timings = _latencies(
        lambda query, language: scan.search(query, language=language), queries, rounds
    )
    return Row(
        label, "rapidfuzz WRatio scan", len(documents), build, memory, "RSS", timings, len(queries)
    )


def _measure_pg(*, label: str, documents: list[Document], pg: PgTrgmBaseline) -> Row:
    started = time.perf_counter()
    pg.build(documents)
    build = time.perf_counter() - started
    timings = _latencies(lambda query, language: pg.search(query, language=language), QUERY_MIX, 3)
    return Row(
        label,
        "pg_trgm GiST KNN",
        len(documents),
        build,
        pg.size_mb(),
        "db",
        timings,
        len(QUERY_MIX),
    )


def _print_rows(rows: list[Row]) -> None:
    header = (
        f"{'content':<24}{'engine':<24}{'docs':>9}{'build s':>9}{'memory MB':>13}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'queries':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        memory = f"{row.memory_mb:.0f} ({row.memory_note})"
        print(
            f"{row.label:<24}{row.engine:<24}{row.documents:>9}{row.build_s:>9.2f}{memory:>13}"
            f"{_percentile(row.latencies_ms, 0.5):>9.2f}{_percentile(row.latencies_ms, 0.95):>9.2f}"
            f"{_percentile(row.latencies_ms, 0.99):>9.2f}{row.queries:>9}"
        )


def _quality(*, pg: PgTrgmBaseline | None) -> None:
    demo_documents, synonyms = documents_from_fixtures(ROOT / "fixtures" / "demo")
    records = [record for record in load_records(SHARED / "queries.jsonl") if record.get("expect")]
    stack_documents = load_faq_bank(SHARED / "external" / "stackfaq_en" / "faq.jsonl")
    stack_queries = SHARED / "external" / "stackfaq_en" / "queries.jsonl"
    rankers: list[tuple[str, object]] = [
        ("FuzzyBackend", FuzzyBackend()),
        ("rapidfuzz WRatio scan", RapidfuzzScanBaseline(scorer="WRatio")),
        ("rapidfuzz token_set scan", RapidfuzzScanBaseline(scorer="token_set_ratio")),
    ]
    if pg is not None:
        rankers.append(("pg_trgm GiST KNN", pg))
    print(
        f"\nSearch quality (demo: {len(records)} on-topic queries; StackFAQ: {stack_queries.name})"
    )
    print(f"{'engine':<26}{'demo hit@1':>12}{'demo MRR':>10}{'SF hit@1':>10}{'SF MRR':>8}")
    for name, ranker in rankers:
        ranker.build(demo_documents, synonyms=synonyms)
        demo = evaluate(
            records, lambda query, language, ranker=ranker: ranker.search(query, language=language)
        )["overall"]
        ranker.build(stack_documents)
        stack = evaluate_bank_search(
            stack_queries,
            lambda query, language, ranker=ranker: ranker.search(
                query, language=language, limit=10
            ),
        )
        print(
            f"{name:<26}{demo['hit@1']:>12.3f}{demo['mrr']:>10.3f}"
            f"{stack['hit@1']:>10.3f}{stack['mrr']:>8.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10000,100000", help="generated FAQ counts, comma-separated"
    )
    parser.add_argument(
        "--pg", default="", help="PostgreSQL URL of a scratch database to create/drop"
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    pg = PgTrgmBaseline(url=args.pg) if args.pg else None
    rows: list[Row] = []
    try:
        demo_documents, synonyms = documents_from_fixtures(ROOT / "fixtures" / "demo")
        contents = [("demo (shipped)", demo_documents, synonyms)]
        for size in sizes:
            contents.append((f"{size:,} FAQs x 3 langs", synthetic_documents(count=size), []))
        for label, documents, groups in contents:
            print(f"... {label}: {len(documents)} documents", file=sys.stderr, flush=True)
            rows.append(_measure_engine(label=label, documents=documents, synonyms=groups))
            rows.append(_measure_scan(label=label, documents=documents))
            if pg is not None:
                rows.append(_measure_pg(label=label, documents=documents, pg=pg))
        print(
            f"\nPer-query latency in-process over {len(QUERY_MIX)} mixed queries (zh/en/ru, typos,"
            " traditional, pinyin, layout, off-topic); 'memory' = RSS added by the index, or the"
            " PostgreSQL database size. Median of runs: "
            f"{statistics.median([len(row.latencies_ms) for row in rows]):.0f} timings per row.\n"
        )
        _print_rows(rows)
        _quality(pg=pg)
    finally:
        if pg is not None:
            pg.close()


if __name__ == "__main__":
    main()
