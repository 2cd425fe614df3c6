"""Taps on codes to dial: the beacon endpoint, its batched counter, the dashboard and the CSV."""

import csv
import io
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from insights.counters import counters_flush, taps
from insights.models import DialTap
from simhelp.api import WriteThrottle
from tests.builders import make_faq

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _answers_with_codes(django_capture_on_commit_callbacks):
    """Taps count only for codes a published answer writes."""
    with django_capture_on_commit_callbacks(execute=True):
        make_faq(answer_en="Dial *100#, or call MTS on 0890 or T2 on 611.")


def tap(client, body):
    """A beacon as navigator.sendBeacon sends URLSearchParams: form-encoded."""
    form = "application/x-www-form-urlencoded"
    return client.post(reverse("api:taps"), urlencode(body), content_type=form)


def test_a_tap_is_accepted_and_counted_per_code_language_source_and_day_after_a_flush(client):
    for _ in range(3):
        assert (
            tap(client, {"code": "*100#", "lang": "zh-hans", "source": "site"}).status_code == 202
        )
    response = client.post(
        reverse("api:taps"),
        {"code": "0890", "lang": "ru", "source": "widget"},
        content_type="application/json",
    )
    assert response.status_code == 202 and response.json() == {"counted": True}
    assert not DialTap.objects.exists()  # batched: nothing written per tap
    assert taps.stats().pending_events == 4
    counters_flush()
    today = timezone.localdate()
    stored = set(DialTap.objects.values_list("code", "language", "source", "day", "count"))
    assert stored == {("*100#", "zh-hans", "site", today, 3), ("0890", "ru", "widget", today, 1)}
    tap(client, {"code": "*100#", "lang": "zh-hans", "source": "site"})
    counters_flush()
    assert DialTap.objects.get(code="*100#").count == 4  # added to, not overwritten


@pytest.mark.parametrize(
    "body",
    [
        {"lang": "en", "source": "site"},  # no code
        {"code": "*100#", "lang": "fr", "source": "site"},
        {"code": "*100#", "lang": "en", "source": "api"},  # only the site and the widget tap
        {"code": "<script>", "lang": "en", "source": "site"},
        {"code": "*" + "1" * 60 + "#", "lang": "en", "source": "site"},
    ],
)
def test_bad_input_is_a_400_in_the_apis_error_shape(client, body):
    response = tap(client, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["fields"]
    counters_flush()
    assert not DialTap.objects.exists()


def test_bad_bodies_are_refused_too(client):
    url = reverse("api:taps")
    as_list = client.post(url, ["*100#"], content_type="application/json")
    twice = client.post(
        url,
        "code=*100%23&code=0890&lang=en&source=site",
        content_type="application/x-www-form-urlencoded",
    )
    broken = client.post(url, "{", content_type="application/json")
    assert [r.status_code for r in (as_list, twice, broken)] == [400, 400, 400]
    assert client.post(url, "x", content_type="text/plain").status_code == 415
    assert client.get(url).status_code == 405


def test_a_valid_tap_padded_past_the_limit_is_a_413_and_not_counted(client):
    # Unknown fields are ignored, so padding keeps a tap schema-valid: its size alone refuses
    # it, with the status that says so (schemathesis sent one such and got a 400).
    padded = {"code": "*100#", "lang": "en", "source": "site", "note": "x" * 1100}
    url = reverse("api:taps")
    assert client.post(url, padded, content_type="application/json").status_code == 413
    under = {**padded, "note": "x" * 900}  # under 1 KiB, the field the API ignores is ignored
    assert client.post(url, under, content_type="application/json").status_code == 202
    refused = tap(client, padded)
    assert refused.status_code == 413
    assert refused.json()["error"] == {
        "code": "too_large",
        "message": "The request is too large.",
        "fields": {},
    }
    counters_flush()
    assert DialTap.objects.get().count == 1


def test_a_code_no_published_answer_links_is_refused(client):
    # Well formed, even a real USSD code or short number, but in no answer: 422.
    for code in ("1234", "0891", "*100", "100#", "*999#", "0500"):
        response = tap(client, {"code": code, "lang": "en", "source": "site"})
        assert response.status_code == 422, code
        assert "code" in response.json()["error"]["fields"]
    counters_flush()
    assert not DialTap.objects.exists()


def test_taps_are_held_by_the_write_throttle(client, monkeypatch):
    monkeypatch.setattr(WriteThrottle, "THROTTLE_RATES", {"write": "2/min"})
    codes = [
        tap(client, {"code": "611", "lang": "en", "source": "site"}).status_code for _ in "xyz"
    ]
    assert codes == [202, 202, 429]


def test_the_dashboard_lists_the_tapped_codes_of_the_range_most_tapped_first(english_admin):
    today = timezone.localdate()
    DialTap.objects.create(code="*100#", language="zh-hans", source="site", day=today, count=5)
    DialTap.objects.create(code="*100#", language="ru", source="widget", day=today, count=2)
    DialTap.objects.create(code="0890", language="en", source="site", day=today, count=3)
    old = today - timedelta(days=30)
    DialTap.objects.create(code="0500", language="en", source="site", day=old, count=9)

    response = english_admin.get(reverse("admin:insights_dashboard"))
    assert response.context["board"].tapped == [("*100#", 7), ("0890", 3)]
    html = response.content.decode()
    assert "Tapped codes and numbers" in html
    assert 'data-tapped="*100#">7<' in html and 'data-tapped="0890">3<' in html
    taps_table = html[html.index('id="dashboard-taps"') :]
    assert "0500" not in taps_table[: taps_table.index("</table>")]

    wider = english_admin.get(reverse("admin:insights_dashboard"), {"days": 90})
    assert wider.context["board"].tapped == [("0500", 9), ("*100#", 7), ("0890", 3)]


def test_the_dashboard_says_so_when_nothing_was_tapped(english_admin):
    html = english_admin.get(reverse("admin:insights_dashboard")).content.decode()
    start = html.index('id="dashboard-taps"')
    assert "Nothing in this range." in html[start : html.index("</div>", start)]


def test_the_taps_export_lists_each_day_code_language_and_interface(english_admin):
    today = timezone.localdate()
    DialTap.objects.create(code="*100#", language="zh-hans", source="site", day=today, count=5)
    DialTap.objects.create(code="0611", language="ru", source="widget", day=today, count=1)
    response = english_admin.get(reverse("admin:insights_export", args=["taps"]))
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows == [
        ["Day", "Code or number", "Language", "Interface", "Taps"],
        [today.isoformat(), "*100#", "zh-hans", "site", "5"],
        [today.isoformat(), "0611", "ru", "widget", "1"],
    ]


def test_the_schema_lists_the_codes_a_tap_may_name(client):
    components = client.get(reverse("api:schema"), {"format": "json"}).json()["components"]
    code = components["schemas"]["TapInputRequest"]["properties"]["code"]
    assert code["pattern"] == "^[-*#0-9]+$"
    (listed_codes,) = [
        components["schemas"][part["$ref"].rsplit("/", 1)[-1]]["enum"] for part in code["allOf"]
    ]
    assert sorted(listed_codes) == ["*100#", "0890", "611"]
    for listed in listed_codes:
        body = {"code": listed, "lang": "en", "source": "widget"}
        assert tap(client, body).status_code == 202
