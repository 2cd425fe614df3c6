"""The widget in a real Chromium, embedded in host pages served from other origins: what a
visitor, a site owner and an assistive technology meet.

SimHelp runs on the live server (http://localhost:PORT); host pages come from small servers on
http://127.0.0.1:OTHER_PORT, so the frame is cross-origin exactly as on a customer's site.
"""

import html
import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from assistant.models import AnswerRule
from insights.models import Feedback
from tests.e2e.conftest import save_screenshot, serious_violations
from tests.widget.browser import (
    FRAME,
    embed_for,
    gzipped_size,
    host_page,
    open_widget,
    snippet,
    walk_to_a_solution,
)

pytestmark = pytest.mark.e2e


def test_a_visitor_on_an_allowed_site_finds_the_answer_walks_it_and_votes(simhelp, hosts, recorder):
    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder()
    page = visit.page
    page.goto(host.page("/top-up", host_page(snippet(simhelp, shop.public_key, lang="en"))))

    launcher = page.get_by_role("button", name="Help")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    panel = page.locator(f"#{launcher.get_attribute('aria-controls')}")
    expect(panel).to_be_hidden()
    launcher, frame = open_widget(page)
    expect(panel).to_be_visible()
    assert page.locator(FRAME).get_attribute("sandbox") == (
        "allow-scripts allow-same-origin allow-forms allow-popups"
    )
    box = frame.get_by_label("Describe your problem")
    expect(box).to_be_focused()

    visit.frame().evaluate("window.__log.expect = 'troubleshooter:payment-failed'")
    asks_before = len([r for r in visit.api_requests() if "/ask/?" in r.url])
    box.press_sequentially("paymnet faild", delay=60)
    answer = frame.locator("[data-answer='troubleshooter:payment-failed']")
    expect(answer.get_by_role("heading", name="My payment failed")).to_be_visible()
    timing = visit.frame().evaluate("window.__log.answerAt - window.__log.lastKey")
    asks = len([r for r in visit.api_requests() if "/ask/?" in r.url]) - asks_before

    save_screenshot(page, "widget-open.png", full_page=False)

    answer.get_by_role("button", name="Find the cause step by step").click()
    solution = walk_to_a_solution(frame)
    frame.get_by_role("button", name="Yes").click()
    expect(frame.get_by_text("Thank you for your feedback!")).to_be_visible()

    vote = Feedback.objects.get()
    assert (vote.target, vote.node, vote.helpful, vote.source, vote.language) == (
        "troubleshooter:payment-failed",
        solution,
        True,
        "widget",
        "en",
    )
    assert page.evaluate("window.__log.votes") == [
        {"target": "troubleshooter:payment-failed", "helpful": True}
    ]
    assert all(r.headers.get("x-simhelp-source") == "widget" for r in visit.api_requests())
    # The host page cannot read the answer: the frame is another origin.
    assert page.evaluate(f"document.querySelector(`{FRAME}`).contentDocument") is None

    page.keyboard.press("Escape")  # focus is in the frame: it asks the host to close
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(launcher).to_have_attribute("aria-expanded", "false")

    loader = gzipped_size(f"{simhelp}/widget.js")
    frame_url = page.locator(FRAME).get_attribute("src")
    html, js, css = (
        gzipped_size(frame_url),
        gzipped_size(f"{simhelp}/static/widget/frame.js"),
        gzipped_size(f"{simhelp}/static/widget/frame.css"),
    )
    print(
        f"\nloader widget.js: {loader[0]} B, {loader[1]} B gzipped"
        f"\nframe page {html[0]} B / {html[1]} B gz; frame.js {js[0]} B / {js[1]} B gz; "
        f"frame.css {css[0]} B / {css[1]} B gz; frame JS+CSS gzipped: {js[1] + css[1]} B"
        f"\nlast keystroke → answer shown: {timing:.0f} ms (debounce 250 ms included), "
        f"{asks} ask request(s) while typing 13 characters"
    )
    assert visit.errors() == [] and visit.warnings() == []


def test_a_question_staff_marked_out_of_scope_gets_their_message_not_an_answer(
    simhelp, hosts, recorder
):
    # The demo ships a rule for transport cards: "top up" and "card" are catalogue words, but
    # a metro card is not a SIM card, and a shop's visitors must not be sent down a SIM guide.
    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder()
    page = visit.page
    page.goto(host.page("/help", host_page(snippet(simhelp, shop.public_key, lang="en"))))
    _launcher, frame = open_widget(page)
    frame.get_by_label("Describe your problem").fill("how do I top up my troika card")
    notice = frame.locator(".out-of-scope")
    expect(notice).to_contain_text("not transport cards")
    expect(frame.locator("[data-answer]")).to_have_count(0)
    expect(frame.get_by_role("status")).to_contain_text("not transport cards")
    assert visit.errors() == [] and visit.warnings() == []


