"""Guides and troubleshooters as the entries search and answers read."""

import pytest

from assistant.answers import ask
from assistant.index import entry_documents
from guides.sources import guide_entries, troubleshooter_entries
from tests.builders import make_guide

pytestmark = pytest.mark.django_db


def test_a_guide_says_it_answers_how_and_a_guide_to_one_channel_where_too():
    store = make_guide(channel="store")
    carrier = make_guide()
    entries = {entry.slug: entry for entry in guide_entries()}
    assert entries[store.slug].asks == ("how", "where")
    assert entries[carrier.slug].asks == ("how",)


@pytest.mark.parametrize(
    ("lang", "query"),
    [("en", "where can i top up with cash"), ("ru", "где можно наличкой закинуть на телефон")],
)
def test_asked_where_to_pay_cash_the_reader_gets_the_shop_and_terminal_guide(
    demo_content, lang, query
):
    # The list of payment methods names cash as well; the guide to a shop or terminal says
    # where to pay it.
    decision = ask(query, language=lang)
    assert decision.answer.key == "guide:renew-at-shop-or-terminal"


def test_a_troubleshooter_is_searched_as_branches_and_a_guide_as_one_answer(demo_content):
    # Search weighs a word found only among a tree's branches less (search.Document.branched).
    trees = list(troubleshooter_entries())
    assert trees
    assert all(document.branched for tree in trees for document in entry_documents(tree))
    assert not any(
        document.branched for guide in guide_entries() for document in entry_documents(guide)
    )
