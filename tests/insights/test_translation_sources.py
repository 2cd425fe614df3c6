"""The zh-hans source beside each en/ru field on the change forms, the outdated notice above
them, and the "mark the translation current" button behind it (issue 17, point 4)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from faq.freshness import outdated_languages, translations_confirm
from faq.models import Faq
from guides.models import GuideStep, Option
from tests.admin_forms import change_page_data
from tests.builders import make_faq, make_guide, make_tree
from tests.insights.test_translations import later

pytestmark = pytest.mark.django_db


def source_panel(html: str, field_id: str) -> str:
    """The text of the source panel rendered with the field `field_id`, or "" if there is none."""
    match = re.search(
        rf'<div class="translation-source" id="{field_id}_source">(.*?)</div></div>', html, re.S
    )
    return match.group(1) if match else ""


def edit_source(client, faq: Faq) -> None:
    """Change the zh-hans answer in the admin, a minute after the item was last saved."""
    later(faq)
    url = reverse("admin:faq_faq_change", args=[faq.pk])
    data = change_page_data(client.get(url))
    data["answer_zh_hans"] = "先拨打 *100#，再按提示充值。"
    assert client.post(url, data).status_code == 302


def test_each_translation_field_shows_its_source_escaped_and_described(english_admin):
    faq = make_faq(question_zh_hans="如何充值？", answer_zh_hans="第一步\n<b>第二步</b>")
    html = english_admin.get(reverse("admin:faq_faq_change", args=[faq.pk])).content.decode()
    for language in ("en", "ru"):
        assert "如何充值？" in source_panel(html, f"id_question_{language}")
        answer = source_panel(html, f"id_answer_{language}")
        assert "Source (简体中文)" in answer
        assert "第一步\n&lt;b&gt;第二步&lt;/b&gt;" in answer  # plain text, line breaks kept
        tag = re.search(rf'<textarea name="answer_{language}"[^>]*>', html).group(0)
        assert f"id_answer_{language}_source" in re.search(r'aria-describedby="([^"]*)"', tag)[1]
    # Not beside the source itself, nor beside keywords (written per language, not translated).
    assert source_panel(html, "id_answer_zh_hans") == ""
    assert source_panel(html, "id_keywords_ru") == ""


def test_the_panel_speaks_the_admin_language(admin_client):
    faq = make_faq()
    url = reverse("admin:faq_faq_change", args=[faq.pk])
    russian = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Исходный текст (简体中文)" in source_panel(russian, "id_answer_ru")
    chinese = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "原文（简体中文）" in source_panel(chinese, "id_answer_en")


def test_a_new_item_has_no_source_to_show(english_admin):
    html = english_admin.get(reverse("admin:faq_faq_add")).content.decode()
    assert 'class="translation-source"' not in html


def test_inline_steps_and_options_show_their_source(english_admin):
    guide = make_guide(steps=1)
    GuideStep.objects.filter(guide=guide).update(body_zh_hans="打开运营商的应用")
    html = english_admin.get(reverse("admin:guides_guide_change", args=[guide.pk])).content
    assert "打开运营商的应用" in source_panel(html.decode(), "id_steps-0-body_ru")

    tree = make_tree(edges={"start": ["a"]}, solutions={"a"})
    Option.objects.filter(troubleshooter=tree).update(label_zh_hans="没有信号")
    html = english_admin.get(reverse("admin:guides_troubleshooter_change", args=[tree.pk]))
    panels = re.findall(r'id="(id_[\w-]+_en)_source"', html.content.decode())
    assert any("label_en" in panel for panel in panels)
    assert "没有信号" in html.content.decode()


def test_the_notice_appears_after_a_source_edit_and_goes_after_marking_current(english_admin):
    faq = make_faq()
    url = reverse("admin:faq_faq_change", args=[faq.pk])
    assert 'class="translation-outdated"' not in english_admin.get(url).content.decode()

    edit_source(english_admin, faq)
    html = english_admin.get(url).content.decode()
    assert 'data-language="en"' in html and 'data-language="ru"' in html
    assert "Outdated translation: Russian" in html
    assert "Mark the Russian translation current" in html
    faq.refresh_from_db()
    assert faq.source_changed_at > faq.ru_translated_at

    mark = reverse("admin:faq_faq_translation_current", args=[faq.pk, "ru"])
    assert f'action="{mark}"' in html
    response = english_admin.post(mark, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "The Russian translation of" in response.content.decode()
    assert outdated_languages(item=Faq.objects.get(pk=faq.pk)) == ["en"]  # that language only
    html = response.content.decode()
    assert 'data-language="ru"' not in html and 'data-language="en"' in html


def test_marking_current_needs_a_post_a_known_language_and_the_change_permission(
    english_admin,
):
    faq = make_faq()
    edit_source(english_admin, faq)
    mark = reverse("admin:faq_faq_translation_current", args=[faq.pk, "ru"])
    assert english_admin.get(mark).status_code == 405
    other = reverse("admin:faq_faq_translation_current", args=[faq.pk, "zh-hans"])
    assert english_admin.post(other).status_code == 404

    viewer = get_user_model().objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_faq"))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(viewer)
    page = client.get(reverse("admin:faq_faq_change", args=[faq.pk])).content.decode()
    assert "Outdated translation: Russian" in page and "Mark the Russian" not in page
    assert client.post(mark).status_code == 403
    assert outdated_languages(item=Faq.objects.get(pk=faq.pk)) == ["en", "ru"]


def test_confirming_names_translation_languages_only():
    faq = make_faq()
    with pytest.raises(ValueError, match="zh-hans"):
        translations_confirm(queryset=Faq.objects.filter(pk=faq.pk), languages=["zh-hans"])
