"""Project-level views that belong to no app."""

from functools import cache
from pathlib import Path

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

ICONS = {"favicon.ico": "image/x-icon", "favicon.svg": "image/svg+xml"}
ICON_MAX_AGE = 30 * 24 * 3600  # a month: browsers ask for it on every site, it rarely changes


def health(request):
    """Liveness for load balancers; touches no database. Also the load test's floor."""
    return JsonResponse({"status": "ok"})


@cache
def _icon(name: str) -> bytes:
    return (Path(__file__).parent / "static" / "simhelp" / name).read_bytes()


@require_safe
def icon(request, name: str):
    """The site icon at the address browsers ask for (/favicon.ico) and as SVG, from memory,
    cacheable for a month."""
    response = HttpResponse(_icon(name), content_type=ICONS[name])
    response["Cache-Control"] = f"public, max-age={ICON_MAX_AGE}"
    return response
