"""Search-quality metrics over evaluation files (pure functions, no Django).

Two formats: SimHelp's own query file (``{id, q, lang, expect, tags}`` per line, where an
empty ``expect`` marks an off-topic query) and FAQ-retrieval banks such as StackFAQ (a JSONL
FAQ bank plus ``{qid, query, gold_ids}`` queries).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from search.backends.base import SearchBackend
from search.documents import Document, Hit

SearchFunction = Callable[[str, str], Sequence[Hit]]

_RANK_DEPTH = 10


def _empty_bucket() -> dict[str, Any]:
    return {"ranks": [], "offtopic": []}


def _summarize(bucket: Mapping[str, list]) -> dict[str, float | int]:
    ranks: list[int | None] = bucket["ranks"]
    offtopic: list[bool] = bucket["offtopic"]
    n = len(ranks)

    def share(values: Iterable[bool], total: int) -> float:
        return round(sum(values) / total, 4) if total else 0.0

    return {
        "n": n,
        "hit@1": share((rank is not None and rank <= 1 for rank in ranks), n),
        "hit@3": share((rank is not None and rank <= 3 for rank in ranks), n),
        "hit@5": share((rank is not None and rank <= 5 for rank in ranks), n),
        "mrr": round(sum(1.0 / rank for rank in ranks if rank) / n, 4) if n else 0.0,
        "offtopic_n": len(offtopic),
        "offtopic_rejection": share(offtopic, len(offtopic)),
    }


def _first_rank(hits: Sequence[Hit], expected: Collection[str]) -> int | None:
    for rank, hit in enumerate(hits[:_RANK_DEPTH], start=1):
        if hit.key in expected:
            return rank
    return None


def evaluate(records: Iterable[Mapping[str, Any]], search: SearchFunction) -> dict[str, Any]:
    """hit@k, MRR and off-topic rejection overall, per language and per tag, plus the misses."""
    overall = _empty_bucket()
    by_lang: dict[str, dict] = {}
    by_tag: dict[str, dict] = {}
    misses = []
    answers: list[tuple[float, str]] = []
    for record in records:
        hits = list(search(record["q"], record["lang"]))
        expected = set(record.get("expect") or ())
        if hits:
            outcome = RIGHT if hits[0].key in expected else WRONG if expected else OFFTOPIC
            answers.append((hits[0].score, outcome))
        elif not expected:
            answers.append((0.0, OFFTOPIC))
        else:
            answers.append((0.0, WRONG))
        buckets = [overall, by_lang.setdefault(record["lang"], _empty_bucket())]
        buckets += [by_tag.setdefault(tag, _empty_bucket()) for tag in record.get("tags") or ()]
        if expected:
            rank = _first_rank(hits, expected)
            for bucket in buckets:
                bucket["ranks"].append(rank)
            missed = rank != 1
        else:
            rejected = not hits or not hits[0].confident
            for bucket in buckets:
                bucket["offtopic"].append(rejected)
            missed = not rejected
        if missed:
            misses.append(
                {
                    "id": record.get("id"),
                    "q": record["q"],
                    "expect": sorted(expected),
                    "got": [hit.key for hit in hits[:3]],
                    "scores": [hit.score for hit in hits[:3]],
                }
            )
    return {
        "overall": _summarize(overall),
        "by_lang": {lang: _summarize(bucket) for lang, bucket in sorted(by_lang.items())},
        "by_tag": {tag: _summarize(bucket) for tag, bucket in sorted(by_tag.items())},
        "calibration": calibration(answers),
        "misses": misses,
    }


RIGHT, WRONG, OFFTOPIC = "right", "wrong", "offtopic"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def calibration(
    answers: Sequence[tuple[float, str]], thresholds: Sequence[float] = THRESHOLDS
) -> list[dict[str, float]]:
    """What each confidence threshold would do, from the top hit of every query.

    `answers` holds, per query, the top hit's score and whether it is RIGHT, WRONG (an
    answerable query whose top hit is not expected) or OFFTOPIC (a query that should get no
    answer). Per threshold: the share of answerable queries answered confidently and right
    (coverage), answered confidently but wrong, the share of off-topic queries answered
    (wrongly), and the precision of the confident answers (right among all answered). A
    calibrated score makes precision rise with the threshold.
    """
    answerable = sum(1 for _score, outcome in answers if outcome != OFFTOPIC)
    offtopic = len(answers) - answerable
    rows = []
    for threshold in thresholds:
        counts = {RIGHT: 0, WRONG: 0, OFFTOPIC: 0}
        for score, outcome in answers:
            if score >= threshold:
                counts[outcome] += 1
        answered = sum(counts.values())
        rows.append(
            {
                "threshold": threshold,
                "answered_right": round(counts[RIGHT] / answerable, 4) if answerable else 0.0,
                "answered_wrong": round(counts[WRONG] / answerable, 4) if answerable else 0.0,
                "offtopic_answered": round(counts[OFFTOPIC] / offtopic, 4) if offtopic else 0.0,
                "precision": round(counts[RIGHT] / answered, 4) if answered else 1.0,
            }
        )
    return rows


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL evaluation file (blank lines ignored)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def check_languages(records: Iterable[Mapping[str, Any]], languages: Collection[str]) -> None:
    """Raise ValueError naming the first record whose ``lang`` is not one of ``languages``: a
    query asked in "zh" rather than "zh-hans" would be measured without the boost its own
    language's documents get."""
    for number, record in enumerate(records, start=1):
        if record.get("lang") not in languages:
            raise ValueError(
                f"record {number} ({record.get('id') or record.get('q')!r}) has lang "
                f"{record.get('lang')!r}; use one of {', '.join(sorted(languages))}"
            )


