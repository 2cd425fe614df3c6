"""JSON API for readers' votes ("was this helpful?", one counted vote per client, item and day)
and for the beacon that counts taps on codes to dial."""

import hashlib
import hmac

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assistant.index import index, item_published
from faq.api import ExactRegexField
from guides.selectors import troubleshooter_has_node
from insights.counters import tap_record
from insights.models import Feedback
from simhelp.api import ErrorSerializer, WriteThrottle, refuse_longer_than, request_language
from simhelp.clients import client_address
from simhelp.content_types import item_key_pattern
from simhelp.dial import DIAL_PATTERN, MAX_CODE_LENGTH, dial_code_valid

UNKNOWN = "unknown"


class UnknownReference(exceptions.ValidationError):
    """A well-formed vote naming an item or a step that does not exist (or is not published).

    The schema cannot say which slugs and steps exist, so these get 422, not the 400 of a
    malformed body: a client can tell "fix the request" from "that item is gone".
    """

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY


def only_unknown_references(errors: dict) -> bool:
    """True when every validation error names something that does not exist."""
    return all(
        getattr(detail, "code", None) == UNKNOWN
        for details in errors.values()
        for detail in (details if isinstance(details, list) else [details])
    )


class Strict:
    """JSON input of exactly the documented type: no 1 for true, no 0 for "0"."""

    json_type: type = str

    def to_internal_value(self, data):
        if not isinstance(data, self.json_type):
            raise serializers.ValidationError(f"Must be a {self.json_type.__name__}.")
        return super().to_internal_value(data)


class StrictRegexField(Strict, ExactRegexField):
    pass


class StrictChoiceField(Strict, serializers.ChoiceField):
    pass


class StrictBooleanField(Strict, serializers.BooleanField):
    json_type = bool


