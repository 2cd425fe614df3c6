"""The search and ask endpoints: results, decisions, rules, memo and the old paths."""

import json

import pytest

from assistant.models import AnswerRule
from tests.api.helpers import LANGS, get

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_the_item_and_answers_in_the_requested_language(client, content, lang):
    response = get(client, "search", q="怎么查余额", lang=lang)
    assert response.status_code == 200
    body = response.json()
    assert body["language"] == lang and body["confident"] is True
    first = body["results"][0]
    assert (first["type"], first["slug"]) == ("faq", "check-balance")
    assert first["title"] == content["faq"].question_en if lang == "en" else True
    assert set(first) == {
        "type",
        "slug",
        "title",
        "snippet",
        "score",
        "confident",
        "url",
        "language",
    }


def test_search_marks_matched_terms_in_the_snippet(client, content):
    body = get(client, "search", q="open app", lang="en").json()
    assert "<mark>" in body["results"][0]["snippet"]


def test_search_filters_by_type_and_honours_limit(client, content):
    body = get(client, "search", q="MTS", lang="en", type="guide", limit=1).json()
    assert [r["type"] for r in body["results"]] == ["guide"]


def test_an_empty_type_means_every_type_as_for_carrier_and_card_type(client, content):
    # A form's "any" option sends `type=`; the schema lists "" among the values.
    response = get(client, "search", q="MTS", lang="en", type="", carrier="")
    assert response.status_code == 200
    everything = get(client, "search", q="MTS", lang="en").json()["results"]
    assert response.json()["results"] == everything
    assert get(client, "search", q="MTS", type="guides").status_code == 400
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/search/"]["get"]["parameters"]
    for name in ("type", "carrier", "card_type"):
        (parameter,) = [p for p in parameters if p["name"] == name]
        assert "" in parameter["schema"]["enum"], name


@pytest.mark.parametrize("lang", LANGS)
def test_ask_returns_the_decision_with_the_answer(client, content, lang):
    body = get(client, "ask", q="how do I check my balance", lang=lang).json()
    assert body["source"] == "search" and body["confident"] is True
    assert body["answer"]["slug"] == "check-balance" and body["answer"]["language"] == lang
    assert "<p>" in body["answer"]["html"] and "1.00" in body["reason"]


def test_ask_applies_a_rule_for_the_page_and_carrier(client, content):
    AnswerRule.objects.create(
        name="login on pay page",
        priority=3,
        phrases_en="balance",
        page_url="https://shop.example/pay/",
        target="troubleshooter:login-failed",
    )
    body = get(
        client, "ask", q="balance", lang="en", page_url="https://shop.example/pay/now"
    ).json()
    assert body["source"] == "rule" and body["rule"] == "login on pay page"
    assert body["answer"]["slug"] == "login-failed"
    assert [s["slug"] for s in body["page_suggestions"]] == ["login-failed"]


def test_ask_without_a_confident_answer_offers_troubleshooters_and_contact(client, content):
    body = get(client, "ask", q="best borscht recipe", lang="en").json()
    assert body["source"] == "none" and body["answer"] is None
    assert [t["slug"] for t in body["troubleshooters"]] == ["login-failed"]
    assert body["contact_hint"]


def test_a_whitespace_question_is_answered_with_nothing_not_an_error(client, content):
    body = get(client, "search", q="   ").json()
    assert body["results"] == [] and body["confident"] is False


@pytest.mark.parametrize("endpoint", ["search", "ask"])
def test_a_repeated_question_answers_the_same_until_the_content_changes(
    client, content, endpoint, django_capture_on_commit_callbacks
):
    params = {"q": "check balance", "lang": "en"}
    first = get(client, endpoint, **params).json()
    assert get(client, endpoint, **params).json() == first  # answered from memory
    with django_capture_on_commit_callbacks(execute=True):
        faq = content["faq"]
        faq.question_en = "Where do I see my balance"
        faq.save()
    again = json.dumps(get(client, endpoint, **params).json())
    assert "Where do I see my balance" in again and again != json.dumps(first)


def test_search_and_ask_read_nothing_from_the_database_once_the_index_is_built(
    client, content, django_assert_num_queries, settings
):
    settings.SEARCH_VERSION_CHECK_SECONDS = 3600
    get(client, "search", q="balance")  # builds the index
    with django_assert_num_queries(0):
        assert get(client, "search", q="余额", lang="ru").status_code == 200
        assert get(client, "ask", q="余额", lang="ru").status_code == 200


@pytest.mark.parametrize("name", ["search", "ask"])
def test_the_paths_without_a_slash_still_answer_through_a_permanent_redirect(client, content, name):
    response = client.get(f"/api/v1/{name}", {"q": "balance", "lang": "en"})
    assert response.status_code == 308
    assert response["Location"] == f"/api/v1/{name}/?q=balance&lang=en"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("endpoint", ["search", "ask"])
def test_a_parameter_the_endpoint_does_not_read_does_not_bypass_the_memo(client, content, endpoint):
    from assistant.index import index

    first = get(client, endpoint, q="check balance", lang="en").json()
    responses = index.snapshot().responses
    misses = responses.misses
    for extra in ({"nc": "1"}, {"nc": "2", "utm": "x"}):
        assert get(client, endpoint, q="check balance", lang="en", **extra).json() == first
    assert responses.misses == misses and responses.hits >= 2


def test_a_result_shown_again_under_another_filter_keeps_its_text_and_takes_its_new_score(
    client, content
):
    """The card's texts (title, excerpt, link) are kept per hit and language, its score and
    confidence are the new request's: the MTS guide scores higher for an MTS reader."""
    from assistant.index import index

    def guide(**filters):
        body = get(client, "search", q="renew sim", lang="en", **filters).json()
        return next(r for r in body["results"] if r["slug"] == "renew-mts")

    anyone = guide()
    cards = index.snapshot().cards
    made = cards.misses
    on_mts = guide(carrier="mts")
    assert cards.misses == made and cards.hits >= 1
    assert on_mts["score"] > anyone["score"]
    assert {k: v for k, v in on_mts.items() if k not in ("score", "confident")} == {
        k: v for k, v in anyone.items() if k not in ("score", "confident")
    }
