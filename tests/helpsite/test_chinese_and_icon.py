"""The Chinese interface addresses the reader one way (您, as the content does) with
full-width punctuation, and every page links an icon that is served, not a 404."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db
PO = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
DEMO = Path(settings.BASE_DIR) / "fixtures" / "demo"


def _chinese_texts(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "zh-hans" and isinstance(item, str):
                yield item
            else:
                yield from _chinese_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _chinese_texts(item)


def test_the_interface_and_the_content_both_say_您():
    interface = re.findall(r'^msgstr "(.*)"$', PO.read_text(encoding="utf-8"), re.MULTILINE)
    content = [
        text
        for path in DEMO.glob("*.json")
        for text in _chinese_texts(json.loads(path.read_text(encoding="utf-8")))
    ]
    assert any("您" in text for text in interface) and any("您" in text for text in content)
    assert not [text for text in interface + content if "你" in text]


def test_a_chinese_solution_step_uses_a_full_width_colon(client, demo_content):
    url = "/zh-hans/troubleshoot/payment-failed/"
    while option := re.search(
        r'<a class="option" href="([^"]+)"', client.get(url).content.decode()
    ):
        url = option[1]
    heading = re.search(r'<h2 id="step-title">([^<]+)</h2>', client.get(url).content.decode())[1]
    assert heading.startswith("试试这样做：") and ": " not in heading


@pytest.mark.parametrize(
    ("path", "kind"), [("/favicon.ico", "image/x-icon"), ("/favicon.svg", "image/svg+xml")]
)
def test_the_icon_is_served_with_long_cache_headers(client, path, kind):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == kind
    assert "public" in response["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"])[1])
    assert max_age >= 7 * 24 * 3600
    assert response.content.startswith(b"\x00\x00\x01\x00" if path.endswith("ico") else b"<svg")


@pytest.mark.parametrize("url", ["/en/", "/ru/search/?q=sim", "/zh-hans/no-such-page/"])
def test_every_page_links_the_icon(client, demo_content, url):
    html = client.get(url).content.decode()
    assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/favicon.ico"' in html
