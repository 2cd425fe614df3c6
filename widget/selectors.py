"""Reads for the widget: a site by its key, and the origins allowed to call the API."""

import re

from corsheaders.conf import conf as cors_conf
from django.core.cache import cache
from django.db import transaction

from widget.models import EmbedSite

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
ORIGINS_CACHE_KEY = "widget:embed-origins"
# With a per-process cache (locmem), another process sees an edit within this many seconds.
ORIGINS_CACHE_SECONDS = 60


def embed_site_for_key(*, key: str) -> EmbedSite | None:
    """The active site with this public key, or None."""
    if not KEY_PATTERN.match(key or ""):
        return None
    return EmbedSite.objects.filter(public_key=key, active=True).first()


def embed_origins() -> frozenset[str]:
    """Every allowed origin of every active site (cached)."""
    origins = cache.get(ORIGINS_CACHE_KEY)
    if origins is None:
        origins = frozenset(
            origin
            for site in EmbedSite.objects.filter(active=True).only("allowed_origins")
            for origin in site.origins
        )
        cache.set(ORIGINS_CACHE_KEY, origins, timeout=ORIGINS_CACHE_SECONDS)
    return origins


def embed_origins_forget(**kwargs) -> None:
    """Signal handler: an embedding site changed, so the cached origins are stale."""
    cache.delete(ORIGINS_CACHE_KEY)
    # Again after commit: a request between the delete and the commit may have cached the old set.
    transaction.on_commit(lambda: cache.delete(ORIGINS_CACHE_KEY))


def cors_allows_embed_origin(sender, request, **kwargs) -> bool:
    """django-cors-headers' `check_request_enabled` handler: an embedding site's origin may call
    the API from a browser.

    The middleware also asks this signal whether CORS applies to a path at all, so the answer
    is True only under CORS_URLS_REGEX (/api/): an embedding origin gains nothing elsewhere.
    """
    origin = request.headers.get("Origin")
    if not origin or not re.match(cors_conf.CORS_URLS_REGEX, request.path_info):
        return False
    return origin in embed_origins()
