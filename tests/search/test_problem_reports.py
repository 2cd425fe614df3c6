"""A query that reports a failure is answered by an item that reports one too, before the
item that explains how the thing is done when it works."""

from __future__ import annotations

import pytest

from search.backends.fuzzy import FuzzyBackend, Tuning
from search.backends.fuzzy.stories import failure_asked
from search.normalize import (
    intents,
    normalize_query,
    reports_data_problem,
    reports_line_down,
    reports_problem,
    reports_refused_payment,
)
from search.text.questions import PROBLEM
from tests.search.documents import MONEY_NOT_ARRIVED, doc


@pytest.mark.parametrize(
    "text",
    [
        "payment failed",
        "my card was declined",
        "my card expired",
        "the app doesn't work",
        "my top up never arrived",
        "sim died after a month",
        "на балансе 500р а инет не пашет",
        "симка сдохла",
        "заплатила час назад, а денег на счёте нет",
        "симка просрочилась, ни звонков ни интернета",
        "卡废了",
        "i can't log in",
        "no mobile data after landing",
        "закинул деньги на телефон а баланс не пополнился",
        "деньги не пришли",
        "оплата не проходит",
        "нет сети",
        "истёк тариф",
        "付款失败",
        "冲了500卢布还没到账",
        "手机上不了网",
        "银行卡被拒了",
        # A negated modal and the verb it governs.
        "приложение не даёт продлить тариф",
        "никак не удаётся оплатить",
        "оплатить так и не вышло",
        # "если" and "ли" alone make no hypothesis.
        "Почему не работает интернет, если деньги на счёте есть?",
        "Номер заблокировали — можно ли его вернуть?",
        # More verbs of what did not happen: a card not taken, a SIM not seen, a code not
        # sent, a page that will not open.
        "визу не берёт при оплате",
        "телефон не видит симку",
        "код не присылают уже час",
        "сайт мтс не открывается",
        "деньги так и не дошли",
        # Chinese "cannot" as a verb with 不 and its result: 充不进去, 交不上, 打不开.
        "mts充不进去",
        "话费交不上",
        "运营商的app打不开",
        # A failure reported beside one that was to be prevented.
        "пополнил, чтобы не отключили, но деньги не пришли",
    ],
)
def test_it_tells_a_report_of_a_failure(text: str) -> None:
    assert reports_problem(normalize_query(text=text))


@pytest.mark.parametrize(
    "text",
    [
        "how to top up mts",
        "when does my plan expire",
        "I don't need calls, which plan",
        "как пополнить баланс",
        "как не пропустить дату продления",
        "не знаю какой тариф выбрать",
        "у меня нет российской карты, как пополнить",
        # Not being able to decide, find or understand asks for the item that explains it.
        "cant decide which plan to choose",
        "can't find my ICCID",
        "не могу понять как пополнить билайн",
        "не могу найти номер сим-карты",
        # A failure that may happen is not one that happened.
        "will my number be blocked if i leave russia for a year",
        "если не заплачу, номер заблокируют?",
        "出国一年号码会不会被停机",
        # What is to be prevented is feared, not reported.
        "как пополнить обычную симку чтоб не отключили",
        "что сделать, чтобы номер не заблокировали",
        "how to top up so it doesnt get blocked",
        "зачем платить за номер, которым я почти не пользуюсь",
        "流量卡怎么续费",
        "去营业厅要带护照吗",
    ],
)
def test_a_question_how_or_a_negation_alone_reports_no_failure(text: str) -> None:
    assert not reports_problem(normalize_query(text=text))


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("my card was declined, what do I do?", True),
        ("карту отклонили, что теперь делать?", True),
        ("付款失败了，怎么办", True),
        ("why was my card declined?", True),
        # The question asks about something else: the failure is its story.
        ("online payment doesnt work for me, can someone at the store just do it", False),
        ("the app does not load. where is the nearest mts store?", False),
    ],
)
def test_in_a_story_the_failure_counts_where_the_question_is_about_it(
    text: str, reported: bool
) -> None:
    assert failure_asked(normalize_query(text=text)) is reported


def test_titles_are_read_the_same_way() -> None:
    assert intents("I paid, but the money hasn't arrived".lower()) & PROBLEM
    assert intents("Оплата прошла, но деньги не пришли".lower()) & PROBLEM
    assert not intents("What are the ways to top up?".lower()) & PROBLEM


DOCUMENTS = [
    doc(
        "faq",
        "ways-to-top-up",
        "ru",
        "Как пополнить баланс телефона?",
        keywords="пополнить баланс, закинуть деньги",
        body="Пополнить баланс можно в приложении, на сайте или в салоне связи.",
    ),
    MONEY_NOT_ARRIVED,
]


