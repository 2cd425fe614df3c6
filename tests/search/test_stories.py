"""Long questions: the sentence (or clause) that asks weighs more than the story around it."""

from __future__ import annotations

import pytest

from search.backends.fuzzy import FuzzyBackend, Tuning
from search.normalize import asks, normalize_query, sentences
from tests.search.documents import doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My card was declined. What else can I use?", [False, True]),
        ("Денег на счёте нет. Куда обращаться?", [False, True]),
        ("话费里还有钱。这是怎么回事？", [False, True]),
        # A statement with "is" or "when" inside is no question; one that starts with it is.
        ("The SIM is in a drawer. Is there a way to get the code?", [False, True]),
        ("It stopped when I was away. When does it come back", [False, True]),
    ],
)
def test_it_tells_the_sentence_that_asks(text: str, expected: list[bool]) -> None:
    parts = sentences(normalize_query(text=text))
    assert [asks(part) for part in parts] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese typed with spaces for commas: each part of four characters or more is a
        # clause, and the one in the middle asks.
        (
            "mts官网一直登不上 能不能直接去便利店交话费 不用登录的那种",
            ["mts官网一直登不上", "能不能直接去便利店交话费", "不用登录的那种"],
        ),
        # Short runs are keywords, not clauses.
        ("保号 套餐 多少钱一个月", ["保号 套餐 多少钱一个月"]),
        ("mts 官网 登不上", ["mts 官网 登不上"]),
    ],
)
def test_a_space_between_chinese_clauses_ends_one(text: str, expected: list[str]) -> None:
    assert sentences(normalize_query(text=text), clauses=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "что" that says what the bank wrote hangs on its clause: nothing there asks.
        (
            "Банк прислал смс, что превышен лимит, оплата не проходит",
            ["банк прислал смс, что превышен лимит,", "оплата не проходит"],
        ),
        ("терминал, который у дома, пишет ошибку", ["терминал, который у дома,", "пишет ошибку"]),
        # "что" that asks opens a clause of its own.
        ("оплата не проходит, лимит, что делать", ["оплата не проходит,", "лимит,", "что делать"]),
    ],
)
def test_a_clause_that_says_what_was_said_is_no_question(text: str, expected: list[str]) -> None:
    parts = sentences(normalize_query(text=text), clauses=True)
    assert parts == expected
    assert [asks(part) for part in parts] == [False] * (len(parts) - 1) + [
        expected[-1].startswith("что")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A story typed with no punctuation at all still asks where its question word starts.
        (
            "online payment doesnt work for me can someone at the store just do it",
            ["online payment doesnt work for me", "can someone at the store just do it"],
        ),
        (
            "в метро вытащили телефон вместе с симкой что делать с номером",
            ["в метро вытащили телефон вместе с симкой", "что делать с номером"],
        ),
        # ... a smiley after it is no punctuation of it.
        (
            "my internet only sim ran out of gb how do i extend it :(",
            ["my internet only sim ran out of gb", "how do i extend it :("],
        ),
        # Too little before the question word to be a story, or punctuated by the typist.
        (
            "в пятерочке на кассе можно положить на телефон",
            ["в пятерочке на кассе можно положить на телефон"],
        ),
        ("my plan ran out, how do i extend it", ["my plan ran out, how do i extend it"]),
    ],
)
def test_a_story_typed_without_punctuation_is_split_before_its_question(
    text: str, expected: list[str]
) -> None:
    assert sentences(normalize_query(text=text)) == expected


def test_a_decimal_point_ends_no_sentence() -> None:
    assert len(sentences(normalize_query(text="Is 1.5 GB enough for a week?"))) == 1


DOCUMENTS = [
    doc(
        "faq",
        "receipt",
        "en",
        "Keep the receipt of a payment at the shop",
        keywords="receipt, till, shop, cash",
    ),
    doc(
        "faq",
        "contact",
        "en",
        "Who to contact when the money has not arrived",
        keywords="contact, support, arrived",
    ),
]
STORY = "Paid cash at the shop. Who do I contact?"


def _top(query: str, tuning: Tuning | None = None) -> str:
    backend = FuzzyBackend(tuning=tuning)
    backend.build(DOCUMENTS)
    return backend.search(query, language="en")[0].slug


def test_the_question_outweighs_the_story_around_it() -> None:
    assert _top(STORY, Tuning(story_weight=1.0)) == "receipt"  # the story's words pick it
    assert _top(STORY) == "contact"


def test_a_query_that_only_asks_or_only_tells_is_read_as_it_is() -> None:
    told = "I paid cash at the shop till and kept the receipt. The money has not arrived."
    assert _top(told) == _top(told, Tuning(story_weight=1.0))


def test_clauses_count_as_parts_from_three_on() -> None:
    # Three clauses: the one that asks picks the answer; two are read as one question.
    story = "paid cash, at the shop, who do i contact"
    assert _top(story, Tuning(story_weight=1.0)) == "receipt"
    assert _top(story) == "contact"
    two = "paid cash at the shop, who do i contact"
    assert _top(two) == _top(two, Tuning(story_weight=1.0))


def test_the_story_still_counts_in_full_for_what_the_index_does_not_know() -> None:
    # The story's unknown words keep the query from being a confident answer.
    backend = FuzzyBackend()
    backend.build(DOCUMENTS)
    query = "My landlord wants rent for the flat, utilities and parking. Who do I contact?"
    weighed = backend.search(query, language="en")[0]
    plain = FuzzyBackend(tuning=Tuning(story_weight=1.0))
    plain.build(DOCUMENTS)
    assert weighed.score <= plain.search(query, language="en")[0].score + 0.05
    assert not weighed.confident


def test_a_question_that_says_little_leaves_the_story_in_charge() -> None:
    told = "Paid cash at the shop and kept the receipt. What can I do?"
    weighed = FuzzyBackend()
    weighed.build(DOCUMENTS)
    plain = FuzzyBackend(tuning=Tuning(story_weight=1.0))
    plain.build(DOCUMENTS)
    hits, plain_hits = weighed.search(told, language="en"), plain.search(told, language="en")
    assert [hit.key for hit in hits] == [hit.key for hit in plain_hits]
    # Discounted by a twentieth at most (the question holds little of the information).
    assert hits[0].score == pytest.approx(plain_hits[0].score, rel=0.05)
