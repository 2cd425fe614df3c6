import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db


def test_check_deploy_is_clean_with_only_the_three_production_variables():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "ALLOWED_HOSTS": "help.example.org",
        "SECRET_KEY": "k7#Qw9!zR2@vL5$nB8^xT1&mC4*pF6(hJ3)sD0_yG-uE+aW=oI<" * 2,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_pages_carry_a_strict_policy_and_the_usual_security_headers(client, demo_content):
    response = client.get("/en/faq/reset-password/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    api = client.get("/api/v1/faqs/")
    assert "frame-ancestors 'none'" in api["Content-Security-Policy"]


def test_the_admin_gets_its_own_policy_still_limited_to_this_origin(admin_client):
    policy = admin_client.get("/admin/faq/faq/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'none'" in policy and "http" not in policy


def _login(client: Client, username: str, password: str, address: str):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_repeated_wrong_passwords_lock_that_account_from_that_address_only(settings):
    users = get_user_model()
    users.objects.create_superuser("staff", "", "right-password-1")
    users.objects.create_superuser("other", "", "right-password-2")
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(attacker, "staff", "guess", "203.0.113.66").status_code == 200
    assert _login(attacker, "staff", "guess", "203.0.113.66").status_code == 429
    locked = _login(attacker, "staff", "right-password-1", "203.0.113.66")
    assert locked.status_code == 429
    # The real user, from their own address, still gets in.
    real = _login(Client(), "staff", "right-password-1", "198.51.100.10")
    assert real.status_code == 302 and real["Location"] == "/admin/"
    # Another account from the attacker's address is not locked either.
    assert _login(Client(), "other", "right-password-2", "203.0.113.66").status_code == 302


def test_many_accounts_tried_from_one_address_lock_that_address_at_a_higher_limit(settings):
    users = get_user_model()
    users.objects.create_superuser("staff", "", "right-password-1")
    limit = 20  # ADMIN_ADDRESS_FAILURE_LIMIT's default, above the pair's 5
    for n in range(limit - 1):  # a different account each time: no pair reaches its limit
        assert _login(Client(), f"guess-{n}", "guess", "203.0.113.66").status_code == 200
    assert _login(Client(), "staff", "right-password-1", "198.51.100.10").status_code == 302
    assert _login(Client(), "guess-last", "guess", "203.0.113.66").status_code == 429
    # Now nothing gets in from that address, not even a right password.
    assert _login(Client(), "staff", "right-password-1", "203.0.113.66").status_code == 429
    assert _login(Client(), "staff", "right-password-1", "198.51.100.10").status_code == 302
