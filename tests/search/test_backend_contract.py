"""The contract every search backend must pass, run against each backend class.

Only what any backend must do is here; the quality of one engine (typos, pinyin, layouts,
synonyms, ...) is tested with that engine (``test_fuzzy_backend.py``).
To check a new backend, add its class to ``BACKENDS``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import QueryReading, SearchBackend, load_backend
from search.backends.fuzzy import FuzzyBackend
from search.backends.scan import ScanBackend
from tests.search.documents import DOCUMENTS, SYNONYMS, doc, top

BACKENDS = [FuzzyBackend, ScanBackend]


@pytest.fixture(params=BACKENDS, ids=lambda backend: backend.__name__)
def backend(request: pytest.FixtureRequest) -> SearchBackend:
    backend = request.param()
    backend.build(DOCUMENTS, synonyms=SYNONYMS)
    return backend


def test_it_finds_an_exact_title(backend: SearchBackend) -> None:
    assert top(backend, "Where is the SIM serial number (ICCID)?") == "faq:sim-serial"
    assert top(backend, "什么是保号卡？", language="zh-hans") == "faq:number-keeping"


def test_an_exact_title_is_a_confident_answer(backend: SearchBackend) -> None:
    hit = backend.search("Why did my renewal fail?", language="en")[0]
    assert hit.confident
    assert 0.0 <= hit.score <= 1.0
    assert "title" in hit.matched_fields


def test_it_returns_one_hit_per_item(backend: SearchBackend) -> None:
    hits = backend.search("renew 续费 пополнить", language="en", limit=50)
    keys = [hit.key for hit in hits]
    assert len(keys) == len(set(keys))


def test_hits_are_ordered_by_score(backend: SearchBackend) -> None:
    hits = backend.search("renew top up", language="en")
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_a_match_in_the_requested_language_is_preferred(backend: SearchBackend) -> None:
    # Both versions match the query equally well; the requested language wins.
    backend.build(
        [
            doc("faq", "esim", "en", "MTS eSIM", body="About eSIM."),
            doc("faq", "esim", "ru", "MTS eSIM", body="Про eSIM."),
            doc("faq", "esim", "zh-hans", "MTS eSIM", body="关于eSIM。"),
        ]
    )
    for language in ("en", "ru", "zh-hans"):
        hits = backend.search("mts esim", language=language)
        assert [(hit.key, hit.language) for hit in hits] == [("faq:esim", language)]


def test_context_boosts_matching_items_and_demotes_others(backend: SearchBackend) -> None:
    query = "renew card app top up"
    assert top(backend, query, context={"carrier": "mts"}) == "guide:renew-mts"
    assert top(backend, query, context={"carrier": "megafon"}) == "guide:renew-megafon"
    mts = {
        hit.key: hit.score
        for hit in backend.search(query, language="en", context={"carrier": "megafon"})
    }
    neutral = {hit.key: hit.score for hit in backend.search(query, language="en")}
    assert mts["guide:renew-mts"] < neutral["guide:renew-mts"]


def test_it_restricts_to_the_requested_types(backend: SearchBackend) -> None:
    hits = backend.search("renew", language="en", types={"guide"})
    assert hits
    assert {hit.type for hit in hits} == {"guide"}
    assert backend.search("renew", language="en", types={"nothing-like-this"}) == []


def test_it_respects_the_limit(backend: SearchBackend) -> None:
    assert len(backend.search("renew", language="en", limit=2)) == 2
    assert backend.search("renew", language="en", limit=0) == []


@pytest.mark.parametrize(
    "query", ["", "   ", "\x00\x01", "🙂🙂", "?!", "a" * 10_000, "续" * 10_000]
)
def test_degenerate_queries_do_not_raise(backend: SearchBackend, query: str) -> None:
    hits = backend.search(query, language="en")
    assert isinstance(hits, list)
    reading = backend.read_query(query)
    assert reading is None or isinstance(reading, QueryReading)


def test_empty_queries_return_nothing(backend: SearchBackend) -> None:
    assert backend.search("", language="en") == []
    assert backend.search("  \t\n", language="en") == []


@settings(max_examples=150, deadline=None)
@given(query=st.text(max_size=300))
def test_any_text_is_searchable(query: str) -> None:
    for backend_class in BACKENDS:
        backend = backend_class()
        backend.build(DOCUMENTS[:4], synonyms=SYNONYMS)
        for hit in backend.search(query, language="ru", context={"carrier": "mts"}):
            assert 0.0 <= hit.score <= 1.0


def test_building_again_replaces_the_index(backend: SearchBackend) -> None:
    backend.build([doc("faq", "only", "en", "A brand new question about eSIM")])
    assert top(backend, "esim") == "faq:only"
    assert top(backend, "renew") is None


def test_an_empty_index_finds_nothing(backend: SearchBackend) -> None:
    backend.build([])
    assert backend.search("renew", language="en") == []


def test_load_backend_instantiates_a_backend_by_dotted_path() -> None:
    backend = load_backend("search.backends.fuzzy.FuzzyBackend", confidence_threshold=0.7)
    assert isinstance(backend, FuzzyBackend)
    assert backend.confidence_threshold == 0.7
    with pytest.raises(ImportError):
        load_backend("search.documents.Document")


@pytest.mark.parametrize(
    "variants",
    [
        ("Renew SIM", "renew sim", "  RENEW   sim "),
        ("续费失败怎么办", "續費失敗怎麼辦"),
        ("Пополнить баланс", "пополнить  БАЛАНС"),
    ],
)
def test_queries_searched_alike_share_a_query_key(
    backend: SearchBackend, variants: tuple[str, ...]
) -> None:
    keys = {backend.query_key(query) for query in variants}
    assert len(keys) == 1
    assert all(isinstance(key, str) and key for key in keys)


def test_marked_terms_are_some_of_the_matched_terms(backend: SearchBackend) -> None:
    for query, language in [
        ("Why did my renewal fail?", "en"),
        ("续费失败", "zh-hans"),
        ("baohaoka", "zh-hans"),
        ("пополнить баланс", "ru"),
    ]:
        for hit in backend.search(query, language=language):
            marked = backend.marked_terms(hit.matched_terms)
            assert isinstance(marked, list)
            assert all(isinstance(term, str) and term for term in marked)
            assert set(marked) <= set(hit.matched_terms)
    assert backend.marked_terms([]) == []
