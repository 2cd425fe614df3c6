"""People write to a help site as they would to a person: a greeting, a "please", thanks, an
emoji after the question, a word stretched for emphasis. None of it changes what they ask."""

from __future__ import annotations

import pytest

from search.backends.fuzzy import FuzzyBackend
from search.normalize import asks, normalize_query, sentences, unstretched, without_courtesy
from tests.search.documents import MONEY_NOT_ARRIVED, doc


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("Здравствуйте, не проходит оплата, помогите пж", "не проходит оплата"),
        ("Добрый вечер! Подскажите, как пополнить МТС?", "подскажите, как пополнить мтс?"),
        ("хотел спросить, как продлить тариф", "как продлить тариф"),
        ("Вопрос: как пополнить?", "как пополнить?"),
        ("hi, my card was declined. thanks in advance", "my card was declined"),
        ("Quick question: how do I renew? Thank you!", "how do i renew?"),
        ("pls help, sim not working", "sim not working"),
        ("你好，话费没到账，谢谢", "话费没到账"),
        ("想问一下，远游卡怎么续费？求助", "远游卡怎么续费?"),
    ],
)
def test_the_courtesy_around_a_question_is_left_out(typed: str, asked: str) -> None:
    assert without_courtesy(normalize_query(text=typed)) == asked


@pytest.mark.parametrize(
    "text",
    [
        # Words that carry the topic stay.
        "вопрос по оплате картой",
        "номер службы поддержки",
        "how do i contact support",
        "question about my sim",
        # Nothing but courtesy: left as it is (no answer will be confident).
        "спасибо!",
        "hello",
    ],
)
def test_what_is_not_courtesy_stays(text: str) -> None:
    assert without_courtesy(normalize_query(text=text)) == normalize_query(text=text)


def test_an_emoji_or_a_smiley_after_the_question_mark_leaves_it_a_question() -> None:
    assert asks(normalize_query(text="номером не пользуюсь, его отключат? 😭🙏"))
    assert asks("не работает инет?)))")
    # ... and makes no sentence of its own.
    assert sentences(normalize_query(text="его отключат? 😭🙏")) == ["его отключат?"]


def test_a_stretched_word_is_cut_back_to_one_letter() -> None:
    assert unstretched("nooo internet, helppp, не работаееет") == "no internet, help, не работает"
    # Letters typed twice are words as they are; digits are no letters.
    assert unstretched("need 1000 rubles") == "need 1000 rubles"


DOCUMENTS = [
    MONEY_NOT_ARRIVED,
    doc(
        "faq",
        "help-line",
        "ru",
        "Как связаться со службой помощи оператора?",
        keywords="поддержка, помощь, горячая линия, спасибо за обращение",
        body="Напишите в чат поддержки или позвоните на короткий номер. Пожалуйста, "
        "держите под рукой номер телефона.",
    ),
    doc(
        "faq",
        "money-not-arrived",
        "en",
        "I paid, but the money hasn't arrived",
        keywords="balance unchanged, payment went through",
        body="Wait a few minutes, then contact your carrier with the receipt. Thanks!",
    ),
    doc(
        "faq",
        "help-line",
        "en",
        "How do I reach my carrier's help line?",
        keywords="support, help, hotline",
        body="Write to the support chat, or call the short number. Please have your number "
        "at hand.",
    ),
]


@pytest.mark.parametrize(
    ("plain", "courteous", "language"),
    [
        (
            "оплатил а деньги не пришли",
            "Здравствуйте! Оплатил а деньги не пришли, помогите пожалуйста, спасибо",
            "ru",
        ),
        (
            "i paid but the money hasnt arrived",
            "hi, i paid but the money hasnt arrived pls help, thanks a lot",
            "en",
        ),
    ],
)
def test_a_courteous_question_gets_the_answer_and_the_confidence_of_the_plain_one(
    plain: str, courteous: str, language: str
) -> None:
    backend = FuzzyBackend()
    backend.build(DOCUMENTS)
    expected = [(hit.slug, hit.score) for hit in backend.search(plain, language=language)]
    assert expected[0][0] == "money-not-arrived"
    assert [(hit.slug, hit.score) for hit in backend.search(courteous, language=language)] == (
        expected
    )


def test_a_greeting_does_not_push_the_end_of_a_long_question_out() -> None:
    backend = FuzzyBackend()
    backend.build(DOCUMENTS)
    story = (
        "оплатил вчера вечером через приложение банка, " * 3
        + "прошло уже почти два часа, чек на руках, а деньги не пришли"
    )
    greeted = "Привет! " + story
    assert len(story) <= 200 < len(greeted)
    plain = backend.search(story, language="ru")
    assert [hit.slug for hit in backend.search(greeted, language="ru")] == [
        hit.slug for hit in plain
    ]
    assert backend.read_query(greeted).text == backend.read_query(story).text
