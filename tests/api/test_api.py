import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from assistant.models import AnswerRule
from faq.models import Status
from insights.models import Feedback
from tests.builders import make_card_type, make_carrier, make_faq, make_guide, make_tree, tr

pytestmark = pytest.mark.django_db
LANGS = ["zh-hans", "en", "ru"]


@pytest.fixture(autouse=True)
def _clean_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def content():
    mts = make_carrier("mts")
    data = make_card_type("data")
    faq = make_faq(
        slug="check-balance",
        **tr("question", "怎么查余额", "How do I check my balance", "Как проверить баланс"),
        **tr(
            "answer",
            "打开[App](faq:check-balance)查看。",
            "Open the app to see it.",
            "Откройте приложение.",
        ),
        **tr("keywords", "余额, 话费", "balance, credit", "баланс, остаток"),
    )
    faq.carriers.add(mts)
    guide = make_guide(
        slug="renew-mts",
        carrier=mts,
        card_type=data,
        **tr("title", "MTS续费", "Renew an MTS SIM", "Как пополнить счёт МТС"),
    )
    tree = make_tree(
        edges={"start": ["which", "fix"], "which": ["mts-fix", "general"]},
        solutions={"fix", "mts-fix", "general"},
        slug="login-failed",
        **tr("title", "登录失败", "I can't log in", "Не получается войти"),
    )
    from guides.models import Option

    Option.objects.filter(to_node__key="mts-fix").update(condition_carrier=mts)
    return {"faq": faq, "guide": guide, "tree": tree}


def get(client, name, *args, **params):
    return client.get(reverse(f"api:{name}", args=args), params)


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_the_item_and_answers_in_the_requested_language(client, content, lang):
    response = get(client, "search", q="怎么查余额", lang=lang)
    assert response.status_code == 200
    body = response.json()
    assert body["language"] == lang and body["confident"] is True
    first = body["results"][0]
    assert (first["type"], first["slug"]) == ("faq", "check-balance")
    assert first["title"] == content["faq"].question_en if lang == "en" else True
    assert set(first) == {"type", "slug", "title", "snippet", "score", "url", "language"}


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


