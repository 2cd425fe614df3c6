"""Browser tests of the help site's search: suggestions promise only what the results page
shows, and highlights mark whole words."""

import re

from playwright.sync_api import expect

from insights.models import Feedback


def _suggestions_for(page, query: str) -> list[str]:
    """Type `query` and return the suggestions listed once the list answers it."""
    page.locator("#q").fill(query)
    page.wait_for_function(
        "q => document.getElementById('q-suggestions').dataset.query === q", arg=query
    )
    return page.locator("#q-suggestions a").all_inner_texts()


def test_suggestions_list_only_what_the_results_page_shows(site, phone):
    phone.goto(f"{site}/en/")
    assert _suggestions_for(phone, "speak to a human") == []
    assert phone.locator("#q-suggestions").is_hidden()
    phone.goto(f"{site}/en/search/?q=speak+to+a+human")
    assert phone.get_by_role("heading", name="We could not find a confident answer").is_visible()


def test_no_suggestion_for_a_question_staff_marked_out_of_scope(site, phone):
    phone.goto(f"{site}/en/")
    assert _suggestions_for(phone, "top up my troika card") == []


def test_a_confident_question_still_gets_suggestions(site, phone):
    phone.goto(f"{site}/zh-hans/")
    found = _suggestions_for(phone, "遠遊卡怎麼充值")
    assert found and any("远游卡" in title for title in found)


def test_chinese_results_mark_whole_words(site, phone):
    phone.goto(f"{site}/zh-hans/search/?q=银行卡付款")
    marks = phone.locator("main mark").all_inner_texts()
    assert "银行卡" in marks and "付款" in marks
    # n-grams across a word boundary (卡付 in 银行卡|付款, 行卡 in 银行|卡) are never marked
    assert not {"卡付", "行卡", "卡付款", "银行卡付款"} & set(marks)
    title = phone.locator(".cards a", has_text=re.compile("银行卡限额")).first
    assert title.locator("mark").all_inner_texts() == ["银行卡"]


PLACEHOLDER_FITS = """input => {
  const style = getComputedStyle(input);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [context.measureText(input.placeholder).width, room];
}"""


def test_the_search_placeholder_fits_a_phone(site, phone):
    for lang in ("zh-hans", "en", "ru"):
        phone.goto(f"{site}/{lang}/")
        text, room = phone.locator("#q").evaluate(PLACEHOLDER_FITS)
        assert text <= room, (lang, phone.locator("#q").get_attribute("placeholder"))


def test_no_and_a_comment_with_javascript(site, phone):
    phone.goto(f"{site}/en/faq/foreign-card-declined/")
    url_before = phone.url
    phone.get_by_role("button", name="No").click()
    comment = phone.get_by_label("What was wrong? (optional)")
    comment.wait_for()
    assert phone.get_by_role("link", name="How do I contact my carrier's support?").is_visible()
    assert phone.locator(".not-helpful a[href*='/en/troubleshoot/']").count() >= 1
    comment.fill("The page does not mention UnionPay.")
    phone.get_by_role("button", name="Send").click()
    phone.locator(".not-helpful .thanks").wait_for()
    assert phone.url == url_before
    vote = Feedback.objects.get()
    assert (vote.helpful, vote.comment) == (False, "The page does not mention UnionPay.")


def test_no_and_a_comment_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/zh-hans/faq/foreign-card-declined/")
    page.get_by_role("button", name="否").click()
    page.get_by_label("哪里没有帮到您？（选填）").fill("没有提到银联卡")
    page.get_by_role("button", name="发送").click()
    assert "voted=commented" in page.url
    expect(page.get_by_role("heading", name="找人工帮忙")).to_be_visible()
    assert Feedback.objects.get().comment == "没有提到银联卡"
    context.close()
