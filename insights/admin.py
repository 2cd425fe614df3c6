"""Admin for what staff learn from use: votes and search counts as stored, and the reports built
on them and on the content (unanswered searches, votes per item, translations, review) with
their dashboard."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from assistant.models import SynonymGroup
from insights import exports
from insights import reports as insights
from insights.counters import counters_flush
from insights.dashboard import dashboard
from insights.models import Feedback, HandledQuery, SearchLog
from insights.panels import dashboard_panels
from insights.ranges import range_from_request
from insights.statistics import feedback_by_item

EXPORT_LABELS = {
    "searchlog": _("Search log"),
    "unanswered": _("Unanswered searches"),
    "votes": _("Votes per item"),
    "taps": _("Tapped codes and numbers"),
    "translations": _("Translations"),
    "review": _("Due for review"),
}

# The admin index links the reports (a box above the app list).
admin.site.index_template = "admin/insights/index.html"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the site, not by staff: listed and searched, never added or edited."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["target", "node", "helpful", "comment_short", "language", "source", "day"]
    list_filter = ["helpful", "language", "source", "day"]
    search_fields = ["comment", "target"]
    date_hierarchy = "day"
    fields = ["target", "node", "helpful", "comment", "language", "source", "day", "created_at"]
    change_list_template = "admin/insights/feedback/change_list.html"

    @admin.display(description=_("comment"))
    def comment_short(self, vote: Feedback) -> str:
        return vote.comment if len(vote.comment) <= 80 else vote.comment[:79] + "…"

    def get_urls(self):
        return [
            path(
                "by-item/",
                self.admin_site.admin_view(self.by_item_view),
                name="insights_feedback_items",
            ),
            *super().get_urls(),
        ]

    def by_item_view(self, request):
        """Helpful and unhelpful votes per item, most unhelpful first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return _report(
            request,
            self,
            "admin/insights/feedback_items.html",
            title=_("Votes per item"),
            rows=feedback_by_item(),
        )


def _report(request, model_admin, template: str, *, title, **context) -> TemplateResponse:
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": title,
            **context,
        },
    )


class QueryForm(forms.Form):
    query = forms.CharField(max_length=200)
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


class KeywordForm(QueryForm):
    target = forms.ChoiceField(label=_("Add to"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "---------"), *insights.keyword_target_choices()]
        self.fields["query"].widget = forms.HiddenInput()
        self.fields["language"].widget = forms.HiddenInput()
        self.fields["next"].widget = forms.HiddenInput()


