"""One client address for the throttles, votes and the admin lockout, set by TRUSTED_PROXIES."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, RequestFactory

from simhelp.api import ReadThrottle
from simhelp.clients import client_address

PROXY = "10.0.0.1"


def request(forwarded_for: str | None = None, remote: str = PROXY):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_peer_is_the_client_whatever_it_forwards(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_address(request("203.0.113.5")) == PROXY
    assert client_address(request()) == PROXY


def test_behind_one_proxy_the_entry_it_appended_is_the_client(settings):
    settings.TRUSTED_PROXIES = 1
    assert client_address(request("203.0.113.5")) == "203.0.113.5"
    # What the client wrote itself comes before the proxy's entry and is ignored.
    assert client_address(request("198.51.100.1, 203.0.113.5")) == "203.0.113.5"
    assert client_address(request(" 2001:db8::1 ")) == "2001:db8::1"


def test_behind_a_proxy_a_missing_or_garbled_entry_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXIES = 1
    assert client_address(request()) == PROXY
    assert client_address(request("not-an-address")) == PROXY
    assert client_address(request(", ")) == PROXY


def test_behind_two_proxies_the_second_to_last_entry_is_the_client(settings):
    settings.TRUSTED_PROXIES = 2
    assert client_address(request("198.51.100.1, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"


@pytest.mark.parametrize(("proxies", "separate"), [(0, False), (1, True)])
def test_the_throttles_count_per_client_address(settings, proxies, separate):
    settings.TRUSTED_PROXIES = proxies
    one, other = request("203.0.113.5"), request("198.51.100.1")
    one.user = other.user = None
    throttle = ReadThrottle()
    assert (throttle.get_cache_key(one, None) != throttle.get_cache_key(other, None)) is separate


def _login(username: str, password: str, forwarded_for: str):
    return Client().post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.fixture
def staff(db):
    cache.clear()
    get_user_model().objects.create_superuser("staff", "", "right-password-1")
    yield
    cache.clear()


def test_behind_a_proxy_a_locked_out_attacker_does_not_lock_out_the_real_user(settings, staff):
    settings.TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("staff", "guess", "203.0.113.66")
    assert _login("staff", "right-password-1", "203.0.113.66").status_code == 429
    real = _login("staff", "right-password-1", "198.51.100.10")
    assert real.status_code == 302 and real["Location"] == "/admin/"


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_escape_the_lockout(
    settings, staff
):
    settings.TRUSTED_PROXIES = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login("staff", "guess", f"203.0.113.{attempt}")
    assert _login("staff", "right-password-1", "198.51.100.10").status_code == 429