def _scores(query: str, tuning: Tuning | None = None) -> dict[str, float]:
    backend = FuzzyBackend(tuning=tuning)
    backend.build(DOCUMENTS)
    return {hit.slug: hit.score for hit in backend.search(query, language="ru")}


KEPT = 1.0 - Tuning().problem_mismatch  # what a title of the other kind keeps (0.8)


def test_for_a_reported_failure_a_title_that_reports_none_loses_a_share() -> None:
    query = "закинул деньги а баланс не пополнился"
    before, after = _scores(query, Tuning(problem_mismatch=0.0)), _scores(query)
    assert after["ways-to-top-up"] == pytest.approx(before["ways-to-top-up"] * KEPT, abs=1e-3)
    # The title that reports a failure is no more confident than it was.
    assert after["money-not-arrived"] == pytest.approx(before["money-not-arrived"], abs=1e-4)


def test_a_question_how_to_avoid_a_failure_holds_back_the_titles_that_report_one() -> None:
    query = "как не остаться без денег на балансе"
    before, after = _scores(query, Tuning(problem_mismatch=0.0)), _scores(query)
    assert after["money-not-arrived"] == pytest.approx(before["money-not-arrived"] * KEPT, abs=1e-3)
    assert after["ways-to-top-up"] == pytest.approx(before["ways-to-top-up"], abs=1e-4)


def test_a_question_how_is_not_moved() -> None:
    query = "как закинуть деньги на телефон"
    assert _scores(query) == pytest.approx(_scores(query, Tuning(problem_mismatch=0.0)))


@pytest.mark.django_db
def test_on_the_demo_content_money_that_did_not_arrive_goes_past_how_long_it_takes(
    demo_content,
) -> None:
    from assistant.answers import search_in_scope
    from assistant.index import index

    query = "пополнил через сбер а на счет ничего не пришло"

    def first(snapshot) -> str:
        hits, rule = search_in_scope(query, language="ru", limit=3, snapshot=snapshot)
        assert rule is None
        return hits[0].key

    assert first(index.build_with(tuning=Tuning(problem_mismatch=0.0))) == (
        "faq:how-long-topup-takes"
    )
    assert first(index.build_with()) == "faq:topup-not-credited"


@pytest.mark.parametrize(
    ("text", "down"),
    [
        ("my number doesn't work at all, no calls, no data", True),
        ("sim died after i forgot to pay for 2 months", True),
        ("полгода была в китае, вернулась а номер вообще не работает", True),
        ("симка сдохла после поездки, ни звонков ни интернета", True),
        ("сим-карта недействительна, пишет телефон", True),
        ("回国半年 号码用不了了", True),
        # Data alone, or nothing down at all.
        ("calls work but mobile data doesn't", False),
        ("got 400 rub on the sim but internets dead", False),
        ("звонки проходят, а интернет не работает", False),
        ("手机不能上网", False),
        ("how do I keep my number working while abroad", False),
    ],
)
def test_the_whole_line_down_is_told_from_data_alone(text: str, down: bool) -> None:
    assert reports_line_down(normalize_query(text=text)) is down


@pytest.mark.parametrize(
    ("title", "data"),
    [
        ("Mobile data doesn't work", True),
        ("Не работает мобильный интернет", True),
        ("手机不能上网", True),
        ("My data stopped, but there's still money on the account — why?", True),
        # A top-up of data that has not arrived is no failure of the data itself.
        ("I paid, but the money or data hasn't arrived", False),
        ("My SIM plan expired or my number is blocked", False),
        ("How to renew a data SIM", False),
    ],
)
def test_a_title_about_mobile_data_alone_is_told_apart(title: str, data: bool) -> None:
    assert reports_data_problem(title.lower()) is data


LINE_DOCUMENTS = [
    doc(
        "troubleshooter", "no-data", "en", "Mobile data doesn't work", keywords="no calls, no data"
    ),
    doc("troubleshooter", "blocked", "en", "My number is blocked", keywords="number, pay"),
]