def load_faq_bank(path: str | Path) -> list[Document]:
    """A JSONL FAQ bank (id, question, answer, language) as FAQ Documents."""
    return [
        Document(
            type="faq",
            slug=str(row["id"]),
            language=row.get("language") or "en",
            title=row.get("question") or "",
            body=row.get("answer") or "",
        )
        for row in load_records(path)
    ]


def evaluate_bank_search(queries_path: str | Path, search: SearchFunction) -> dict[str, float]:
    """hit@1, hit@5 and MRR of any search function over a (qid, query, gold_ids) file."""
    bucket = _empty_bucket()
    for row in load_records(queries_path):
        expected = {f"faq:{gold}" for gold in row["gold_ids"]}
        hits = search(row["query"], row.get("language") or "en")
        bucket["ranks"].append(_first_rank(hits, expected))
    summary = _summarize(bucket)
    return {
        "n": summary["n"],
        "hit@1": summary["hit@1"],
        "hit@5": summary["hit@5"],
        "mrr": summary["mrr"],
    }


def evaluate_bank(queries_path: str | Path, backend: SearchBackend) -> dict[str, float]:
    """hit@1, hit@5 and MRR of a built backend over a (qid, query, gold_ids) file."""
    return evaluate_bank_search(
        queries_path,
        lambda query, language: backend.search(query, language=language, limit=_RANK_DEPTH),
    )


def format_table(result: Mapping[str, Any]) -> str:
    """A plain-text table of an :func:`evaluate` result (overall, per language, per tag, misses)."""
    columns = ("n", "hit@1", "hit@3", "hit@5", "mrr", "offtopic_n", "offtopic_rejection")
    header = f"{'':<18}" + "".join(
        f"{name:>20}" if name == "offtopic_rejection" else f"{name:>12}" for name in columns
    )
    lines = [header]

    def row(label: str, values: Mapping[str, Any]) -> str:
        cells = []
        for name in columns:
            width = 20 if name == "offtopic_rejection" else 12
            value = values.get(name, "")
            cells.append(
                f"{value:>{width}.3f}" if isinstance(value, float) else f"{value!s:>{width}}"
            )
        return f"{label:<18}" + "".join(cells)

    lines.append(row("overall", result["overall"]))
    for lang, values in result.get("by_lang", {}).items():
        lines.append(row(f"lang={lang}", values))
    for tag, values in result.get("by_tag", {}).items():
        lines.append(row(f"tag={tag}", values))
    if result.get("calibration"):
        lines.append(
            "calibration (top hit at or above each threshold; right/wrong of answerable "
            "queries, off-topic answered of off-topic queries, precision of all answered):"
        )
        lines.append(
            f"{'threshold':>11}{'answered right':>16}{'answered wrong':>16}"
            f"{'off-topic answered':>20}{'precision':>11}"
        )
        for point in result["calibration"]:
            lines.append(
                f"{point['threshold']:>11.2f}{point['answered_right']:>16.3f}"
                f"{point['answered_wrong']:>16.3f}{point['offtopic_answered']:>20.3f}"
                f"{point['precision']:>11.3f}"
            )
    if "declined_by_rule" in result:
        declined = result["declined_by_rule"]
        lines.append(f"answerable queries an out-of-scope rule declines: {len(declined)}")
        lines.extend(f"  {row['id']}: {row['q']!r} by {row['rule']!r}" for row in declined)
    misses = result.get("misses", [])
    lines.append(f"misses: {len(misses)}")
    for miss in misses:
        got = ", ".join(
            f"{key} ({score:.2f})"
            for key, score in zip(miss["got"], miss.get("scores", [0.0] * 3), strict=False)
        )
        expected = miss["expect"] or "no answer"
        lines.append(f"  {miss['id']}: {miss['q']!r} expected {expected}; got {got or 'nothing'}")
    return "\n".join(lines)
