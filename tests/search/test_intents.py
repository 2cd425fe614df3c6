"""What a question asks for (a reason, a definition, a time, a place, a way), in three
languages, and how it orders items that match a query's words about equally well."""

from __future__ import annotations

import pytest

from search.backends.fuzzy import FuzzyBackend, Tuning
from search.normalize import (
    asks,
    asks_how_to_pay,
    intents,
    normalize_query,
    says_done,
)
from search.text.questions import (
    AVOID,
    BEFORE,
    HOW,
    PROBLEM,
    WHAT_IS,
    WHEN,
    WHERE,
    WHICH,
    WHY,
    YES_NO,
)
from tests.search.documents import doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Why renew a number I rarely use?", WHY),
        ("Зачем платить за номер, которым я почти не пользуюсь?", WHY),
        ("号码平时很少用，为什么还要续费？", WHY),
        ("What is a data SIM?", WHAT_IS),
        ("Что такое сим-карта для интернета?", WHAT_IS),
        # Typed as people type: no apostrophe, the spoken "чё".
        ("whats a number keeping plan", WHAT_IS),
        ("чё такое есим", WHAT_IS),
        ("什么是流量卡？", WHAT_IS),
        ("How long does a top-up take to arrive?", WHEN),
        ("Через сколько поступят деньги после оплаты?", WHEN),
        ("充值多久能到账？", WHEN),
        ("我这张卡能用到几号", WHEN),
        ("在便利店充的话费几分钟能到", WHEN),
        ("how many hours until the money shows up", WHEN),
        ("这张卡能用到哪天", WHEN),  # which day: a time, not a place (哪里)
        ("until when can I use this sim", WHEN),
        ("How do I see when my plan expires?", HOW | WHEN),  # a question inside a question
        ("Where do I find my SIM serial number?", WHERE),
        ("Где найти серийный номер сим-карты?", WHERE),
        ("SIM卡序列号在哪里看？", WHERE),
        ("How do I reset my password?", HOW),
        ("Как восстановить пароль?", HOW),
        ("流量卡怎么续费", HOW),
        ("What is a data SIM and how do I renew it?", WHAT_IS | HOW),
        ("payment failed", PROBLEM),  # no question word: it reports a failure
        ("top up mts", 0),
        # Asking how to keep something from happening.
        ("How do I avoid missing my renewal date?", HOW | AVOID),
        ("Как не пропустить дату продления?", HOW | AVOID),
        ("怎样才不会错过续费日期？", HOW | AVOID),
        ("my plan keeps lapsing, how do i stop this", HOW | AVOID),
        # Asking for the ways or options to choose from.
        ("Какими способами можно пополнить счёт?", WHICH),
        ("чем вообще можно пополнить симку", WHICH),
        ("What are the ways to renew or top up?", WHICH),
        ("what options do i have to pay", WHICH),
        ("俄罗斯手机卡冲值有哪些渠道", WHICH),
        ("老是忘记续费有什么办法", 0),  # what can be done, not which ways
        # Asking whether, with no question word.
        ("Нужен ли паспорт в салоне связи?", YES_NO),
        ("чек из терминала выкинуть можно?", YES_NO),
        ("need pasport in mts shop?", YES_NO),
        ("Do I need my passport at the store?", YES_NO),
        ("Will I be warned when my data runs low?", YES_NO),  # "when" joins the clauses
        ("去营业厅要带护照吗？", YES_NO),
        ("就去店里充个钱 要不要拿护照", YES_NO),
        ("билайн приложуха на англ переключается?", YES_NO),  # the question mark alone
        ("my card expired?", YES_NO | PROBLEM),
        # ... and with one: it asks which, what or how.
        ("Какими способами можно оплатить связь?", WHICH),
        ("что нужно для пополнения счёта", 0),
        ("где можно пополнить мтс", WHERE),
        ("can i pay for my plan, how", HOW),
        # A story's "can it be done?" asks about what it tells, not whether in general.
        ("Ошибся цифрой в терминале. Деньги можно вернуть?", 0),
        # What to have ready or do first.
        ("What do I need before renewing?", BEFORE),
        ("first time paying for my sim online what should i have ready", BEFORE),
        ("перед оплатой связи что проверить", BEFORE),
        ("Что подготовить перед пополнением?", BEFORE),
        ("续费前要准备什么？", BEFORE),
        ("交话费之前要注意什么", BEFORE),
    ],
)
def test_it_tells_what_a_question_asks_for(text: str, expected: int) -> None:
    assert intents(normalize_query(text=text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Joining words and phrases that only look like a question word.
        "Will I be warned when my data runs low?",
        "Предупредят ли, когда заканчивается трафик?",
        "What are the ways to renew?",
        "What is the price of the plan?",
    ],
)
def test_joining_words_ask_for_no_time_or_definition(text: str) -> None:
    assert not intents(normalize_query(text=text)) & (WHEN | WHAT_IS)


