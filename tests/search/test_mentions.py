"""Carrier mentions: a query that names a carrier is read like the carrier context, and an
item for one carrier does not outrank the item for all carriers when no carrier is named."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from search.backends.fuzzy import FuzzyBackend, Tuning
from tests.search.documents import doc

CARRIERS = {
    "carrier": {
        "mts": ["MTS", "МТС"],
        "megafon": ["MegaFon（麦加风）", "МегаФон"],
        "beeline": ["Beeline", "Билайн"],
    }
}
SYNONYMS = [
    ["Beeline", "Билайн", "比莱恩", "Bee line"],
    ["top up", "recharge", "пополнить", "пополнение"],
]
GUIDE_BODY = (
    "Open the app, log in with your number, choose an amount and pay. Check that the "
    "top-up arrived: the balance shows it in a minute."
)


def _documents() -> list:
    guides = [
        doc(
            "guide",
            f"renew-{slug}",
            "en",
            f"Top up a {name} SIM",
            keywords=f"{name}, top up",
            body=GUIDE_BODY,
            filters=(("carrier", slug),),
        )
        for slug, name in (("mts", "MTS"), ("megafon", "MegaFon"), ("beeline", "Beeline"))
    ]
    return [
        *guides,
        doc(
            "faq",
            "check-top-up",
            "en",
            "Did my top-up arrive?",
            keywords="top up, balance",
            body="Check the balance in the app.",
        ),
        doc("faq", "app-language", "en", "Change the app's language", keywords="app, language"),
    ]


@pytest.fixture
def backend() -> FuzzyBackend:
    backend = FuzzyBackend()
    backend.build(_documents(), synonyms=SYNONYMS, mentions=CARRIERS)
    return backend


def _keys(backend: FuzzyBackend, query: str, **options) -> list[str]:
    return [hit.key for hit in backend.search(query, language="en", **options)]


@pytest.mark.parametrize(
    ("query", "carrier"),
    [
        ("top up mts", "mts"),
        ("пополнить МТС", "mts"),  # another script
        ("top up megafon", "megafon"),  # case, the name without its Chinese part
        ("麦加风 top up", "megafon"),  # the part in brackets is a name too
        ("top up 比莱恩", "beeline"),  # a synonym of a name, not a name itself
        ("top up bee line", "beeline"),
        ("top up beelin", "beeline"),  # a misspelled name
        ("top up mst", "mts"),  # two letters of a three-letter name swapped
    ],
)
def test_a_named_carrier_keeps_its_items_and_drops_the_others(
    backend: FuzzyBackend, query: str, carrier: str
) -> None:
    keys = _keys(backend, query)
    assert keys[0] == f"guide:renew-{carrier}"
    others = {"guide:renew-mts", "guide:renew-megafon", "guide:renew-beeline"}
    assert not (others - {f"guide:renew-{carrier}"}) & set(keys)
    assert "faq:check-top-up" in keys  # the item for every carrier stays


def test_a_named_carrier_wins_over_the_context(backend: FuzzyBackend) -> None:
    keys = _keys(backend, "top up beeline", context={"carrier": "mts"})
    assert keys[0] == "guide:renew-beeline"
    assert "guide:renew-mts" not in keys


def _alike(*, mentions=CARRIERS) -> FuzzyBackend:
    """Three carriers' guides and an item for all carriers with the same text: only its
    longer body ranks the item for all carriers a little lower."""
    documents = [
        doc(
            "guide",
            f"renew-{slug}",
            "en",
            "Top up a SIM in the app",
            keywords=f"{slug}, top up",
            body=GUIDE_BODY,
            filters=(("carrier", slug),),
        )
        for slug in ("mts", "megafon", "beeline")
    ]
    documents.append(
        doc(
            "faq",
            "top-up-in-app",
            "en",
            "Top up a SIM in the app",
            keywords="top up",
            body=GUIDE_BODY + " It works alike for every carrier, whichever it is.",
        )
    )
    backend = FuzzyBackend()
    backend.build(documents, synonyms=SYNONYMS, mentions=mentions)
    return backend


@pytest.mark.parametrize("query", ["check that the top up arrived", "topup"])
def test_without_a_named_carrier_the_item_for_all_carriers_comes_first(query: str) -> None:
    assert _keys(_alike(mentions=None), query)[0].startswith("guide:")  # without the rule
    hits = _alike().search(query, language="en")
    assert hits[0].key == "faq:top-up-in-app"
    # The guides go just behind it, in their order, and keep almost all their score.
    assert {hit.key for hit in hits[1:4]} == {
        "guide:renew-mts",
        "guide:renew-megafon",
        "guide:renew-beeline",
    }
    assert hits[1].score > 0.99 * hits[0].score


def test_the_context_still_picks_the_carrier_when_the_query_names_none() -> None:
    keys = _keys(_alike(), "check that the top up arrived", context={"carrier": "mts"})
    assert keys[0] == "guide:renew-mts"


def test_an_item_for_one_carrier_that_clearly_wins_keeps_its_place_and_confidence() -> None:
    backend = FuzzyBackend()
    backend.build(
        [
            doc(
                "faq",
                "check-balance",
                "en",
                "How do I check my balance",
                filters=(("carrier", "mts"),),
            ),
            doc("faq", "app-language", "en", "Change the app's language"),
        ],
        mentions=CARRIERS,
    )
    hits = backend.search("how do I check my balance", language="en")
    assert hits[0].key == "faq:check-balance"
    assert hits[0].score == 1.0 and hits[0].confident


def test_an_item_for_all_carriers_answers_for_the_named_one_without_saying_its_name() -> None:
    others = [
        doc("faq", f"other-{number}", "en", title)
        for number, title in enumerate(
            ["Check the balance", "Reset the password", "Data stopped working", "Choose a plan"]
        )
    ]
    documents = [
        *others,
        doc("faq", "app-language", "en", "Change the app's language", keywords="app, language"),
        doc(
            "guide",
            "renew-in-app",
            "en",
            "Top up in the carrier's app",
            keywords="app, top up, language",
            body="In the MTS, MegaFon or Beeline app, pick the language, log in and pay.",
        ),
    ]

    def scores(credit: float) -> dict[str, float]:
        backend = FuzzyBackend(tuning=Tuning(mention_credit=credit))
        backend.build(documents, synonyms=SYNONYMS, mentions=CARRIERS)
        return {
            hit.slug: hit.score for hit in backend.search("beeline app language", language="en")
        }

    without, with_credit = scores(0.0), scores(Tuning().mention_credit)
    # The FAQ never names Beeline, and still answers for it; the guide that names it in
    # passing (a body match counts more than the credit) gains nothing.
    assert with_credit["app-language"] > without["app-language"] + 0.02
    assert with_credit["renew-in-app"] == without["renew-in-app"]


def _hub(popularity: float) -> list:
    return [
        doc("faq", "fees", "en", "Top up fees", keywords="top up"),
        doc("faq", "ways", "en", "Top up options", keywords="top up", popularity=popularity),
        doc("faq", "balance", "en", "Check the balance", keywords="balance"),
    ]


def test_a_short_query_prefers_the_more_linked_to_of_items_that_answer_it_alike() -> None:
    backend = FuzzyBackend()
    backend.build(_hub(0.0), synonyms=SYNONYMS)
    assert _keys(backend, "top up")[0] == "faq:fees"
    backend.build(_hub(1.0), synonyms=SYNONYMS)
    assert _keys(backend, "top up")[0] == "faq:ways"


def test_a_longer_query_is_decided_by_its_words_not_by_popularity() -> None:
    query = "what are the fees for a top up"
    plain, hub = FuzzyBackend(), FuzzyBackend()
    plain.build(_hub(0.0), synonyms=SYNONYMS)
    hub.build(_hub(1.0), synonyms=SYNONYMS)
    assert [hit.score for hit in hub.search(query, language="en")] == [
        hit.score for hit in plain.search(query, language="en")
    ]


_SCORE_IN_A_NEW_PROCESS = """
import json, sys
from search.backends.fuzzy import FuzzyBackend
from search.documents import Document

