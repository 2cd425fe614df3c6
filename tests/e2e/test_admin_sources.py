"""A translator's view in a real browser: the zh-hans source beside the Russian answer, the
notice of an outdated translation under the language switch, and its "mark current" button."""

from playwright.sync_api import expect

from faq.models import Faq
from tests.e2e.conftest import save_screenshot, serious_violations, sign_in_staff
from tests.insights.test_translations import later


def test_the_russian_tab_shows_the_chinese_source_and_marks_it_current(site, browser, axe_source):
    faq = Faq.objects.get(slug="reset-password")
    later(faq)
    faq = Faq.objects.get(pk=faq.pk)
    faq.answer_zh_hans = faq.answer_zh_hans.strip() + "\n\n新的一步：先重启手机。"
    faq.save()

    page = sign_in_staff(browser, site, locale="en-GB")
    page.goto(f"{site}/admin/faq/faq/{faq.pk}/change/")
    page.locator(".language-switch button", has_text="ru").click()

    save_screenshot(page, "admin-translation-source.png")
    field = page.locator("#id_answer_ru")
    source = page.locator("#id_answer_ru_source")
    assert field.is_visible() and source.is_visible()
    assert source.locator(".translation-source-label").text_content() == "Source (简体中文)"
    assert "新的一步：先重启手机。" in source.locator(".translation-source-text").inner_text()
    # Beside it: the source starts level with the field, to its right.
    field_box, source_box = field.bounding_box(), source.bounding_box()
    assert source_box["x"] >= field_box["x"] + field_box["width"]
    assert abs(source_box["y"] - field_box["y"]) < 40
    # The zh-hans field's own row has no source panel; the en one is hidden with its language.
    assert not page.locator("#id_answer_en_source").is_visible()

    ru_notice = page.locator(".translation-outdated[data-language=ru]")
    assert ru_notice.is_visible() and "Outdated translation: Russian" in ru_notice.inner_text()
    assert not page.locator(".translation-outdated[data-language=en]").is_visible()
    for panel in ("#id_answer_ru_source", "#id_question_ru_source", "#translation-notices"):
        assert serious_violations(page, axe_source, within=panel) == []

    ru_notice.locator("button", has_text="Mark the Russian translation current").click()
    page.locator(".messagelist .success").wait_for()
    page.wait_for_load_state()  # the language switch works once the page's script has run
    assert page.locator(".translation-outdated[data-language=ru]").count() == 0
    page.locator(".language-switch button", has_text="en").click()
    expect(page.locator(".translation-outdated[data-language=en]")).to_be_visible()
    assert page.csp_errors == []
    page.context.close()
