"""Optional TOTP for staff: a user with a device needs its code; one without logs in as before."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db
PASSWORD = "right-password-1"


@pytest.fixture
def staff():
    return get_user_model().objects.create_superuser("staff", "", PASSWORD)


def login(**fields):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "staff", "password": PASSWORD, **fields}
    )
    return client, response


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def test_staff_without_a_device_log_in_with_the_password_alone(staff):
    client, response = login()
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_with_a_device_need_its_current_code(staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    _, without = login()
    assert without.status_code == 200 and "/admin/" not in without.get("Location", "")
    _, wrong = login(otp_token="000000" if code(device) != "000000" else "111111")
    assert wrong.status_code == 200
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code delays the next try; a reader would wait a second
    client, right = login(otp_token=code(device))
    assert right.status_code == 302, right.context["form"].errors
    assert client.get("/admin/").status_code == 200


def test_a_session_that_skipped_the_code_does_not_reach_the_admin(staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client = Client()
    client.force_login(staff)  # the password alone, as a session before this change had
    assert client.get("/admin/").status_code == 302