def _back(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return value
    return reverse("admin:insights_unanswered")


@admin.register(SearchLog)
class SearchLogAdmin(ReadOnlyAdmin):
    """Search counts as stored, and the reports built on them and on the content."""

    list_display = [
        "query",
        "language",
        "source",
        "day",
        "count",
        "rule_count",
        "search_count",
        "none_count",
        "best_score",
    ]
    list_filter = ["language", "source", "day"]
    search_fields = ["query"]
    date_hierarchy = "day"
    change_list_template = "admin/insights/searchlog/change_list.html"

    def get_urls(self):
        def view(function, name: str, route: str):
            return path(route, self.admin_site.admin_view(function), name=name)

        return [
            view(self.dashboard_view, "insights_dashboard", "dashboard/"),
            view(self.unanswered_view, "insights_unanswered", "unanswered/"),
            view(self.handled_view, "insights_unanswered_handled", "unanswered/handled/"),
            view(self.draft_view, "insights_unanswered_draft", "unanswered/draft/"),
            view(self.scope_view, "insights_unanswered_scope", "unanswered/scope/"),
            view(self.keyword_view, "insights_unanswered_keyword", "unanswered/keyword/"),
            view(self.translations_view, "insights_translations", "translations/"),
            view(self.review_view, "insights_review", "review/"),
            view(self.export_view, "insights_export", "export/<slug:name>.csv"),
            *super().get_urls(),
        ]

    def _require_view(self, request) -> None:
        if not self.has_view_permission(request):
            raise PermissionDenied

    def _require(self, request, *perms: str) -> None:
        if not request.user.has_perms(perms):
            raise PermissionDenied

    def _require_content_view(self, request) -> None:
        """Reports that list items, drafts included: the search log and every content type."""
        self._require_view(request)
        models = insights.content_models().values()
        self._require(request, *(f"{m._meta.app_label}.view_{m._meta.model_name}" for m in models))

    def dashboard_view(self, request):
        """The key numbers and charts of a date range (the last 7 days unless asked), each
        linking to its report and its CSV export."""
        self._require_view(request)
        form, span = range_from_request(request)
        return _report(
            request,
            self,
            "admin/insights/dashboard.html",
            title=_("Staff insights"),
            board=dashboard(language=request.LANGUAGE_CODE, span=span),
            span=span,
            range_form=form,
            panels=dashboard_panels(span),
            exports=[(name, EXPORT_LABELS[name]) for name in exports.EXPORTS],
            review_after_days=settings.REVIEW_AFTER_DAYS,
        )

    def export_view(self, request, name: str):
        """A report as CSV, for the date range of the query string (a bad range: 400)."""
        if name not in exports.EXPORTS:
            raise Http404
        if name in ("translations", "review"):
            self._require_content_view(request)
        else:
            self._require_view(request)
        form, span = range_from_request(request)
        if form.is_bound and not form.is_valid():
            return HttpResponseBadRequest(" ".join(form.errors.get("__all__", [])) or "bad range")
        counters_flush()
        return exports.export(name, span, language=request.LANGUAGE_CODE)

    def unanswered_view(self, request):
        """The queries most often searched without a confident answer, per language."""
        self._require_view(request)
        counters_flush()
        days = insights.MONTH_DAYS if request.GET.get("days") == "30" else insights.WEEK_DAYS
        sections = [
            {
                "code": code,
                "name": name,
                "rows": insights.unanswered_queries(language=code, days=days),
            }
            for code, name in settings.LANGUAGES
        ]
        return _report(
            request,
            self,
            "admin/insights/unanswered.html",
            title=_("Unanswered searches"),
            sections=sections,
            days=days,
            can_draft=request.user.has_perms(["faq.add_faq", "insights.add_handledquery"]),
            can_handle=request.user.has_perm("insights.add_handledquery"),
            can_scope=request.user.has_perms(
                ["assistant.add_answerrule", "insights.add_handledquery"]
            ),
        )

    @staticmethod
    def _query_form(request, form_class=QueryForm):
        form = form_class(request.POST)
        if not form.is_valid():
            raise PermissionDenied  # only the report's own buttons post here
        return form.cleaned_data

    @method_decorator(require_POST)
    def handled_view(self, request):
        """Hide a query from the report (until it goes unanswered again on a later day)."""
        self._require(request, "insights.add_handledquery")
        data = self._query_form(request)
        insights.query_mark_handled(
            query=data["query"], language=data["language"], how=HandledQuery.How.HANDLED
        )
        self.message_user(
            request, _("“%(query)s” marked handled.") % {"query": data["query"]}, messages.SUCCESS
        )
        return HttpResponseRedirect(_back(request, data["next"]))

    @method_decorator(require_POST)
    def draft_view(self, request):
        """Open the FAQ add form with the query as the question in its language's tab."""
        return self._open_add_form(
            request,
            permission="faq.add_faq",
            how=HandledQuery.How.DRAFT,
            initial=insights.faq_draft_initial,
            form="admin:faq_faq_add",
        )

    @method_decorator(require_POST)
    def scope_view(self, request):
        """Open an out-of-scope answer rule, inactive, with the query as its phrase."""
        return self._open_add_form(
            request,
            permission="assistant.add_answerrule",
            how=HandledQuery.How.SCOPE,
            initial=insights.scope_rule_initial,
            form="admin:assistant_answerrule_add",
        )

    def _open_add_form(self, request, *, permission: str, how: str, initial, form: str):
        """Mark the posted query handled `how`, and open an add `form` filled from it."""
        self._require(request, permission, "insights.add_handledquery")
        data = self._query_form(request)
        insights.query_mark_handled(query=data["query"], language=data["language"], how=how)
        values = initial(query=data["query"], language=data["language"])
        return redirect(reverse(form) + "?" + urlencode(values))

    def keyword_view(self, request):
        """Add the query to an item's keywords or a synonym group's terms, in its language."""
        self._require(request, "insights.add_handledquery")
        if request.method == "POST":
            form = KeywordForm(request.POST)
        else:
            form = KeywordForm(
                initial={
                    "query": request.GET.get("query", ""),
                    "language": request.GET.get("language", ""),
                    "next": request.GET.get("next", ""),
                }
            )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            kind = data["target"].partition(":")[0]
            model = SynonymGroup if kind == insights.SYNONYMS else insights.content_models()[kind]
            self._require(request, f"{model._meta.app_label}.change_{model._meta.model_name}")
            try:
                insights.query_add_as_keyword(
                    query=data["query"], language=data["language"], target=data["target"]
                )
            except insights.KeywordTargetError as error:
                form.add_error("target", str(error))
            else:
                self.message_user(
                    request,
                    _("“%(query)s” added to %(target)s (%(language)s).")
                    % {
                        "query": data["query"],
                        "target": data["target"],
                        "language": data["language"],
                    },
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(_back(request, data["next"]))
        return _report(
            request,
            self,
            "admin/insights/keyword.html",
            title=_("Add a query as a keyword or synonym"),
            form=form,
            query=form["query"].value(),
            language=form["language"].value(),
        )

    def translations_view(self, request):
        """Per language: items with a text left empty, and items whose translation is outdated."""
        self._require_content_view(request)
        gaps = insights.translation_gaps(language=request.LANGUAGE_CODE)
        outdated = insights.translations_outdated(language=request.LANGUAGE_CODE)
        sections = [
            {
                "code": code,
                "name": name,
                "missing": gaps.get(code, []),
                "outdated": outdated.get(code),
            }
            for code, name in settings.LANGUAGES
        ]
        return _report(
            request,
            self,
            "admin/insights/translations.html",
            title=_("Translations: missing and outdated"),
            sections=sections,
        )

    def review_view(self, request):
        """Published items not reviewed for REVIEW_AFTER_DAYS days, the longest first."""
        self._require_content_view(request)
        return _report(
            request,
            self,
            "admin/insights/review.html",
            title=_("Due for review"),
            items=insights.review_due(language=request.LANGUAGE_CODE),
            review_after_days=settings.REVIEW_AFTER_DAYS,
        )
