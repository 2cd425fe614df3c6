"""JSON API for search, ask, categories, FAQs and feedback (Django REST framework).

Views parse input with a serializer, call one function, and shape the result; search and ask
answer from the in-memory index. Serializers list their fields, so no per-language column
(`question_ru`, …) ever reaches a client.
"""

import hashlib
import hmac
import re

from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, serializers, status
from rest_framework.fields import empty
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from faq.assistant import ask, page_suggestions
from faq.counters import api_source, search_record
from faq.index import index, search
from faq.models import CardType, Carrier, Category, Faq, Feedback
from faq.rendering import markdown_to_html, markdown_to_text
from faq.rules import Context
from faq.snippets import snippet
from faq.sources import fallback_chain, item_url, localized
from simhelp.api import (
    ContentAPIView,
    ErrorSerializer,
    WriteThrottle,
    read_responses,
    request_language,
)

TYPES = ("faq", "guide", "troubleshooter")
LANG_PARAM = OpenApiParameter(
    "lang",
    str,
    enum=[code for code, _ in settings.LANGUAGES],
    description="Language of the response; wins over Accept-Language (default zh-hans).",
)


def translated(instance, name: str, language: str, fallbacks: dict) -> str:
    """A translated field for `language`, recording in `fallbacks` when another was used."""
    for candidate in fallback_chain(language):
        value = localized(instance, name, candidate)
        if value.strip():
            if candidate != language:
                fallbacks[name] = candidate
            return value
    return ""


class Paginator(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 50


# --- input -----------------------------------------------------------------------------------


class ExactRegexField(serializers.RegexField):
    """A value the pattern matches as a whole, as the schema's `pattern` means it: nothing
    trimmed first, and no trailing newline let through by `$`."""

    def __init__(self, regex: str, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(regex, **kwargs)
        self.whole = re.compile(regex.removeprefix("^").removesuffix("$"))

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and not self.whole.fullmatch(value):
            self.fail("invalid")
        return value


# Input strings are taken as sent (the schema describes them so): " mts" is not "mts".
class ContextQuery(serializers.Serializer):
    carrier = serializers.CharField(
        required=False, allow_blank=True, max_length=40, trim_whitespace=False
    )
    card_type = serializers.CharField(
        required=False, allow_blank=True, max_length=40, trim_whitespace=False
    )

    def _known(self, name: str, value: str) -> str:
        if value and value not in index.snapshot().vocabulary.get(name, ()):
            raise serializers.ValidationError(f"Unknown {name.replace('_', ' ')} “{value}”.")
        return value

    def validate_carrier(self, value):
        return self._known("carrier", value)

    def validate_card_type(self, value):
        return self._known("card_type", value)


class QuestionField(serializers.CharField):
    """A question as typed: whitespace-only is a question with no answer, not an error, and
    control characters (NUL included) are left for the search normalizer to drop."""

    def __init__(self, **kwargs):
        super().__init__(
            max_length=settings.SIMHELP_SEARCH_MAX_QUERY_LENGTH, trim_whitespace=False, **kwargs
        )
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]


def query_field() -> serializers.CharField:
    return QuestionField()


class QueryIntegerField(serializers.IntegerField):
    """An integer query parameter; `?limit=` (empty) is an error, not "use the default"."""

    def get_value(self, dictionary):
        return dictionary.get(self.field_name, empty)


class SearchQuery(ContextQuery):
    q = query_field()
    type = serializers.ChoiceField(
        choices=TYPES, required=False, allow_blank=True, help_text="Empty: every type."
    )
    limit = QueryIntegerField(min_value=1, max_value=50, default=10)
    lang = serializers.CharField(required=False)


class AskQuery(ContextQuery):
    q = query_field()
    page_url = ExactRegexField(
        r"^[\x21-\x7e]+$",  # a URL as sent over HTTP: printable ASCII, no spaces
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text="The page the question is asked from; rules may match its URL.",
    )
    lang = serializers.CharField(required=False)


class ListQuery(ContextQuery):
    category = serializers.CharField(
        required=False, allow_blank=True, max_length=80, trim_whitespace=False
    )
    page = QueryIntegerField(required=False, min_value=1)
    page_size = QueryIntegerField(required=False, min_value=1, max_value=50)
    lang = serializers.CharField(required=False)

    def validate_category(self, value):
        if value and not Category.objects.filter(slug=value).exists():
            raise serializers.ValidationError(f"Unknown category “{value}”.")
        return value


def parse(serializer_class, request):
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- output (documented for the schema) ------------------------------------------------------


class SearchResultSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=TYPES)
    slug = serializers.CharField()
    title = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML-escaped excerpt; matched terms in <mark>.")
    score = serializers.FloatField()
    url = serializers.CharField()
    language = serializers.CharField(help_text="Language the title and snippet are in.")


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    language = serializers.CharField()
    confident = serializers.BooleanField()
    results = SearchResultSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    type = serializers.CharField()
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    score = serializers.FloatField(allow_null=True)


