"""The admin's language switch: one for the whole page, and errors on a hidden language shown."""

from playwright.sync_api import expect

from faq.models import Faq
from tests.e2e.conftest import sign_in_staff


def _visible_languages(page) -> set[str]:
    """The language of every translated field the agent can see now."""
    return set(
        page.eval_on_selector_all(
            "[class*='mt-field-']",
            "els => els.filter(e => e.offsetParent !== null)"
            ".map(e => [...e.classList].find(c => c.startsWith('mt-field-')).split('-').pop())",
        )
    )


def test_one_switch_shows_one_language_across_the_whole_form(site, browser):
    page = sign_in_staff(browser, site)
    faq = Faq.objects.get(slug="reset-password")
    page.goto(f"{site}/admin/faq/faq/{faq.pk}/change/")
    switch = page.locator(".language-switch")
    switch.locator("button", has_text="ru").click()
    assert _visible_languages(page) == {"ru"}
    assert page.locator(".ui-tabs-nav:visible").count() == 0
    switch.locator("button", has_text="en").click()
    assert _visible_languages(page) == {"en"}
    page.context.close()


def test_an_error_on_a_hidden_language_opens_that_language_and_marks_it(site, browser):
    page = sign_in_staff(browser, site)
    faq = Faq.objects.get(slug="reset-password")
    page.goto(f"{site}/admin/faq/faq/{faq.pk}/change/")
    # Published, so every language is required; the agent empties the Russian question while
    # looking at English, then saves.
    page.locator(".language-switch button", has_text="ru").click()
    page.fill("#id_question_ru", "")
    page.locator(".language-switch button", has_text="en").click()
    page.click("input[name=_continue]")
    page.locator(".errornote").wait_for()
    # The page's script opens the language with errors once it runs: wait for it.
    expect(page.locator("#id_question_ru")).to_be_visible()
    assert page.locator(".errorlist:visible").count() >= 1
    expect(page.locator(".language-switch button.has-errors")).to_have_text(["ru"])
    expect(page.locator(".language-switch button[aria-pressed=true]")).to_have_text("ru")
    page.context.close()
