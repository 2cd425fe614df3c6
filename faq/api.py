"""JSON API for categories and FAQs, and the request parsing every content endpoint shares.

Views parse input with a serializer, call one function, and shape the result. Serializers list
their fields, so no per-language column (`question_ru`, …) ever reaches a client.
"""

import re

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.pagination import PageNumberPagination

from faq.models import CardType, Carrier, Category, Faq
from simhelp.api import (
    ContentAPIView,
    PictureSerializer,
    QuerySerializer,
    read_responses,
    refuse_repeated,
)
from simhelp.content import Links, Translated, item_url
from simhelp.markdown import image_keys, markdown_to_text

LANG_PARAM = OpenApiParameter(
    "lang",
    str,
    enum=[code for code, _ in settings.LANGUAGES],
    description="Language of the response; wins over Accept-Language (default zh-hans).",
)


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
class ContextQuery(QuerySerializer):
    carrier = serializers.CharField(
        required=False, allow_blank=True, max_length=40, trim_whitespace=False
    )
    card_type = serializers.CharField(
        required=False, allow_blank=True, max_length=40, trim_whitespace=False
    )

    # The filters a context may name, and where their known values are kept.
    vocabulary_models = {"carrier": Carrier, "card_type": CardType}

    def is_known(self, name: str, value: str) -> bool:
        """Whether `value` names an existing carrier or card type (the assistant's endpoints
        answer this from the search index instead of the database)."""
        return self.vocabulary_models[name].objects.filter(slug=value).exists()

    def _known(self, name: str, value: str) -> str:
        if value and not self.is_known(name, value):
            raise serializers.ValidationError(f"Unknown {name.replace('_', ' ')} “{value}”.")
        return value

    def validate_carrier(self, value):
        return self._known("carrier", value)

    def validate_card_type(self, value):
        return self._known("card_type", value)


class QueryIntegerField(serializers.IntegerField):
    """An integer query parameter, written as the schema's `integer` means it: ASCII digits
    with an optional minus sign. `?limit=` (empty) is an error, not "use the default", and so
    are forms Python's `int()` would forgive (" 2", "2.0", Arabic-Indic digits)."""

    digits = re.compile(r"-?[0-9]+")

    def get_value(self, dictionary):
        return dictionary.get(self.field_name, empty)

    def to_internal_value(self, data):
        if isinstance(data, str) and not self.digits.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)


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


def parse(serializer_class, request, *, context: dict | None = None):
    """The validated query parameters; a 400 naming each field that is invalid or was given
    more than once."""
    serializer = serializer_class(data=request.query_params, context=context or {})
    refuse_repeated(request, serializer.fields)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


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
    images = PictureSerializer(many=True)
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
            text = Translated(category, self.language)
            result.append(
                {
                    "slug": category.slug,
                    "name": text("name"),
                    "description": text("description"),
                    "fallback": text.fallbacks,
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
    text = Translated(faq, language)
    data = {
        "type": "faq",
        "slug": faq.slug,
        "category": faq.category.slug,
        "question": text("question"),
        "url": item_url(key=f"faq:{faq.slug}", language=language),
        "carriers": [c.slug for c in faq.carriers.all()],
        "card_types": [c.slug for c in faq.card_types.all()],
    }
    if detail:
        answer = text("answer")
        links = Links(language=language, texts=[answer])
        data["answer_html"] = links.html(answer)
        data["answer_text"] = markdown_to_text(answer)
        data["images"] = [
            links.images[key].data(language)
            for key in dict.fromkeys(image_keys(answer))
            if key in links.images
        ]
        data["keywords"] = text("keywords")
        data["language"] = language
    data["fallback"] = text.fallbacks
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
