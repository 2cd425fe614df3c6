"""The help site's search and votes: the API's per-client limits, and the API's input rules."""

import pytest
from django.test import Client
from rest_framework.throttling import AnonRateThrottle

from insights.models import Feedback
from simhelp.api import CountingThrottle

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.1"


@pytest.fixture
def low_rates(monkeypatch):
    # The throttles read their rates once, at import; patch the class for this test only.
    rates = {**AnonRateThrottle.THROTTLE_RATES, "read": "3/min", "write": "2/min"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    # A still clock: a test run across a minute's end must not see the window slide.
    monkeypatch.setattr(CountingThrottle, "timer", staticmethod(lambda: 6030.0))


def search(client, *, forwarded_for: str = "203.0.113.5", q: str = "payment failed"):
    return client.get(
        "/en/search/", {"q": q}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for
    )


def test_behind_a_proxy_site_search_is_limited_per_forwarded_client(
    client, demo_content, low_rates, settings
):
    settings.TRUSTED_PROXIES = 1
    codes = [search(client, q=f"payment failed {n}").status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = search(client)
    assert int(refused["Retry-After"]) > 0 and refused["Cache-Control"] == "no-store"
    assert "Too many requests" in refused.content.decode()
    # Another reader behind the same proxy is not held back.
    assert search(client, forwarded_for="198.51.100.1").status_code == 200


def test_without_trusted_proxies_a_forged_forwarded_for_buys_no_more_searches(
    client, demo_content, low_rates, settings
):
    settings.TRUSTED_PROXIES = 0
    codes = [search(client, forwarded_for=f"203.0.113.{n}").status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]


def test_site_and_api_searches_share_one_budget_and_the_bare_search_page_costs_nothing(
    client, demo_content, low_rates
):
    for _ in range(5):
        assert client.get("/en/search/").status_code == 200
    assert search(client).status_code == 200
    assert client.get("/api/v1/search/", {"q": "sim"}, REMOTE_ADDR=PROXY).status_code == 200
    assert search(client).status_code == 200
    assert client.get("/api/v1/search/", {"q": "sim"}, REMOTE_ADDR=PROXY).status_code == 429


def vote(client, *, accept: str = "text/html", agent: str = "test", **fields):
    return client.post(
        "/en/feedback/",
        {"target": "faq:reset-password", "helpful": "yes", **fields},
        REMOTE_ADDR=PROXY,
        HTTP_USER_AGENT=agent,
        HTTP_ACCEPT=accept,
    )


def test_site_votes_are_limited_like_the_api_with_json_for_scripts(client, demo_content, low_rates):
    assert [vote(client).status_code for _ in range(2)] == [302, 302]
    page = vote(client)
    assert page.status_code == 429 and int(page["Retry-After"]) > 0
    script = vote(client, accept="application/json")
    assert script.status_code == 429 and script.json()["error"]["code"] == "throttled"


def test_a_client_counts_once_per_item_and_day_whatever_user_agent_it_sends(client, demo_content):
    for n in range(10):
        assert (
            vote(client, agent=f"Browser/{n}", helpful="yes" if n % 2 else "no").status_code == 302
        )
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"comment": "bad\x00comment"},
        {"target": "troubleshooter:payment-failed", "node": "start\x00"},
        {"target": "faq:reset\x00-password"},
        {"next": "/en/\x00"},
        {"comment": "x" * 1001},
        {"helpful": "maybe"},
    ],
)
def test_a_vote_breaking_the_apis_input_rules_is_a_form_error_not_a_500(demo_content, fields):
    client = Client(raise_request_exception=True)
    response = vote(client, **fields)
    if "next" in fields:  # a bad return address is replaced, the vote still counts
        assert response.status_code == 302 and "\x00" not in response["Location"]
        return
    assert response.status_code == 400
    assert Feedback.objects.count() == 0
    script = vote(client, accept="application/json", **fields)
    assert script.status_code == 400 and script.json()["error"]["code"] == "invalid"


def test_a_vote_names_a_step_only_of_its_own_troubleshooter(client, demo_content):
    tree = "troubleshooter:payment-failed"
    assert vote(client, target=tree, node="charged-when").status_code == 302
    assert vote(client, target=tree, node="keyboard-layout").status_code == 400  # login-failed's
    assert vote(client, target="faq:reset-password", node="start").status_code == 400
    assert list(Feedback.objects.values_list("node", flat=True)) == ["charged-when"]
