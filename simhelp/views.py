"""Project-level views that belong to no app."""

import re
from functools import cache
from pathlib import Path

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from simhelp.imaging import CONTENT_TYPES

ICONS = {"favicon.ico": "image/x-icon", "favicon.svg": "image/svg+xml"}
ICON_MAX_AGE = 30 * 24 * 3600  # a month: browsers ask for it on every site, it rarely changes


def health(request):
    """Liveness for load balancers; touches no database. Also the load test's floor."""
    return JsonResponse({"status": "ok"})


# The only files /media/ serves: the image library's originals and variants, whose names
# carry the checksum of their content, so a name never changes what it holds.
MEDIA_NAME = re.compile(r"^images/[a-z0-9-]+/[0-9a-f]{12}/(?:original|[0-9]+)\.(png|jpg|webp)$")


def media(request, name: str):
    """A stored picture from the default storage, cacheable for a year; 404 for any other
    name (no folder listing, no other file type, nothing outside the library)."""
    match = MEDIA_NAME.match(name)
    if not match or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name), content_type=CONTENT_TYPES[match[1]])
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


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
