"""A word typed in both Latin and Cyrillic letters (a keyboard switched mid-word, text pasted
from a message) is read in the one script its other letters are in."""

from __future__ import annotations

import pytest

from search.backends.fuzzy import FuzzyBackend
from search.normalize import normalize_query, normalize_text
from tests.search.documents import doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A keyboard switched mid-word: the look-alike letters join the word's script.
        ("rесharge bееline", "recharge beeline"),
        ("пoполнить счёт", "пополнить счет"),
        # A word in each script, or a word with a letter that has no look-alike, stays.
        ("sim-карта мтс", "sim-карта мтс"),
        ("mts и билайн", "mts и билайн"),
        ("tяriff", "tяriff"),
    ],
)
def test_a_word_typed_in_two_scripts_is_read_in_one(text: str, expected: str) -> None:
    assert normalize_query(text=text) == expected


def test_documents_keep_their_letters() -> None:
    # Staff write in one script; the look-alike fold is for what readers type.
    assert normalize_text(text="rесharge") == "rесharge"


def test_a_search_finds_a_word_typed_in_two_scripts() -> None:
    backend = FuzzyBackend()
    backend.build(
        [
            doc("guide", "beeline", "en", "Recharge a Beeline SIM", keywords="beeline"),
            doc("guide", "mts", "en", "Recharge an MTS SIM", keywords="mts"),
        ]
    )
    mixed = backend.search("rесharge bееline", language="en")
    clean = backend.search("recharge beeline", language="en")
    # Read as the word it is, not as a misspelling of it: the same answer, as sure.
    assert [(hit.slug, hit.score) for hit in mixed] == [(hit.slug, hit.score) for hit in clean]
    assert mixed[0].slug == "beeline"
