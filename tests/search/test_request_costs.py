"""What a search request reuses or skips to cost less, and that none of it changes an answer.

A question asked again with another carrier, card type or language reuses how it was read;
only the items that can be listed are built into candidates.
"""

from __future__ import annotations

import pytest

from search.backends.fuzzy import FuzzyBackend, Tuning
from tests.search.documents import DOCUMENTS, SYNONYMS, doc

QUERIES = [
    ("top up", "en", {}),
    ("пополнить баланс мтс", "ru", {}),
    ("续费失败", "zh-hans", {"carrier": "megafon"}),
    ("renew", "ru", {"card_type": "data"}),
    ("ghjlkbnm", "ru", {}),  # "продлить" on the English layout: two readings
    ("kak popolnit balans", "ru", {}),  # Russian in Latin letters
]


def summary(hits) -> list[tuple[str, float, bool, str, tuple[str, ...]]]:
    return [(h.key, h.score, h.confident, h.language, h.matched_terms) for h in hits]


@pytest.fixture
def backend() -> FuzzyBackend:
    backend = FuzzyBackend()
    backend.build(DOCUMENTS, synonyms=SYNONYMS)
    return backend


@pytest.mark.parametrize(("query", "language", "context"), QUERIES)
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_a_shorter_list_is_the_start_of_the_longer_one(
    backend: FuzzyBackend, query: str, language: str, context: dict, limit: int
) -> None:
    longer = backend.search(query, language=language, context=context, limit=50)
    assert len(longer) > limit, "each query must find more items than the shorter list holds"
    shorter = backend.search(query, language=language, context=context, limit=limit)
    assert summary(shorter) == summary(longer[:limit])


def test_items_tied_at_the_cut_are_listed_in_the_order_of_their_keys() -> None:
    """Only the best few items are built into candidates, but of items that score alike the
    list still shows those whose keys come first, as the full ordering does."""
    same = "How to top up a SIM card"
    backend = FuzzyBackend()
    backend.build([doc("faq", slug, "en", same) for slug in ("d", "b", "e", "a", "c")])
    assert [hit.key for hit in backend.search("top up sim", language="en", limit=2)] == [
        "faq:a",
        "faq:b",
    ]


def test_a_question_asked_again_is_read_from_memory_with_the_same_answers(
    backend: FuzzyBackend,
) -> None:
    first = [backend.search(q, language=lang, context=ctx) for q, lang, ctx in QUERIES]
    remembered = backend._index.readings
    assert [q for q, _lang, _ctx in QUERIES] == list(remembered)
    assert remembered["ghjlkbnm"][0] == ("ghjlkbnm", 1.0)
    assert [reading for reading, _factor in remembered["ghjlkbnm"]][1:] == ["продлить"]
    again = [backend.search(q, language=lang, context=ctx) for q, lang, ctx in QUERIES]
    assert [summary(hits) for hits in again] == [summary(hits) for hits in first]


def test_a_query_with_nothing_to_search_is_remembered_as_such(backend: FuzzyBackend) -> None:
    assert backend.search("\u200b \u00ad", language="en") == []
    assert backend._index.readings["\u200b \u00ad"] == ()
    assert backend.search("\u200b \u00ad", language="en") == []


def test_only_the_most_recent_queries_are_remembered() -> None:
    backend = FuzzyBackend(tuning=Tuning(recent_readings=2))
    backend.build(DOCUMENTS, synonyms=SYNONYMS)
    for query in ("top up", "login", "data sim"):
        backend.search(query, language="en")
    backend.search("login", language="en")
    assert list(backend._index.readings) == ["data sim", "login"]


def test_nothing_is_remembered_when_the_tuning_says_none() -> None:
    backend = FuzzyBackend(tuning=Tuning(recent_readings=0))
    backend.build(DOCUMENTS, synonyms=SYNONYMS)
    assert backend.search("top up", language="en")
    assert not backend._index.readings
