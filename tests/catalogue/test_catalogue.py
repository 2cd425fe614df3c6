import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from faq.models import Category, Faq
from guides.models import GuideStep, Node, Option, Troubleshooter
from simhelp.catalogue import CatalogueError, catalogue_load, catalogue_read

pytestmark = pytest.mark.django_db


def t(text: str) -> dict[str, str]:
    return {"zh-hans": f"{text}（中）", "en": f"{text} (en)", "ru": f"{text} (ru)"}


def small_catalogue() -> dict:
    return {
        "categories": [{"slug": "payment", "order": 1, "name": t("Payment")}],
        "carriers": [{"slug": "mts", "name": t("MTS"), "website": "https://mts.ru"}],
        "card_types": [{"slug": "data", "name": t("Data")}],
        "synonyms": [{"slug": "renew", "terms": t("renew")}],
        "faqs": [
            {
                "slug": "foreign-card",
                "category": "payment",
                "carriers": ["mts"],
                "card_types": ["data"],
                "question": t("Q"),
                "answer": t("A"),
                "keywords": t("k"),
            }
        ],
        "guides": [
            {
                "slug": "renew-mts",
                "category": "payment",
                "carrier": "mts",
                "card_type": None,
                "channel": "app",
                "title": t("G"),
                "summary": t("S"),
                "keywords": t("k"),
                "steps": [
                    {"title": t("one"), "body": t("b1")},
                    {"title": t("two"), "body": t("b2")},
                ],
            }
        ],
        "troubleshooters": [
            {
                "slug": "pay-failed",
                "category": "payment",
                "title": t("T"),
                "intro": t("I"),
                "keywords": t("k"),
                "root": "start",
                "nodes": [
                    {
                        "key": "start",
                        "kind": "question",
                        "text": t("Which?"),
                        "body": t("h"),
                        "options": [
                            {"label": t("yes"), "to": "fix"},
                            {"label": t("mts"), "to": "mts-fix", "condition": {"carrier": "mts"}},
                        ],
                    },
                    {
                        "key": "fix",
                        "kind": "solution",
                        "text": t("Fix"),
                        "body": t("do"),
                        "options": [],
                    },
                    {
                        "key": "mts-fix",
                        "kind": "solution",
                        "text": t("MTS fix"),
                        "body": t("do"),
                        "options": [],
                    },
                ],
            }
        ],
    }


def test_a_catalogue_loads_every_model_in_three_languages():
    report = catalogue_load(document=small_catalogue())
    assert report.created["faqs"] == 1
    faq = Faq.objects.get(slug="foreign-card")
    assert (faq.question_zh_hans, faq.question_en, faq.question_ru) == (
        "Q（中）",
        "Q (en)",
        "Q (ru)",
    )
    assert [c.slug for c in faq.carriers.all()] == ["mts"]
    tree = Troubleshooter.objects.get(slug="pay-failed")
    assert tree.root.key == "start"
    conditional = Option.objects.get(to_node__key="mts-fix")
    assert conditional.condition == {"carrier": "mts"}


def test_loading_twice_updates_in_place_and_creates_no_duplicates():
    document = small_catalogue()
    catalogue_load(document=document)
    counts = (
        Faq.objects.count(),
        GuideStep.objects.count(),
        Node.objects.count(),
        Option.objects.count(),
    )
    again = catalogue_load(document=document)
    assert again.created == {} and again.updated == {}
    changed = copy.deepcopy(document)
    changed["faqs"][0]["answer"]["ru"] = "Новый ответ"
    changed["guides"][0]["steps"].pop()
    report = catalogue_load(document=changed)
    assert report.updated == {"faqs": 1, "guides": 1}
    assert Faq.objects.get().answer_ru == "Новый ответ"
    assert (
        Faq.objects.count(),
        GuideStep.objects.count(),
        Node.objects.count(),
        Option.objects.count(),
    ) == (counts[0], counts[1] - 1, counts[2], counts[3])


def test_a_bad_item_names_item_and_field_and_changes_nothing():
    catalogue_load(document=small_catalogue())
    broken = small_catalogue()
    broken["categories"][0]["name"]["ru"] = "Платежи"
    broken["faqs"][0]["answer"]["en"] = "  "
    broken["troubleshooters"][0]["nodes"][1]["options"] = [{"label": t("x"), "to": "start"}]
    with pytest.raises(CatalogueError) as error:
        catalogue_load(document=broken)
    problems = error.value.problems
    assert "faq “foreign-card”: “answer” is empty in en" in problems
    assert any("troubleshooter “pay-failed”" in p and "has options" in p for p in problems)
    assert Category.objects.get().name_ru == "Payment (ru)"


def test_load_demo_refuses_a_malformed_file_with_a_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"faqs": [ {"slug": ')
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_demo", str(bad))
    assert not Faq.objects.exists()


def test_catalogue_read_merges_a_folder_in_name_order(tmp_path):
    document = small_catalogue()
    (tmp_path / "10-taxonomy.json").write_text(
        json.dumps({k: document[k] for k in ("categories", "carriers", "card_types")})
    )
    (tmp_path / "20-rest.json").write_text(
        json.dumps({k: document[k] for k in ("faqs", "guides", "troubleshooters")})
    )
    merged = catalogue_read(path=tmp_path)
    assert [f["slug"] for f in merged["faqs"]] == ["foreign-card"]
    catalogue_load(document=merged)
    assert Faq.objects.count() == 1


def test_check_content_passes_on_sound_content_and_fails_on_a_broken_tree():
    catalogue_load(document=small_catalogue())
    call_command("check_content")
    Option.objects.filter(to_node__key="fix").update(to_node=Node.objects.get(key="start"))
    # The tree's messages are translated (locale/); this test reads the English ones.
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="troubleshooter:pay-failed: The tree loops"),
    ):
        call_command("check_content")


def test_the_shipped_demo_loads_into_an_empty_database_and_again_without_change(demo_content):
    from io import StringIO

    assert Faq.objects.exists()
    call_command("check_content")
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert " created" in out.getvalue()
    assert "1 created" not in out.getvalue() and "1 updated" not in out.getvalue()
    for line in out.getvalue().splitlines():
        assert line.split(": ")[1].startswith("0 created, 0 updated"), line


def test_no_migration_is_missing():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_ensure_admin_creates_one_account_and_never_resets_it():
    from io import StringIO

    from django.contrib.auth import get_user_model

    out = StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().split("password: ")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.check_password(password) and len(password) >= 12
    call_command("ensure_admin", stdout=StringIO())
    user.refresh_from_db()
    assert user.check_password(password)
