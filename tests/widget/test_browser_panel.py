"""The widget's panel before the reader types, and switching its language: in a real Chromium,
on a host page of another origin."""

import pytest
from playwright.sync_api import expect

from tests.widget.browser import FRAME, embed_for, host_page, open_widget, snippet

pytestmark = pytest.mark.e2e


def test_the_panel_opens_with_helpful_questions_and_troubleshooters(simhelp, hosts, recorder):
    host = hosts()
    shop = embed_for(host.origin)
    page = recorder().page
    page.goto(host.page("/", host_page(snippet(simhelp, shop.public_key, lang="en"))))
    _launcher, frame = open_widget(page)
    expect(frame.get_by_role("heading", name="Most helpful questions")).to_be_visible()
    expect(frame.get_by_role("heading", name="Something went wrong?")).to_be_visible()
    expect(frame.get_by_role("button", name="My payment failed")).to_be_visible()
    frame.get_by_role("button", name="My payment failed").click()
    expect(frame.locator("[data-answer='troubleshooter:payment-failed']")).to_be_visible()
    frame.get_by_role("button", name="Back").first.click()
    frame.get_by_label("Describe your problem").fill("paymnet faild")
    expect(frame.get_by_role("heading", name="Best answer")).to_be_visible()
    expect(frame.get_by_role("heading", name="Most helpful questions")).to_have_count(0)


def test_the_launcher_label_follows_set_language(simhelp, hosts, recorder):
    host = hosts()
    shop = embed_for(host.origin, default_language="zh-hans")
    page = recorder().page
    page.goto(host.page("/", host_page(snippet(simhelp, shop.public_key))))
    launcher = page.locator("button[aria-controls^='simhelp-panel-']")
    expect(launcher).to_have_text("帮助中心")
    page.evaluate("SimHelp.setLanguage('ru')")
    expect(launcher).to_have_text("Помощь")
    page.evaluate("SimHelp.setLanguage('en')")
    expect(launcher).to_have_text("Help")


def test_switching_language_keeps_the_troubleshooter_step(simhelp, hosts, recorder):
    host = hosts()
    shop = embed_for(host.origin)
    page = recorder().page
    page.goto(host.page("/", host_page(snippet(simhelp, shop.public_key, lang="en"))))
    page.evaluate("SimHelp.openArticle('troubleshooter:payment-failed')")
    frame = page.frame_locator(FRAME)
    first = frame.locator("[data-node]")
    expect(first).to_be_visible()
    start = first.get_attribute("data-node")
    frame.locator("button.option").first.click()
    second = frame.locator(f"[data-node]:not([data-node='{start}'])")
    expect(second).to_be_visible()
    node = second.get_attribute("data-node")
    expect(frame.get_by_text("Step 2")).to_be_visible()

    page.evaluate("SimHelp.setLanguage('ru')")
    expect(frame.get_by_text("Шаг 2")).to_be_visible()
    expect(frame.locator(f"[data-node='{node}']")).to_be_visible()
    # and "back" still leads to the first question, now in Russian
    frame.locator("p.walk").get_by_role("button", name="← Назад").click()
    expect(frame.locator(f"[data-node='{start}']")).to_be_visible()


def test_no_asks_what_was_wrong_and_offers_troubleshooters(simhelp, hosts, recorder):
    from insights.models import Feedback

    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder()
    page = visit.page
    page.goto(host.page("/", host_page(snippet(simhelp, shop.public_key, lang="en"))))
    page.evaluate("SimHelp.openArticle('faq:foreign-card-declined')")
    frame = page.frame_locator(FRAME)
    # The panel shows its home view until the article arrives, and a role name matches as a
    # substring ("How do I know…" holds "no"): wait for the article, then click exactly "No".
    expect(frame.locator("[data-answer='faq:foreign-card-declined']")).to_be_visible()
    frame.get_by_role("button", name="No", exact=True).click()
    comment = frame.get_by_label("What was wrong? (optional)")
    expect(comment).to_be_visible()
    expect(frame.locator(".vote ul.items button").first).to_be_visible()
    expect(frame.get_by_role("link", name="Contact Shop (help@shop.example)")).to_be_visible()
    comment.fill("Nothing about UnionPay")
    frame.get_by_role("button", name="Send").click()
    expect(frame.get_by_text("Your comment has been sent. We read every one.")).to_be_visible()
    vote = Feedback.objects.get()
    assert (vote.helpful, vote.comment, vote.source) == (False, "Nothing about UnionPay", "widget")
    assert visit.errors() == []
