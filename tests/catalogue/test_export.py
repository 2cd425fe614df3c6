"""export_content: every item, drafts and rules in one stable JSON; exports round-trip byte
identical."""

import json
import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from faq.models import Carrier, Category, Faq, Status
from simhelp.catalogue import FIELDS, SECTIONS
from simhelp.models import Image
from tests.builders import (
    make_category,
    make_faq,
    make_guide,
    make_rule,
    make_tree,
)
from tests.catalogue.helpers import export, flush_content, import_content, write

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_item_drafts_and_rules_in_three_languages(content):
    document = json.loads(export())
    assert list(document) == list(SECTIONS)
    slugs = {
        section: [item.get("slug") or item["name"] for item in document[section]]
        for section in SECTIONS
    }
    assert slugs["categories"] == ["payment", "unused"]
    assert slugs["faqs"] == ["card-declined", "draft-faq"]
    assert slugs["guides"] == ["draft-guide", "renew-mts"]
    assert slugs["troubleshooters"] == ["draft-tree", "empty-draft", "pay-failed"]
    assert slugs["rules"] == ["Declined card", "Payment page"]  # priority 5 first
    faq = document["faqs"][0]
    assert faq["question"] == {
        "zh-hans": "银行卡被拒怎么办？",
        "en": "Card declined?",
        "ru": "Карту отклонили?",
    }
    assert (faq["carriers"], faq["card_types"], faq["status"]) == (["mts"], ["data"], "published")
    assert document["faqs"][1]["status"] == "draft"
    assert document["faqs"][1]["question"]["en"] == ""
    tree = document["troubleshooters"][2]
    assert tree["root"] == "start"
    assert [o["to"] for o in tree["nodes"][0]["options"]] == ["fix", "mts-fix"]
    assert tree["nodes"][0]["options"][1]["condition"] == {"carrier": "mts"}
    empty = document["troubleshooters"][1]
    assert (empty["status"], empty["root"], empty["nodes"]) == ("draft", None, [])
    assert document["rules"][0] == {
        "name": "Declined card",
        "priority": 5,
        "active": True,
        "phrases": document["rules"][0]["phrases"],
        "language": "ru",
        "carrier": "mts",
        "card_type": None,
        "page_url": "",
        "outcome": "answer",
        "target": "faq:card-declined",
        "target_node": "",
        "message": {
            "zh-hans": "Read this (zh_hans)",
            "en": "Read this (en)",
            "ru": "Read this (ru)",
        },
    }
    assert document["rules"][1]["target_node"] == "fix"


def test_the_export_has_fixed_keys_readable_text_and_a_trailing_newline(content):
    text = export()
    document = json.loads(text)
    for section in SECTIONS:
        for item in document[section]:
            assert tuple(item) == FIELDS[section]
    assert "银行卡被拒怎么办？" in text and "Карту отклонили?" in text
    assert text.startswith('{\n  "categories": [\n    {\n      "slug"')
    assert text.endswith("]\n}\n")


def test_items_are_sorted_by_their_order_then_slug_not_by_when_they_were_made():
    make_category(slug="b-second", order=1)
    make_category(slug="c-first", order=0)
    make_category(slug="a-third", order=1)
    document = json.loads(export())
    assert [c["slug"] for c in document["categories"]] == ["c-first", "a-third", "b-second"]


def test_export_to_a_file_writes_the_same_bytes_as_standard_output(content, tmp_path):
    out = StringIO()
    call_command("export_content", "--output", str(tmp_path / "all.json"), stdout=out)
    assert (tmp_path / "all.json").read_bytes() == export().encode()
    assert "2 faqs" in out.getvalue() and "2 rules" in out.getvalue()
    assert [p.name for p in tmp_path.iterdir()] == ["all.json"]


def test_the_export_costs_the_same_queries_however_much_content_there_is(content):
    with CaptureQueriesContext(connection) as small:
        export()
    for _ in range(3):
        make_faq().carriers.set([Carrier.objects.get()])
        make_guide(carrier=Carrier.objects.get())
        make_tree(edges={"start": ["end"]}, solutions={"end"})
        make_rule(target="faq:card-declined")
    with CaptureQueriesContext(connection) as large:
        export()
    assert len(large) == len(small)


def test_the_demo_exported_and_imported_into_an_empty_database_exports_byte_identical(
    demo_content, tmp_path, _media_in_tmp
):
    """Pictures included: their originals go beside the JSON and come back byte for byte."""
    make_rule(name="Declined", target="faq:foreign-card-declined", priority=3)
    make_faq(slug="draft-demo", category=Category.objects.first(), status=Status.DRAFT)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    call_command("export_content", "--output", str(first / "content.json"), stdout=StringIO())
    assert {p.name for p in (first / "images").iterdir()} == {
        "sim-card-iccid.png",
        "top-up-steps.png",
    }
    flush_content()
    Image.objects.all().delete()
    shutil.rmtree(_media_in_tmp)  # an empty database on a machine without the files
    assert not Faq.objects.exists() and not Image.objects.exists()

    import_content(first / "content.json")

    call_command("export_content", "--output", str(second / "content.json"), stdout=StringIO())
    assert (second / "content.json").read_bytes() == (first / "content.json").read_bytes()
    for picture in (first / "images").iterdir():
        assert (second / "images" / picture.name).read_bytes() == picture.read_bytes()
    assert Image.objects.get(key="top-up-steps").variants
    assert export() == (first / "content.json").read_text(encoding="utf-8")
    call_command("check_content", stdout=StringIO())


def test_an_import_whose_picture_does_not_match_its_checksum_changes_nothing(
    demo_content, tmp_path
):
    call_command("export_content", "--output", str(tmp_path / "content.json"), stdout=StringIO())
    document = json.loads((tmp_path / "content.json").read_text(encoding="utf-8"))
    document["faqs"][0]["question"]["en"] = "Changed by the import"
    write(tmp_path, document)
    picture = tmp_path / "images" / "top-up-steps.png"
    picture.write_bytes(picture.read_bytes() + b"tampered")
    before = export()

    with pytest.raises(CommandError) as refused:
        import_content(tmp_path / "content.json")

    assert "Nothing was imported" in str(refused.value)
    assert "images/top-up-steps.png: checksum mismatch" in str(refused.value)
    assert export() == before


def test_drafts_with_gaps_conditions_and_rules_round_trip_byte_identical(content, tmp_path):
    first = export()
    flush_content()
    import_content(write(tmp_path, first))
    assert export() == first
