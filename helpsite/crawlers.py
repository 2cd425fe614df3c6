"""What crawlers are told of the help site: /sitemap.xml and /robots.txt.

The sitemap lists the pages the help site serves, from the same in-memory snapshot it serves
them from (so drafts never appear, and it keeps answering while the database is down): the
home page, every category and every published item of each content type, each in every
language with its hreflang alternates (and x-default: the zh-hans page, as the pages' own
heads say) and `lastmod` from the item's last change. A category's lastmod is that of its
latest item, the home page's that of the latest item anywhere. Sitemaps hold at most
`SiteSitemap.limit` URLs each: past that, /sitemap.xml is an index of one sitemap per section
(/sitemap-<section>.xml, paged with ?p=).
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

from assistant.index import index
from simhelp.content import Entry, item_url
from simhelp.content_types import content_types
from simhelp.context_processors import HREFLANG, absolute_url


class SiteSitemap(Sitemap):
    """A section of the help site's sitemap, in every language, on the configured SITE_URL."""

    i18n = True
    alternates = True

    def __init__(self) -> None:
        self.snapshot = index.snapshot()

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's URLs with hreflang codes as the pages write them (zh-Hans) and x-default."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            defaults = []
            for alternate in url["alternates"]:
                code = alternate["lang_code"]
                alternate["lang_code"] = HREFLANG.get(code, code)
                if code == settings.LANGUAGE_CODE:
                    defaults.append({"location": alternate["location"], "lang_code": "x-default"})
            url["alternates"] += defaults
        return urls

    def latest_change(self, entries) -> datetime | None:
        return max((e.changed_at for e in entries if e.changed_at), default=None)


class HomeSitemap(SiteSitemap):
    def items(self):
        return ["home"]

    def location(self, item):
        return reverse("site:home")

    def lastmod(self, item):
        return self.latest_change(self.snapshot.entries.values())


class CategorySitemap(SiteSitemap):
    def items(self):
        return list(self.snapshot.categories)

    def location(self, item):
        return reverse("site:category", kwargs={"slug": item})

    def lastmod(self, item):
        return self.latest_change(e for e in self.snapshot.entries.values() if e.category == item)


class ItemSitemap(SiteSitemap):
    """The published items of one content type."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def items(self) -> list[Entry]:
        entries = (e for e in self.snapshot.entries.values() if e.type == self.kind)
        return sorted(entries, key=lambda e: (e.category, e.order, e.slug))

    def location(self, item: Entry):
        return item_url(key=item.key, language=translation.get_language())

    def lastmod(self, item: Entry):
        return item.changed_at


def sections() -> dict[str, SiteSitemap]:
    """Every section of the sitemap by name: home, categories, then each content type's."""
    items = {kind: ItemSitemap(kind) for kind in content_types()}
    return {"home": HomeSitemap(), "categories": CategorySitemap(), **items}


def sitemap(request):
    """/sitemap.xml: every page in one sitemap while it fits in one, else an index of them."""
    maps = sections()
    if sum(section.paginator.count for section in maps.values()) <= SiteSitemap.limit:
        return sitemap_views.sitemap(request, sitemaps=maps)
    entries = []
    for name, section in maps.items():
        location = absolute_url(request, reverse("sitemap-section", kwargs={"section": name}))
        lastmod = section.get_latest_lastmod()
        for page in section.paginator.page_range:
            suffix = f"?p={page}" if page > 1 else ""
            entries.append(sitemap_views.SitemapIndexItem(location + suffix, lastmod))
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def sitemap_section(request, section: str):
    """/sitemap-<section>.xml: one section of a sitemap index (?p= for its later pages)."""
    return sitemap_views.sitemap(request, sitemaps=sections(), section=section)


def robots_txt(request):
    """/robots.txt: the help site open to crawlers; the admin, the API, the widget's frame,
    search results and vote forms closed; where the sitemap is."""
    closed = ["/admin/", "/api/", reverse("widget:frame")]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            closed += [reverse("site:search"), reverse("site:feedback")]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in closed),
        "Allow: /",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
