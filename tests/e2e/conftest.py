"""Browser tests: a real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

axe-core comes from the npm registry (`make e2e-deps` puts it under var/e2e/). Without
Chromium these tests are skipped with a reason, so a laptop without it still runs the rest;
CI installs it.
"""

import os
import shutil
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from insights.counters import counters_flush
from insights.models import DialTap

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "var" / "e2e" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the demo content loaded."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    call_command("load_demo", verbosity=0)
    return live_server.url


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make e2e-deps)")
    return AXE.read_text(encoding="utf-8")


STAFF_USERNAME = "editor"
STAFF_PASSWORD = "a-long-local-password"


def collect_csp_errors(page) -> list[str]:
    """Keep the page's Content-Security-Policy console messages in `page.csp_errors` (returned)."""
    page.csp_errors = []
    page.on(
        "console",
        lambda m: page.csp_errors.append(m.text) if "Content Security" in m.text else None,
    )
    return page.csp_errors


def sign_in_staff(browser, site: str, *, width: int = 1280, **options):
    """A new context's page signed in to the admin as superuser "editor", with its CSP errors
    collected from the log-in page on (`page.csp_errors`); close it with `page.context.close()`.

    The user is created or reset, so a test may sign in more than once. `width` is the
    viewport's (900 px high); `options` go to `browser.new_context` (locale, accept_downloads…).
    """
    user, _created = get_user_model().objects.get_or_create(username=STAFF_USERNAME)
    user.is_staff = user.is_superuser = True
    user.set_password(STAFF_PASSWORD)
    user.save()
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    collect_csp_errors(page)
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", STAFF_USERNAME)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
    return page


@pytest.fixture
def staff_page(site, browser):
    """A staff member's page in the admin: 1280 px wide, en-GB, downloads accepted."""
    page = sign_in_staff(browser, site, accept_downloads=True, locale="en-GB")
    yield page
    page.context.close()


def serious_violations(page, axe_source: str, within: str | None = None) -> list[str]:
    """axe-core's serious and critical findings on the page (or the element `within` selects)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "async (within) => await axe.run(within ? document.querySelector(within) : document,"
        " {resultTypes: ['violations']})",
        within,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def flushed_dial_tap():
    """The one DialTap a beacon sent, once the counters' batch holding it has been written."""
    for _ in range(50):
        counters_flush()
        if DialTap.objects.exists():
            break
        time.sleep(0.1)
    return DialTap.objects.get()


def save_screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot of the page under var/screenshots/ for review; returns its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / name
    page.screenshot(path=str(target), full_page=full_page)
    return target
