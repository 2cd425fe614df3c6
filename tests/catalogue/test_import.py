"""import_content: a full sync that deletes what the file leaves out, a dry run that changes
nothing, and imports that are all-or-nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models.signals import pre_delete

from assistant.models import AnswerRule, SynonymGroup
from faq.models import Category, Faq
from guides.models import Guide, GuideStep, Node, Troubleshooter
from tests.catalogue.helpers import export, import_content, refused, same_texts, write

pytestmark = pytest.mark.django_db


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
