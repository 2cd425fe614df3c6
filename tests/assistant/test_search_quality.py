"""Search quality on the shipped catalogue, measured on the project's evaluation file."""

from pathlib import Path

import pytest
from django.conf import settings

from assistant.index import search
from search.evaluation import evaluate, load_records

EVAL_FILE = Path(settings.BASE_DIR).parent / "shared" / "eval" / "queries.jsonl"


@pytest.mark.skipif(not EVAL_FILE.exists(), reason="the shared evaluation file is not beside us")
def test_the_shipped_content_meets_the_quality_floors(demo_content):
    result = evaluate(load_records(EVAL_FILE), lambda q, lang: search(q, language=lang, limit=10))
    overall = result["overall"]
    assert overall["hit@1"] >= 0.92, result["misses"]
    assert overall["hit@3"] >= 0.98, result["misses"]
    for language, figures in result["by_lang"].items():
        assert figures["hit@1"] >= 0.88, (language, result["misses"])
    assert overall["offtopic_rejection"] == 1.0, result["misses"]
