"""Tap to dial on the help site: a code in an answer is a tel: link with a copy button."""

from playwright.sync_api import expect

from tests.e2e.conftest import collect_csp_errors, flushed_dial_tap


def test_a_code_in_an_answer_dials_copies_and_is_counted(site, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    violations = collect_csp_errors(page)
    page.goto(f"{site}/en/faq/check-remaining-balance/")
    link = page.locator(".answer a.dial", has_text="*100#").first
    assert link.get_attribute("href") == "tel:*100%23"
    assert link.inner_text() == "*100#"

    copy = page.get_by_role("button", name="Copy *100#").first
    assert copy.inner_text() == "Copy"
    copy.click()
    expect(page.locator("#dial-status")).to_have_text("Copied *100#")
    assert page.locator("#dial-status").get_attribute("aria-live") == "polite"
    assert copy.inner_text() == "Copied"
    assert page.evaluate("navigator.clipboard.readText()") == "*100#"

    # The copy sent a beacon; the count is written with the next batch.
    tap = flushed_dial_tap()
    assert (tap.code, tap.language, tap.source, tap.count) == ("*100#", "en", "site", 1)
    assert violations == []
    context.close()


def test_without_javascript_the_code_is_just_a_link(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/ru/faq/contact-carrier/")
    numbers = page.locator(".answer a.dial")
    hrefs = [numbers.nth(i).get_attribute("href") for i in range(numbers.count())]
    assert hrefs == ["tel:0890", "tel:0500", "tel:0611", "tel:611"]
    assert page.locator("button.copy").count() == 0
    context.close()


def test_the_copy_button_speaks_the_pages_language(site, phone):
    phone.goto(f"{site}/zh-hans/faq/contact-carrier/")
    button = phone.get_by_role("button", name="复制 0890")
    assert button.inner_text() == "复制"
    assert phone.locator(".answer a.dial").first.get_attribute("href") == "tel:0890"