def test_a_missing_or_unknown_key_warns_once_and_adds_nothing(simhelp, hosts, recorder):
    host = hosts()
    embed_for(host.origin)
    for key in ["", "not a key", "unknown-key-0000000000"]:
        visit = recorder()
        with visit.page.expect_console_message(
            lambda m: m.text.startswith("SimHelp widget"), timeout=20_000
        ):
            visit.page.goto(host.page(f"/{len(key)}", host_page(snippet(simhelp, key))))
        visit.page.wait_for_load_state("load")
        assert len(visit.warnings()) == 1, key
        assert visit.page.locator("button, iframe").count() == 0


def test_inline_mode_shows_page_suggestions_and_queues_api_calls(simhelp, hosts, recorder):
    host = hosts()
    shop = embed_for(host.origin, default_language="zh-hans")
    AnswerRule.objects.create(
        name="top-up page", page_url=f"{host.origin}/top-up*", target="faq:renewal-failed"
    )
    visit = recorder()
    page = visit.page
    page.goto(
        host.page(
            "/top-up/mts",
            host_page(
                '<div id="help"></div>'
                + snippet(simhelp, shop.public_key, lang="en", mode="inline", target="#help")
            ),
        )
    )
    frame = page.frame_locator(FRAME)
    expect(frame.get_by_role("heading", name="Suggested for this page")).to_be_visible()
    expect(frame.get_by_role("button", name=re.compile("Why did my renewal fail"))).to_be_visible()
    assert page.locator("#help iframe").count() == 1
    assert page.get_by_role("button", name="Help").count() == 0
    page_asks = [r.url for r in visit.api_requests() if "page_url=" in r.url]
    assert page_asks and ("q=+" in page_asks[0] or "q=%20" in page_asks[0])

    page.evaluate(
        "SimHelp.setLanguage('ru'); SimHelp.search('пополнить баланс');"
        "SimHelp.setContext({carrier: 'mts', cardType: 'bad slug!'})"
    )
    expect(frame.locator("html[lang=ru]")).to_be_attached()
    expect(frame.locator("#view [data-answer]").first).to_be_visible()
    assert frame.locator("#q").input_value() == "пополнить баланс"
    last_ask = [r.url for r in visit.api_requests() if "/ask/?" in r.url][-1]
    assert "lang=ru" in last_ask
    page.evaluate("SimHelp.openArticle('guide:renew-mts')")
    expect(frame.locator("[data-answer='guide:renew-mts'] ol.steps")).to_be_visible()
    height = page.locator(FRAME).evaluate("f => f.getBoundingClientRect().height")
    assert height > 520  # grown to its content by "resize" messages


def test_the_frame_page_has_no_serious_accessibility_violation(
    simhelp, hosts, recorder, axe_source
):
    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder(bypass_csp=True)  # to inject axe into the page
    page = visit.page
    page.goto(f"{simhelp}/widget/frame/?site={shop.public_key}&lang=en&q=paymnet+faild")
    expect(page.locator("[data-answer]")).to_be_visible()
    assert serious_violations(page, axe_source) == []


def test_the_snippet_in_the_admin_works_as_pasted(simhelp, hosts, recorder, client):
    host = hosts()
    shop = embed_for(host.origin)
    admin = User.objects.create_superuser("boss", "boss@example.com", "x" * 20)
    client.force_login(admin)
    page_html = client.get(f"/admin/widget/embedsite/{shop.pk}/change/").content.decode()
    pasted = re.search(r'<textarea id="widget-snippet"[^>]*>(.*?)</textarea>', page_html, re.S)
    tag = html.unescape(pasted.group(1)).replace("http://testserver", simhelp)
    visit = recorder()
    visit.page.goto(host.page("/pasted", host_page(tag)))
    expect(visit.page.get_by_role("button", name="Help")).to_be_visible()


def test_on_a_phone_the_panel_fills_the_screen_and_closes_from_inside(simhelp, hosts, recorder):
    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = visit.page
    page.goto(host.page("/phone", host_page(snippet(simhelp, shop.public_key, lang="en"))))
    launcher, frame = open_widget(page)
    box = page.locator(FRAME).bounding_box()
    assert (box["width"], box["height"]) == (390, 844)
    expect(launcher).to_be_hidden()
    frame.get_by_role("button", name="Close").click()
    expect(launcher).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(launcher).to_be_focused()
