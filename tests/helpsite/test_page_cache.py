"""Help-site pages kept rendered: an edit shows on the next request, ETags answer 304, what a
page records is still counted when it comes from the cache, and made-up addresses are not kept."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from faq.models import Faq
from insights.counters import counters_flush
from insights.models import PageView, WalkCount
from tests.admin_forms import change_page_data

pytestmark = pytest.mark.django_db

FAQ = "/en/faq/reset-password/"
STEP = "/en/troubleshoot/payment-failed/start/charged-when/"


def _queries(client, url, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return len(queries), response


def test_an_edit_in_the_admin_is_on_the_next_request(
    client, admin_client, demo_content, django_capture_on_commit_callbacks
):
    before = client.get(FAQ)
    assert "Reset your account password" not in before.content.decode()
    assert client.get(FAQ).content == before.content  # kept: the same page again

    faq = Faq.objects.get(slug="reset-password")
    url = reverse("admin:faq_faq_change", args=[faq.pk])
    data = change_page_data(admin_client.get(url))
    data["question_en"] = "Reset your account password"
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302

    after = client.get(FAQ)
    assert after.status_code == 200
    assert "<h1>Reset your account password</h1>" in after.content.decode()

    data["status"] = "draft"
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    assert client.get(FAQ).status_code == 404


def test_a_matching_etag_gets_304_until_the_content_changes(
    client, demo_content, django_capture_on_commit_callbacks
):
    first = client.get(FAQ)
    tag = first["ETag"]
    assert tag.startswith('"') and tag.endswith('"')
    again = client.get(FAQ, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == tag
    assert again["Cache-Control"] == "public, max-age=60"
    assert client.get("/ru/faq/reset-password/")["ETag"] != tag  # another page, another tag
    assert client.get(FAQ, HTTP_IF_NONE_MATCH='"stale"').status_code == 200

    faq = Faq.objects.get(slug="reset-password")
    faq.answer_en += "\n\nOne more step."
    with django_capture_on_commit_callbacks(execute=True):
        faq.save()
    edited = client.get(FAQ, HTTP_IF_NONE_MATCH=tag)
    assert edited.status_code == 200
    assert "One more step." in edited.content.decode()
    assert edited["ETag"] != tag


def test_a_page_from_the_cache_reads_only_the_content_version(client, demo_content):
    first, page = _queries(client, STEP)
    assert page.status_code == 200
    second, cached = _queries(client, STEP)
    assert cached.content == page.content
    assert first > 1  # the troubleshooter and its tree, read to render the step
    assert second <= 1  # the content version, read on every request


def test_views_and_walk_steps_are_counted_whether_or_not_the_page_was_kept(client, demo_content):
    for _ in range(3):
        assert client.get(FAQ).status_code == 200
        assert client.get(STEP).status_code == 200
    assert client.get(FAQ, HTTP_IF_NONE_MATCH=client.get(FAQ)["ETag"]).status_code == 304
    counters_flush()
    assert PageView.objects.get(target="faq:reset-password", node="").count == 5
    shown = WalkCount.objects.get(troubleshooter="payment-failed", node="charged-when")
    assert shown.views == 3


def test_made_up_query_strings_are_served_but_not_kept(client, demo_content):
    client.get(STEP)  # the search index built, once
    first, _page = _queries(client, STEP + "?utm_source=x")
    again, page = _queries(client, STEP + "?utm_source=x")
    assert page.status_code == 200
    assert again == first  # rendered afresh: nothing was kept for this address

    client.get(STEP + "?carrier=mts")
    kept, _page = _queries(client, STEP + "?carrier=mts")
    assert kept <= 1  # a known carrier is an address the page understands
    unknown, _page = _queries(client, STEP + "?carrier=nope")
    assert unknown == first


def test_pages_are_kept_per_language_and_host(client, demo_content):
    en = client.get(FAQ).content.decode()
    ru = client.get("/ru/faq/reset-password/").content.decode()
    assert '<html lang="en">' in en and '<html lang="ru">' in ru
    other = client.get(FAQ, HTTP_HOST="127.0.0.1").content.decode()
    assert "http://127.0.0.1/en/faq/reset-password/" in other
    assert "http://127.0.0.1/" not in client.get(FAQ).content.decode()


def test_kept_pages_live_apart_from_the_rate_limit_counts(client, demo_content):
    from django.core.cache import caches

    client.get(STEP)
    caches["default"].clear()  # the rate-limit counts (and anything else of the default cache)
    kept, _page = _queries(client, STEP)
    assert kept <= 1  # still kept
    caches["pages"].clear()
    rendered, _page = _queries(client, STEP)
    assert rendered > 1
