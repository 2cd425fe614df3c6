"""The zh-hans source beside its translation on the admin's change forms, and the "outdated"
notice with its "mark current" button (issue 17, point 4).

A translator editing an English or Russian text needs the Chinese text it translates. Each en/ru
field of a tracked text (`freshness.tracked_fields`: keywords are not translations) is rendered
with the saved zh-hans text of the same field beside it, read-only and escaped. It is built on the
server into the field's own row, so modeltranslation's tabs and the page's language switch show it
exactly when that language is shown, inline rows (guide steps, tree nodes and options) included,
and no script is needed for it. When the source changed after a translation was last stamped,
`TranslationReviewAdmin` puts a notice above the fields for that language, with a button that
stamps that one translation current (`freshness.translations_confirm`).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.forms.boundfield import BoundField
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from faq import freshness
from faq.models import TranslationTracked


def language_name(code: str) -> str:
    """The language's name in the admin's language ("Russian", "Русский", "俄语")."""
    return get_language_info(code)["name_translated"]


def source_columns(model: type) -> dict[str, str]:
    """Each en/ru column of the model's tracked texts, and the zh-hans column it translates."""
    if not (isinstance(model, type) and issubclass(model, TranslationTracked)):
        return {}
    return {
        build_localized_fieldname(name, language): build_localized_fieldname(
            name, freshness.SOURCE_LANGUAGE
        )
        for name in freshness.tracked_fields(model)
        for language in freshness.TRANSLATIONS
    }


class SourceBesideBoundField(BoundField):
    """A translation field rendered together with its saved zh-hans source, which also describes
    it for screen readers (aria-describedby)."""

    @cached_property
    def source(self) -> str:
        column = source_columns(self.form._meta.model)[self.name]
        # The saved text (the form's initial data), not what a failed save just submitted.
        text = self.form.initial.get(column, getattr(self.form.instance, column, ""))
        return str(text or "")

    @property
    def source_id(self) -> str:
        return f"{self.auto_id}_source" if self.auto_id else ""

    @property
    def aria_describedby(self):
        described = super().aria_describedby
        if described is None or not self.source_id:
            return described
        return " ".join(filter(None, [described, self.source_id]))

    def __str__(self):
        label = _("Source (%(language)s)") % {
            "language": get_language_info(freshness.SOURCE_LANGUAGE)["name_local"]
        }
        if self.source.strip():
            text = format_html(
                '<div class="translation-source-text" lang="zh-Hans">{}</div>', self.source
            )
        else:
            text = format_html(
                '<div class="translation-source-text translation-source-empty">{}</div>',
                _("(empty)"),
            )
        return format_html(
            '<div class="translation-beside">{}<div class="translation-source"{}>'
            '<span class="translation-source-label">{}</span>{}</div></div>',
            super().__str__(),
            format_html(' id="{}"', self.source_id) if self.source_id else "",
            label,
            text,
        )


class SourceBesideFormMixin:
    """Render the en/ru fields of a saved item's tracked texts with their source beside them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return  # nothing saved yet: there is no source to show
        for column in source_columns(self._meta.model):
            if column in self.fields:
                self.fields[column].bound_field_class = SourceBesideBoundField


class SourceBesideInlineForm(SourceBesideFormMixin, forms.ModelForm):
    """The form of inline parts (guide steps, tree nodes and options)."""


class TranslationReviewAdmin(admin.ModelAdmin):
    """On the change form, a notice per outdated translation (when the zh-hans source changed,
    when the translation was last edited or confirmed) and a POST view that marks one language
    of one item current."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_translation_current"
        view = path(
            "<path:object_id>/translation-current/<str:language>/",
            self.admin_site.admin_view(self.translation_current_view),
            name=name,
        )
        return [view, *super().get_urls()]

    def translation_notices(self, request, item) -> list[dict]:
        can_confirm = self.has_change_permission(request, item)
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_translation_current"
        return [
            {
                "language": language,
                "name": language_name(language),
                "source_changed_at": item.source_changed_at,
                "translated_at": getattr(item, freshness.TRANSLATION_STAMPS[language]),
                "url": reverse(name, args=[quote(item.pk), language]) if can_confirm else "",
            }
            for language in freshness.outdated_languages(item=item)
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["translation_notices"] = self.translation_notices(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def translation_current_view(self, request, object_id, language):
        """POST: stamp this item's translation into `language` current, then back to its page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if language not in freshness.TRANSLATIONS:
            raise Http404(f"not a translation language: {language}")
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        freshness.translations_confirm(
            queryset=self.model._base_manager.filter(pk=item.pk), languages=[language]
        )
        self.message_user(
            request,
            _("The %(language)s translation of “%(item)s” is marked current.")
            % {"language": language_name(language), "item": item},
            messages.SUCCESS,
        )
        info = self.opts.app_label, self.opts.model_name
        return redirect(reverse("admin:{}_{}_change".format(*info), args=[quote(item.pk)]))