class FeedbackInput(serializers.Serializer):
    target = StrictRegexField(r"^$", max_length=120)  # replaced per instance, see __init__
    node = StrictRegexField(r"^[-a-zA-Z0-9_]+$", required=False, allow_blank=True, max_length=60)
    helpful = StrictBooleanField()
    # Any text but NUL, which PostgreSQL cannot store (the pattern tells clients so).
    comment = StrictRegexField(r"^[^\x00]+$", required=False, allow_blank=True, max_length=1000)
    lang = StrictChoiceField(choices=[code for code, _ in settings.LANGUAGES], required=False)
    source = StrictChoiceField(choices=Feedback.Source.values, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"] = StrictRegexField(item_key_pattern(), max_length=120)

    def validate_target(self, value):
        if not item_published(value):
            raise serializers.ValidationError(
                f"There is no published item “{value}”.", code=UNKNOWN
            )
        return value

    def validate(self, attrs):
        node = attrs.get("node")
        if node:
            kind, _, slug = attrs["target"].partition(":")
            if kind != "troubleshooter" or not troubleshooter_has_node(slug=slug, key=node):
                raise serializers.ValidationError(
                    {"node": [f"“{attrs['target']}” has no step “{node}”."]}, code=UNKNOWN
                )
        return attrs


class FeedbackOutput(serializers.Serializer):
    recorded = serializers.BooleanField()
    counted = serializers.BooleanField(
        help_text="False when this client already voted on this item today (the vote is updated)."
    )


def client_fingerprint(request, *, day) -> str:
    """A daily keyed hash of the client's address: repeat votes, not people."""
    # The throttles' notion of the client: X-Forwarded-For only through TRUSTED_PROXIES. Not
    # the User-Agent: a client sending another one with each vote would count each time.
    message = f"{day.isoformat()}|{client_address(request)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def feedback_record(*, request, data: dict, language: str) -> bool:
    """Store a vote; one per client, item and day counts (a repeat updates it). True if new."""
    day = timezone.localdate()
    values = {
        "helpful": data["helpful"],
        "comment": data.get("comment", "").strip(),
        "language": data.get("lang") or language,
        "source": data.get("source") or Feedback.Source.API,
    }
    key = {
        "client": client_fingerprint(request, day=day),
        "target": data["target"],
        "node": data.get("node", ""),
        "day": day,
    }
    try:
        with transaction.atomic():
            _, created = Feedback.objects.update_or_create(**key, defaults=values)
    except IntegrityError:  # two identical votes raced; the other one counted
        Feedback.objects.filter(**key).update(**values)
        created = False
    return created


# Room for the longest vote the schema allows sent fully escaped: a 1,000-character comment of
# characters outside the BMP as \uXXXX\uXXXX pairs (12 bytes each), and the other fields.
MAX_FEEDBACK_BYTES = 16 * 1024


@extend_schema(
    summary="Was this helpful? One vote per client, item and day counts",
    request=FeedbackInput,
    responses={
        201: FeedbackOutput,
        200: FeedbackOutput,
        400: ErrorSerializer,
        413: OpenApiResponse(ErrorSerializer, description="The body is longer than 16 KiB."),
        415: ErrorSerializer,
        422: OpenApiResponse(
            ErrorSerializer, description="The target or node names nothing published."
        ),
        429: ErrorSerializer,
    },
)
class FeedbackView(APIView):
    parser_classes = [JSONParser]
    throttle_classes = [WriteThrottle]

    def post(self, request):
        refuse_longer_than(request, MAX_FEEDBACK_BYTES)
        serializer = FeedbackInput(data=request.data)
        if not serializer.is_valid():
            if only_unknown_references(serializer.errors):
                raise UnknownReference(serializer.errors)
            raise exceptions.ValidationError(serializer.errors)
        counted = feedback_record(
            request=request, data=serializer.validated_data, language=request_language(request)
        )
        return Response(
            {"recorded": True, "counted": counted},
            status=status.HTTP_201_CREATED if counted else status.HTTP_200_OK,
        )


MAX_TAP_BYTES = 1024


class DialCodeField(StrictRegexField):
    """A code to dial, checked against the codes the published answers write."""


class DialCodeFieldSchema(OpenApiSerializerFieldExtension):
    """The schema of a code to dial lists the codes the published answers write when it is
    generated: a client (or a fuzzer) knows which taps count, not only which characters a
    code is made of. Any other code is refused with 422 (documented)."""

    target_class = DialCodeField

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        try:
            codes = sorted(published_dial_codes())
        except DatabaseError:
            # Generated with no database to read (`manage.py check` on a fresh machine,
            # `spectacular --file` at build time): the pattern alone says what a code is.
            codes = []
        if codes:
            schema["enum"] = codes
        return schema


class TapInput(serializers.Serializer):
    code = DialCodeField(r"^[-*#0-9]+$", max_length=MAX_CODE_LENGTH)
    lang = StrictChoiceField(choices=[code for code, _ in settings.LANGUAGES])
    source = StrictChoiceField(choices=[Feedback.Source.SITE, Feedback.Source.WIDGET])

    def validate_code(self, value):
        if not dial_code_valid(value) or value not in published_dial_codes():
            raise serializers.ValidationError(
                f"No published answer links “{value}” to dial.", code=UNKNOWN
            )
        return value


def published_dial_codes() -> frozenset[str]:
    """Every code to dial the published answers write (their Markdown, troubleshooter steps
    included): taps on anything else are not counted, so nobody can fill the report with codes
    of their own. Worked out once per build of the index and kept with it."""
    snapshot = index.snapshot()
    codes = snapshot.rendered.get("dial-codes")
    if codes is None:
        texts = (
            text
            for entry in snapshot.entries.values()
            for field in (entry.answer, entry.extra)
            for text in field.values()
        )
        codes = frozenset(match.group() for text in texts for match in DIAL_PATTERN.finditer(text))
        snapshot.rendered["dial-codes"] = codes
    return codes


class TapOutput(serializers.Serializer):
    counted = serializers.BooleanField()


@extend_schema(
    summary="Count a tap on a code to dial (a tel: link in an answer, or its copy button)",
    request=TapInput,
    responses={
        202: TapOutput,
        400: ErrorSerializer,
        413: OpenApiResponse(ErrorSerializer, description="The body is longer than 1 KiB."),
        415: ErrorSerializer,
        422: OpenApiResponse(ErrorSerializer, description="Not a code or number answers link."),
        429: ErrorSerializer,
    },
)
class TapView(APIView):
    """The beacon the help site and the widget send when a reader taps a code to dial.

    Form-encoded (what `navigator.sendBeacon` sends without a preflight) or JSON; counted in a
    batch (`insights.counters.taps`), so the answer says only that the tap was accepted.
    """

    parser_classes = [JSONParser, FormParser]
    throttle_classes = [WriteThrottle]

    def post(self, request):
        refuse_longer_than(request, MAX_TAP_BYTES)
        data = request.data
        if hasattr(data, "lists"):  # a form: a field sent twice is refused, not half-read
            fields = TapInput().fields
            if any(len(values) > 1 for name, values in data.lists() if name in fields):
                raise exceptions.ValidationError({"non_field_errors": ["Send each field once."]})
            data = data.dict()
        if not isinstance(data, dict):
            raise exceptions.ValidationError({"non_field_errors": ["Send an object."]})
        serializer = TapInput(data=data)
        if not serializer.is_valid():
            if only_unknown_references(serializer.errors):
                raise UnknownReference(serializer.errors)  # well formed, but nothing we link
            raise exceptions.ValidationError(serializer.errors)
        values = serializer.validated_data
        tap_record(code=values["code"], language=values["lang"], source=values["source"])
        return Response({"counted": True}, status=status.HTTP_202_ACCEPTED)
