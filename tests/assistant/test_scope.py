"""Out-of-scope rules: staff say a kind of question is not ours, and every interface says so.

A question about a metro card shares "top up" and "card" with the catalogue; without a rule the
engine may answer it with a SIM renewal guide. With one, `ask`, both endpoints, the help site
and the evaluation show the rule's message and no confident answer.
"""

import json
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from assistant.answers import OUT_OF_SCOPE, ask, search_in_scope
from assistant.models import AnswerRule
from insights.models import HandledQuery, SearchLog
from tests.builders import make_faq, make_rule
from tests.catalogue.helpers import export, import_content, refused, write

pytestmark = pytest.mark.django_db

MESSAGES = {
    "message_zh_hans": "抱歉，交通卡不在我们的范围内。",
    "message_en": "Sorry, transport cards are not something we cover. See [top-ups](faq:top-up).",
    "message_ru": "К сожалению, транспортные карты — не наша тема.",
}


@pytest.fixture
def scope(db):
    """A renewal FAQ that shares words with metro-card questions, and a rule for them."""
    make_faq(
        slug="top-up",
        question_zh_hans="怎么给卡充值",
        question_en="How do I top up my card online?",
        question_ru="Как пополнить карту онлайн?",
        keywords_en="top up, card, online",
        keywords_ru="пополнить, карта, онлайн",
        keywords_zh_hans="充值, 卡",
    )
    return _out_of_scope(
        "Out of scope: transport cards",
        phrases_zh_hans="交通卡",
        phrases_en="metro card, troika",
        phrases_ru="тройка",
    )


def _out_of_scope(name: str, **phrases: str) -> AnswerRule:
    """An active out-of-scope rule with these phrases and the messages above."""
    return make_rule(
        target="", name=name, outcome=AnswerRule.OUT_OF_SCOPE, priority=30, **phrases, **MESSAGES
    )


def test_without_the_rule_the_shared_words_give_a_confident_wrong_answer(scope):
    # Why the rule exists: nothing in the words alone says a metro card is not a SIM card.
    scope.delete()
    assert ask("how to top up my troika card online", language="en").source == "search"


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("how to top up my troika card online", "en"),
        ("как пополнить карту тройка онлайн", "ru"),
        ("交通卡怎么充值", "zh-hans"),
        ("how to top up my metor card", "en"),  # a typo still matches the phrase
    ],
)
def test_ask_shows_the_message_instead_of_an_answer(scope, query, language):
    decision = ask(query, language=language)
    assert decision.source == OUT_OF_SCOPE
    assert not decision.confident and decision.answer is None
    assert decision.rule == "Out of scope: transport cards"
    assert decision.message
    assert all(not hit.confident for hit in decision.ranking)


def test_the_message_is_in_the_readers_language_with_links_resolved(scope):
    decision = ask("troika top up", language="en")
    assert decision.message == MESSAGES["message_en"]
    assert 'href="/en/faq/top-up/"' in decision.message_html


def test_a_higher_answer_rule_keeps_the_question_in_scope(scope):
    make_rule(target="faq:top-up", priority=50, phrases_en="troika")
    assert ask("troika top up", language="en").source == "rule"


def test_an_inactive_scope_rule_is_a_draft_that_changes_nothing(scope):
    scope.active = False
    scope.save()
    assert ask("how to top up my troika card online", language="en").source == "search"


def test_questions_without_the_phrases_are_answered_as_before(scope):
    decision = ask("how do I top up my card online", language="en")
    assert decision.source == "search" and decision.answer.key == "faq:top-up"


def test_search_in_scope_returns_the_hits_but_none_confident(scope):
    hits, rule = search_in_scope("how to top up my troika card online", language="en")
    assert rule is not None and rule.name == scope.name
    assert hits and not any(hit.confident for hit in hits)
    hits, rule = search_in_scope("how do I top up my card online", language="en")
    assert rule is None and hits[0].confident


def test_search_eval_lists_the_answerable_queries_a_scope_rule_declines(scope, tmp_path):
    """The evaluation's hit@1 ranks hits; a reader under a scope rule gets its message
    instead, so the report names every answerable query that happens to."""
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        "\n".join(
            json.dumps(record)
            for record in [
                {"id": "a", "q": "top up my card online", "lang": "en", "expect": ["faq:top-up"]},
                {"id": "b", "q": "top up troika online", "lang": "en", "expect": ["faq:top-up"]},
                {"id": "c", "q": "тройка пополнить", "lang": "ru", "expect": []},
            ]
        ),
        encoding="utf-8",
    )
    out = StringIO()
    call_command("search_eval", str(queries), stdout=out)
    report = out.getvalue()
    assert "answerable queries an out-of-scope rule declines: 1" in report
    assert "  b: 'top up troika online' by 'Out of scope: transport cards'" in report
    call_command("search_eval", str(queries), "--json", stdout=(out := StringIO()))
    declined = json.loads(out.getvalue())["declined_by_rule"]
    assert [row["id"] for row in declined] == ["b"]