def test_accept_language_is_used_when_lang_is_absent(client, content):
    response = client.get(
        reverse("api:faq", args=["check-balance"]), HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.8"
    )
    assert response.json()["question"] == "Как проверить баланс"
    assert response["Content-Language"] == "ru"
    default = client.get(reverse("api:faq", args=["check-balance"]))
    assert default.json()["language"] == "zh-hans"
    zh = client.get(reverse("api:faq", args=["check-balance"]), HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert zh.json()["language"] == "zh-hans"


def test_lang_wins_over_accept_language(client, content):
    response = client.get(
        reverse("api:faq", args=["check-balance"]), {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.json()["question"] == "How do I check my balance"


def test_a_missing_translation_is_served_in_the_fallback_and_says_so(client, content):
    faq = content["faq"]
    faq.answer_ru = ""
    faq.save()
    body = get(client, "faq", "check-balance", lang="ru").json()
    assert body["fallback"] == {"answer": "zh-hans"}
    assert "查看" in body["answer_text"]


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


@pytest.mark.parametrize("lang", LANGS)
def test_content_lists_and_details_in_every_language(client, content, lang):
    assert get(client, "categories", lang=lang).status_code == 200
    faqs = get(client, "faqs", lang=lang).json()
    assert faqs["count"] == 1 and faqs["results"][0]["slug"] == "check-balance"
    guide = get(client, "guide", "renew-mts", lang=lang).json()
    assert len(guide["steps"]) == 3 and guide["carrier"] == "mts"
    tree = get(client, "troubleshooter", "login-failed", lang=lang).json()
    assert tree["start"]["key"] == "start" and len(tree["start"]["options"]) == 2


def test_lists_filter_by_category_carrier_and_card_type(client, content):
    make_faq(slug="other")
    assert get(client, "faqs", carrier="mts").json()["count"] == 1
    assert get(client, "guides", card_type="data").json()["count"] == 1
    category = content["faq"].category.slug
    assert [f["slug"] for f in get(client, "faqs", category=category).json()["results"]] == [
        "check-balance"
    ]


def test_no_per_language_columns_leak(client, content):
    for name, args in [
        ("faq", ["check-balance"]),
        ("guide", ["renew-mts"]),
        ("troubleshooter", ["login-failed"]),
        ("faqs", []),
        ("categories", []),
    ]:
        text = json.dumps(client.get(reverse(f"api:{name}", args=args)).json())
        assert "_zh_hans" not in text and '_ru"' not in text and "question_en" not in text


def test_unpublished_items_are_404_in_the_error_shape(client, content):
    faq = content["faq"]
    faq.status = Status.DRAFT
    faq.save()
    response = get(client, "faq", "check-balance")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    assert error_of(client.get("/api/v1/no-such-endpoint"))["code"] == "not_found"


def test_walking_a_node_returns_its_options_and_the_next_node(client, content):
    tree = content["tree"]
    start = get(client, "troubleshooter", "login-failed", lang="en").json()["start"]
    which = next(o for o in start["options"] if o["to"] == "which")
    body = get(client, "node", "login-failed", "start", option=which["id"], lang="en").json()
    assert body["node"]["key"] == "start"
    assert body["next"]["key"] == "which" and body["next"]["path"] == ["start", "which"]
    auto = get(client, "node", "login-failed", "start", option=which["id"], carrier="mts").json()
    assert auto["next"]["key"] == "mts-fix" and auto["next"]["kind"] == "solution"
    assert auto["next"]["auto"]
    assert tree.slug == "login-failed"


@pytest.mark.parametrize(
    ("name", "args", "params", "field"),
    [
        ("search", [], {"q": "x" * 201}, "q"),
        ("search", [], {"q": ""}, "q"),
        ("ask", [], {"q": "sim", "page_url": "x" * 1001}, "page_url"),
        ("ask", [], {"q": "sim", "page_url": "https://shop.example/a b"}, "page_url"),
        ("search", [], {}, "q"),
        ("search", [], {"q": "sim", "limit": 51}, "limit"),
        ("search", [], {"q": "sim", "limit": "ten"}, "limit"),
        ("search", [], {"q": "sim", "carrier": "vodafone"}, "carrier"),
        ("search", [], {"q": "sim", "card_type": "gold"}, "card_type"),
        ("search", [], {"q": "sim", "type": "video"}, "type"),
        ("search", [], {"q": "sim", "lang": "fr"}, "lang"),
        ("faqs", [], {"category": "nope"}, "category"),
        ("faqs", [], {"page_size": 500}, "page_size"),
        ("guides", [], {"page_size": ""}, "page_size"),
        ("search", [], {"q": "sim", "limit": ""}, "limit"),
        ("node", ["login-failed", "start"], {"option": 0}, "option"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_field(client, content, name, args, params, field):
    response = get(client, name, *args, **params)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid" and field in error["fields"]


@pytest.mark.parametrize(
    "params",
    [{"option": 99999}, {"path": "start,fix,which"}, {"path": "which"}, {"path": "start,nope"}],
)
def test_a_walk_that_does_not_exist_is_a_404_that_says_why(client, content, params):
    response = get(client, "node", "login-failed", "which", **params)
    assert response.status_code == 404
    assert error_of(response)["message"] != "Not found."


def test_a_whitespace_question_is_answered_with_nothing_not_an_error(client, content):
    body = get(client, "search", q="   ").json()
    assert body["results"] == [] and body["confident"] is False


def test_wrong_method_and_wrong_content_type(client, content):
    assert error_of(client.post(reverse("api:search")))["code"] == "method_not_allowed"
    response = client.post(
        reverse("api:feedback"),
        "target=faq:check-balance",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415 and error_of(response)["code"] == "unsupported_media_type"
    malformed = client.post(reverse("api:feedback"), "{not json", content_type="application/json")
    assert malformed.status_code == 400 and error_of(malformed)


def vote(client, **body):
    return client.post(
        reverse("api:feedback"),
        body,
        content_type="application/json",
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="test",
    )


def test_feedback_counts_one_vote_per_client_per_item_per_day(client, content):
    first = vote(client, target="faq:check-balance", helpful=True, lang="ru")
    assert first.status_code == 201 and first.json() == {"recorded": True, "counted": True}
    again = vote(client, target="faq:check-balance", helpful=False, comment="Не помогло", lang="ru")
    assert again.status_code == 200 and again.json()["counted"] is False
    stored = Feedback.objects.get()
    assert (stored.helpful, stored.comment, stored.language) == (False, "Не помогло", "ru")
    assert "203.0.113.9" not in stored.client and len(stored.client) == 64
    other = client.post(
        reverse("api:feedback"),
        {"target": "faq:check-balance", "helpful": True},
        content_type="application/json",
        REMOTE_ADDR="198.51.100.7",
    )
    assert other.status_code == 201 and Feedback.objects.count() == 2


def test_feedback_refuses_unknown_targets_and_oversized_comments(client, content):
    assert vote(client, target="faq:nope", helpful=True).status_code == 400
    assert vote(client, target="javascript:alert(1)", helpful=True).status_code == 400
    response = vote(client, target="faq:check-balance", helpful=True, comment="x" * 1001)
    assert response.status_code == 400 and "comment" in error_of(response)["fields"]
    assert vote(client, target="faq:check-balance").status_code == 400  # helpful is required
    assert not Feedback.objects.exists()


def test_reads_carry_an_etag_and_answer_304_until_the_content_changes(
    client, content, django_capture_on_commit_callbacks
):
    url = reverse("api:faq", args=["check-balance"])
    first = client.get(url, {"lang": "en"})
    etag = first["ETag"]
    assert first["Cache-Control"].startswith("public") and "Accept-Language" in first["Vary"]
    not_modified = client.get(url, {"lang": "en"}, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    with django_capture_on_commit_callbacks(execute=True):
        faq = content["faq"]
        faq.answer_en = "Changed."
        faq.save()
    changed = client.get(url, {"lang": "en"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


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


@pytest.mark.parametrize(
    ("accept", "status_code"),
    [
        (None, 200),
        ("*/*", 200),
        ("application/json", 200),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", 200),  # a browser
        ("text/csv", 406),
    ],
)
def test_the_api_answers_in_json_unless_the_client_cannot_take_it(
    client, content, accept, status_code
):
    headers = {"Accept": accept} if accept else {}
    response = client.get(reverse("api:search"), {"q": "balance"}, headers=headers)
    assert response.status_code == status_code
    assert response["Content-Type"] == "application/json"
    if status_code == 406:
        assert error_of(response)["code"] == "not_acceptable"
    else:
        assert response.json()["results"]


def test_the_schema_comes_as_yaml_or_as_json_on_request(client):
    as_yaml = client.get("/api/v1/schema/")
    assert "json" not in as_yaml["Content-Type"] and as_yaml.content.startswith(b"openapi: 3.")
    as_json = client.get("/api/v1/schema/", {"format": "json"})
    assert "json" in as_json["Content-Type"] and as_json.json()["openapi"].startswith("3.")


def test_anonymous_reads_and_writes_are_throttled_with_retry_after(client, content, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    # The throttles read their rates once, at import; patch the class for this test only.
    rates = {**AnonRateThrottle.THROTTLE_RATES, "read": "3/min", "write": "2/min"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    codes = [get(client, "faqs").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = get(client, "faqs")
    assert error_of(limited)["code"] == "throttled" and int(limited["Retry-After"]) > 0
    writes = [vote(client, target="faq:check-balance", helpful=True).status_code for _ in range(3)]
    assert writes[-1] == 429


def _request(forwarded_for: str):
    from django.test import RequestFactory

    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)


def test_without_trusted_proxies_a_forged_forwarded_for_changes_nothing(content):
    import datetime

    from insights.api import client_fingerprint

    day = datetime.date(2026, 1, 1)
    one, forged = _request("203.0.113.5"), _request("198.51.100.1")
    assert client_fingerprint(one, day=day) == client_fingerprint(forged, day=day)


def test_behind_one_trusted_proxy_the_forwarded_address_is_the_client(content, monkeypatch):
    import datetime

    from rest_framework.settings import api_settings

    from insights.api import client_fingerprint

    monkeypatch.setattr(api_settings, "NUM_PROXIES", 1)
    day = datetime.date(2026, 1, 1)
    one, other = _request("203.0.113.5"), _request("198.51.100.1")
    assert client_fingerprint(one, day=day) != client_fingerprint(other, day=day)
    assert client_fingerprint(one, day=day) != client_fingerprint(one, day=day.replace(day=2))


def test_cors_is_allowed_only_for_registered_origins(client, content, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://shop.example"]
    allowed = client.get(reverse("api:faqs"), HTTP_ORIGIN="https://shop.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://shop.example"
    assert "Access-Control-Allow-Credentials" not in allowed
    denied = client.get(reverse("api:faqs"), HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in denied
    assert "Origin" in denied["Vary"]
    admin_page = client.get("/admin/login/", HTTP_ORIGIN="https://shop.example")
    assert "Access-Control-Allow-Origin" not in admin_page


def test_search_and_ask_read_nothing_from_the_database_once_the_index_is_built(
    client, content, django_assert_num_queries, settings
):
    settings.SEARCH_VERSION_CHECK_SECONDS = 3600
    get(client, "search", q="balance")  # builds the index
    with django_assert_num_queries(0):
        assert get(client, "search", q="余额", lang="ru").status_code == 200
        assert get(client, "ask", q="余额", lang="ru").status_code == 200


@pytest.mark.parametrize(
    ("name", "args", "queries"),
    [
        ("categories", [], 1),
        ("faqs", [], 3),
        # + 1: its answer links an FAQ, and which links lead to published items is checked
        # in one query per linked type.
        ("faq", ["check-balance"], 4),
        ("guides", [], 1),
        ("guide", ["renew-mts"], 2),
        ("troubleshooters", [], 1),
        ("troubleshooter", ["login-failed"], 3),
    ],
)
def test_each_endpoint_costs_a_fixed_number_of_queries(
    client, content, django_assert_num_queries, settings, name, args, queries
):
    settings.SEARCH_VERSION_CHECK_SECONDS = 3600
    get(client, "search", q="warm up")
    for n in range(5):  # more content must not mean more queries
        faq = make_faq(slug=f"more-{n}", category=content["faq"].category)
        faq.carriers.add(content["faq"].carriers.first())
        make_guide(slug=f"guide-more-{n}", steps=4)
        make_tree(edges={"start": ["a", "b"]}, solutions={"a", "b"}, slug=f"tree-more-{n}")
    with django_assert_num_queries(queries):
        assert client.get(reverse(f"api:{name}", args=args)).status_code == 200


def test_the_schema_generates_without_warnings_and_docs_render(client):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    assert client.get(reverse("api:schema")).status_code == 200
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()


@pytest.mark.parametrize(
    "body",
    [
        {"target": "faq:check-balance", "helpful": 1},
        {"target": "faq:check-balance", "helpful": "yes"},
        {"target": "faq:check-balance", "helpful": True, "comment": 0},
        {"target": "faq:check-balance", "helpful": True, "node": 5},
        {"target": ["faq:check-balance"], "helpful": True},
    ],
)
def test_feedback_takes_json_values_of_exactly_the_documented_type(client, content, body):
    response = client.post(reverse("api:feedback"), body, content_type="application/json")
    assert response.status_code == 400 and error_of(response)["fields"]


@pytest.mark.parametrize(
    "body",
    [
        {"target": "faq:check-balance ", "helpful": True},
        {"target": "faq:check-balance\n", "helpful": True},
        {"target": "troubleshooter:login-failed", "helpful": True, "node": "\v"},
        {"target": "troubleshooter:login-failed", "helpful": True, "node": "start\n"},
        {"target": "faq:check-balance", "helpful": True, "comment": "x" * 1000 + " "},
    ],
)
def test_feedback_takes_strings_as_sent_as_the_schema_describes_them(client, content, body):
    # Nothing is trimmed before the pattern or length is checked: what the schema refuses,
    # the API refuses (schemathesis found "\v" accepted as an empty node).
    response = client.post(reverse("api:feedback"), body, content_type="application/json")
    assert response.status_code == 400 and error_of(response)["fields"]


@pytest.mark.parametrize(
    ("name", "args", "params"),
    [
        ("search", [], {"q": "MTS", "carrier": " mts"}),
        ("faqs", [], {"card_type": "data "}),
        ("node", ["login-failed", "start"], {"path": "start\n"}),
        ("ask", [], {"q": "pay", "page_url": " https://shop.example/pay/"}),
    ],
)
def test_query_parameters_are_taken_as_sent(client, content, name, args, params):
    response = get(client, name, *args, **params)
    assert response.status_code == 400 and error_of(response)["fields"]


def test_a_comment_may_hold_any_text_but_nul_and_the_schema_says_so(client, content):
    def vote(comment):
        body = {"target": "faq:check-balance", "helpful": False, "comment": comment}
        return client.post(reverse("api:feedback"), body, content_type="application/json")

    assert vote("не помогло 😕 \u0007").status_code in (200, 201)
    assert vote("nul \u0000 inside").status_code == 400
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    body = schema["paths"]["/api/v1/feedback/"]["post"]["requestBody"]["content"]
    ref = body["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    comment = schema["components"]["schemas"][ref]["properties"]["comment"]
    # Blank or text without NUL: exactly one branch of the schema's oneOf takes each value.
    assert {branch.get("pattern") for branch in comment["oneOf"]} == {"^[^\\u0000]+$", None}


@pytest.mark.parametrize("name", ["search", "ask"])
def test_the_paths_without_a_slash_still_answer_through_a_permanent_redirect(client, content, name):
    response = client.get(f"/api/v1/{name}", {"q": "balance", "lang": "en"})
    assert response.status_code == 308
    assert response["Location"] == f"/api/v1/{name}/?q=balance&lang=en"
    assert client.get(response["Location"]).status_code == 200


def test_a_vote_posted_to_the_old_feedback_path_is_repeated_with_its_body(client, content):
    from insights.models import Feedback

    vote = {"target": "faq:check-balance", "helpful": True}
    response = client.post("/api/v1/feedback", vote, content_type="application/json")
    assert response.status_code == 308 and response["Location"] == "/api/v1/feedback/"
    followed = client.post("/api/v1/feedback", vote, content_type="application/json", follow=True)
    assert followed.status_code == 201
    assert followed.redirect_chain == [("/api/v1/feedback/", 308)]
    assert Feedback.objects.filter(target="faq:check-balance", helpful=True).count() == 1
