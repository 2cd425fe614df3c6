"""/sitemap.xml and /robots.txt as a crawler reads them (helpsite/crawlers.py)."""

import datetime as dt
import urllib.robotparser
import xml.etree.ElementTree as ET
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from faq.models import Category, Faq, Status
from guides.models import Guide, Troubleshooter
from helpsite.crawlers import SiteSitemap
from tests.builders import make_category, make_faq, make_guide

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGS = ("zh-hans", "en", "ru")
HREFLANGS = {"zh-hans": "zh-Hans", "en": "en", "ru": "ru"}
BASE = "http://testserver"


def read_sitemap(client, path: str = "/sitemap.xml") -> dict[str, dict]:
    """Each <url> of a sitemap by location: its lastmod and its alternates (hreflang → href)."""
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    urls = {}
    for url in root.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc not in urls, f"{loc} listed twice"
        links = url.findall("xhtml:link", NS)
        assert all(link.get("rel") == "alternate" for link in links)
        urls[loc] = {
            "lastmod": url.findtext("sm:lastmod", namespaces=NS),
            "alternates": {link.get("hreflang"): link.get("href") for link in links},
        }
    return urls


def expected_pages() -> set[str]:
    """Every page the help site should list, from the database: published items only."""
    paths = ["/{lang}/"]
    categories = Category.objects.values_list("slug", flat=True)
    paths += [f"/{{lang}}/categories/{slug}/" for slug in categories]
    for model, prefix in ((Faq, "faq"), (Guide, "guides"), (Troubleshooter, "troubleshoot")):
        slugs = model.objects.filter(status=Status.PUBLISHED).values_list("slug", flat=True)
        paths += [f"/{{lang}}/{prefix}/{slug}/" for slug in slugs]
    return {BASE + path.format(lang=lang) for path in paths for lang in LANGS}


def test_the_sitemap_lists_every_published_page_in_three_languages(client, demo_content):
    make_faq(slug="still-a-draft", status=Status.DRAFT)
    urls = read_sitemap(client)
    assert set(urls) == expected_pages()
    assert len(urls) > 3 * 50  # the demo catalogue: a real list, not an empty one
    assert not [loc for loc in urls if "still-a-draft" in loc]
    for loc in urls:
        assert client.get(urlsplit(loc).path).status_code == 200, loc


def test_hreflang_alternates_are_complete_and_reciprocal(client, demo_content):
    urls = read_sitemap(client)
    for loc, url in urls.items():
        alternates = url["alternates"]
        assert set(alternates) == {"zh-Hans", "en", "ru", "x-default"}, loc
        language = urlsplit(loc).path.split("/")[1]
        assert alternates[HREFLANGS[language]] == loc  # each page names itself
        assert alternates["x-default"] == alternates["zh-Hans"]
        for href in alternates.values():
            assert urls[href]["alternates"] == alternates, f"{href} does not point back to {loc}"


def test_the_alternates_match_the_pages_own_hreflang_links(client, demo_content):
    urls = read_sitemap(client)
    loc = f"{BASE}/ru/faq/foreign-card-declined/"
    html = client.get(urlsplit(loc).path).content.decode()
    for hreflang, href in urls[loc]["alternates"].items():
        assert f'<link rel="alternate" hreflang="{hreflang}" href="{href}">' in html


