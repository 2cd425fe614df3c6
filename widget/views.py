"""The widget's two public URLs: the loader script (`/widget.js`) and the answer frame."""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from simhelp.api import etag_matches, strong_etag
from widget.frame import frame_config, frame_language, frame_policy, not_found_policy
from widget.loads import frame_load_record, request_origin
from widget.selectors import embed_site_for_key

LOADER_PATH = Path(__file__).resolve().parent / "static" / "widget" / "loader.js"
LOADER_MAX_AGE = 3600


@lru_cache(maxsize=1)
def _loader_cached() -> tuple[bytes, str]:
    return _loader_read()


def _loader_read() -> tuple[bytes, str]:
    body = LOADER_PATH.read_bytes()
    return body, strong_etag(body)


@require_safe
def loader(request):
    """The loader script: cacheable for an hour, revalidated by its ETag."""
    body, etag = _loader_read() if settings.DEBUG else _loader_cached()
    if etag_matches(request, etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={LOADER_MAX_AGE}"
    # Any site may load it, also with crossorigin="anonymous" or under COEP.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_safe
@xframe_options_exempt  # framing is governed by the CSP frame-ancestors of each site
def frame(request):
    """The answer frame for one embedding site; only that site's origins may frame it."""
    site = embed_site_for_key(key=request.GET.get("site", ""))
    if site is None:
        return _frame_not_found(request)
    origin = request_origin(
        referer=request.headers.get("Referer", ""),
        page=request.GET.get("page", ""),
        own=f"{request.scheme}://{request.get_host()}",
    )
    frame_load_record(site=site, origin=origin)  # the admin's install check
    language = frame_language(site=site, requested=request.GET.get("lang", ""))
    with translation.override(language):
        config = frame_config(site=site, params=request.GET, language=language)
        response = render(request, "widget/frame.html", {"config": config, "html_lang": language})
    policy = frame_policy(origins=site.origins)
    response["Content-Language"] = language
    response["Cache-Control"] = "no-cache"  # revalidate: the allowed origins may have changed
    response["ETag"] = strong_etag(response.content + policy.encode())
    response = get_conditional_response(request, etag=response["ETag"], response=response)
    # On the 304 too: a browser updates its cached headers from it, and the site-wide policy
    # (frame-ancestors 'none') must not replace the frame's.
    response["Content-Security-Policy"] = policy
    return response


def _frame_not_found(request):
    response = render(request, "widget/frame_404.html", status=404)
    response["Content-Security-Policy"] = not_found_policy()
    response["X-Frame-Options"] = "DENY"
    response["Cache-Control"] = "no-store"
    return response
