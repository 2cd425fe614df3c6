"""import_content refuses a bad file with a message naming the problem, and changes nothing."""

import json

import pytest

from assistant.models import AnswerRule
from faq.models import Category, Faq
from tests.catalogue.helpers import export, refused, same_texts, write

pytestmark = pytest.mark.django_db


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