def test_a_draft_appears_once_published_and_goes_when_unpublished(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        faq = make_faq(slug="soon", status=Status.DRAFT)
    assert not [loc for loc in read_sitemap(client) if "/faq/soon/" in loc]
    with django_capture_on_commit_callbacks(execute=True):
        faq.status = Status.PUBLISHED
        faq.save()
    assert {f"{BASE}/{lang}/faq/soon/" for lang in LANGS} <= set(read_sitemap(client))
    with django_capture_on_commit_callbacks(execute=True):
        faq.status = Status.DRAFT
        faq.save()
    assert not [loc for loc in read_sitemap(client) if "/faq/soon/" in loc]


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T12:00:00+00:00")


def test_lastmod_is_the_last_change_of_the_content(client, db):
    category = make_category(slug="topic")
    old = make_faq(slug="old", category=category)
    guide = make_guide(slug="guide", category=category)
    other = make_faq(slug="elsewhere", category=make_category(slug="elsewhere"))
    stamps = ("updated_at", "source_changed_at", "en_translated_at", "ru_translated_at")
    Faq.objects.filter(pk=old.pk).update(**dict.fromkeys(stamps, _at("2024-03-05")))
    Faq.objects.filter(pk=other.pk).update(**dict.fromkeys(stamps, _at("2025-01-20")))
    Guide.objects.filter(pk=guide.pk).update(**dict.fromkeys(stamps, _at("2024-03-01")))
    # A step edited on its own changes the guide's page: it stamps the guide's Russian text.
    step = guide.steps.first()
    step.title_ru = "Новый заголовок шага"
    step.save()
    today = timezone.localdate().isoformat()
    urls = read_sitemap(client)
    for lang in LANGS:
        assert urls[f"{BASE}/{lang}/faq/old/"]["lastmod"] == "2024-03-05"
        assert urls[f"{BASE}/{lang}/faq/elsewhere/"]["lastmod"] == "2025-01-20"
        assert urls[f"{BASE}/{lang}/guides/guide/"]["lastmod"] == today
        assert urls[f"{BASE}/{lang}/categories/topic/"]["lastmod"] == today
        assert urls[f"{BASE}/{lang}/categories/elsewhere/"]["lastmod"] == "2025-01-20"
        assert urls[f"{BASE}/{lang}/"]["lastmod"] == today


def test_a_large_sitemap_becomes_an_index_of_smaller_ones(client, demo_content, monkeypatch):
    whole = read_sitemap(client)
    monkeypatch.setattr(SiteSitemap, "limit", 20)
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    parts = [s.findtext("sm:loc", namespaces=NS) for s in root.findall("sm:sitemap", NS)]
    assert len(parts) > len(whole) / 20 and all(p.startswith(f"{BASE}/sitemap-") for p in parts)
    listed = {}
    for part in parts:
        url = urlsplit(part)
        urls = read_sitemap(client, url.path + (f"?{url.query}" if url.query else ""))
        assert 0 < len(urls) <= 20
        listed.update(urls)
    assert listed == whole
    assert client.get("/sitemap-nope.xml").status_code == 404


def test_urls_use_the_configured_site_url(client, demo_content, settings):
    settings.SITE_URL = "https://help.example.org"
    urls = read_sitemap(client)
    assert all(loc.startswith("https://help.example.org/") for loc in urls)
    hrefs = {href for url in urls.values() for href in url["alternates"].values()}
    assert all(href.startswith("https://help.example.org/") for href in hrefs)
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://help.example.org/sitemap.xml" in robots.splitlines()


def test_robots_txt_opens_the_help_site_and_closes_the_rest(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(text.splitlines())
    for path in ("/en/", "/zh-hans/faq/reset-password/", "/ru/guides/renew-mts/", "/sitemap.xml"):
        assert parser.can_fetch("Googlebot", BASE + path), path
    closed = ["/admin/", "/admin/faq/faq/", "/api/v1/search/?q=sim", "/widget/frame/?lang=en"]
    closed += [f"/{lang}/search/?q=sim" for lang in LANGS] + [f"/{lang}/search/" for lang in LANGS]
    for path in closed:
        assert not parser.can_fetch("Googlebot", BASE + path), path
    assert parser.site_maps() == [f"{BASE}/sitemap.xml"]
    lines = text.splitlines()
    assert lines[0] == "User-agent: *" and "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines and "Disallow: /widget/frame/" in lines


def test_robots_and_sitemap_have_no_language_prefix(client, db):
    assert client.get("/en/robots.txt").status_code == 404
    assert client.get("/en/sitemap.xml").status_code == 404
    assert client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ru").status_code == 200


def test_sections_group_pages_by_kind(client, demo_content):
    pages = defaultdict(set)
    for loc in read_sitemap(client):
        parts = urlsplit(loc).path.strip("/").split("/")
        pages[parts[1] if len(parts) > 1 else "home"].add(parts[0])
    assert set(pages) == {"home", "categories", "faq", "guides", "troubleshoot"}
    assert all(languages == set(LANGS) for languages in pages.values())