class AnswerSerializer(serializers.Serializer):
    type = serializers.CharField()
    slug = serializers.CharField()
    title = serializers.CharField()
    html = serializers.CharField(help_text="Sanitized HTML rendered from Markdown.")
    text = serializers.CharField()
    url = serializers.CharField()
    language = serializers.CharField()
    fallback = serializers.BooleanField(help_text="True when shown in another language.")


class AskResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    language = serializers.CharField()
    source = serializers.ChoiceField(choices=["rule", "search", "none"])
    confident = serializers.BooleanField()
    reason = serializers.CharField()
    rule = serializers.CharField(allow_blank=True)
    score = serializers.FloatField(allow_null=True)
    matched_terms = serializers.ListField(child=serializers.CharField())
    answer = AnswerSerializer(allow_null=True)
    message = serializers.CharField(allow_blank=True)
    start_node = serializers.CharField(allow_blank=True)
    suggestions = SuggestionSerializer(many=True)
    page_suggestions = SuggestionSerializer(many=True)
    troubleshooters = SuggestionSerializer(many=True)
    contact_hint = serializers.CharField(allow_blank=True)


def suggestion_data(suggestion) -> dict:
    return {
        "type": suggestion.type,
        "slug": suggestion.slug,
        "title": suggestion.title,
        "url": suggestion.url,
        "score": suggestion.score,
    }


def answer_data(answer) -> dict | None:
    if answer is None:
        return None
    return {
        "type": answer.type,
        "slug": answer.slug,
        "title": answer.title,
        "html": answer.html,
        "text": answer.text,
        "url": answer.url,
        "language": answer.language,
        "fallback": answer.is_fallback,
    }


# --- views -----------------------------------------------------------------------------------


class RememberedAnswers:
    """Search and ask: a request seen before in this index build is answered from memory.

    `answer(request)` returns the response data and what to log about the search. The rendered
    JSON is kept per (language, full request path) on the current snapshot (a bounded memo that
    goes away when the content changes), so a popular question costs a dictionary lookup
    instead of a search; every request, remembered or not, is still counted in the search log
    with its own source. Requests that fail validation raise before anything is kept.
    """

    def respond(self, request):
        key = (type(self).__name__, self.language, request.get_full_path())
        body, log = index.snapshot().responses.get_or_make(key, lambda: self._rendered(request))
        search_record(**log, language=self.language, source=api_source(request=request))
        return HttpResponse(body, content_type="application/json")

    def _rendered(self, request) -> tuple[bytes, dict]:
        data, log = self.answer(request)
        return JSONRenderer().render(data), log

    def answer(self, request) -> tuple[dict, dict]:
        raise NotImplementedError


@extend_schema_view(
    get=extend_schema(
        summary="Search FAQs, guides and troubleshooters",
        parameters=[SearchQuery, LANG_PARAM],
        responses=read_responses(SearchResponseSerializer),
    )
)
class SearchView(RememberedAnswers, ContentAPIView):
    def answer(self, request) -> tuple[dict, dict]:
        params = parse(SearchQuery, request)
        context = {k: params[k] for k in ("carrier", "card_type") if params.get(k)}
        hits = search(
            params["q"],
            language=self.language,
            context=context,
            types=[params["type"]] if params.get("type") else None,
            limit=params["limit"],
        )
        entries = index.snapshot().entries
        results = []
        for hit in hits:
            entry = entries.get(hit.key)
            if entry is None:
                continue
            shown = entry.language_for(self.language)
            results.append(
                {
                    "type": entry.type,
                    "slug": entry.slug,
                    "title": entry.pick(entry.title, shown),
                    "snippet": snippet(index.answer_text(entry, shown), hit.matched_terms),
                    "score": round(hit.score, 4),
                    "url": item_url(key=entry.key, language=self.language),
                    "language": shown,
                }
            )
        confident = bool(hits) and hits[0].confident
        data = {
            "query": params["q"],
            "language": self.language,
            "confident": confident,
            "results": results,
        }
        return data, {
            "query": params["q"],
            "answered_by": "search" if confident else "none",
            "best_score": hits[0].score if hits else None,
        }


