"""Admin for embedding sites: origins and contact validated, the snippet ready to copy."""

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from widget.loads import install_check
from widget.models import EmbedSite


def widget_snippet(*, site: EmbedSite, loader_url: str) -> str:
    """The one <script> tag a site owner pastes into their pages."""
    return f'<script src="{loader_url}" data-site="{site.public_key}" async></script>'


@admin.register(EmbedSite)
class EmbedSiteAdmin(SimpleHistoryAdmin):
    list_display = ["name", "public_key", "origins_list", "default_language", "active"]
    list_filter = ["active", "default_language"]
    search_fields = ["name", "public_key", "allowed_origins"]
    readonly_fields = ["public_key", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "active"]}),
        (_("Where it may appear"), {"fields": ["allowed_origins", "public_key"]}),
        (_("How it looks"), {"fields": ["default_language", "accent_color", "contact"]}),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:  # the key exists once the site is saved: no key that does nothing
            return [
                (name, {"fields": [f for f in options["fields"] if f != "public_key"]})
                for name, options in self.fieldsets
            ]
        return self.fieldsets

    def response_add(self, request, obj, post_url_continue=None):
        """After adding a site, its page: the saved key, the snippet and the install check."""
        response = super().response_add(request, obj, post_url_continue)
        if "_addanother" in request.POST or IS_POPUP_VAR in request.POST:
            return response
        messages.info(request, _("Paste the snippet below into the pages that show the widget."))
        return HttpResponseRedirect(reverse("admin:widget_embedsite_change", args=[obj.pk]))

    @admin.display(description=_("allowed origins"))
    def origins_list(self, site: EmbedSite) -> str:
        return ", ".join(site.origins)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            loader_url = request.build_absolute_uri(reverse("widget:loader"))
            context["widget_snippet"] = widget_snippet(site=obj, loader_url=loader_url)
            context["install_check"] = install_check(site=obj)
        return super().render_change_form(request, context, add, change, form_url, obj)
