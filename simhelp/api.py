"""What every JSON endpoint shares: language negotiation, one error shape, ETags, throttles.

Errors always look like `{"error": {"code", "message", "fields"}}`; read responses carry an
ETag derived from the content version, so a client's `If-None-Match` gets a 304 until staff
change something.
"""

import copy
import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.http import Http404, HttpResponseBase, JsonResponse
from django.utils import translation
from django.utils.http import parse_etags
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView, exception_handler

from simhelp.clients import client_address
from simhelp.versioning import content_version_current

# Sent by the widget's frame with its API requests, so the search log can tell it from the API.
WIDGET_HEADER = "X-SimHelp-Source"


def request_source(request) -> str:
    """Which interface an API request came from: "widget" (it says so in a header) or "api"."""
    return "widget" if request.headers.get(WIDGET_HEADER, "").strip().lower() == "widget" else "api"


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    """The API's error shape, for every error it answers (and the WSGI layer's 413)."""
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _flatten(detail) -> dict:
    """DRF's nested validation details as {field: [messages]}."""
    if isinstance(detail, dict):
        return {
            name: [str(m) for m in (value if isinstance(value, list) else [value])]
            for name, value in detail.items()
        }
    return {"non_field_errors": [str(m) for m in detail]} if isinstance(detail, list) else {}


def api_exception_handler(exc, context):
    """Every API error in the one JSON shape, with DRF's status codes and headers kept."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real bug: let Django report it as a 500
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        first = next(iter(fields.values()), ["Invalid input."])[0]
        response.data = error_body("invalid", first, fields)
    else:
        detail = getattr(exc, "detail", str(exc))
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = error_body(str(code), str(detail))
    return response


class RequestTooLarge(exceptions.APIException):
    """A body longer than the endpoint reads: 413, whatever it holds.

    Its size is the whole answer, so it is refused before it is parsed, and a well-formed body
    padded with fields the endpoint ignores is refused the same way as any other.
    """

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is too large."
    default_code = "too_large"


def refuse_longer_than(request, limit: int) -> None:
    """Raise `RequestTooLarge` when the request says its body is longer than `limit` bytes."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0  # gunicorn refuses a malformed Content-Length before Django sees it
    if length > limit:
        raise RequestTooLarge()


def json_error(request, *, status_code: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status_code)


