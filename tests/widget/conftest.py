"""Fixtures for the widget tests: a clean origins cache, and for the browser tests, host pages
served from other origins than SimHelp's live server."""

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.core.cache import cache

from tests.e2e import conftest as e2e
from tests.e2e.conftest import axe_source, site  # noqa: F401 (the shared browser fixtures)
from tests.widget.browser import Recorder
from widget.selectors import ORIGINS_CACHE_KEY


class _BrowserTracker:
    """Remembers the Chromium the e2e tests start (a global plugin: it sees their fixtures)."""

    browser = None

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef, request):
        value = yield
        if fixturedef.argname == "browser" and fixturedef.scope == "session":
            self.browser = value
        return value


_tracker = _BrowserTracker()


def pytest_configure(config):
    if not config.pluginmanager.is_registered(_tracker):
        config.pluginmanager.register(_tracker, "simhelp-widget-browser-tracker")


@pytest.fixture(scope="module")
def browser():
    """The e2e tests' Chromium when they already started it in this session, else our own.

    Playwright's sync API allows one instance per process, and a fixture imported into two
    conftests is two fixtures: importing `browser` would start a second Playwright when the
    whole suite runs. Ours lives for this module only, so e2e tests that run after it can still
    start theirs. (With `browser` in tests/conftest.py this would be unnecessary.)
    """
    shared = _tracker.browser
    if shared is not None and shared.is_connected():
        yield shared
        return
    from playwright.sync_api import sync_playwright

    if not (shutil.which(e2e.CHROMIUM) or Path(e2e.CHROMIUM).exists()):
        pytest.skip(f"Chromium not found at {e2e.CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        own = playwright.chromium.launch(
            executable_path=e2e.CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield own
        own.close()


@pytest.fixture
def simhelp(site, monkeypatch):  # noqa: F811 (site is the e2e fixture)
    """The live server with the demo content, its search index already built, and the API
    throttles as configured, with no history left by earlier tests (every browser test is the
    same client)."""
    from django.conf import settings
    from rest_framework.throttling import AnonRateThrottle

    # An earlier test may have left lower rates on the class (they are read once from settings).
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    cache.clear()
    urlopen(f"{site}/api/v1/ask/?q=warm+up&lang=en").read()
    return site


@pytest.fixture(autouse=True)
def _no_cached_origins():
    """Each test reads the embedding origins of its own database."""
    cache.delete(ORIGINS_CACHE_KEY)
    yield
    cache.delete(ORIGINS_CACHE_KEY)


class HostServer:
    """A tiny web server on 127.0.0.1 (another origin than the live server on localhost)
    serving the pages a test registers, with the headers it asks for."""

    def __init__(self):
        self.pages: dict[str, tuple[str, dict[str, str]]] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body, headers = pages.get(self.path.split("?")[0], ("not found", {}))
                data = body.encode()
                self.send_response(200 if self.path.split("?")[0] in pages else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def page(self, path: str, html: str, headers: dict[str, str] | None = None) -> str:
        self.pages[path] = (html, headers or {})
        return self.origin + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def hosts():
    """Start host servers on demand: `hosts()` returns a new one (a new origin)."""
    started = []

    def start() -> HostServer:
        started.append(HostServer())
        return started[-1]

    yield start
    for server in started:
        server.close()


@pytest.fixture
def recorder(browser):
    made = []

    def make(**options) -> Recorder:
        made.append(Recorder(browser, **options))
        return made[-1]

    yield make
    for recording in made:
        recording.context.close()
