"""What every endpoint of the JSON API shares: languages, errors, caching, negotiation, the
schema, throttles, CORS and fixed query counts; and the content endpoints."""

import json

import pytest
from django.urls import reverse

from faq.models import Status
from tests.api.helpers import LANGS, error_of, get, vote
from tests.builders import make_faq, make_guide, make_tree

pytestmark = pytest.mark.django_db


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
    assert body["fallback"] == {"answer": "en"}  # ru falls back to en, then zh-hans
    assert "Open the app" in body["answer_text"]
    faq.answer_en = ""
    faq.save()
    body = get(client, "faq", "check-balance", lang="ru").json()
    assert body["fallback"] == {"answer": "zh-hans"}
    assert "查看" in body["answer_text"]


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
        ("search", [], {"q": "x" * 301}, "q"),
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
        ("guides", [], {"page_size": ["3", "2"]}, "page_size"),
        ("faqs", [], {"page_size": "\x0b2"}, "page_size"),
        ("search", [], {"q": "sim", "limit": "\u0662"}, "limit"),
        ("search", [], {"q": ["sim", "balance"]}, "q"),
        ("categories", [], {"lang": ["en", "ru"]}, "lang"),
        ("faq", ["check-balance"], {"lang": ["en", "en"]}, "lang"),
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


def test_behind_one_trusted_proxy_the_forwarded_address_is_the_client(content, settings):
    import datetime

    from insights.api import client_fingerprint

    settings.TRUSTED_PROXIES = 1
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


def test_the_schema_documents_gunicorns_414_where_a_query_string_can_grow(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    operations = [op for ops in schema["paths"].values() for op in ops.values()]
    with_query = [
        op for op in operations if any(p["in"] == "query" for p in op.get("parameters", []))
    ]
    assert len(with_query) >= 10
    for op in operations:
        assert ("414" in op["responses"]) == (op in with_query), op["operationId"]
    refusal = with_query[0]["responses"]["414"]["content"]["application/json"]["schema"]
    assert refusal == {"$ref": "#/components/schemas/Error"}


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


def test_a_story_as_long_as_the_limit_is_read_to_its_question_at_the_end(client, content):
    """People tell what happened before they ask: the API takes the story whole, up to
    SIMHELP_SEARCH_MAX_QUERY_LENGTH characters, and search reads the question that ends it."""
    from django.conf import settings

    question = " How do I check my balance?"
    story = "Yesterday I landed, bought coffee, walked a lot, then sat down at last."
    story = (story + " ") * 10
    q = story[: settings.SIMHELP_SEARCH_MAX_QUERY_LENGTH - len(question)].rstrip() + question
    assert len(q) > 200  # past where search used to stop reading
    response = get(client, "search", q=q, lang="en")
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert (first["type"], first["slug"]) == ("faq", "check-balance")
    too_long = get(client, "search", q=q + "?" * 10, lang="en")
    assert too_long.status_code == 400 and "q" in error_of(too_long)["fields"]
