"""The search results page as a reader sees it: the best answer once, filters by name, whole
words marked, steps kept apart in snippets."""

import re

import pytest

from assistant.snippets import cjk_lexicon, snippet, whole_terms
from simhelp.markdown import markdown_to_lines

pytestmark = pytest.mark.django_db


def _result_links(html: str) -> list[str]:
    """The item links listed below the best answer."""
    below = html[html.index("</section>", html.index('class="best"')) :]
    return re.findall(r'<ul class="cards">\s*<li><a href="([^"]+)"', below) + re.findall(
        r'</li>\s*<li><a href="([^"]+)"', below
    )


def test_the_best_answer_is_not_listed_again_below_it(client, demo_content):
    html = client.get("/en/search/", {"q": "paymnet faild"}).content.decode()
    best = re.search(r'<p class="best-link"><a href="([^"]+)"', html).group(1)
    assert best == "/en/troubleshoot/payment-failed/"
    assert best not in _result_links(html)
    assert html.count(f'href="{best}"') == 1


@pytest.mark.parametrize(
    ("lang", "carrier", "card_type"),
    [
        ("en", "Beeline", "Data SIM"),
        ("zh-hans", "Beeline（比莱恩）", "流量卡"),
        ("ru", "Билайн", "Сим-карта для интернета"),
    ],
)
def test_the_filters_show_translated_names(client, demo_content, lang, carrier, card_type):
    html = client.get(f"/{lang}/search/", {"q": "top up"}).content.decode()
    carriers = html[html.index('id="f-carrier"') : html.index("</select>", html.index("f-carrier"))]
    assert re.search(rf'<option value="beeline">{re.escape(carrier)}</option>', carriers)
    assert "BEELINE" not in carriers
    cards = html[html.index('id="f-card"') : html.index("</select>", html.index('id="f-card"'))]
    assert '<option value="data">data</option>' not in cards
    if card_type:
        assert f'<option value="data">{card_type}</option>' in cards


def test_a_chinese_highlight_never_splits_a_word():
    words = cjk_lexicon(["银行卡, 付款失败", "付款"])
    # The engine matches by n-grams: 卡付 and 行卡 straddle the words 银行卡 | 付款.
    terms = whole_terms(["银行", "行卡", "卡付", "付款", "银行卡", "card"], words=words)
    assert set(terms) == {"付款", "银行卡", "card"}
    marked = snippet("用国外银行卡付款被拒绝了怎么办？", terms)
    assert marked == "用国外<mark>银行卡</mark><mark>付款</mark>被拒绝了怎么办？"
    # A longer marked word wins over a shorter term that crosses its edge.
    assert snippet("银行卡付款", ["卡付", "银行卡"]) == "<mark>银行卡</mark>付款"


@pytest.mark.parametrize(
    ("lang", "query", "title"),
    [
        ("en", "i can't log in to the app", "I can&#x27;t <mark>log</mark> in"),
        (
            "ru",
            "не могу войти в приложение",
            "<mark>Не</mark> получается <mark>войти</mark> в личный кабинет",
        ),
    ],
)
def test_stop_words_are_not_marked_in_results(client, demo_content, lang, query, title):
    """Only the words that found an answer are marked, not every "the", "to" or "в" ("не" is
    not a stop word: "не работает" is what many questions are about)."""
    html = client.get(f"/{lang}/search/", {"q": query}).content.decode()
    assert title in html
    marked = {word.casefold() for word in re.findall(r"<mark>([^<]+)</mark>", html)}
    assert marked and not marked & {"i", "to", "the", "in", "в"}


def test_a_snippet_keeps_steps_on_their_own_lines_and_ends_after_a_step():
    text = markdown_to_lines(
        "Do this:\n\n1. Open the carrier's app and log in.\n2. Tap *Top up*.\n"
        "3. Choose the amount and pay with a card that works in Russia, then wait for the "
        "message that confirms the payment arrived on your balance."
    )
    assert text.splitlines()[1] == "Open the carrier's app and log in."
    shown = snippet(text, ["app"], width=90)
    assert shown.split("<br>") == [
        "Do this:",
        "Open the carrier&#x27;s <mark>app</mark> and log in.",
        "Tap Top up.…",
    ]


def test_the_results_page_shows_steps_on_separate_lines(client, demo_content):
    html = client.get("/en/search/", {"q": "how to top up at a terminal"}).content.decode()
    assert "<br>" in html[html.index('class="cards"') :]
