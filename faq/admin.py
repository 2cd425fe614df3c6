"""Admin for FAQs and the shared vocabulary, with language tabs and history; and the staff
insight reports (searches, feedback, translations, freshness) with their dashboard."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from faq import insights
from faq.counters import counters_flush
from faq.models import (
    AnswerRule,
    CardType,
    Carrier,
    Category,
    Faq,
    Feedback,
    HandledQuery,
    SearchLog,
    Status,
    SynonymGroup,
)


class TranslatedHistoryAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Language tabs (zh-hans, en, ru) on every translated field, and history with revert."""


@admin.action(description=_("Publish the selected items"))
def publish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Status.PUBLISHED)


@admin.action(description=_("Unpublish the selected items (back to draft)"))
def unpublish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, Status.DRAFT)


def _set_status(modeladmin, request, queryset, status: str) -> None:
    # Saved one by one so history records each change and the content version is bumped.
    changed = 0
    for item in queryset.exclude(status=status):
        item.status = status
        item.save(update_fields=["status", "updated_at"])
        changed += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d item changed.", "%(count)d items changed.", changed)
        % {"count": changed},
        messages.SUCCESS,
    )


# --- insight columns, filters and actions shared by FAQs, guides and troubleshooters ---------


@admin.action(description=_("Mark reviewed: the content is still correct"))
def mark_reviewed(modeladmin, request, queryset):
    changed = insights.items_mark_reviewed(queryset=queryset)
    modeladmin.message_user(
        request,
        ngettext("%(count)d item marked reviewed.", "%(count)d items marked reviewed.", changed)
        % {"count": changed},
        messages.SUCCESS,
    )


@admin.action(description=_("Confirm translations are up to date"))
def confirm_translations(modeladmin, request, queryset):
    changed = insights.translations_confirm(queryset=queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "Translations of %(count)d item confirmed.",
            "Translations of %(count)d items confirmed.",
            changed,
        )
        % {"count": changed},
        messages.SUCCESS,
    )


