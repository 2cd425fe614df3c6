"""Project middleware: per-area Content-Security-Policy, site pages' caching, and answers while
the database is away."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
LOOSER_CSP_PREFIXES = ("/admin/", "/api/v1/docs/")


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's CSP, with the admin's and API docs' looser policy for their own paths."""

    def process_response(self, request, response):
        if request.path.startswith(LOOSER_CSP_PREFIXES) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP_ADMIN
        return super().process_response(request, response)


SITE_PAGE_MAX_AGE = 60


class SitePageCacheMiddleware:
    """An explicit Cache-Control on every help-site page, for browsers and caching proxies.

    Pages are public for a minute (a CDN may keep them that long; a browser revalidates with
    the page's ETag, see `helpsite.pages`); errors and refusals are not stored. A page that
    carries a CSRF token would be the reader's own (`private, no-cache`), since a shared copy
    would hand one reader's token to everyone: none does today, as the vote form needs none.
    Views that set their own header keep it. Listed after CsrfViewMiddleware, so it sees
    whether the page asked for a token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None or "site" not in match.namespaces or response.has_header("Cache-Control"):
            return response
        if request.method not in ("GET", "HEAD") or response.status_code not in (200, 304):
            response["Cache-Control"] = "no-store"
        elif request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            response["Cache-Control"] = "private, no-cache"
        else:
            response["Cache-Control"] = f"public, max-age={SITE_PAGE_MAX_AGE}"
        return response


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, say so instead of failing with a traceback.

    Search, ask and the pages served from the in-memory snapshot never get here; what needs
    the database (votes, content lists, the admin) answers 503 with Retry-After: JSON under
    /api/, a friendly page elsewhere. Nothing is cached about the outage, so the next request
    after the database returns works again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Connection trouble only; a bug in a query (ProgrammingError, ...) stays a 500.
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable for %s: %s", request.path, exception)
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {
                    "error": {
                        "code": "unavailable",
                        "message": "The service is briefly unavailable; please retry.",
                        "fields": {},
                    }
                },
                status=503,
            )
        else:
            response = TemplateResponse(request, "503.html", status=503).render()
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