carriers, query = json.loads(sys.argv[1]), sys.argv[2]
backend = FuzzyBackend()
backend.build(
    [
        Document(
            type="guide",
            slug="renew-megafon",
            language="zh-hans",
            title="MegaFon（麦加风）",
            body="登录 MegaFon App",
            filters=(("carrier", "megafon"),),
        ),
        Document(type="faq", slug="log-in", language="zh-hans", title="登录不了", body="App"),
    ],
    synonyms=[["登录", "登陆"]],
    mentions=carriers,
)
print(json.dumps([(hit.key, hit.score) for hit in backend.search(query, language="zh-hans")]))
"""


def test_every_process_scores_a_named_carrier_alike() -> None:
    """Gunicorn's workers are processes with their own string hashing: a query must get the
    same scores in each. (The names of a carrier used to be read in the order of a set, and
    the order decided which field a tie between two names counted.)"""
    root = Path(__file__).resolve().parents[2]
    query = "登陆不上麦加风app"
    command = [sys.executable, "-c", _SCORE_IN_A_NEW_PROCESS, json.dumps(CARRIERS), query]
    results = {
        subprocess.run(
            command,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(8)
    }
    assert len(results) == 1, results


def test_a_digit_is_no_typo_of_a_letter() -> None:
    """ "телеге" (Telegram, in Russian slang) is one letter from "теле2" but names no carrier;
    a misspelled name that keeps its digit still does."""
    backend = FuzzyBackend()
    backend.build(
        [
            doc(
                "guide",
                "renew-tele2",
                "ru",
                "Как пополнить счёт Теле2",
                keywords="Теле2, пополнить",
                body="Откройте приложение Теле2 и пополните счёт.",
                filters=(("carrier", "tele2"),),
            ),
            doc("faq", "avoid-scams", "ru", "Как не попасться мошенникам", keywords="мошенники"),
        ],
        synonyms=SYNONYMS,
        mentions={"carrier": {"tele2": ["Tele2", "Теле2"]}},
    )
    assert backend.read_query("в телеге продают пополнение").mentions == ()
    assert "телеге" not in {
        term
        for hit in backend.search("в телеге продают", language="ru")
        for term in hit.matched_terms
    }
    assert backend.read_query("тиле2 пополнение").mentions == (("carrier", ("tele2",)),)
