import gzip
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from widget.models import EmbedSite

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "widget" / "static" / "widget"
FRAME_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)


@pytest.fixture
def shop():
    return EmbedSite.objects.create(
        name="Shop",
        allowed_origins="https://shop.example\nhttps://www.shop.example:8443",
        default_language="ru",
        contact="mailto:help@shop.example",
    )


def frame(client, **params):
    return client.get(reverse("widget:frame"), params)


def directives(policy: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in policy.split(";")
        if part.strip()
    }


def config(response) -> dict:
    found = re.search(
        r'<script id="simhelp-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(found.group(1))


def test_the_frame_may_be_framed_by_exactly_the_sites_origins(client, shop):
    response = frame(client, site=shop.public_key)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "https://shop.example https://www.shop.example:8443"
    assert response["Content-Security-Policy"].startswith(FRAME_POLICY)
    assert "X-Frame-Options" not in response  # CSP frame-ancestors governs the frame


def test_the_frame_has_no_inline_script_or_style(client, shop):
    html = frame(client, site=shop.public_key).content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert (
        " style=" not in html and "<style" not in html and " on" not in re.sub(r'"[^"]*"', "", html)
    )


@pytest.mark.parametrize("key", ["", "no-such-key-0000000000", "x" * 200, "<script>"])
def test_an_unknown_key_is_a_page_that_nothing_may_frame(client, shop, key):
    response = frame(client, site=key)
    assert response.status_code == 404
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert "shop.example" not in response.content.decode()


def test_an_inactive_site_is_not_found(client, shop):
    shop.active = False
    shop.save()
    response = frame(client, site=shop.public_key)
    assert response.status_code == 404
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == "'none'"


def test_the_frame_speaks_the_sites_language_unless_the_snippet_asks_for_another(client, shop):
    assert config(frame(client, site=shop.public_key))["lang"] == "ru"
    english = frame(client, site=shop.public_key, lang="en")
    assert config(english)["lang"] == "en" and english["Content-Language"] == "en"
    assert config(frame(client, site=shop.public_key, lang="fr"))["lang"] == "ru"


def test_the_frame_keeps_only_context_it_can_trust(client, shop):
    from tests.builders import make_carrier, make_faq

    make_faq().carriers.add(make_carrier("mts"))
    data = config(
        frame(
            client,
            site=shop.public_key,
            carrier="mts",
            card_type="no-such-type",
            page="https://shop.example/top-up?plan=1#x",
            open="faq:<script>",
            mode="inline",
        )
    )
    assert data["carrier"] == "mts" and data["cardType"] == ""
    assert data["page"] == "https://shop.example/top-up?plan=1"
    assert data["open"] == "" and data["mode"] == "inline"
    assert data["origins"] == ["https://shop.example", "https://www.shop.example:8443"]
    assert data["contact"] == "mailto:help@shop.example"
    for page in ["https://evil.example/", "javascript:alert(1)", "https://shop.example.evil/x"]:
        assert config(frame(client, site=shop.public_key, page=page))["page"] == ""


def test_a_contact_stored_without_validation_is_not_shown(client, shop):
    EmbedSite.objects.filter(pk=shop.pk).update(contact="javascript:alert(1)")
    assert config(frame(client, site=shop.public_key))["contact"] == ""


def test_a_revalidated_frame_keeps_its_own_policy(client, shop):
    first = frame(client, site=shop.public_key)
    again = client.get(
        reverse("widget:frame"), {"site": shop.public_key}, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "X-Frame-Options" not in again


def test_changing_the_origins_changes_the_frames_etag(client, shop):
    before = frame(client, site=shop.public_key)["ETag"]
    shop.allowed_origins = "https://shop.example"
    shop.save()
    after = frame(client, site=shop.public_key)
    assert after["ETag"] != before
    assert directives(after["Content-Security-Policy"])["frame-ancestors"] == "https://shop.example"


def test_the_loader_is_cacheable_javascript_with_an_etag(client):
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    again = client.get("/widget.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["ETag"] == response["ETag"]
    assert client.post("/widget.js").status_code == 405


def test_the_widget_urls_have_no_language_prefix(client, shop):
    assert reverse("widget:loader") == "/widget.js"
    assert reverse("widget:frame") == "/widget/frame/"
    assert client.get("/widget/frame/?site=unknown-key-000000000").status_code == 404


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def test_the_loader_stays_under_5_kb_gzipped(client):
    body = client.get("/widget.js").content
    size = len(gzip.compress(body, compresslevel=9))
    print(f"\nwidget.js: {len(body)} bytes, {size} bytes gzipped (budget 5120)")
    assert size <= 5 * 1024


def test_the_frames_script_and_style_stay_under_30_kb_gzipped():
    js, css = gzipped(STATIC / "frame.js"), gzipped(STATIC / "frame.css")
    print(f"\nframe.js {js} + frame.css {css} = {js + css} bytes gzipped (budget 30720)")
    assert js + css <= 30 * 1024


def test_the_frame_costs_a_fixed_number_of_queries(client, shop, django_assert_num_queries):
    from tests.builders import make_faq

    for _ in range(3):
        make_faq()
    frame(client, site=shop.public_key)  # builds the search index
    # The site, and the search index's version check (every request in tests).
    with django_assert_num_queries(2):
        assert frame(client, site=shop.public_key).status_code == 200


def test_the_search_boxes_take_as_long_a_question_as_search_reads(client, shop):
    """The widget's and the site's boxes stop typing where the API would refuse."""
    from django.conf import settings

    limit = f'maxlength="{settings.SIMHELP_SEARCH_MAX_QUERY_LENGTH}"'
    widget = frame(client, site=shop.public_key).content.decode()
    assert re.search(rf'<input id="q"[^>]*{limit}', widget)
    site = client.get("/en/search/").content.decode()
    assert re.search(rf'<input id="q"[^>]*{limit}', site)