DOCUMENTS = [
    doc(
        "guide",
        "renew-keeping-plan",
        "zh-hans",
        "保号卡怎么续费",
        keywords="保号卡, 续费",
        body="在App里选择保号套餐，付款后续费完成。",
    ),
    doc(
        "faq",
        "why-keep-number",
        "zh-hans",
        "号码很少用，为什么还要续费？",
        keywords="续费",
        body="保号卡不续费，号码会被停机，之后可能被回收。",
    ),
    doc(
        "faq",
        "what-is-data-sim",
        "zh-hans",
        "什么是流量卡？",
        keywords="流量卡, 续费",
        body="流量卡只能上网，流量卡续费和普通卡一样。",
    ),
    doc(
        "guide",
        "renew-data-sim",
        "zh-hans",
        "流量卡续费步骤",
        keywords="流量卡",
        body="在官网或App里给流量卡续费。",
    ),
]
NEUTRAL = Tuning(intent_boost=0.0, intent_mismatch=0.0)


def _scores(
    query: str, tuning: Tuning | None = None, *, documents: list = DOCUMENTS
) -> dict[str, float]:
    backend = FuzzyBackend(tuning=tuning)
    backend.build(documents)
    return {hit.slug: hit.score for hit in backend.search(query, language="zh-hans")}


def test_a_title_that_asks_why_gains_for_a_why_question_and_no_other_moves() -> None:
    plain, asked = _scores("保号卡为什么要续费", NEUTRAL), _scores("保号卡为什么要续费")
    assert asked["why-keep-number"] == pytest.approx(
        plain["why-keep-number"] * (1 + Tuning().intent_boost), abs=1e-3
    )
    others = set(plain) - {"why-keep-number"}
    assert {slug: asked[slug] for slug in others} == {slug: plain[slug] for slug in others}


def test_a_how_question_goes_past_a_definition() -> None:
    query = "流量卡怎么续费"
    assert max(_scores(query, NEUTRAL).items(), key=lambda pair: pair[1])[0] == "what-is-data-sim"
    scores = _scores(query)
    assert max(scores.items(), key=lambda pair: pair[1])[0] == "renew-data-sim"
    # A question that asks both what it is and how: the definition is not held back.
    both = "什么是流量卡，怎么续费"
    assert _scores(both)["what-is-data-sim"] > _scores(both, NEUTRAL)["what-is-data-sim"]


PASSPORT = [
    doc(
        "faq",
        "passport-at-store",
        "en",
        "Do I need my passport at the store?",
        keywords="passport, document",
        body="A top-up needs no document; changing the plan or the SIM does.",
    ),
    doc(
        "guide",
        "renew-at-store",
        "en",
        "Renew at a carrier store",
        keywords="store, shop, passport, cash",
        body="Go to the shop with cash and your passport, and give the staff your number.",
    ),
]


WAYS = [
    doc(
        "faq",
        "ways",
        "zh-hans",
        "有哪些续费方式？",
        keywords="续费, 充值, 官网, App, 便利店",
        body="可以在官网、App、营业厅或便利店的自助机续费。",
    ),
    doc(
        "guide",
        "renew-phone-card",
        "zh-hans",
        "俄罗斯手机卡怎么充值",
        keywords="手机卡, 充值, 话费, 渠道",
        body="在官网输入手机号和金额，付款后话费到账。",
    ),
]


def test_the_item_that_lists_the_ways_gains_for_a_question_for_the_ways() -> None:
    query = "充值有哪些渠道"
    plain, asked = _scores(query, NEUTRAL, documents=WAYS), _scores(query, documents=WAYS)
    assert asked["ways"] == pytest.approx(plain["ways"] * (1 + Tuning().intent_boost), abs=1e-3)
    assert asked["renew-phone-card"] == plain["renew-phone-card"]


def test_a_title_that_asks_whether_answers_a_question_that_asks_whether() -> None:
    backend = FuzzyBackend()
    backend.build(PASSPORT)
    hits = backend.search("do i need a passport in the shop?", language="en")
    assert [hit.slug for hit in hits] == ["passport-at-store", "renew-at-store"]
    # Told as a plain topic, the guide to the shop is the answer.
    assert backend.search("passport shop cash", language="en")[0].slug == "renew-at-store"


@pytest.mark.parametrize(
    "text", ["我这张卡能用到几号", "流量卡是干嘛用的", "充值几天到账", "my card expired?"]
)
def test_a_question_mark_or_a_chinese_question_word_asks(text: str) -> None:
    assert asks(normalize_query(text=text))


def test_almost_is_not_a_question() -> None:
    assert not asks(normalize_query(text="几乎每个月都续费"))


@pytest.mark.parametrize(
    "text",
    [
        # An indefinite word, and "как" that compares or joins: no question in either.
        "говорят, могут быть какие-то платные подписки",
        "деньги где-то застряли",
        "на балансе как был минус 30, так и остался",
        "в банке указан как раз этот номер",
        "так как я за границей, плачу картой",
        "плачу за связь перед тем, как уехать",
        "номер заблокировали после того как я уехал",
    ],
)
def test_a_question_word_that_asks_nothing_makes_no_question(text: str) -> None:
    normalized = normalize_query(text=text)
    assert not asks(normalized)
    assert not intents(normalized) & (HOW | WHERE | WHEN)


