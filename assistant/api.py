"""JSON API of the assistant: search, and ask (a staff rule, else a confident hit, else none).

Both answer from the in-memory index, so they read nothing from the database once it is built,
and a repeated request is answered from a memo kept on the index build.
"""

from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from assistant.answers import (
    OUT_OF_SCOPE,
    ask,
    page_suggestions,
    scope_message,
    search_in_scope,
)
from assistant.answers import results as result_cards
from assistant.index import index
from assistant.rules import Context
from faq.api import (
    LANG_PARAM,
    ContextQuery,
    ExactRegexField,
    QueryIntegerField,
    parse,
)
from simhelp.api import ContentAPIView, read_responses, request_source
from simhelp.content_types import content_types
from simhelp.signals import searched


# The `type` field's choices follow the content-type registry, read per serializer. (A comment,
# not a docstring: the schema would show a docstring as every serializer's description.)
class TypeChoices:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = list(content_types())


class IndexedContextQuery(ContextQuery):
    """A context checked against the index's vocabulary: no database read per question."""

    def is_known(self, name: str, value: str) -> bool:
        return value in self.context["snapshot"].vocabulary.get(name, ())


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


class SearchQuery(TypeChoices, IndexedContextQuery):
    q = query_field()
    type = serializers.ChoiceField(
        choices=(), required=False, allow_blank=True, help_text="Empty: every type."
    )
    limit = QueryIntegerField(min_value=1, max_value=50, default=10)
    lang = serializers.CharField(required=False)


class AskQuery(IndexedContextQuery):
    q = query_field()
    page_url = ExactRegexField(
        r"^[\x21-\x7e]+$",  # a URL as sent over HTTP: printable ASCII, no spaces
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text="The page the question is asked from; rules may match its URL.",
    )
    lang = serializers.CharField(required=False)


# --- output (documented for the schema) ------------------------------------------------------


class SearchResultSerializer(TypeChoices, serializers.Serializer):
    type = serializers.ChoiceField(choices=())
    slug = serializers.CharField()
    title = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML-escaped excerpt; matched terms in <mark>.")
    score = serializers.FloatField()
    confident = serializers.BooleanField(
        help_text="Whether this result is a confident answer: what the help site lists."
    )
    url = serializers.CharField()
    language = serializers.CharField(help_text="Language the title and snippet are in.")


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    language = serializers.CharField()
    confident = serializers.BooleanField()
    out_of_scope = serializers.BooleanField(
        help_text="True when staff marked questions like this one as not covered here."
    )
    message = serializers.CharField(
        allow_blank=True, help_text="The out-of-scope message (plain text), else empty."
    )
    message_html = serializers.CharField(
        allow_blank=True, help_text="The out-of-scope message as sanitized HTML, else empty."
    )
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
    source = serializers.ChoiceField(
        choices=["rule", "search", "out-of-scope", "none"],
        help_text="out-of-scope: a staff rule says this question is not covered here; "
        "`message` says so politely.",
    )
    confident = serializers.BooleanField()
    reason = serializers.CharField()
    rule = serializers.CharField(allow_blank=True)
    score = serializers.FloatField(allow_null=True)
    matched_terms = serializers.ListField(child=serializers.CharField())
    answer = AnswerSerializer(allow_null=True)
    message = serializers.CharField(allow_blank=True)
    message_html = serializers.CharField(
        allow_blank=True, help_text="`message` as sanitized HTML (links resolved)."
    )
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

    `answer(params)` returns the response data and what to log about the search. The rendered
    JSON is kept per (language, validated parameters) on the current snapshot (a bounded memo
    that goes away when the content changes), so a popular question costs a dictionary lookup
    instead of a search, and a parameter the endpoint does not read (`&nc=1`, reordered ones)
    cannot force a new search; every request, remembered or not, is still counted in the
    search log with its own source. Requests that fail validation raise before anything is
    kept.
    """

    query_class: type[serializers.Serializer]

    def respond(self, request):
        # One index build serves the whole request, however often the content changes meanwhile.
        self.snapshot = index.snapshot()
        params = parse(self.query_class, request, context={"snapshot": self.snapshot})
        key = (type(self).__name__, self.language, tuple(sorted(params.items())))
        body, log = self.snapshot.responses.get_or_make(key, lambda: self._rendered(params))
        searched.send(
            sender=type(self), **log, language=self.language, source=request_source(request)
        )
        return HttpResponse(body, content_type="application/json")

    def _rendered(self, params: dict) -> tuple[bytes, dict]:
        data, log = self.answer(params)
        return JSONRenderer().render(data), log

    def answer(self, params: dict) -> tuple[dict, dict]:
        raise NotImplementedError


@extend_schema_view(
    get=extend_schema(
        summary="Search FAQs, guides and troubleshooters",
        parameters=[SearchQuery, LANG_PARAM],
        responses=read_responses(SearchResponseSerializer),
    )
)
class SearchView(RememberedAnswers, ContentAPIView):
    query_class = SearchQuery

    def answer(self, params: dict) -> tuple[dict, dict]:
        context = {k: params[k] for k in ("carrier", "card_type") if params.get(k)}
        hits, scope = search_in_scope(
            params["q"],
            language=self.language,
            context=Context(**context),
            types=[params["type"]] if params.get("type") else None,
            limit=params["limit"],
            snapshot=self.snapshot,
        )
        results = [
            {
                "type": result.type,
                "slug": result.slug,
                "title": result.title,
                "snippet": result.snippet,
                "score": round(result.score, 4),
                "confident": result.confident,
                "url": result.url,
                "language": result.language,
            }
            for result in result_cards(hits=hits, language=self.language, snapshot=self.snapshot)
        ]
        confident = bool(hits) and hits[0].confident
        message, message_html = (
            scope_message(scope, language=self.language, snapshot=self.snapshot)
            if scope
            else ("", "")
        )
        data = {
            "query": params["q"],
            "language": self.language,
            "confident": confident,
            "out_of_scope": scope is not None,
            "message": message,
            "message_html": message_html,
            "results": results,
        }
        return data, {
            "query": params["q"],
            "answered_by": "search" if confident else OUT_OF_SCOPE if scope else "none",
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
    query_class = AskQuery

    def answer(self, params: dict) -> tuple[dict, dict]:
        context = Context(
            carrier=params.get("carrier", ""),
            card_type=params.get("card_type", ""),
            page_url=params.get("page_url", ""),
        )
        decision = ask(params["q"], language=self.language, context=context, snapshot=self.snapshot)
        on_page = (
            page_suggestions(language=self.language, context=context, snapshot=self.snapshot)
            if context.page_url
            else []
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
            "message_html": decision.message_html,
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
