"""Adding an embedding site: the key and snippet appear once saved, on the site's own page, with
an install check counted from the frame requests (site, origin, day; nothing of the visitor)."""

import re

import pytest
from django.urls import reverse

from widget.loads import frame_loads, request_origin
from widget.models import EmbedSite, FrameLoad

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_client):
    """The admin in English (its default language is zh-hans)."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def _add(admin_client, **extra):
    return admin_client.post(
        reverse("admin:widget_embedsite_add"),
        {
            "name": "Shop",
            "active": "on",
            "allowed_origins": "https://shop.example",
            "default_language": "en",
            "accent_color": "#112233",
            **extra,
        },
    )


def test_the_add_page_shows_no_key_that_would_not_be_saved(admin_client):
    page = admin_client.get(reverse("admin:widget_embedsite_add")).content.decode()
    assert "public key" not in page.lower() and "widget-snippet" not in page


def test_saving_a_new_site_lands_on_its_page_with_the_saved_key_and_snippet(admin_client):
    response = _add(admin_client)
    site = EmbedSite.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:widget_embedsite_change", args=[site.pk])
    page = admin_client.get(response["Location"]).content.decode()
    snippet = re.search(r'<textarea id="widget-snippet"[^>]*>(.*?)</textarea>', page, re.S)[1]
    assert f"data-site=&quot;{site.public_key}&quot;" in snippet
    assert 'data-copy="widget-snippet"' in page and "widget/admin-snippet.js" in page
    assert "<script>" not in page.split('id="install-check"')[1]  # the admin CSP: no inline
    assert "Paste the snippet below" in page


def test_save_and_add_another_still_opens_an_empty_form(admin_client):
    response = _add(admin_client, _addanother="1")
    assert response["Location"] == reverse("admin:widget_embedsite_add")


@pytest.mark.parametrize(
    ("referer", "page", "origin"),
    [
        ("https://shop.example/", "", "https://shop.example"),
        # the frame reloading itself in another language: its own origin, then the page's
        (
            "https://help.example/widget/frame/?site=k",
            "https://shop.example/a",
            "https://shop.example",
        ),
        ("", "https://Shop.example:443/cart", "https://shop.example"),
        ("not a url", "", ""),
        ("", "", ""),
    ],
)
def test_the_origin_of_a_frame_request(referer, page, origin):
    assert request_origin(referer=referer, page=page, own="https://help.example") == origin


def test_the_install_check_shows_loads_per_allowed_origin_and_refused_ones(admin_client, client):
    site = EmbedSite.objects.create(
        name="Shop", allowed_origins="https://shop.example\nhttps://www.shop.example"
    )
    frame = reverse("widget:frame")
    for referer in ["https://shop.example/", "https://shop.example/", "https://evil.example/"]:
        client.get(frame, {"site": site.public_key}, headers={"Referer": referer})
    client.get(frame, {"site": site.public_key})  # no origin known: not counted
    frame_loads.flush()
    rows = {(r.origin, r.allowed): r.count for r in FrameLoad.objects.filter(site=site)}
    assert rows == {("https://shop.example", True): 2, ("https://evil.example", False): 1}

    page = admin_client.get(reverse("admin:widget_embedsite_change", args=[site.pk]))
    check = page.content.decode().split('id="install-check"')[1]
    assert re.search(r"<td>https://shop.example</td><td>2</td><td>[^<]+</td>", check)
    assert re.search(r"<td>https://www.shop.example</td><td>0</td><td>not loaded yet</td>", check)
    assert "Refused" in check and re.search(r"<td>https://evil.example</td><td>1</td>", check)