def test_search_eval_refuses_a_language_the_site_does_not_have(scope, tmp_path):
    # "zh" is not "zh-hans": its queries would be measured without their language's boost.
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        json.dumps({"id": "a", "q": "top up", "lang": "en", "expect": ["faq:top-up"]})
        + "\n"
        + json.dumps({"id": "z", "q": "充值", "lang": "zh", "expect": ["faq:top-up"]}),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match=r"record 2 \('z'\) has lang 'zh'; use one of en, ru"):
        call_command("search_eval", str(queries), stdout=StringIO())


def test_the_ask_endpoint_returns_the_message(client, scope):
    body = client.get(reverse("api:ask"), {"q": "交通卡怎么充值", "lang": "zh-hans"}).json()
    assert body["source"] == "out-of-scope"
    assert body["confident"] is False and body["answer"] is None
    assert body["message"] == MESSAGES["message_zh_hans"]
    assert body["message_html"].startswith("<p>")


def test_the_search_endpoint_says_out_of_scope_and_nothing_is_confident(client, scope):
    body = client.get(reverse("api:search"), {"q": "troika card top up", "lang": "en"}).json()
    assert body["out_of_scope"] is True and body["confident"] is False
    assert body["message"] == MESSAGES["message_en"]
    assert body["results"]  # still listed, for a reader who did mean a SIM card
    normal = client.get(reverse("api:search"), {"q": "top up card online", "lang": "en"}).json()
    assert normal["out_of_scope"] is False and normal["message"] == ""
    assert normal["confident"] is True


def test_the_help_site_shows_the_message_and_no_best_answer(client, scope):
    html = client.get("/ru/search/", {"q": "как пополнить карту тройка онлайн"}).content.decode()
    assert MESSAGES["message_ru"] in html
    assert "Best answer" not in html and 'class="best"' not in html


def test_an_out_of_scope_search_is_counted_as_handled_by_staff_not_unanswered(client, scope):
    from insights.counters import counters_flush

    client.get(reverse("api:ask"), {"q": "troika top up", "lang": "en"})
    counters_flush()
    row = SearchLog.objects.get()
    assert (row.rule_count, row.none_count) == (1, 0)


def test_the_admin_form_needs_a_message_and_no_target(admin_client):
    response = admin_client.post(
        reverse("admin:assistant_answerrule_add"),
        {
            "name": "Out of scope: taxis",
            "priority": 0,
            "active": "on",
            "phrases_en": "taxi",
            "outcome": AnswerRule.OUT_OF_SCOPE,
            "target": "",
            "message_en": "",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "An out-of-scope rule needs a message to show." in response.content.decode()
    assert not AnswerRule.objects.exists()


def test_a_rule_without_phrases_or_page_is_a_form_error_not_a_crash(admin_client):
    response = admin_client.post(
        reverse("admin:assistant_answerrule_add"),
        {"name": "Nothing", "priority": 0, "outcome": "answer", "target": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Give at least one phrase, or a page condition." in response.content.decode()


def test_mark_as_out_of_scope_in_the_unanswered_report_drafts_an_inactive_rule(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = admin_client.post(
        "/admin/insights/searchlog/unanswered/scope/",
        {"query": "пополнить тройку", "language": "ru"},
    )
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("admin:assistant_answerrule_add")
    initial = parse_qs(location.query, keep_blank_values=True)
    assert initial["phrases_ru"] == ["пополнить тройку"]
    assert initial["outcome"] == [AnswerRule.OUT_OF_SCOPE] and initial["active"] == [""]
    form = admin_client.get(response["Location"]).context["adminform"].form
    assert form.initial["outcome"] == AnswerRule.OUT_OF_SCOPE and not form.initial["active"]
    assert HandledQuery.objects.get().how == HandledQuery.How.SCOPE
    assert not AnswerRule.objects.exists()  # staff write the message, then save


def test_the_catalogue_carries_scope_rules_and_refuses_a_half_written_one(scope, tmp_path):
    document = json.loads(export())
    [rule] = document["rules"]
    assert rule["outcome"] == "out-of-scope" and rule["target"] == ""
    again = export()
    import_content(write(tmp_path, document))
    assert export() == again
    rule["message"]["ru"] = ""
    rule["target"] = "faq:top-up"
    message = refused(write(tmp_path, document, "bad.json"))
    assert "an out-of-scope rule has no “target” or “target_node”" in message
    assert "an out-of-scope rule needs its “message” in ru" in message


def test_a_word_of_the_catalogue_is_not_taken_for_a_misspelled_scope_phrase(db):
    """ "налом" (in cash) is one letter from "налог" (tax): the catalogue knows it as a word
    of its own, so a question about paying cash stays in scope; a real misspelling of the
    phrase does not."""
    make_faq(
        slug="cash",
        question_zh_hans="可以用现金充值吗",
        question_en="Can I top up in cash?",
        question_ru="Можно ли пополнить наличными?",
        keywords_ru="наличные, налом, кэшем",
    )
    _out_of_scope(
        "Out of scope: taxes", phrases_zh_hans="交税", phrases_en="pay taxes", phrases_ru="налог"
    )
    decision = ask("можно налом пополнить", language="ru")
    assert decision.source == "search" and decision.answer.key == "faq:cash"
    hits, rule = search_in_scope("можно налом пополнить", language="ru")
    assert rule is None and hits[0].key == "faq:cash"
    assert search_in_scope("как заплатить налок", language="ru")[1] is not None
