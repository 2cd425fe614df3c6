"""The outline's editing actions on the troubleshooter admin: small POST views, each one change.

A change comes from a plain form in the outline (it works without JavaScript) and goes back,
with a message, to the page it came from (the change page or the diagram page), anchored at the
question it touched, in the language the outline was shown in. Only staff who may change the
troubleshooter may use them; a GET is refused.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guides.models import Node, NodeKind, Option, Troubleshooter
from guides.outline import OutlineOptionForm, TreeRefused, outline_add_option, outline_move_option


class OutlineEditAdmin:
    """Mixin for the troubleshooter admin: add an option, move an option up or down."""

    def outline_urls(self) -> list:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/outline/<int:node_id>/add-option/",
                wrap(require_POST(self.outline_add_view)),
                name="guides_troubleshooter_outline_add",
            ),
            path(
                "<int:object_id>/outline/option/<int:option_id>/move/",
                wrap(require_POST(self.outline_move_view)),
                name="guides_troubleshooter_outline_move",
            ),
        ]

    def outline_context(self, request, tree: Troubleshooter) -> dict:
        """What the outline template needs to show its forms (none without the right to change)."""
        if not self.has_change_permission(request, tree):
            return {"outline_editable": False}
        names = dict(settings.LANGUAGES)
        return {
            "outline_editable": True,
            "outline_languages": [
                (code, code.replace("-", "_"), names.get(code, code))
                for code in settings.MODELTRANSLATION_LANGUAGES
            ],
            "outline_targets": [(node.pk, node.key, node.kind) for node in tree.nodes.all()],
        }

    def _outline_tree(self, request, object_id) -> Troubleshooter:
        tree = get_object_or_404(Troubleshooter, pk=object_id)
        if not self.has_change_permission(request, tree):
            raise PermissionDenied
        return tree

    def _outline_back(self, request, tree: Troubleshooter, node_id: int) -> HttpResponseRedirect:
        """Back to the page the form was on, at the question it changed."""
        name = "diagram" if request.POST.get("back") == "diagram" else "change"
        url = reverse(f"admin:guides_troubleshooter_{name}", args=[tree.pk])
        language = request.POST.get("lang")
        if language in settings.MODELTRANSLATION_LANGUAGES:
            url += f"?lang={language}"
        return HttpResponseRedirect(f"{url}#outline-node-{node_id}")

    def _outline_refused(self, request, error: TreeRefused) -> None:
        self.message_user(
            request, _("Nothing was changed: the tree would not be sound."), messages.ERROR
        )
        for problem in error.errors:
            self.message_user(request, problem.message, messages.ERROR)

    def outline_add_view(self, request, object_id: int, node_id: int):
        """Add an option under a question, to an existing node or to a new question or solution."""
        tree = self._outline_tree(request, object_id)
        source = get_object_or_404(Node, pk=node_id, troubleshooter=tree)
        if source.kind != NodeKind.QUESTION:
            raise Http404
        form = OutlineOptionForm(request.POST, troubleshooter=tree, source=source)
        if not form.is_valid():
            for problem in form.error_messages():
                self.message_user(request, problem, messages.ERROR)
            return self._outline_back(request, tree, source.pk)
        try:
            option = outline_add_option(form=form)
        except TreeRefused as error:
            self._outline_refused(request, error)
            return self._outline_back(request, tree, source.pk)
        added = [{"added": {"name": str(Option._meta.verbose_name), "object": str(option)}}]
        if option.to_node.pk not in {int(pk) for pk in form.nodes}:
            node = option.to_node
            added.append({"added": {"name": str(Node._meta.verbose_name), "object": str(node)}})
        self.log_change(request, tree, added)
        self.message_user(
            request,
            _("Option “%(label)s” added under “%(node)s”.")
            % {"label": option.label, "node": source.key},
            messages.SUCCESS,
        )
        return self._outline_back(request, tree, source.pk)

    def outline_move_view(self, request, object_id: int, option_id: int):
        """Move an option one place up or down among its question's options."""
        tree = self._outline_tree(request, object_id)
        option = get_object_or_404(Option, pk=option_id, troubleshooter=tree)
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            self.message_user(
                request, _("Say whether to move the option up or down."), messages.ERROR
            )
            return self._outline_back(request, tree, option.from_node_id)
        try:
            moved = outline_move_option(option=option, direction=direction)
        except TreeRefused as error:
            self._outline_refused(request, error)
            return self._outline_back(request, tree, option.from_node_id)
        if moved:
            changed = [
                {
                    "changed": {
                        "name": str(Option._meta.verbose_name),
                        "object": str(option),
                        "fields": ["order"],
                    }
                }
            ]
            self.log_change(request, tree, changed)
        return self._outline_back(request, tree, option.from_node_id)
