"""import_content refuses text no database stores and absurd nesting, with its usual message."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.catalogue.helpers import export, refused, write

pytestmark = pytest.mark.django_db


def with_question(text: str) -> str:
    document = json.loads(export())
    document["faqs"][0]["question"]["en"] = text
    return json.dumps(document)  # ASCII: a lone surrogate stays an escape in the file


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (lambda: with_question("a\x00b"), "question.en: contains a NUL character"),
        (lambda: with_question("a\ud800b"), "question.en: contains a lone surrogate"),
        (lambda: '{"faqs": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        (lambda: '{"faqs": [' + '{"a": ' * 50 + "1" + "}" * 50 + "]}", "nested too deeply"),
    ],
    ids=["nul", "surrogate", "deep-json", "deep-item"],
)
def test_unstorable_text_and_deep_nesting_are_refused_and_change_nothing(
    content, tmp_path, text, expected
):
    before = export()
    message = refused(write(tmp_path, text()))
    assert message.startswith("Nothing was imported") and expected in message
    assert export() == before


def test_the_command_exits_non_zero_with_the_message_and_no_traceback(tmp_path):
    path = write(tmp_path, '{"faqs": ' + "[" * 100_000 + "]" * 100_000 + "}")
    done = subprocess.run(
        [sys.executable, "manage.py", "import_content", str(path)],
        cwd=settings.BASE_DIR,
        # A scratch database: were the file accepted, an import would replace all content.
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'scratch.sqlite3'}"},
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "Nothing was imported" in done.stderr and "Traceback" not in done.stderr