def test_a_number_down_altogether_is_not_answered_by_the_data_troubleshooter() -> None:
    """ "no calls, no data": the data troubleshooter loses the share a title that reports
    another failure loses, and the other title keeps its score."""
    query = "forgot to pay, now my number doesn't work at all, no calls, no data"
    plain = FuzzyBackend(tuning=Tuning(problem_mismatch=0.0))
    plain.build(LINE_DOCUMENTS)
    before = {hit.slug: hit.score for hit in plain.search(query, language="en")}
    backend = FuzzyBackend(tuning=Tuning(problem_mismatch=0.2))
    backend.build(LINE_DOCUMENTS)
    after = {hit.slug: hit.score for hit in backend.search(query, language="en")}
    assert after["no-data"] == pytest.approx(before["no-data"] * 0.8, abs=1e-3)
    assert after["blocked"] == pytest.approx(before["blocked"], abs=1e-3)
    # Data alone: the data troubleshooter keeps its score.
    data_only = "calls work but no data at all"
    assert {hit.slug: hit.score for hit in backend.search(data_only, language="en")}[
        "no-data"
    ] == pytest.approx(
        {hit.slug: hit.score for hit in plain.search(data_only, language="en")}["no-data"],
        abs=1e-3,
    )


WHY_DOCUMENTS = [
    doc(
        "faq", "why-local", "en", "What is a local SIM and what is it for?", keywords="local number"
    ),
    doc("faq", "why-blocked", "en", "Why was a foreigner's number blocked?", keywords="foreigner"),
]


def _why_scores(query: str, tuning: Tuning) -> dict[str, float]:
    backend = FuzzyBackend(tuning=tuning)
    backend.build(WHY_DOCUMENTS)
    return {hit.slug: hit.score for hit in backend.search(query, language="en")}


def test_a_why_question_that_reports_no_failure_is_not_answered_by_one_about_a_failure() -> None:
    """ "why would a foreigner need a local number" asks what it is for: the title that
    explains a failure loses the share a failure report costs the titles that report none."""
    query = "why would a foreigner need a local number"
    plain = _why_scores(query, Tuning(problem_mismatch=0.0))
    scores = _why_scores(query, Tuning())
    assert scores["why-blocked"] == pytest.approx(
        plain["why-blocked"] * (1 - Tuning().problem_mismatch), abs=1e-3
    )
    assert scores["why-local"] == pytest.approx(plain["why-local"], abs=1e-3)
    # Asked about the failure itself, the title that explains it keeps its score.
    blocked = "why was my number blocked, I am a foreigner"
    assert _why_scores(blocked, Tuning())["why-blocked"] == pytest.approx(
        _why_scores(blocked, Tuning(problem_mismatch=0.0))["why-blocked"], abs=1e-3
    )


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("My payment failed", True),
        ("My foreign bank card was declined. What now?", True),
        ("My payment was blocked by a card limit", True),
        ("Why did my renewal fail?", True),
        ("Не проходит оплата", True),
        ("Иностранную карту не принимают — что делать?", True),
        ("Почему не получилось пополнить счёт?", True),
        ("付款失败", True),
        ("用国外银行卡付款被拒绝了怎么办？", True),
        ("paid with my visa but the site doesn't accept it", True),
        # Paid and not arrived, or a failure of something other than paying.
        ("I paid, but the money or data hasn't arrived", False),
        ("Оплата прошла, но деньги или трафик не пришли", False),
        ("付了钱，但话费或流量没到账怎么办？", False),
        ("I can't log in", False),
        ("输入法或键盘语言不对，导致登录失败怎么办？", False),
        ("Mobile data doesn't work", False),
    ],
)
def test_a_payment_refused_is_told_from_one_that_did_not_arrive(text: str, refused: bool) -> None:
    assert reports_refused_payment(text.lower()) is refused


REFUSED_DOCUMENTS = [
    doc("troubleshooter", "payment-failed", "en", "My payment failed", keywords="paid, terminal"),
    doc("faq", "not-arrived", "en", "The money has not arrived", keywords="paid, terminal"),
]


def test_a_payment_made_already_is_not_answered_by_a_title_about_one_refused() -> None:
    """ "paid at the terminal, still nothing": the payment went through, so the title about a
    payment refused loses ``refused_mismatch``; a query that says it was declined keeps it."""

    def scores(query: str, tuning: Tuning) -> dict[str, float]:
        backend = FuzzyBackend(tuning=tuning)
        backend.build(REFUSED_DOCUMENTS)
        return {hit.slug: hit.score for hit in backend.search(query, language="en")}

    paid = "paid at the terminal an hour ago and still nothing"
    before, after = scores(paid, Tuning(refused_mismatch=0.0)), scores(paid, Tuning())
    kept = 1.0 - Tuning().refused_mismatch
    assert after["payment-failed"] == pytest.approx(before["payment-failed"] * kept, abs=1e-3)
    assert after["not-arrived"] == pytest.approx(before["not-arrived"], abs=1e-4)
    assert max(after, key=after.get) == "not-arrived"
    declined = "paid at the terminal but the card was declined"
    assert scores(declined, Tuning()) == pytest.approx(scores(declined, Tuning(refused_mismatch=0)))