def test_a_question_word_next_to_such_a_word_still_asks() -> None:
    normalized = normalize_query(text="как раз хотел спросить как пополнить счёт")
    assert asks(normalized) and intents(normalized) & HOW


STORY_DOCUMENTS = [
    doc("guide", "in-app", "en", "Pay in the bank app", keywords="bank app, card", asks=("how",)),
    doc("faq", "not-arrived", "en", "Paid, but the money has not arrived", keywords="balance"),
]


def _story_scores(query: str, tuning: Tuning | None = None) -> dict[str, float]:
    backend = FuzzyBackend(tuning=tuning)
    backend.build(STORY_DOCUMENTS)
    return {hit.slug: hit.score for hit in backend.search(query, language="en")}


@pytest.mark.parametrize(
    "query",
    [
        "I paid with my card in the bank app. The money is not there. Who can help?",
        # One sentence, no story, but the payment was made: the steps to make it are behind.
        "paid in the bank app and the balance is still zero",
        # ... even when it asks how: how to check it, not how to pay.
        "paid in the bank app, how can I be sure the money is there?",
    ],
)
def test_a_story_or_a_payment_made_already_is_not_answered_by_a_procedure(query: str) -> None:
    # The bank app is the channel it names in passing; what it asks about is the money.
    plain = _story_scores(query, Tuning(procedure_mismatch=0.0))
    scores = _story_scores(query)
    assert scores["in-app"] == pytest.approx(plain["in-app"] * 0.8, abs=1e-3)
    assert scores["not-arrived"] == pytest.approx(plain["not-arrived"], abs=1e-3)


@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("закинула 300р на мтс через приложение банка, на счету как было", True),
        ("Оплатил тариф на сайте, банк деньги снял", True),
        ("пополнил счёт через терминал час назад", True),
        ("topped up at a terminal yesterday and still nothing on the account", True),
        ("I paid 500 rub in the app", True),
        ("用支付宝给俄罗斯号码充了500卢布", True),
        ("在便利店刚冲的话费 一般几分钟能到", True),
        ("扣款成功了，余额一直没变", True),
        # Not made: a negation, a plan, a way asked for.
        ("не оплатил вовремя и номер заблокировали", False),
        # The imperfective says it was under way, not that it went through.
        ("платил за телефон, на середине отвалился вайфай", False),
        ("I haven't paid for two months", False),
        ("没充了话费会怎样", False),
        ("как оплатить тариф на сайте", False),
        ("how do i top up in the app", False),
        ("怎么充话费", False),
    ],
)
def test_a_payment_said_to_be_made_already_is_read_as_done(text: str, done: bool) -> None:
    assert says_done(normalize_query(text=text)) is done


@pytest.mark.parametrize(
    ("text", "paying"),
    [
        ("как мне оплатить тариф", True),
        ("how do I top up again", True),
        ("那怎么充话费", True),
        ("как точно узнать, что деньги дошли", False),
        ("how can I be sure the plan got extended", False),
        ("怎么才能确认到底续上了没有", False),
    ],
)
def test_asking_how_to_pay_is_told_from_asking_how_to_do_something_else(
    text: str, paying: bool
) -> None:
    assert asks_how_to_pay(normalize_query(text=text)) is paying


@pytest.mark.parametrize(
    "query",
    [
        "I am abroad now. How do I pay in the bank app?",  # a story that asks how
        "I am abroad now. Where can I pay with my card?",  # ... or where
        "pay with my card in the bank app",  # one sentence
        "paid in the bank app last month, how do I pay in the bank app now?",  # paid, asks how
    ],
)
def test_a_procedure_keeps_its_score_for_a_question_that_asks_how_or_where(query: str) -> None:
    plain = _story_scores(query, Tuning(procedure_mismatch=0.0))
    assert _story_scores(query) == pytest.approx(plain, abs=1e-3)


BEFORE_DOCUMENTS = [
    doc("guide", "on-website", "en", "Renew your number on the website", keywords="renew, website"),
    doc(
        "faq", "prepare", "en", "What do I need before renewing?", keywords="renew, number, website"
    ),
]


def test_a_question_about_what_to_do_first_gains_the_item_that_asks_it() -> None:
    query = "renewing my number on the website for the first time, what should I have ready?"
    plain = FuzzyBackend(tuning=NEUTRAL)
    plain.build(BEFORE_DOCUMENTS)
    before = {hit.slug: hit.score for hit in plain.search(query, language="en")}
    backend = FuzzyBackend()
    backend.build(BEFORE_DOCUMENTS)
    after = {hit.slug: hit.score for hit in backend.search(query, language="en")}
    assert after["prepare"] == pytest.approx(
        before["prepare"] * (1 + Tuning().intent_boost), abs=1e-3
    )
    assert after["on-website"] == pytest.approx(before["on-website"], abs=1e-3)
    # The steps themselves, asked for, gain nothing from it.
    steps = "how do I renew my number on the website"
    assert {hit.slug: hit.score for hit in backend.search(steps, language="en")} == (
        pytest.approx({hit.slug: hit.score for hit in plain.search(steps, language="en")})
    )