@extend_schema_view(
    get=extend_schema(
        summary="Ask the assistant: a staff rule, else a confident search hit, else none",
        parameters=[AskQuery, LANG_PARAM],
        responses=read_responses(AskResponseSerializer),
    )
)
class AskView(RememberedAnswers, ContentAPIView):
    def answer(self, request) -> tuple[dict, dict]:
        params = parse(AskQuery, request)
        context = Context(
            carrier=params.get("carrier", ""),
            card_type=params.get("card_type", ""),
            page_url=params.get("page_url", ""),
        )
        decision = ask(params["q"], language=self.language, context=context)
        on_page = (
            page_suggestions(language=self.language, context=context) if context.page_url else []
        )
        return {
            "query": params["q"],
            "language": self.language,
            "source": decision.source,
            "confident": decision.confident,
            "reason": decision.reason,
            "rule": decision.rule,
            "score": None if decision.score is None else round(decision.score, 4),
            "matched_terms": list(decision.matched_terms),
            "answer": answer_data(decision.answer),
            "message": decision.message,
            "start_node": decision.start_node,
            "suggestions": [suggestion_data(s) for s in decision.suggestions],
            "page_suggestions": [suggestion_data(s) for s in on_page],
            "troubleshooters": [suggestion_data(s) for s in decision.troubleshooters],
            "contact_hint": decision.contact_hint,
        }, {
            "query": params["q"],
            "answered_by": decision.source,
            "best_score": decision.ranking[0].score if decision.ranking else None,
        }


class CategorySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    description = serializers.CharField()
    fallback = serializers.DictField(child=serializers.CharField())


class FaqSummarySerializer(serializers.Serializer):
    type = serializers.CharField()
    slug = serializers.SlugField()
    category = serializers.SlugField()
    question = serializers.CharField()
    url = serializers.CharField()
    carriers = serializers.ListField(child=serializers.SlugField())
    card_types = serializers.ListField(child=serializers.SlugField())
    fallback = serializers.DictField(child=serializers.CharField())


class FaqDetailSerializer(FaqSummarySerializer):
    answer_html = serializers.CharField()
    answer_text = serializers.CharField()
    keywords = serializers.CharField()
    language = serializers.CharField()


def page_of(view, request, items: list, serialize) -> dict:
    paginator = Paginator()
    page = paginator.paginate_queryset(items, request, view=view)
    return {
        "count": paginator.page.paginator.count,
        "next": paginator.get_next_link(),
        "previous": paginator.get_previous_link(),
        "language": view.language,
        "results": [serialize(item) for item in page],
    }


def paginated(serializer_class, name: str):
    return inline_serializer(
        name=name,
        fields={
            "count": serializers.IntegerField(),
            "next": serializers.CharField(allow_null=True),
            "previous": serializers.CharField(allow_null=True),
            "language": serializers.CharField(),
            "results": serializer_class(many=True),
        },
    )


@extend_schema_view(
    get=extend_schema(
        summary="Categories",
        parameters=[LANG_PARAM],
        responses=read_responses(CategorySerializer(many=True)),
    )
)
class CategoryListView(ContentAPIView):
    def read(self, request):
        result = []
        for category in Category.objects.all():
            fallbacks: dict = {}
            result.append(
                {
                    "slug": category.slug,
                    "name": translated(category, "name", self.language, fallbacks),
                    "description": translated(category, "description", self.language, fallbacks),
                    "fallback": fallbacks,
                }
            )
        return result


def faq_queryset(params: dict):
    faqs = (
        Faq.objects.published()
        .select_related("category")
        .prefetch_related(
            Prefetch("carriers", queryset=Carrier.objects.only("slug")),
            Prefetch("card_types", queryset=CardType.objects.only("slug")),
        )
    )
    if params.get("category"):
        faqs = faqs.filter(category__slug=params["category"])
    if params.get("carrier"):
        faqs = faqs.filter(carriers__slug=params["carrier"])
    if params.get("card_type"):
        faqs = faqs.filter(card_types__slug=params["card_type"])
    return faqs.order_by("category__order", "order", "slug")


