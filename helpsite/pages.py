"""Help-site pages kept rendered, per address, language and content version; ETags and 304s.

An FAQ, guide, category or troubleshooter page depends on nothing but its URL and the content,
so a rendered page is kept in the "pages" cache (`SITE_PAGE_CACHE_SECONDS`; its own, so pages
never push rate-limit counts out) under a key made of the content version it was rendered from
and the page's full address. Pages read the version as the
search index does (`simhelp.versioning.content_version_current`): an edit in the admin bumps it,
the process that saved the edit knows the new version at once, and every other process within
`SEARCH_VERSION_CHECK_SECONDS`; from then on the page is rendered anew. A kept page is never
served after its process knows the content changed, and an old version's pages are simply never
asked for again and expire. (Reading the version from the database on every page request was
tried: it cost more than rendering from the cache and kept the FAQ page near 40 % of the
/healthz floor.)

The ETag is made of the same parts, so a browser or CDN holding the page revalidates it with
`If-None-Match` and gets `304 Not Modified` until the content changes.

What a request for a page records (a view of the item, a step of a troubleshooter walk) is not
part of the HTML: the view returns it as the response's `page_facts`, kept beside the HTML, and
`record` replays it on every request, served from the cache or not, so counting is unchanged.

Only addresses a page understands are kept: no query, or `carrier` / `card_type` naming a known
one and `voted` with one of its three values, each at most once. Anything else is rendered and
served as before but not stored, so made-up query strings cannot fill the cache.
"""

from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation

from assistant.index import index
from insights.counters import item_page_viewed
from simhelp import signals
from simhelp.api import etag_matches, strong_etag

VOTED = frozenset({"yes", "no", "commented"})


@dataclass(frozen=True)
class Page:
    """A rendered page as kept in the cache, with what serving it records."""

    content: bytes
    content_type: str
    facts: dict = field(default_factory=dict)


def record(request, facts: dict) -> None:
    """Count what serving the page means: a view of its item, a step of a walk."""
    if viewed := facts.get("viewed"):
        item_page_viewed(request=request, key=viewed["key"], node=viewed.get("node"))
    if walked := facts.get("walked"):
        signals.walked.send(sender=record, **walked)


def _keepable(request, vocabulary) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    for name, values in request.GET.lists():
        if len(values) != 1:
            return False
        value = values[0]
        if name == "voted":
            if value not in VOTED:
                return False
        elif name in ("carrier", "card_type"):
            if value not in vocabulary.get(name, ()):
                return False
        else:
            return False
    return True


def _tag(request, version: int) -> str:
    return strong_etag(
        "|".join(
            (
                str(version),
                request.scheme,
                request.get_host(),
                translation.get_language(),
                request.get_full_path(),
            )
        )
    )


def _respond(request, page: Page, tag: str) -> HttpResponse:
    if etag_matches(request, tag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(page.content, content_type=page.content_type)
    response["ETag"] = tag
    return response


def cached_page(view):
    """Serve `view`'s 200 pages from the cache when the content has not changed since.

    The view returns its response with `page_facts` (see `record`); a page it answers with
    anything but 200 (a 404, a redirect) is served as it is and never kept.
    """

    @wraps(view)
    def serve(request, *args, **kwargs):
        snapshot = index.snapshot()
        keep = _keepable(request, snapshot.vocabulary)
        tag = _tag(request, snapshot.version)
        key = f"site-page:{tag.strip(chr(34))}"
        page = caches["pages"].get(key) if keep else None
        if page is None:
            response = view(request, *args, **kwargs)
            facts = getattr(response, "page_facts", {})
            if response.status_code != 200:
                record(request, facts)
                return response
            if hasattr(response, "render"):
                response.render()
            page = Page(
                content=response.content, content_type=response["Content-Type"], facts=facts
            )
            if keep:
                caches["pages"].set(key, page, timeout=settings.SITE_PAGE_CACHE_SECONDS)
        record(request, page.facts)
        return _respond(request, page, tag)

    return serve
