"""Admin for FAQs and the shared vocabulary, with language tabs and history, and the columns,
filters and actions every content changelist shares (views, votes, translations, review)."""

from importlib import import_module

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin

from faq import freshness
from faq.admin_sources import SourceBesideFormMixin, TranslationReviewAdmin
from faq.history import TranslatedHistoryContextHelper
from faq.models import CardType, Carrier, Category, Faq, Status


def item_statistics():
    """The module that counts readers' views and votes per item (`SIMHELP_ITEM_STATISTICS`).

    Named in settings rather than imported: content apps know nothing of the app that counts
    (insights); it provides `content_insights_annotate(queryset, kind=)` for the changelist
    columns, `item_activity(target=, query=)` for the chart on each change form and
    `solution_stats(target=, solutions=)` for a troubleshooter's page.
    """
    return import_module(settings.SIMHELP_ITEM_STATISTICS)


class PlainLineBreaksField(forms.CharField):
    """A text area's text with its line breaks as LF, however the browser sent them."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class PlainLineBreaks:
    """Admin mixin (page or inline): every text area is saved with LF line breaks.

    Browsers send a textarea's lines ended with CRLF, while the demo content, imports and the
    API hold LF. Saved as sent, the first save of an item in the admin changed every text of
    it: the zh-hans source looked edited (its translations flagged outdated) and history listed
    languages nobody touched.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", PlainLineBreaksField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class DraftOrPublishedForm(SourceBesideFormMixin, forms.ModelForm):
    """A draft needs its title in one language; a published item, every text in every language.
    The en/ru fields of tracked texts show their zh-hans source beside them (`admin_sources`).

    The published rule is `check_content`'s (`freshness.translations_missing`); each missing
    text is an error on its own field, so the language switch can open and mark its language.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.translated = freshness.translated_fields(self._meta.model)
        for name in self.translated:
            for language in settings.MODELTRANSLATION_LANGUAGES:
                column = build_localized_fieldname(name, language)
                if column in self.fields:
                    self.fields[column].required = False

    def clean(self):
        cleaned = super().clean()
        present = [
            name for name in self.translated if build_localized_fieldname(name, "en") in self.fields
        ]
        if not present:
            return cleaned
        if cleaned.get("status") == Status.PUBLISHED:
            for name, language in freshness.translations_missing(
                text_of=cleaned.get, names=present
            ):
                self.add_error(
                    build_localized_fieldname(name, language),
                    _("A published item needs this text in every language."),
                )
            return cleaned
        title = present[0]
        columns = [
            build_localized_fieldname(title, code) for code in settings.MODELTRANSLATION_LANGUAGES
        ]
        if not any(str(cleaned.get(column) or "").strip() for column in columns):
            self.add_error(columns[0], _("Write this in at least one language."))
        return cleaned


class TranslatedHistoryAdmin(PlainLineBreaks, SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Translated fields under one language switch for the page, history with revert, and the
    image library's picker on Markdown fields.

    modeltranslation builds a tab strip per field; `language-switch.js` hides the strips behind
    one switch, marks the languages holding errors and opens the first. Without JavaScript every
    language is shown, each label naming its language.

    The history page lists a translated field's changes per language, in full (`faq.history`).
    """

    form = DraftOrPublishedForm
    object_history_template = "admin/translated_history.html"
    object_history_list_template = "admin/translated_history_list.html"

    class Media:
        # Named after modeltranslation's files so that the merged media keep it after them.
        js = (
            "admin/js/jquery.init.js",
            "modeltranslation/js/force_jquery.js",
            settings.JQUERY_UI_URL,
            "modeltranslation/js/tabbed_translation_fields.js",
            "simhelp/admin/language-switch.js",
            "simhelp/admin/image-picker.js",
        )
        css = {"all": ("simhelp/admin/language-switch.css", "simhelp/admin/translation-source.css")}

    def get_historical_record_context_helper(self, request, historical_record):
        return TranslatedHistoryContextHelper(self.model, historical_record)


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
    changed = freshness.items_mark_reviewed(queryset=queryset)
    modeladmin.message_user(
        request,
        ngettext("%(count)d item marked reviewed.", "%(count)d items marked reviewed.", changed)
        % {"count": changed},
        messages.SUCCESS,
    )


@admin.action(description=_("Confirm translations are up to date"))
def confirm_translations(modeladmin, request, queryset):
    changed = freshness.translations_confirm(queryset=queryset)
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
            *[(code, name) for code, name in settings.LANGUAGES if code in freshness.TRANSLATIONS],
            ("any", _("Any language")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in freshness.TRANSLATIONS:
            return queryset.filter(freshness.outdated_q(language=value))
        if value == "any":
            outdated = [freshness.outdated_q(language=code) for code in freshness.TRANSLATIONS]
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
            return queryset.filter(freshness.review_due_q())
        if self.value() == "recent":
            return queryset.filter(reviewed_at__gte=freshness.review_cutoff())
        return queryset


class ContentInsightsAdmin(admin.ModelAdmin):
    """Views, votes, outdated translations and review date as changelist columns and filters,
    and on each change form a chart of the item's views and votes per day.

    The counts are subqueries annotated in get_queryset: one query per changelist page. Whoever
    may open the item sees its numbers, in the list as on its page.
    """

    insight_kind = ""  # the prefix of the items' keys: "faq", "guide", "troubleshooter"
    insight_columns = ["views_column", "helpful_column", "outdated_column", "reviewed_column"]
    insight_filters = [OutdatedTranslationFilter, ReviewDueFilter]
    insight_actions = [mark_reviewed, confirm_translations]

    def get_queryset(self, request):
        return item_statistics().content_insights_annotate(
            super().get_queryset(request), kind=self.insight_kind
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not add:
            # The stored slug: after a refused save, `obj` holds the slug as typed.
            slug = context["adminform"].form.initial.get("slug") or obj.slug
            context["item_activity"] = item_statistics().item_activity(
                target=f"{self.insight_kind}:{slug}", query=request.GET
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

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
        return ", ".join(freshness.outdated_languages(item=item)) or "—"

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
class FaqAdmin(ContentInsightsAdmin, TranslationReviewAdmin, TranslatedHistoryAdmin):
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
    # A handful of carriers and card types: plain checkboxes, each with its label, rather than
    # the two-box chooser (whose help icons carry an aria-label on an element without a role).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    actions = [publish, unpublish, *ContentInsightsAdmin.insight_actions]
    fieldsets = [
        (None, {"fields": ["question", "slug", "category", "status", "order"]}),
        (_("Answer"), {"fields": ["answer", "keywords"]}),
        (_("Applies to"), {"fields": ["carriers", "card_types"]}),
    ]
