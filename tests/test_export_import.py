"""export_content and import_content: all content as one document, and back as a full sync."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models.signals import pre_delete
from django.test.utils import CaptureQueriesContext

from assistant.models import AnswerRule, SynonymGroup
from faq.models import CardType, Carrier, Category, Faq, Status
from guides.models import Guide, GuideStep, Node, Option, Troubleshooter
from simhelp.catalogue import FIELDS, SECTIONS
from tests.builders import (
    make_card_type,
    make_carrier,
    make_category,
    make_faq,
    make_guide,
    make_rule,
    make_synonym_group,
    make_tree,
    same,
    tr,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    """A little of every type: published items, drafts with gaps, a conditional option, rules."""
    mts = make_carrier("mts", website="https://mts.ru")
    data = make_card_type("data")
    payment = make_category(slug="payment", order=20)
    make_category(slug="unused", order=30)
    declined = make_faq(
        slug="card-declined",
        category=payment,
        **tr("question", "银行卡被拒怎么办？", "Card declined?", "Карту отклонили?"),
    )
    declined.carriers.set([mts])
    declined.card_types.set([data])
    make_faq(slug="draft-faq", category=payment, status=Status.DRAFT, question_en="", answer_ru="")
    make_guide(slug="renew-mts", category=payment, carrier=mts, channel="app")
    make_guide(slug="draft-guide", category=payment, status=Status.DRAFT, steps=0)
    make_tree(
        slug="pay-failed",
        category=payment,
        edges={"start": ["fix", "mts-fix"]},
        solutions={"fix", "mts-fix"},
    )
    Option.objects.filter(to_node__key="mts-fix").update(condition_carrier=mts)
    # A draft may still have a question leading nowhere, and a tree may not be started yet.
    make_tree(
        slug="draft-tree",
        category=payment,
        status=Status.DRAFT,
        edges={"start": ["a"]},
        solutions=set(),
    )
    Troubleshooter.objects.create(
        slug="empty-draft", category=payment, status=Status.DRAFT, **same("title", "Empty")
    )
    make_synonym_group(slug="renew")
    make_rule(
        name="Declined card",
        priority=5,
        target="faq:card-declined",
        carrier=mts,
        language="ru",
        **same("message", "Read this"),
    )
    make_rule(
        name="Payment page",
        target="troubleshooter:pay-failed",
        target_node="fix",
        page_url="https://shop.example/pay/*",
        **same("phrases", ""),
    )


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


# --- export ---------------------------------------------------------------------------------


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


# --- round trips ----------------------------------------------------------------------------


def test_the_demo_exported_and_imported_into_an_empty_database_exports_byte_identical(
    demo_content, tmp_path
):
    make_rule(name="Declined", target="faq:foreign-card-declined", priority=3)
    make_faq(slug="draft-demo", category=Category.objects.first(), status=Status.DRAFT)
    first = export()
    flush_content()
    assert not Faq.objects.exists() and not Category.objects.exists()

    import_content(write(tmp_path, first))

    assert export() == first
    call_command("check_content", stdout=StringIO())


def test_drafts_with_gaps_conditions_and_rules_round_trip_byte_identical(content, tmp_path):
    first = export()
    flush_content()
    import_content(write(tmp_path, first))
    assert export() == first


def test_importing_the_current_content_changes_nothing(content, tmp_path):
    path = write(tmp_path, export())
    steps = list(GuideStep.objects.values_list("pk", flat=True))
    output = import_content(path)
    assert "created" in output
    for line in output.splitlines():
        assert " 0 created, 0 updated, 0 deleted," in line, line
    assert list(GuideStep.objects.values_list("pk", flat=True)) == steps


def test_load_demo_reads_an_export_and_never_deletes(content, tmp_path):
    document = json.loads(export())
    document["faqs"] = [f for f in document["faqs"] if f["slug"] != "draft-faq"]
    document["rules"][0]["priority"] = 9
    out = StringIO()
    call_command("load_demo", str(write(tmp_path, document)), stdout=out)
    assert Faq.objects.filter(slug="draft-faq").exists()
    assert AnswerRule.objects.get(name="Declined card").priority == 9
    assert "rules: 0 created, 1 updated, 1 unchanged" in out.getvalue()
    assert "deleted" not in out.getvalue()


# --- a full sync ----------------------------------------------------------------------------


def test_import_deletes_every_item_the_file_leaves_out(content, tmp_path):
    document = json.loads(export())
    removed = {
        "categories": "unused",
        "synonyms": "renew",
        "faqs": "draft-faq",
        "guides": "renew-mts",
        "troubleshooters": "draft-tree",
        "rules": "Payment page",
    }
    for section, key in removed.items():
        document[section] = [i for i in document[section] if (i.get("slug") or i["name"]) != key]
    tree = next(t for t in document["troubleshooters"] if t["slug"] == "pay-failed")
    tree["nodes"] = [n for n in tree["nodes"] if n["key"] != "mts-fix"]
    tree["nodes"][0]["options"].pop()

    output = import_content(write(tmp_path, document))

    assert "  - unused" in output and "  - Payment page" in output
    assert "  ~ pay-failed (-nodes.mts-fix, nodes.start)" in output
    assert not Category.objects.filter(slug="unused").exists()
    assert not SynonymGroup.objects.exists()
    assert not Faq.objects.filter(slug="draft-faq").exists()
    assert not Guide.objects.filter(slug="renew-mts").exists()
    assert not Troubleshooter.objects.filter(slug="draft-tree").exists()
    assert list(AnswerRule.objects.values_list("name", flat=True)) == ["Declined card"]
    assert list(
        Node.objects.filter(troubleshooter__slug="pay-failed").values_list("key", flat=True)
    ) == [
        "start",
        "fix",
    ]
    assert Faq.objects.filter(slug="card-declined").exists()
    assert json.loads(export()) == document


def test_a_dry_run_lists_what_would_be_created_changed_and_deleted_and_changes_nothing(
    content, tmp_path
):
    before = export()
    document = json.loads(before)
    document["faqs"][0]["answer"]["ru"] = "Новый ответ"
    document["guides"] = [g for g in document["guides"] if g["slug"] != "renew-mts"]
    document["faqs"].append({**document["faqs"][0], "slug": "new-faq", "order": 99})

    output = import_content(write(tmp_path, document), dry_run=True)

    assert output.splitlines()[0] == "Dry run: nothing was changed."
    assert "faqs: 1 to create, 1 to update, 0 to delete, 1 unchanged" in output
    assert "  + new-faq\n  ~ card-declined (answer.ru)" in output
    assert "guides: 0 to create, 0 to update, 1 to delete, 1 unchanged\n  - renew-mts" in output
    assert "categories: 0 to create, 0 to update, 0 to delete, 2 unchanged" in output
    assert export() == before


# --- refusals: each names the item and field, exits non-zero and changes nothing ------------


def test_an_import_failing_on_its_last_item_changes_nothing(content, tmp_path):
    before = export()
    document = json.loads(before)
    document["categories"].append({"slug": "new", "name": same_texts("New")})
    document["faqs"][0]["answer"]["en"] = "Changed"
    document["guides"] = []
    document["rules"][-1]["target"] = "guide:no-such-guide"

    message = refused(write(tmp_path, document))

    assert "1 problem(s)" in message
    assert "rule “Payment page”: “target” refers to unknown guide “no-such-guide”" in message
    assert export() == before


def test_a_write_failing_on_the_last_item_rolls_back_everything_before_it(content, tmp_path):
    before = export()
    document = json.loads(before)
    document["faqs"][0]["answer"]["en"] = "Changed"
    document["guides"] = []
    document["categories"] = [c for c in document["categories"] if c["slug"] != "unused"]

    def fail(sender, instance, **kwargs):  # the database refusing the very last write
        raise RuntimeError("disk full")

    pre_delete.connect(fail, sender=Category)
    try:
        with pytest.raises(RuntimeError):
            import_content(write(tmp_path, document))
    finally:
        pre_delete.disconnect(fail, sender=Category)
    assert export() == before


def same_texts(text: str) -> dict[str, str]:
    return {"zh-hans": f"{text}（中）", "en": text, "ru": f"{text} (ru)"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"faqs": [ {"slug": ', "content.json: not valid JSON: "),
        ("[]", "content.json: the top level must be a JSON object"),
        ('{"faqs": {}}', "content.json: “faqs” must be a list"),
        ('{"articles": []}', "content.json: unknown sections articles"),
    ],
)
def test_a_malformed_file_gives_a_clear_error_and_changes_nothing(
    content, tmp_path, text, expected
):
    before = export()
    assert expected in refused(write(tmp_path, text))
    assert export() == before


def test_a_file_missing_a_section_is_refused_rather_than_emptying_that_type(content, tmp_path):
    document = json.loads(export())
    del document["rules"]
    assert "missing section(s) rules" in refused(write(tmp_path, document))
    assert AnswerRule.objects.count() == 2


def break_order(document):
    document["faqs"][0]["order"] = "ten"


def break_steps(document):
    document["guides"][1]["steps"] = {"title": "one"}


def misspell_a_field(document):
    document["guides"][1]["titel"] = document["guides"][1].pop("title")


def loop_the_tree(document):
    tree = document["troubleshooters"][2]
    tree["nodes"][0]["kind"] = "question"
    tree["nodes"][1]["kind"] = "question"
    tree["nodes"][1]["options"] = [{"label": same_texts("back"), "to": "start"}]


def leave_a_published_translation_empty(document):
    document["faqs"][0]["answer"]["ru"] = " "


def refer_to_an_unknown_carrier(document):
    document["troubleshooters"][2]["nodes"][0]["options"][1]["condition"] = {"carrier": "tele2"}


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (break_order, "faq “card-declined”: “order” must be a whole number"),
        (break_steps, "guide “renew-mts”: “steps” must be a non-empty list"),
        (misspell_a_field, "guide “renew-mts”: unknown field(s) titel"),
        (loop_the_tree, "troubleshooter “pay-failed”: The tree loops: start → fix → start."),
        (leave_a_published_translation_empty, "faq “card-declined”: “answer” is empty in ru"),
        (
            refer_to_an_unknown_carrier,
            "troubleshooter “pay-failed” node “start” option 2: “condition.carrier” refers to "
            "unknown carrier “tele2”",
        ),
    ],
)
def test_a_wrongly_shaped_item_is_named_with_its_field_and_changes_nothing(
    content, tmp_path, damage, expected
):
    before = export()
    document = json.loads(before)
    damage(document)
    assert expected in refused(write(tmp_path, document), dry_run=True)
    assert expected in refused(write(tmp_path, document))
    assert export() == before


def test_a_rule_whose_target_is_missing_is_refused_with_a_message_naming_the_rule(
    content, tmp_path
):
    document = json.loads(export())
    document["rules"][0]["target"] = "faq:gone"
    document["rules"][1]["target_node"] = "no-such-node"
    message = refused(write(tmp_path, document))
    assert "rule “Declined card”: “target” refers to unknown faq “gone”" in message
    assert (
        "rule “Payment page”: “target_node” “no-such-node” is not a node of troubleshooter "
        "“pay-failed”"
    ) in message


def test_a_rule_pointing_at_an_item_the_import_deletes_is_refused(content, tmp_path):
    document = json.loads(export())
    document["faqs"] = [f for f in document["faqs"] if f["slug"] != "card-declined"]
    message = refused(write(tmp_path, document))
    assert (
        "rule “Declined card”: “target” refers to faq “card-declined”, which the document "
        "leaves out, so the import would delete it"
    ) in message
    assert Faq.objects.filter(slug="card-declined").exists()


def test_dropping_a_category_that_kept_content_still_uses_is_a_validation_error(content, tmp_path):
    document = json.loads(export())
    document["categories"] = [c for c in document["categories"] if c["slug"] != "payment"]
    message = refused(write(tmp_path, document))
    assert (
        "faq “card-declined”: “category” refers to category “payment”, which the document leaves "
        "out, so the import would delete it"
    ) in message
    assert Category.objects.filter(slug="payment").exists()
