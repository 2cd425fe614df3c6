"""Admin for FAQs and the shared vocabulary, with language tabs and history."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from faq.models import CardType, Carrier, Category, Faq, Status, SynonymGroup


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
class FaqAdmin(TranslatedHistoryAdmin):
    list_display = ["question", "slug", "category", "status", "order", "updated_at"]
    list_filter = ["status", "category", "carriers", "card_types"]
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
    actions = [publish, unpublish]
    fieldsets = [
        (None, {"fields": ["question", "slug", "category", "status", "order"]}),
        (_("Answer"), {"fields": ["answer", "keywords"]}),
        (_("Applies to"), {"fields": ["carriers", "card_types"]}),
    ]


@admin.register(SynonymGroup)
class SynonymGroupAdmin(TranslatedHistoryAdmin):
    list_display = ["slug", "terms"]
    search_fields = ["slug", "terms_zh_hans", "terms_en", "terms_ru"]
