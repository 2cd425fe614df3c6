"""The API's per-client rate limits on the help site's search and votes, and the refusal page.

Site and API share one budget per client: a search on the site counts against the same read
limit (`API_READ_RATE`) as one through the API, a vote against the same write limit
(`API_WRITE_RATE`), so moving from one to the other buys nothing.
"""

import math

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


def invalid(request, *, fields: dict[str, list[str]], wants_json: bool = False):
    """400 for a form whose input breaks the rules: the error shape, or a page naming them."""
    message = _("This vote could not be recorded.")
    if wants_json:
        return JsonResponse(
            {"error": {"code": "invalid", "message": message, "fields": fields}}, status=400
        )
    return TemplateResponse(
        request,
        "site/refused.html",
        {
            "title": message,
            "message": "; ".join(m for messages in fields.values() for m in messages),
        },
        status=400,
    )