class CountingThrottle(AnonRateThrottle):
    """A per-client rate limit that costs the same at any rate: two counters, not a log.

    DRF's own throttle keeps every request time of the last period in one cache value and
    rewrites it on each request, so its cost grows with the rate, and two processes sharing
    Redis can overwrite each other's list. Here each client has one counter per period,
    increased atomically (`cache.add` then `cache.incr`); the estimate of the last full period
    is this period's count plus the previous period's, weighted by how much of it is still
    inside the sliding period. Retry-After says when the estimate falls below the limit.
    """

    def get_ident(self, request) -> str:
        return client_address(request)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        period = int(self.now // self.duration)
        current, previous = f"{self.key}:{period}", f"{self.key}:{period - 1}"
        counts = self.cache.get_many([current, previous])
        now_count, before = counts.get(current, 0), counts.get(previous, 0)
        into = self.now - period * self.duration
        if now_count + before * (1 - into / self.duration) >= self.num_requests:
            self._wait = self._until_allowed(now_count, before, into)
            return False
        if not now_count and self.cache.add(current, 1, timeout=2 * self.duration):
            return True
        try:
            self.cache.incr(current)
        except ValueError:  # expired since it was read
            self.cache.set(current, 1, timeout=2 * self.duration)
        return True

    def _until_allowed(self, now_count: int, before: int, into: float) -> float:
        if now_count >= self.num_requests or not before:
            return self.duration - into
        # before * (1 - t / duration) + now_count < limit  <=>  t > duration * (1 - room / before)
        room = self.num_requests - now_count
        return max(self.duration * (1 - room / before) - into, 0) + 1

    def wait(self):
        return self._wait


class ReadThrottle(CountingThrottle):
    scope = "read"


class WriteThrottle(CountingThrottle):
    scope = "write"


class QuerySerializer(serializers.Serializer):
    """A serializer of query parameters: flat fields, one instance per request.

    DRF deep-copies the declared fields for every instance, rebuilding each field from its
    arguments: for a search request that was a fifth of its time. Fields of a flat serializer
    hold nothing per request until they are bound, and binding sets attributes of the copy, so a
    copy one level deep serves as well. Nested serializers must not use this.
    """

    def get_fields(self):
        return {name: copy.copy(field) for name, field in self._declared_fields.items()}


def refuse_repeated(request, names: Iterable[str]) -> None:
    """A 400 naming each of `names` given more than once in the query string: every
    parameter is a single value, and which copy was meant would be a guess."""
    repeated = {
        name: ["Give this parameter once."]
        for name in names
        if len(request.query_params.getlist(name)) > 1
    }
    if repeated:
        raise exceptions.ValidationError(repeated)


def request_language(request) -> str:
    """`?lang=` if given (an unsupported one, or more than one, is a 400), else
    Accept-Language, else zh-hans."""
    supported = [code for code, _name in settings.LANGUAGES]
    refuse_repeated(request, ["lang"])
    requested = request.query_params.get("lang")
    if requested is not None:
        if requested not in supported:
            raise exceptions.ValidationError(
                {"lang": [f"Unsupported language; use one of {', '.join(supported)}."]}
            )
        return requested
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            continue
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def strong_etag(data: str | bytes) -> str:
    """A strong ETag naming `data` (what a response was made from, or its body)."""
    raw = data.encode() if isinstance(data, str) else data
    return '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'


def etag_matches(request, etag: str) -> bool:
    """Whether the request's If-None-Match names `etag`: the client's copy is current (304)."""
    return etag in parse_etags(request.headers.get("If-None-Match", ""))


class ContentAPIView(APIView):
    """A public read endpoint: throttled, language-aware, cacheable with an ETag."""

    throttle_classes = [ReadThrottle]
    max_age = 60

    def initial(self, request, *args, **kwargs):
        self.language = request_language(request)
        # Validation messages then come in the reader's language too.
        translation.activate(self.language)
        super().initial(request, *args, **kwargs)

    def etag(self, request) -> str:
        version = content_version_current()
        return strong_etag(f"{version}|{self.language}|{request.get_full_path()}")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Vary"] = "Accept-Language, Origin"
        if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
            response["Content-Language"] = self.language
            response["Cache-Control"] = f"public, max-age={self.max_age}"
        return response

    def get(self, request, *args, **kwargs):
        etag = self.etag(request)
        if etag_matches(request, etag):
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
        else:
            response = self.respond(request, *args, **kwargs)
        response["ETag"] = etag
        return response

    def respond(self, request, *args, **kwargs) -> HttpResponseBase:
        """The 200 response; by default `read()`'s data rendered as JSON."""
        return Response(self.read(request, *args, **kwargs))

    def read(self, request, *args, **kwargs) -> dict:
        raise NotImplementedError


def api_not_found(request, exception=None):
    """404 for unknown URLs under /api/, in the API's error shape."""
    return json_error(request, status_code=404, code="not_found", message="Not found.")


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


def read_responses(ok) -> dict:
    """The statuses a read endpoint documents: its body, 304, and the errors."""
    return {
        200: ok,
        304: OpenApiResponse(description="Not modified since the ETag in If-None-Match."),
        400: ErrorSerializer,
        404: ErrorSerializer,
        429: ErrorSerializer,
    }


class PictureFileSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.ChoiceField(choices=["webp", "png", "jpg"])
    url = serializers.CharField()


class PictureSerializer(serializers.Serializer):
    """A published picture (`simhelp.images.ImageView.data`): the alternative text in the
    response's language, the largest fallback file as `src`, and every file."""

    key = serializers.SlugField()
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    src = serializers.CharField()
    variants = PictureFileSerializer(many=True)
