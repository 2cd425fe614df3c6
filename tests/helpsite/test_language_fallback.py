"""A text missing in the reader's language falls back in the order configured per language,
the page says in which language it is shown and links to the other versions, and the admin
warns when such an item is published."""

import pytest
from django.test import override_settings

from faq.models import Faq
from simhelp.content import fallback_chain
from tests.admin_forms import change_page_data
from tests.builders import make_faq

pytestmark = pytest.mark.django_db


def test_each_language_has_its_own_fallback_order():
    assert fallback_chain("ru") == ["ru", "en", "zh-hans"]
    assert fallback_chain("en") == ["en", "zh-hans"]
    assert fallback_chain("zh-hans") == ["zh-hans", "en"]


@override_settings(MODELTRANSLATION_FALLBACK_LANGUAGES={"default": ("zh-hans",), "ru": ("en",)})
def test_the_order_comes_from_settings():
    assert fallback_chain("ru") == ["ru", "en", "zh-hans"]
    assert fallback_chain("en") == ["en", "zh-hans"]


def test_a_changed_setting_is_read_at_once():
    # The chains are worked out once per language; a change of the settings is read anyway.
    assert fallback_chain("ru") == ["ru", "en", "zh-hans"]
    with override_settings(MODELTRANSLATION_FALLBACK_LANGUAGES={"default": ("zh-hans",)}):
        assert fallback_chain("ru") == ["ru", "zh-hans"]
    assert fallback_chain("ru") == ["ru", "en", "zh-hans"]


def _russian_missing(captured) -> Faq:
    with captured(execute=True):
        return make_faq(
            slug="no-russian",
            question_zh_hans="只有中文和英文",
            question_en="Chinese and English only",
            question_ru="",
            answer_zh_hans="中文回答",
            answer_en="The English answer",
            answer_ru="",
        )


def test_a_russian_reader_gets_english_before_chinese(client, django_capture_on_commit_callbacks):
    _russian_missing(django_capture_on_commit_callbacks)
    html = client.get("/ru/faq/no-russian/").content.decode()
    assert "The English answer" in html and "中文回答" not in html
    assert '<article lang="en">' in html


def test_the_notice_names_the_language_shown_and_links_the_other_versions(
    client, django_capture_on_commit_callbacks
):
    _russian_missing(django_capture_on_commit_callbacks)
    html = client.get("/en/faq/no-russian/").content.decode()
    assert 'role="note"' not in html
    html = client.get("/ru/faq/no-russian/").content.decode()
    note = html[html.index('role="note"') : html.index("</div>", html.index('role="note"'))]
    assert "English" in note
    assert 'href="/en/faq/no-russian/"' in note and 'href="/zh-hans/faq/no-russian/"' in note
    assert 'href="/ru/faq/no-russian/"' not in note


def test_publishing_with_a_missing_translation_is_refused_on_that_languages_fields(admin_client):
    """Publishing asks for what check_content asks (every text in every language); the
    fallback order is for drafts' previews and for texts emptied outside the admin."""
    faq = make_faq(slug="half-done", question_ru="", answer_ru="")
    url = f"/admin/faq/faq/{faq.pk}/change/"
    data = change_page_data(admin_client.get(url))
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, not a redirect
    errors = response.context["adminform"].form.errors
    assert {"question_ru", "answer_ru"} <= set(errors) and "question_en" not in errors


def test_a_complete_item_is_saved_without_a_warning(admin_client):
    faq = make_faq(slug="all-done")
    url = f"/admin/faq/faq/{faq.pk}/change/"
    response = admin_client.post(url, change_page_data(admin_client.get(url)), follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]
