"""What search engines and link previews read of a help-site page: JSON-LD and OpenGraph.

Each page view hands its template `seo`, made by `page_seo`: the title and description that
OpenGraph and Twitter cards show, the OpenGraph type, and the page's structured data (schema.org,
as JSON-LD). site/base.html writes them into the head. Every page gets a BreadcrumbList; the home
page adds WebSite with a SearchAction, FAQ pages FAQPage, guides HowTo with their steps.

The JSON-LD is data in a `<script type="application/ld+json">`: browsers never run it, so the
help site's CSP (script-src 'self') neither blocks nor reports it and the element needs no nonce,
which keeps the pages free of a per-response value and so cacheable as a whole.
"""

import json
from collections.abc import Iterable

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from simhelp.content import Answer, Entry
from simhelp.context_processors import HREFLANG, absolute_url
from simhelp.markdown import markdown_to_text

SCHEMA = "https://schema.org"
SITE_NAME = "SimHelp"
# Characters that could end the script element or open a comment in it, as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

Trail = Iterable[tuple[str, str]]  # (name, path) of each page above this one, home excluded


def json_ld(items: Iterable[dict]) -> SafeString:
    """Schema.org items as one JSON array, safe to write inside a script element."""
    data = [{"@context": SCHEMA, **item} for item in items]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # escaped just above


def breadcrumbs(request, trail: Trail) -> dict:
    """The path to the page, from the help home page, with absolute URLs."""
    crumbs = [(_("Help"), reverse("site:home")), *trail]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute_url(request, path)}
            for n, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def website(request, language: str) -> dict:
    """The site and how to search it: what lets a search engine offer a search box for it."""
    search = absolute_url(request, reverse("site:search"))
    return {
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": absolute_url(request, reverse("site:home")),
        "inLanguage": HREFLANG.get(language, language),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def faq_page(entry: Entry, answer: Answer) -> dict:
    """One question and its answer, as shown (plain text, in the language shown)."""
    return {
        "@type": "FAQPage",
        "inLanguage": HREFLANG.get(answer.language, answer.language),
        "mainEntity": [
            {
                "@type": "Question",
                "name": answer.title,
                "acceptedAnswer": {"@type": "Answer", "text": answer.text},
            }
        ],
    }


def how_to(entry: Entry, answer: Answer) -> dict | None:
    """A guide and its steps in order; None for a guide without steps (HowTo requires them)."""
    if not entry.steps:
        return None
    language = answer.language
    return {
        "@type": "HowTo",
        "name": answer.title,
        "inLanguage": HREFLANG.get(language, language),
        "step": [
            {
                "@type": "HowToStep",
                "position": n,
                "name": entry.pick(step.title, language),
                "text": markdown_to_text(entry.pick(step.body, language))
                or entry.pick(step.title, language),
            }
            for n, step in enumerate(entry.steps, start=1)
        ],
    }


# The structured data an item's page adds to its breadcrumbs, by content type.
ITEM_DATA = {"faq": faq_page, "guide": how_to}


def page_seo(
    request,
    *,
    title: str = "",
    description: str = "",
    og_type: str = "website",
    trail: Trail = (),
    data: Iterable[dict | None] = (),
) -> dict:
    """The `seo` context of a page: empty title or description mean the site's own."""
    items = [item for item in data if item]
    return {
        "title": title,
        "description": description,
        "og_type": og_type,
        "json_ld": json_ld([*items, breadcrumbs(request, trail)]),
    }


def item_seo(request, *, entry: Entry, answer: Answer, category: dict | None, description: str):
    """`page_seo` of an item's page (FAQ, guide, troubleshooter)."""
    trail = []
    if category:
        trail.append((category["name"], reverse("site:category", args=[category["slug"]])))
    make = ITEM_DATA.get(entry.type)
    return page_seo(
        request,
        title=answer.title,
        description=description,
        og_type="article",
        trail=[*trail, (answer.title, answer.url)],
        data=[make(entry, answer) if make else None],
    )
