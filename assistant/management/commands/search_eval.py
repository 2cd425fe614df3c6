"""Measure search quality on an evaluation file: hit@1, hit@3, MRR, off-topic rejection."""

import json
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assistant.answers import search_in_scope
from search import Hit, load_backend
from search.evaluation import (
    check_languages,
    evaluate,
    evaluate_bank,
    format_table,
    load_faq_bank,
    load_records,
)


class _InScope:
    """The hits readers would get: a question that an out-of-scope rule decides has no
    answer at any threshold (its hits count with score 0). Which rule declined which
    question is kept, so answerable questions a rule keeps from their answer can be listed."""

    def __init__(self) -> None:
        self.declined: dict[tuple[str, str], str] = {}

    def __call__(self, query: str, language: str) -> list[Hit]:
        hits, rule = search_in_scope(query, language=language, limit=10)
        if rule is None:
            return hits
        self.declined[query, language] = rule.name
        return [replace(hit, score=0.0) for hit in hits]


def _answerable_declined(records, declined: dict[tuple[str, str], str]) -> list[dict]:
    """Answerable questions that an out-of-scope rule declines: the reader gets the rule's
    message, not the answer, however they rank (hit@1 still counts their ranking)."""
    return [
        {"id": record.get("id"), "q": record["q"], "rule": declined[record["q"], record["lang"]]}
        for record in records
        if record.get("expect") and (record["q"], record["lang"]) in declined
    ]


class Command(BaseCommand):
    help = (
        "Evaluate search on FILE (lines of {id, q, lang, expect, tags}) against the published "
        "content; or, with --faq-bank, on an external FAQ bank and a (qid, query, gold_ids) FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The evaluation queries (JSONL).")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument(
            "--faq-bank",
            help="A JSONL FAQ bank (id, question, answer, language) to index instead of the "
            "database.",
        )

    def handle(self, *args, file: str, faq_bank: str | None, **options):
        path = Path(file)
        try:
            if faq_bank:
                backend = load_backend(settings.SIMHELP_SEARCH_BACKEND)
                backend.build(load_faq_bank(faq_bank))
                result = {"overall": evaluate_bank(path, backend)}
            else:
                records, in_scope = load_records(path), _InScope()
                _check_languages(path, records)
                result = evaluate(records, in_scope)
                result["declined_by_rule"] = _answerable_declined(records, in_scope.declined)
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {error.filename}") from None
        except (ValueError, KeyError, TypeError) as error:
            raise CommandError(
                f"{path}: not an evaluation file of the expected shape ({error!r})"
            ) from None
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        elif faq_bank:
            overall = result["overall"]
            self.stdout.write(
                f"queries {overall['n']}  hit@1 {overall['hit@1']:.3f}  "
                f"hit@5 {overall['hit@5']:.3f}  MRR {overall['mrr']:.3f}"
            )
        else:
            self.stdout.write(format_table(result))


def _check_languages(path: Path, records: list[dict]) -> None:
    try:
        check_languages(records, [code for code, _name in settings.LANGUAGES])
    except ValueError as error:
        raise CommandError(f"{path}: {error}") from None
