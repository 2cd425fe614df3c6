"""Admin for FAQs and the shared vocabulary, with language tabs and history."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from faq.models import AnswerRule, CardType, Carrier, Category, Faq, Status, SynonymGroup


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
