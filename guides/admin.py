"""Admin for guides (steps inline) and troubleshooters (nodes and options on one page).

A troubleshooter's nodes and options are validated together, from the submitted forms, before
anything is saved: structural faults (a cycle, an option leading nowhere) always stop the save;
gaps that only matter to readers (a dead end, an unreachable node, a missing translation) stop
publishing but let staff save a draft that is still being built.
"""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname

from faq.admin import (
    ContentInsightsAdmin,
    PlainLineBreaks,
    TranslatedHistoryAdmin,
    item_statistics,
    publish,
    unpublish,
)
from faq.admin_sources import SourceBesideInlineForm, TranslationReviewAdmin
from faq.models import Status
from guides.diagram import diagram_context
from guides.models import Guide, GuideStep, Node, NodeKind, Option, Troubleshooter
from guides.outline_admin import OutlineEditAdmin
from guides.selectors import troubleshooters_with_trees
from guides.trees import DRAFT_TOLERATED, TreeNode, TreeOption, TreeSpec, tree_validate


class GuideStepInline(PlainLineBreaks, TranslationStackedInline):
    form = SourceBesideInlineForm
    model = GuideStep
    extra = 0
    fields = ["order", "title", "body", "image"]
    autocomplete_fields = ["image"]

    class Media:
        js = ("guides/admin/autocomplete-names.js",)


@admin.register(Guide)
class GuideAdmin(ContentInsightsAdmin, TranslationReviewAdmin, TranslatedHistoryAdmin):
    insight_kind = "guide"
    list_display = [
        "title",
        "slug",
        "category",
        "carrier",
        "card_type",
        "channel",
        "status",
        *ContentInsightsAdmin.insight_columns,
    ]
    list_filter = [
        "status",
        "category",
        "carrier",
        "card_type",
        "channel",
        *ContentInsightsAdmin.insight_filters,
    ]
    list_select_related = ["category", "carrier", "card_type"]
    search_fields = [
        "slug",
        "title_zh_hans",
        "title_en",
        "title_ru",
        "keywords_zh_hans",
        "keywords_en",
        "keywords_ru",
    ]
    prepopulated_fields = {"slug": ["title_en"]}
    actions = [publish, unpublish, *ContentInsightsAdmin.insight_actions]
    inlines = [GuideStepInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "status", "order"]}),
        (_("Content"), {"fields": ["summary", "keywords"]}),
        (_("Applies to"), {"fields": ["carrier", "card_type", "channel"]}),
    ]


def _languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def _texts(cleaned: dict, name: str) -> dict[str, str]:
    return {
        language: cleaned.get(build_localized_fieldname(name, language)) or ""
        for language in _languages()
    }


