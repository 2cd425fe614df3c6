import pytest
from django.urls import reverse

from widget.models import EmbedSite

pytestmark = pytest.mark.django_db


def test_the_change_page_shows_the_snippet_ready_to_copy(admin_client):
    embed = EmbedSite.objects.create(name="Shop", allowed_origins="https://shop.example")
    page = admin_client.get(reverse("admin:widget_embedsite_change", args=[embed.pk]))
    assert page.status_code == 200
    snippet = (
        f"&lt;script src=&quot;http://testserver/widget.js&quot; "
        f"data-site=&quot;{embed.public_key}&quot; async&gt;&lt;/script&gt;"
    )
    assert snippet in page.content.decode()
    assert embed.public_key in page.content.decode()


def test_adding_a_site_normalizes_origins_and_generates_a_key(admin_client):
    response = admin_client.post(
        reverse("admin:widget_embedsite_add"),
        {
            "name": "Shop",
            "active": "on",
            "allowed_origins": "HTTPS://Shop.Example/\r\nhttp://localhost:8000",
            "default_language": "ru",
            "accent_color": "#112233",
            "contact": "help@shop.example",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    embed = EmbedSite.objects.get()
    assert embed.allowed_origins == "https://shop.example\nhttp://localhost:8000"
    assert embed.contact == "mailto:help@shop.example"
    assert len(embed.public_key) == 24


@pytest.mark.parametrize(
    ("accept_language", "reason"),
    [
        ("en", "wildcards are not allowed"),
        ("zh-hans", "不允许使用通配符"),
        ("ru", "не допускаются"),
    ],
)
def test_a_wildcard_origin_is_refused_with_the_reason(admin_client, accept_language, reason):
    response = admin_client.post(
        reverse("admin:widget_embedsite_add"),
        {
            "name": "Shop",
            "allowed_origins": "https://*.shop.example",
            "default_language": "en",
            "accent_color": "#112233",
        },
        headers={"Accept-Language": accept_language},
    )
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not EmbedSite.objects.exists()


def test_the_list_and_history_pages_open(admin_client):
    embed = EmbedSite.objects.create(name="Shop", allowed_origins="https://shop.example")
    listing = admin_client.get(reverse("admin:widget_embedsite_changelist"))
    assert listing.status_code == 200 and "https://shop.example" in listing.content.decode()
    history = admin_client.get(reverse("admin:widget_embedsite_history", args=[embed.pk]))
    assert history.status_code == 200
