import pytest
from django.urls import reverse

from widget.models import EmbedSite

pytestmark = pytest.mark.django_db

SHOP = "https://shop.example"


@pytest.fixture
def shop():
    return EmbedSite.objects.create(name="Shop", allowed_origins=f"{SHOP}\nhttp://localhost:3000")


def api_get(client, origin: str):
    return client.get(reverse("api:categories"), HTTP_ORIGIN=origin)


def test_an_embedding_sites_origin_may_call_the_api(client, shop):
    response = api_get(client, SHOP)
    assert response["Access-Control-Allow-Origin"] == SHOP
    assert "Access-Control-Allow-Credentials" not in response
    assert api_get(client, "http://localhost:3000")["Access-Control-Allow-Origin"] == (
        "http://localhost:3000"
    )


def test_another_origin_may_not(client, shop):
    for origin in [
        "https://evil.example",
        "https://shop.example.evil.example",
        "null",
        "http://shop.example",
    ]:
        response = api_get(client, origin)
        assert "Access-Control-Allow-Origin" not in response
        assert "origin" in response["Vary"].lower()


def test_a_preflight_from_an_embedding_site_is_answered(client, shop):
    response = client.options(
        reverse("api:feedback"),
        HTTP_ORIGIN=SHOP,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == SHOP
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_cors_stays_limited_to_the_api(client, shop):
    for path in ["/admin/login/", "/widget.js", "/en/"]:
        response = client.get(path, HTTP_ORIGIN=SHOP)
        assert response.get("Access-Control-Allow-Origin") != SHOP, path
    preflight = client.options(
        "/admin/login/", HTTP_ORIGIN=SHOP, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in preflight


def test_an_inactive_or_deleted_site_loses_access_at_once(client, shop):
    assert api_get(client, SHOP)["Access-Control-Allow-Origin"] == SHOP
    shop.active = False
    shop.save()
    assert "Access-Control-Allow-Origin" not in api_get(client, SHOP)
    shop.active = True
    shop.save()
    assert api_get(client, SHOP)["Access-Control-Allow-Origin"] == SHOP
    shop.delete()
    assert "Access-Control-Allow-Origin" not in api_get(client, SHOP)


def test_the_origins_are_read_once_then_cached(client, shop, django_assert_num_queries):
    def preflight():
        return client.options(
            reverse("api:search"), HTTP_ORIGIN=SHOP, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
        )

    with django_assert_num_queries(1):
        assert preflight()["Access-Control-Allow-Origin"] == SHOP
    with django_assert_num_queries(0):
        for _ in range(3):
            assert preflight()["Access-Control-Allow-Origin"] == SHOP


def test_a_preflight_may_ask_for_the_widgets_source_header(client, shop):
    response = client.options(
        reverse("api:search"),
        HTTP_ORIGIN=SHOP,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-simhelp-source",
    )
    assert response["Access-Control-Allow-Origin"] == SHOP
    assert "x-simhelp-source" in response["Access-Control-Allow-Headers"].lower()