class TreeFormSet(BaseInlineFormSet):
    """Inline formsets of one troubleshooter page; they find each other through `tree_forms`."""

    role = ""

    def __init__(self, *args, tree_forms: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree_forms = tree_forms if tree_forms is not None else {}
        self.tree_forms[self.role] = self

    def kept_forms(self):
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            if not form.instance.pk and not form.has_changed():
                continue
            yield form


class NodeFormSet(TreeFormSet):
    role = "nodes"


class OptionFormSet(TreeFormSet):
    """The options' table. Its column headers name the fields for sighted readers only, so each
    field of each row also carries its name for screen readers ("Label [en]", "Delete")."""

    role = "options"

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        for field in form.fields.values():
            if field.label:
                # A related field's select sits in the admin's wrapper (the add/change icons).
                widget = getattr(field.widget, "widget", field.widget)
                widget.attrs.setdefault("aria-label", str(field.label))

    def clean(self) -> None:
        super().clean()
        nodes = self.tree_forms.get("nodes")
        if any(self.errors) or nodes is None or any(nodes.errors):
            return
        errors = tree_validate(tree=self.tree_spec(nodes), languages=_languages())
        if self.data.get("status") != Status.PUBLISHED:
            errors = [error for error in errors if error.code not in DRAFT_TOLERATED]
        if errors:
            raise ValidationError([error.message for error in errors])

    def tree_spec(self, nodes: NodeFormSet) -> TreeSpec:
        """The tree as it will be after this save, from the submitted node and option forms."""
        keys: dict[int, str] = {}
        spec_nodes = []
        for form in nodes.kept_forms():
            key = form.cleaned_data.get("key")
            if form.instance.pk:
                keys[form.instance.pk] = key
            spec_nodes.append(
                TreeNode(
                    key=key,
                    kind=form.cleaned_data.get("kind"),
                    texts=_texts(form.cleaned_data, "text"),
                )
            )
        options = []
        for form in self.kept_forms():
            source, target = form.cleaned_data.get("from_node"), form.cleaned_data.get("to_node")
            options.append(
                TreeOption(
                    from_key=keys.get(source.pk, f"(deleted) {source.key}") if source else "",
                    to_key=(keys.get(target.pk, f"(deleted) {target.key}") if target else None),
                    labels=_texts(form.cleaned_data, "label"),
                )
            )
        root_pk = self.data.get("root")
        root = keys.get(int(root_pk)) if root_pk and str(root_pk).isdigit() else None
        return TreeSpec(root=root, nodes=spec_nodes, options=options)


class NodeInline(PlainLineBreaks, TranslationStackedInline):
    form = SourceBesideInlineForm
    model = Node
    formset = NodeFormSet
    extra = 0
    fields = ["key", "kind", "order", "text", "body"]


class OptionInline(PlainLineBreaks, TranslationTabularInline):
    form = SourceBesideInlineForm
    model = Option
    formset = OptionFormSet
    fk_name = "troubleshooter"
    extra = 0
    fields = ["from_node", "label", "to_node", "order", "condition_carrier", "condition_card_type"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        nodes = obj.nodes.all() if obj else Node.objects.none()
        for name in ("from_node", "to_node"):
            formset.form.base_fields[name].queryset = nodes
        return formset


@admin.register(Troubleshooter)
class TroubleshooterAdmin(
    OutlineEditAdmin, ContentInsightsAdmin, TranslationReviewAdmin, TranslatedHistoryAdmin
):
    insight_kind = "troubleshooter"
    list_display = [
        "title",
        "slug",
        "category",
        "status",
        "order",
        "updated_at",
        *ContentInsightsAdmin.insight_columns,
    ]
    list_filter = ["status", "category", *ContentInsightsAdmin.insight_filters]
    list_select_related = ["category"]
    search_fields = ["slug", "title_zh_hans", "title_en", "title_ru"]
    prepopulated_fields = {"slug": ["title_en"]}
    actions = [publish, unpublish, *ContentInsightsAdmin.insight_actions]
    inlines = [NodeInline, OptionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "status", "order"]}),
        (_("Content"), {"fields": ["intro", "keywords", "root"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["root"].queryset = obj.nodes.all() if obj else Node.objects.none()
        return form

    def get_urls(self):
        diagram = path(
            "<path:object_id>/diagram/",
            self.admin_site.admin_view(self.diagram_view),
            name="guides_troubleshooter_diagram",
        )
        return [diagram, *self.outline_urls(), *super().get_urls()]

    def _tree(self, object_id) -> Troubleshooter | None:
        if not str(object_id).isdigit():
            return None
        return troubleshooters_with_trees().filter(pk=object_id).first()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The page also shows the tree as a diagram, its outline (with forms that change the
        tree one step at a time) and how each solution did."""
        tree = self._tree(object_id)
        if tree is not None:
            solutions = [node for node in tree.nodes.all() if node.kind == NodeKind.SOLUTION]
            diagram = diagram_context(request, tree, link="")
            extra_context = {
                **(extra_context or {}),
                **diagram,
                **self.outline_context(request, tree, diagram["diagram"]),
                "solution_stats": item_statistics().solution_stats(
                    target=f"troubleshooter:{tree.slug}",
                    solutions=[(node.key, node.text) for node in solutions],
                ),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def diagram_view(self, request, object_id):
        """The diagram alone: an HTML page, or the bare SVG with `?format=svg`."""
        tree = self._tree(object_id)
        if tree is None or not self.has_view_permission(request, tree):
            raise Http404
        change = reverse("admin:guides_troubleshooter_change", args=[tree.pk])
        context = diagram_context(request, tree, link=change)
        if request.GET.get("format") == "svg":
            if context["diagram"].svg is None:
                return HttpResponse(context["diagram"].unavailable, status=503)
            return HttpResponse(context["diagram"].svg, content_type="image/svg+xml")
        return TemplateResponse(
            request,
            "admin/guides/troubleshooter/diagram_page.html",
            {
                **self.admin_site.each_context(request),
                **context,
                **self.outline_context(request, tree, context["diagram"]),
                "opts": self.opts,
                "original": tree,
                "title": _("Diagram of “%s”") % tree,
                "change_url": change,
            },
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # One dict per request, shared by this page's inline formsets.
        kwargs["tree_forms"] = request.__dict__.setdefault("_simhelp_tree_forms", {})
        return kwargs
