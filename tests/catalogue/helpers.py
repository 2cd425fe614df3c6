"""Running the export and import commands the way an operator does, for the catalogue tests."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from assistant.models import AnswerRule, SynonymGroup
from faq.models import CardType, Carrier, Category, Faq
from guides.models import Guide, Troubleshooter


def export() -> str:
    out = StringIO()
    call_command("export_content", stdout=out)
    return out.getvalue()


def write(tmp_path, document, name: str = "content.json"):
    path = tmp_path / name
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def import_content(path, *, dry_run: bool = False) -> str:
    out = StringIO()
    call_command("import_content", str(path), *(["--dry-run"] if dry_run else []), stdout=out)
    return out.getvalue()


def flush_content() -> None:
    for model in (
        AnswerRule,
        Troubleshooter,
        Guide,
        Faq,
        SynonymGroup,
        Category,
        Carrier,
        CardType,
    ):
        model.objects.all().delete()


def refused(path, *, dry_run: bool = False) -> str:
    """The message of an import that must fail, after checking it failed with exit status 1."""
    with pytest.raises(CommandError) as error:
        import_content(path, dry_run=dry_run)
    assert error.value.returncode == 1
    assert str(error.value).startswith("Nothing was imported")
    return str(error.value)


def same_texts(text: str) -> dict[str, str]:
    return {"zh-hans": f"{text}（中）", "en": text, "ru": f"{text} (ru)"}
