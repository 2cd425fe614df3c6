"""Admin for what staff learn from use: votes and search counts as stored, and the reports built
on them and on the content (unanswered searches, votes per item, translations, review, shared
keywords) with
their dashboard."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.urls import path
from django.utils.translation import gettext_lazy as _

from faq.models import Status
from insights import exports
from insights import reports as insights
from insights.admin_unanswered import UnansweredAdminMixin, report_response
from insights.counters import counters_flush
from insights.dashboard import dashboard
from insights.models import Feedback, SearchLog
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
        return report_response(
            request,
            self,
            "admin/insights/feedback_items.html",
            title=_("Votes per item"),
            rows=feedback_by_item(),
        )


@admin.register(SearchLog)
class SearchLogAdmin(UnansweredAdminMixin, ReadOnlyAdmin):
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
            view(self.shared_keywords_view, "insights_shared_keywords", "shared-keywords/"),
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
        board = dashboard(language=request.LANGUAGE_CODE, span=span)
        return report_response(
            request,
            self,
            "admin/insights/dashboard.html",
            title=_("Staff insights"),
            board=board,
            span=span,
            range_form=form,
            panels=dashboard_panels(span, board.search_counts),
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
        return report_response(
            request,
            self,
            "admin/insights/translations.html",
            title=_("Translations: missing and outdated"),
            sections=sections,
        )

    def shared_keywords_view(self, request):
        """Per language: keyword phrases that several items list, so staff can keep each on the
        item that answers it."""
        self._require_content_view(request)
        shared = insights.shared_keywords(language=request.LANGUAGE_CODE)
        return report_response(
            request,
            self,
            "admin/insights/shared_keywords.html",
            title=_("Keywords shared by several items"),
            published_label=str(Status.PUBLISHED.label),
            sections=[
                {"code": code, "name": name, "shared": shared.get(code, [])}
                for code, name in settings.LANGUAGES
            ],
        )

    def review_view(self, request):
        """Published items not reviewed for REVIEW_AFTER_DAYS days, the longest first."""
        self._require_content_view(request)
        return report_response(
            request,
            self,
            "admin/insights/review.html",
            title=_("Due for review"),
            items=insights.review_due(language=request.LANGUAGE_CODE),
            review_after_days=settings.REVIEW_AFTER_DAYS,
        )
