"""A site owner installing the widget, in a real Chromium: the snippet copied from the admin,
the install check fed by real frame loads, and a refused page explained in the console."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.widget.browser import embed_for, host_page, snippet
from widget.loads import frame_loads
from widget.models import FrameLoad

pytestmark = pytest.mark.e2e


def test_open_on_a_refused_origin_says_why_in_plain_words(simhelp, hosts, recorder):
    allowed, other = hosts(), hosts()
    shop = embed_for(allowed.origin)
    visit = recorder()
    page = visit.page
    with page.expect_console_message(lambda m: m.text.startswith("SimHelp widget"), timeout=20_000):
        page.goto(other.page("/", host_page(snippet(simhelp, shop.public_key))))
    with page.expect_console_message(lambda m: "SimHelp.open()" in m.text) as message:
        page.evaluate("SimHelp.open()")
    text = message.value.text
    assert f"its origin, {other.origin}, is not among the allowed origins" in text
    assert shop.public_key in text and "admin" in text
    assert page.locator("iframe").count() == 0

    frame_loads.flush()
    assert FrameLoad.objects.get(site=shop).origin == other.origin
    assert not FrameLoad.objects.get(site=shop).allowed


def test_the_admin_copies_the_snippet_and_shows_the_load(simhelp, hosts, recorder, client):
    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder()
    visit.page.goto(host.page("/", host_page(snippet(simhelp, shop.public_key))))
    expect(visit.page.get_by_role("button", name="Help")).to_be_visible()

    client.force_login(User.objects.create_superuser("owner", "o@example.com", "x" * 20))
    staff = recorder()
    staff.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": simhelp}]
    )
    staff.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=simhelp)
    admin = staff.page
    admin.goto(f"{simhelp}/admin/widget/embedsite/{shop.pk}/change/")
    admin.get_by_role("button", name="Copy the snippet").click()
    expect(admin.get_by_role("button", name="Copied")).to_be_visible()
    copied = admin.evaluate("navigator.clipboard.readText()")
    assert copied == admin.locator("#widget-snippet").input_value()
    assert f'data-site="{shop.public_key}"' in copied
    check = admin.locator("#install-check")
    expect(check.get_by_role("cell", name=host.origin)).to_be_visible()
    assert "not loaded yet" not in check.inner_text()
    assert staff.errors() == []
