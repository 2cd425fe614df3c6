"""The feedback endpoint: one counted vote per client, item and day; input as documented."""

import json

import pytest
from django.urls import reverse

from insights.models import Feedback
from tests.api.helpers import error_of, vote

pytestmark = pytest.mark.django_db


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
    # Well formed but naming nothing published: 422; malformed: 400.
    assert vote(client, target="faq:nope", helpful=True).status_code == 422
    assert vote(client, target="javascript:alert(1)", helpful=True).status_code == 400
    response = vote(client, target="faq:check-balance", helpful=True, comment="x" * 1001)
    assert response.status_code == 400 and "comment" in error_of(response)["fields"]
    assert vote(client, target="faq:check-balance").status_code == 400  # helpful is required
    # One malformed field makes the whole request malformed, even beside an unknown target.
    assert vote(client, target="faq:nope", helpful="yes").status_code == 400
    assert not Feedback.objects.exists()


def test_a_vote_longer_than_16_kib_is_a_413_and_not_recorded(client, content):
    body = {"target": "faq:check-balance", "helpful": True, "padding": "x" * 17_000}
    response = client.post(reverse("api:feedback"), body, content_type="application/json")
    assert response.status_code == 413 and error_of(response)["code"] == "too_large"
    assert not Feedback.objects.exists()
    body["padding"] = "x" * 15_000  # under the limit, the field the API ignores is ignored
    response = client.post(reverse("api:feedback"), body, content_type="application/json")
    assert response.status_code == 201 and Feedback.objects.count() == 1


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


def test_a_vote_posted_to_the_old_feedback_path_is_repeated_with_its_body(client, content):
    from insights.models import Feedback

    vote = {"target": "faq:check-balance", "helpful": True}
    response = client.post("/api/v1/feedback", vote, content_type="application/json")
    assert response.status_code == 308 and response["Location"] == "/api/v1/feedback/"
    followed = client.post("/api/v1/feedback", vote, content_type="application/json", follow=True)
    assert followed.status_code == 201
    assert followed.redirect_chain == [("/api/v1/feedback/", 308)]
    assert Feedback.objects.filter(target="faq:check-balance", helpful=True).count() == 1


def test_a_node_must_be_a_step_of_the_voted_troubleshooter(client, content):
    assert (
        vote(client, target="troubleshooter:login-failed", helpful=True, node="fix").status_code
        == 201
    )
    for target, node in [("troubleshooter:login-failed", "nope"), ("faq:check-balance", "fix")]:
        refused = vote(client, target=target, helpful=True, node=node)
        assert refused.status_code == 422 and "node" in error_of(refused)["fields"]


def test_the_longest_comment_the_schema_allows_fits_even_fully_escaped(client, content):
    body = json.dumps({"target": "faq:check-balance", "helpful": True, "comment": "中" * 1000})
    assert len(body.encode()) > 4096  # \u4e2d: six bytes a character
    response = client.post(
        reverse("api:feedback"), body, content_type="application/json", REMOTE_ADDR="192.0.2.4"
    )
    assert response.status_code == 201


def chunked_environ(body: bytes) -> dict:
    """A POST as gunicorn passes on a chunked request: the chunks decoded, no Content-Length."""
    from io import BytesIO

    from django.test import RequestFactory

    request = RequestFactory().post("/api/v1/feedback/", body, content_type="application/json")
    environ = request.environ
    del environ["CONTENT_LENGTH"]
    environ.update(HTTP_TRANSFER_ENCODING="chunked", **{"wsgi.input": BytesIO(body)})
    return environ


def test_a_chunked_body_is_read_not_taken_for_empty(settings):
    from django.core.handlers.wsgi import WSGIRequest

    from simhelp.chunked import ChunkedBodies

    seen, statuses = [], []

    def django(environ, start_response):
        seen.append(WSGIRequest(environ).body)
        start_response("200 OK", [])
        return [b""]

    body = json.dumps({"target": "faq:check-balance", "helpful": True}).encode()
    app = ChunkedBodies(django)
    app(chunked_environ(body), lambda status, headers: statuses.append(status))
    assert seen == [body]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
    refused = app(chunked_environ(body), lambda status, headers: statuses.append(status))
    assert seen == [body] and statuses == ["200 OK", "413 Content Too Large"]
    # In the API's error shape, as a 413 the API itself answers.
    assert json.loads(b"".join(refused)) == {
        "error": {"code": "too_large", "message": "The request is too large.", "fields": {}}
    }


def test_the_served_application_reads_chunked_bodies(db):
    from simhelp.chunked import ChunkedBodies
    from simhelp.wsgi import application

    assert isinstance(application, ChunkedBodies)
