"""Outdated translations (set when the zh-hans source changes, cleared by an edit or a
confirmation) and the report of missing translations."""

import datetime

import pytest
from django.urls import reverse

from faq.freshness import outdated_languages
from faq.models import Faq
from guides.models import Guide, GuideStep, Option, Troubleshooter
from insights.reports import translation_gaps, translations_outdated
from tests.admin_forms import change_page_data
from tests.builders import make_faq, make_guide, make_tree

pytestmark = pytest.mark.django_db


def later(item) -> None:
    """Move the item's stamps a minute back, as if the next edit came a minute later."""
    model = type(item)
    fields = ["source_changed_at", "en_translated_at", "ru_translated_at"]
    row = model.objects.values(*fields).get(pk=item.pk)
    model.objects.filter(pk=item.pk).update(
        **{name: value - datetime.timedelta(minutes=1) for name, value in row.items() if value}
    )


def outdated(item) -> list[str]:
    return outdated_languages(item=type(item).objects.get(pk=item.pk))


def test_a_new_item_in_three_languages_is_up_to_date():
    faq = make_faq()
    assert outdated(faq) == []
    stamps = Faq.objects.values("source_changed_at", "en_translated_at", "ru_translated_at").get()
    assert None not in stamps.values()


def test_changing_the_source_marks_both_translations_outdated():
    faq = make_faq()
    later(faq)
    faq = Faq.objects.get()
    faq.answer_zh_hans = "新的答案"
    faq.save()
    assert outdated(faq) == ["en", "ru"]


def test_updating_a_translation_clears_it_for_that_language_only():
    faq = make_faq()
    later(faq)
    faq = Faq.objects.get()
    faq.question_zh_hans = "新的问题"
    faq.save()
    later(faq)
    faq = Faq.objects.get()
    faq.question_ru = "Новый вопрос"
    faq.save()
    assert outdated(faq) == ["en"]


def test_source_and_translation_changed_in_one_save_are_up_to_date():
    faq = make_faq()
    later(faq)
    faq = Faq.objects.get()
    faq.answer_zh_hans, faq.answer_en = "新的答案", "A new answer"
    faq.save()
    assert outdated(faq) == ["ru"]


def test_keywords_are_not_translations_and_do_not_outdate_anything():
    faq = make_faq()
    later(faq)
    faq = Faq.objects.get()
    faq.keywords_zh_hans = "余额, 话费"
    faq.save()
    assert outdated(faq) == []


def test_a_change_to_a_guide_step_or_a_tree_option_outdates_its_item():
    guide = make_guide(steps=2)
    tree = make_tree(edges={"start": ["a", "b"]}, solutions={"a", "b"})
    later(guide)
    later(tree)
    step = GuideStep.objects.filter(guide=guide).first()
    step.body_zh_hans = "新的步骤"
    step.save()
    option = Option.objects.filter(troubleshooter=tree).first()
    option.label_zh_hans = "新的选项"
    option.save()
    assert outdated(guide) == ["en", "ru"]
    assert outdated(tree) == ["en", "ru"]
    option.label_en = "A new option"
    option.save()
    assert outdated(tree) == ["ru"]


def test_an_edit_that_changes_no_text_changes_no_stamp():
    faq = make_faq()
    later(faq)
    before = Faq.objects.values("source_changed_at").get()
    faq = Faq.objects.get()
    faq.order = 5
    faq.answer_zh_hans += "\n"  # surrounding whitespace is not a change for a translator
    faq.save()
    assert Faq.objects.values("source_changed_at").get() == before


def test_a_source_edit_in_the_admin_shows_in_the_list_column_and_filter(english_admin):
    faq = make_faq(slug="balance")
    fresh = make_faq(slug="fresh")
    later(faq)
    url = reverse("admin:faq_faq_change", args=[faq.pk])
    data = change_page_data(english_admin.get(url))
    data["answer_zh_hans"] = "先拨打 *100#。"
    assert english_admin.post(url, data).status_code == 302

    changelist = reverse("admin:faq_faq_changelist")
    response = english_admin.get(changelist, {"outdated": "ru"})
    assert [item.slug for item in response.context["cl"].result_list] == ["balance"]
    assert english_admin.get(changelist, {"outdated": "any"}).context["cl"].result_count == 1
    listed = english_admin.get(changelist).context["cl"]
    columns = {item.slug: listed.model_admin.outdated_column(item) for item in listed.result_list}
    assert columns == {"balance": "en, ru", fresh.slug: "—"}


def test_the_confirm_action_clears_the_flag(english_admin):
    faq = make_faq()
    later(faq)
    faq = Faq.objects.get()
    faq.answer_zh_hans = "新的答案"
    faq.save()
    response = english_admin.post(
        reverse("admin:faq_faq_changelist"),
        {"action": "confirm_translations", "_selected_action": [faq.pk]},
    )
    assert response.status_code == 302
    assert outdated(faq) == []
    assert faq.history.count() == 2  # a confirmation is not a content change


@pytest.mark.parametrize("model", [Guide, Troubleshooter])
def test_guides_and_troubleshooters_have_the_same_column_filter_and_action(english_admin, model):
    item = make_guide() if model is Guide else make_tree(edges={"start": ["a"]}, solutions={"a"})
    later(item)
    item = model.objects.get()
    item.title_zh_hans = "新的标题"
    item.save()
    changelist = reverse(f"admin:guides_{model._meta.model_name}_changelist")
    assert english_admin.get(changelist, {"outdated": "en"}).context["cl"].result_count == 1
    english_admin.post(
        changelist, {"action": "confirm_translations", "_selected_action": [item.pk]}
    )
    assert english_admin.get(changelist, {"outdated": "en"}).context["cl"].result_count == 0


def test_the_report_lists_missing_fields_per_language_including_parts():
    make_faq(slug="no-russian", answer_ru="", keywords_ru="")
    guide = make_guide(slug="half-english", steps=2)
    GuideStep.objects.filter(guide=guide, order=2).update(body_en="")
    make_tree(edges={"start": ["a"]}, solutions={"a"}, slug="complete")

    gaps = translation_gaps(language="en")
    assert {code: [(item.key, item.detail) for item in items] for code, items in gaps.items()} == {
        "zh-hans": [],
        "en": [("guide:half-english", ("step 2: body",))],
        "ru": [("faq:no-russian", ("answer", "keywords"))],
    }


def test_the_translations_report_page_shows_missing_and_outdated(english_admin):
    make_faq(slug="no-russian", answer_ru="")
    faq = make_faq(slug="changed")
    later(faq)
    faq = Faq.objects.get(slug="changed")
    faq.answer_zh_hans = "新的答案"
    faq.save()
    response = english_admin.get(reverse("admin:insights_translations"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "faq:no-russian" in html and reverse("admin:faq_faq_change", args=[faq.pk]) in html
    outdated_now = translations_outdated(language="en")
    assert [item.key for item in outdated_now["ru"]] == ["faq:changed"]


def test_the_coverage_report_costs_a_fixed_number_of_queries(django_assert_num_queries):
    for _ in range(3):
        make_guide(steps=3)
        make_tree(edges={"start": ["a", "b"]}, solutions={"a", "b"})
        make_faq()
    with django_assert_num_queries(6):  # FAQs, guides, steps, trees, nodes, options
        translation_gaps(language="en")
