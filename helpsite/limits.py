"""The API's per-client rate limits on the help site's search and votes, where a vote may come
from, and the refusal page.

Site and API share one budget per client: a search on the site counts against the same read
limit (`API_READ_RATE`) as one through the API, a vote against the same write limit
(`API_WRITE_RATE`), so moving from one to the other buys nothing.
"""

import math

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from simhelp.api import CountingThrottle


def wait_before_allowed(request, *, throttle_class: type[CountingThrottle]) -> int | None:
    """Seconds this client must wait when over its limit; None (and counted) when allowed."""
    throttle = throttle_class()
    if throttle.allow_request(request, view=None):
        return None
    return max(math.ceil(throttle.wait() or 0), 1)


def from_another_site(request) -> bool:
    """Whether the browser says this post was sent by another site's page.

    Browsers name where a request comes from: `Sec-Fetch-Site` (Fetch Metadata), else `Origin`
    on every cross-site POST. A vote carries no one's authority (it is anonymous and counts
    once per client, item and day, exactly as the API takes it), so the site's vote form needs
    no CSRF token, and its pages can be cached whole; this check still stops another site from
    making its visitors' browsers vote. A post naming neither header is no browser's
    cross-site post, and is taken like an API vote.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if not origin:
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


def refused(request, *, wait: int, wants_json: bool = False):
    """429 with Retry-After: the API's error shape for scripts, a short page for readers."""
    message = _("Too many requests from your address. Please try again in %(seconds)d s.") % {
        "seconds": wait
    }
    if wants_json:
        response = JsonResponse(
            {"error": {"code": "throttled", "message": message, "fields": {}}}, status=429
        )
    else:
        response = TemplateResponse(
            request,
            "site/refused.html",
            {"title": _("Please slow down"), "message": message},
            status=429,
        )
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"
    return response


def invalid(
    request,
    *,
    fields: dict[str, list[str]],
    wants_json: bool = False,
    status: int = 400,
    code: str = "invalid",
):
    """400 for a form whose input breaks the rules (403 for a vote sent from another site): the
    error shape, or a page naming them."""
    message = _("This vote could not be recorded.")
    if wants_json:
        return JsonResponse(
            {"error": {"code": code, "message": message, "fields": fields}}, status=status
        )
    return TemplateResponse(
        request,
        "site/refused.html",
        {
            "title": message,
            "message": "; ".join(m for messages in fields.values() for m in messages),
        },
        status=status,
    )