def faq_data(faq, language: str, *, detail: bool) -> dict:
    fallbacks: dict = {}
    data = {
        "type": "faq",
        "slug": faq.slug,
        "category": faq.category.slug,
        "question": translated(faq, "question", language, fallbacks),
        "url": item_url(key=f"faq:{faq.slug}", language=language),
        "carriers": [c.slug for c in faq.carriers.all()],
        "card_types": [c.slug for c in faq.card_types.all()],
    }
    if detail:
        answer = translated(faq, "answer", language, fallbacks)
        resolve = lambda key: item_url(key=key, language=language) or None  # noqa: E731
        data["answer_html"] = markdown_to_html(answer, resolver=resolve)
        data["answer_text"] = markdown_to_text(answer)
        data["keywords"] = translated(faq, "keywords", language, fallbacks)
        data["language"] = language
    data["fallback"] = fallbacks
    return data


@extend_schema_view(
    get=extend_schema(
        operation_id="faqs_list",
        summary="Published FAQs",
        parameters=[ListQuery, LANG_PARAM],
        responses=read_responses(paginated(FaqSummarySerializer, "PaginatedFaqList")),
    )
)
class FaqListView(ContentAPIView):
    def read(self, request):
        params = parse(ListQuery, request)
        faqs = list(faq_queryset(params))
        return page_of(self, request, faqs, lambda faq: faq_data(faq, self.language, detail=False))


@extend_schema_view(
    get=extend_schema(
        operation_id="faq_retrieve",
        summary="One published FAQ",
        parameters=[LANG_PARAM],
        responses=read_responses(FaqDetailSerializer),
    )
)
class FaqDetailView(ContentAPIView):
    def read(self, request, slug: str):
        faq = get_object_or_404(faq_queryset({}), slug=slug)
        return faq_data(faq, self.language, detail=True)


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
    target = StrictRegexField(
        r"^(faq|guide|troubleshooter):[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120
    )
    node = StrictRegexField(r"^[-a-zA-Z0-9_]+$", required=False, allow_blank=True, max_length=60)
    helpful = StrictBooleanField()
    # Any text but NUL, which PostgreSQL cannot store (the pattern tells clients so).
    comment = StrictRegexField(r"^[^\x00]+$", required=False, allow_blank=True, max_length=1000)
    lang = StrictChoiceField(choices=[code for code, _ in settings.LANGUAGES], required=False)
    source = StrictChoiceField(choices=Feedback.Source.values, required=False)

    def validate_target(self, value):
        if value not in index.snapshot().entries:
            raise serializers.ValidationError(f"There is no published item “{value}”.")
        return value


class FeedbackOutput(serializers.Serializer):
    recorded = serializers.BooleanField()
    counted = serializers.BooleanField(
        help_text="False when this client already voted on this item today (the vote is updated)."
    )


def client_fingerprint(request, *, day) -> str:
    """A daily keyed hash of the client's address and browser: repeat votes, not people."""
    # The throttles' notion of the client: X-Forwarded-For only through TRUSTED_PROXIES.
    address = WriteThrottle().get_ident(request)
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    message = f"{day.isoformat()}|{address}|{agent}".encode()
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


MAX_FEEDBACK_BYTES = 4096


@extend_schema(
    summary="Was this helpful? One vote per client, item and day counts",
    request=FeedbackInput,
    responses={
        201: FeedbackOutput,
        200: FeedbackOutput,
        400: ErrorSerializer,
        415: ErrorSerializer,
        429: ErrorSerializer,
    },
)
class FeedbackView(APIView):
    parser_classes = [JSONParser]
    throttle_classes = [WriteThrottle]

    def post(self, request):
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_FEEDBACK_BYTES:
            raise exceptions.ValidationError({"non_field_errors": ["The request is too large."]})
        serializer = FeedbackInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        counted = feedback_record(
            request=request, data=serializer.validated_data, language=request_language(request)
        )
        return Response(
            {"recorded": True, "counted": counted},
            status=status.HTTP_201_CREATED if counted else status.HTTP_200_OK,
        )