class OutdatedTranslationFilter(admin.SimpleListFilter):
    title = _("translation outdated")
    parameter_name = "outdated"

    def lookups(self, request, model_admin):
        return [
            *[(code, name) for code, name in settings.LANGUAGES if code in insights.TRANSLATIONS],
            ("any", _("Any language")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in insights.TRANSLATIONS:
            return queryset.filter(insights.outdated_q(language=value))
        if value == "any":
            outdated = [insights.outdated_q(language=code) for code in insights.TRANSLATIONS]
            condition = outdated[0]
            for other in outdated[1:]:
                condition |= other
            return queryset.filter(condition)
        return queryset


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("due", _("Due for review")),
            ("recent", _("Reviewed recently")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(insights.review_due_q())
        if self.value() == "recent":
            return queryset.filter(reviewed_at__gte=insights.review_cutoff())
        return queryset


class ContentInsightsAdmin(admin.ModelAdmin):
    """Views, votes, outdated translations and review date as changelist columns and filters.

    The counts are subqueries annotated in get_queryset: one query per changelist page.
    """

    insight_kind = ""  # the prefix of the items' keys: "faq", "guide", "troubleshooter"
    insight_columns = ["views_column", "helpful_column", "outdated_column", "reviewed_column"]
    insight_filters = [OutdatedTranslationFilter, ReviewDueFilter]
    insight_actions = [mark_reviewed, confirm_translations]

    def get_queryset(self, request):
        return insights.content_insights_annotate(
            super().get_queryset(request), kind=self.insight_kind
        )

    @admin.display(description=_("views (30 d)"), ordering="views")
    def views_column(self, item) -> int:
        return item.views

    @admin.display(description=_("helpful"), ordering="helpful_ratio")
    def helpful_column(self, item) -> str:
        if not item.votes:
            return "—"
        return f"{item.helpful_ratio:.0%} ({item.helpful_votes}/{item.votes})"

    @admin.display(description=_("outdated"))
    def outdated_column(self, item) -> str:
        return ", ".join(insights.outdated_languages(item=item)) or "—"

    @admin.display(description=_("reviewed"), ordering="reviewed_at")
    def reviewed_column(self, item) -> str:
        if item.reviewed_at is None:
            return str(_("never"))
        return date_format(item.reviewed_at, "SHORT_DATE_FORMAT")


@admin.register(Category)
class CategoryAdmin(TranslatedHistoryAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["slug", "name_zh_hans", "name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Carrier)
class CarrierAdmin(TranslatedHistoryAdmin):
    list_display = ["name", "slug", "website", "order"]
    search_fields = ["slug", "name_zh_hans", "name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(CardType)
class CardTypeAdmin(TranslatedHistoryAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["slug", "name_zh_hans", "name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Faq)
class FaqAdmin(ContentInsightsAdmin, TranslatedHistoryAdmin):
    insight_kind = "faq"
    list_display = [
        "question",
        "slug",
        "category",
        "status",
        "order",
        "updated_at",
        *ContentInsightsAdmin.insight_columns,
    ]
    list_filter = [
        "status",
        "category",
        "carriers",
        "card_types",
        *ContentInsightsAdmin.insight_filters,
    ]
    list_select_related = ["category"]
    search_fields = [
        "slug",
        "question_zh_hans",
        "question_en",
        "question_ru",
        "keywords_zh_hans",
        "keywords_en",
        "keywords_ru",
    ]
    prepopulated_fields = {"slug": ["question_en"]}
    filter_horizontal = ["carriers", "card_types"]
    actions = [publish, unpublish, *ContentInsightsAdmin.insight_actions]
    fieldsets = [
        (None, {"fields": ["question", "slug", "category", "status", "order"]}),
        (_("Answer"), {"fields": ["answer", "keywords"]}),
        (_("Applies to"), {"fields": ["carriers", "card_types"]}),
    ]


@admin.register(SynonymGroup)
class SynonymGroupAdmin(TranslatedHistoryAdmin):
    list_display = ["slug", "terms"]
    search_fields = ["slug", "terms_zh_hans", "terms_en", "terms_ru"]


def _target_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    from django.apps import apps
    from django.conf import settings

    groups = []
    for kind, model_path in settings.SIMHELP_CONTENT_TYPES.items():
        model = apps.get_model(model_path)
        items = [
            (
                f"{kind}:{item.slug}",
                f"{kind}:{item.slug} — {item}"
                + ("" if item.is_published else f" ({Status.DRAFT.label})"),
            )
            for item in model.objects.order_by("slug")
        ]
        groups.append((str(model._meta.verbose_name_plural), items))
    return groups


class AnswerRuleForm(forms.ModelForm):
    target = forms.ChoiceField(label=_("answer with"), choices=())

    class Meta:
        model = AnswerRule
        fields = [
            "name",
            "priority",
            "active",
            "phrases",
            "language",
            "carrier",
            "card_type",
            "page_url",
            "target",
            "target_node",
            "message",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "---------"), *_target_choices()]


class TryQueryForm(forms.Form):
    query = forms.CharField(label=_("Question"), max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=())
    carrier = forms.ModelChoiceField(
        label=_("Carrier"), queryset=Carrier.objects.all(), required=False, to_field_name="slug"
    )
    card_type = forms.ModelChoiceField(
        label=_("Card type"),
        queryset=CardType.objects.all(),
        required=False,
        to_field_name="slug",
    )
    page_url = forms.CharField(label=_("Page URL"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


@admin.register(AnswerRule)
class AnswerRuleAdmin(TranslatedHistoryAdmin):
    form = AnswerRuleForm
    list_display = [
        "name",
        "priority",
        "active",
        "target",
        "language",
        "carrier",
        "card_type",
        "page_url",
    ]
    list_filter = ["active", "language", "carrier", "card_type"]
    list_editable = ["priority", "active"]
    search_fields = ["name", "target", "phrases_zh_hans", "phrases_en", "phrases_ru", "page_url"]
    list_select_related = ["carrier", "card_type"]
    fieldsets = [
        (None, {"fields": ["name", "priority", "active"]}),
        (_("When the question contains"), {"fields": ["phrases"]}),
        (_("Only when"), {"fields": ["language", "carrier", "card_type", "page_url"]}),
        (_("Answer"), {"fields": ["target", "target_node", "message"]}),
    ]
    change_list_template = "admin/faq/answerrule/change_list.html"

    def get_urls(self):
        from django.urls import path

        return [
            path("try/", self.admin_site.admin_view(self.try_view), name="faq_answerrule_try"),
            *super().get_urls(),
        ]

    def try_view(self, request):
        """Staff type a question and a context and see what the assistant decides, and why."""
        from django.template.response import TemplateResponse

        from faq.assistant import ask
        from faq.rules import Context

        form = TryQueryForm(request.GET or None)
        decision = None
        if form.is_valid():
            data = form.cleaned_data
            decision = ask(
                data["query"],
                language=data["language"],
                context=Context(
                    carrier=data["carrier"].slug if data["carrier"] else "",
                    card_type=data["card_type"].slug if data["card_type"] else "",
                    page_url=data["page_url"],
                ),
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Try a question"),
            "form": form,
            "decision": decision,
        }
        return TemplateResponse(request, "admin/faq/answerrule/try.html", context)


# --- staff insight: feedback, searches and the reports ---------------------------------------

# The admin index links the reports (a box above the app list).
admin.site.index_template = "admin/faq/insights/index.html"


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
    change_list_template = "admin/faq/feedback/change_list.html"

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
            "admin/faq/insights/feedback_items.html",
            title=_("Votes per item"),
            rows=insights.feedback_by_item(),
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
    change_list_template = "admin/faq/searchlog/change_list.html"

    def get_urls(self):
        def view(function, name: str, route: str):
            return path(route, self.admin_site.admin_view(function), name=name)

        return [
            view(self.dashboard_view, "insights_dashboard", "dashboard/"),
            view(self.unanswered_view, "insights_unanswered", "unanswered/"),
            view(self.handled_view, "insights_unanswered_handled", "unanswered/handled/"),
            view(self.draft_view, "insights_unanswered_draft", "unanswered/draft/"),
            view(self.keyword_view, "insights_unanswered_keyword", "unanswered/keyword/"),
            view(self.translations_view, "insights_translations", "translations/"),
            view(self.review_view, "insights_review", "review/"),
            *super().get_urls(),
        ]

    def _require_view(self, request) -> None:
        if not self.has_view_permission(request):
            raise PermissionDenied

    def _require(self, request, *perms: str) -> None:
        if not request.user.has_perms(perms):
            raise PermissionDenied

    def dashboard_view(self, request):
        """This week's key numbers, each linking to its report."""
        self._require_view(request)
        return _report(
            request,
            self,
            "admin/faq/insights/dashboard.html",
            title=_("Staff insights: this week"),
            board=insights.dashboard(language=request.LANGUAGE_CODE),
            review_after_days=settings.REVIEW_AFTER_DAYS,
        )

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
            "admin/faq/insights/unanswered.html",
            title=_("Unanswered searches"),
            sections=sections,
            days=days,
            can_draft=request.user.has_perms(["faq.add_faq", "faq.add_handledquery"]),
            can_handle=request.user.has_perm("faq.add_handledquery"),
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
        self._require(request, "faq.add_handledquery")
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
        self._require(request, "faq.add_faq", "faq.add_handledquery")
        data = self._query_form(request)
        insights.query_mark_handled(
            query=data["query"], language=data["language"], how=HandledQuery.How.DRAFT
        )
        initial = insights.faq_draft_initial(query=data["query"], language=data["language"])
        return redirect(reverse("admin:faq_faq_add") + "?" + urlencode(initial))

    def keyword_view(self, request):
        """Add the query to an item's keywords or a synonym group's terms, in its language."""
        self._require(request, "faq.add_handledquery")
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
            "admin/faq/insights/keyword.html",
            title=_("Add a query as a keyword or synonym"),
            form=form,
            query=form["query"].value(),
            language=form["language"].value(),
        )

    def translations_view(self, request):
        """Per language: items with a text left empty, and items whose translation is outdated."""
        self._require_view(request)
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
            "admin/faq/insights/translations.html",
            title=_("Translations: missing and outdated"),
            sections=sections,
        )

    def review_view(self, request):
        """Published items not reviewed for REVIEW_AFTER_DAYS days, the longest first."""
        self._require_view(request)
        return _report(
            request,
            self,
            "admin/faq/insights/review.html",
            title=_("Due for review"),
            items=insights.review_due(language=request.LANGUAGE_CODE),
            review_after_days=settings.REVIEW_AFTER_DAYS,
        )
