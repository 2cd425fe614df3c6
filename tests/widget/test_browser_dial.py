"""Tap to dial in the widget: a code in an answer is a tel: link with a copy button."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import flushed_dial_tap
from tests.widget.browser import embed_for, host_page, open_widget, snippet

pytestmark = pytest.mark.e2e


def test_a_code_in_a_widget_answer_dials_copies_and_is_counted(simhelp, hosts, recorder):
    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder(permissions=["clipboard-read", "clipboard-write"])
    page = visit.page
    page.goto(host.page("/top-up", host_page(snippet(simhelp, shop.public_key, lang="en"))))
    _launcher, frame = open_widget(page)
    frame.get_by_label("Describe your problem").fill("check balance")
    link = frame.locator("[data-answer] .answer a.dial", has_text="*100#").first
    expect(link).to_have_attribute("href", "tel:*100%23")
    assert link.get_attribute("target") is None  # the dialler, not a new tab

    copy = frame.get_by_role("button", name="Copy *100#").first
    copy.click()
    expect(copy).to_have_text("Copied")
    expect(frame.locator("#status")).to_have_text("Copied *100#")
    assert page.evaluate("navigator.clipboard.readText()") == "*100#"

    tap = flushed_dial_tap()
    assert (tap.code, tap.language, tap.source, tap.count) == ("*100#", "en", "widget", 1)
    assert visit.errors() == [] and visit.warnings() == []
