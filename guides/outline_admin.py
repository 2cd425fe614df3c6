"""The outline's editing actions on the troubleshooter admin: small POST views, each one change.

A change comes from a plain form in the outline (it works without JavaScript) and goes back to
the page it came from (the change page or the diagram page), anchored at the question it
touched, in the language the outline was shown in; its messages are shown beside that question.
Only staff who may change the troubleshooter may use them; a GET is refused.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guides.diagram import Diagram
from guides.models import Node, NodeKind, Option, Troubleshooter
from guides.outline import OutlineOptionForm, TreeRefused, outline_add_option, outline_move_option

NOTE = "outline-node-"  # message tag: the message is about this question (its pk follows)


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

    def outline_context(self, request, tree: Troubleshooter, diagram: Diagram) -> dict:
        """What the outline template needs: its forms (none without the right to change), and
        the messages of the last outline change, each put beside the question it was about
        (`DiagramNode.notes`) rather than at the top of the page, far from where staff acted."""
        nodes = {node.pk: node for node in diagram.nodes.values()}
        page_messages = []
        for message in messages.get_messages(request):
            tags = (message.extra_tags or "").split()
            pk = next((tag.removeprefix(NOTE) for tag in tags if tag.startswith(NOTE)), "")
            node = nodes.get(int(pk)) if pk.isdigit() else None
            (node.notes if node is not None else page_messages).append(message)
        context = {"page_messages": page_messages, "outline_editable": False}
        if not self.has_change_permission(request, tree):
            return context
        names = dict(settings.LANGUAGES)
        return {
            **context,
            "outline_editable": True,
            "outline_languages": [
                (code, code.replace("-", "_"), names.get(code, code))
                for code in settings.MODELTRANSLATION_LANGUAGES
            ],
            "outline_targets": [(node.pk, node.key, node.kind) for node in tree.nodes.all()],
        }

    def _note(self, request, node_id: int, text: str, level: int = messages.ERROR) -> None:
        """A message about the question `node_id`, shown beside it in the outline."""
        self.message_user(request, text, level, extra_tags=f"{NOTE}{node_id}")

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

    def _outline_refused(self, request, node_id: int, error: TreeRefused) -> None:
        self._note(request, node_id, _("Nothing was changed: the tree would not be sound."))
        for problem in error.errors:
            self._note(request, node_id, problem.message)

    def outline_add_view(self, request, object_id: int, node_id: int):
        """Add an option under a question, to an existing node or to a new question or solution."""
        tree = self._outline_tree(request, object_id)
        source = get_object_or_404(Node, pk=node_id, troubleshooter=tree)
        if source.kind != NodeKind.QUESTION:
            raise Http404
        form = OutlineOptionForm(request.POST, troubleshooter=tree, source=source)
        if not form.is_valid():
            for problem in form.error_messages():
                self._note(request, source.pk, problem)
            return self._outline_back(request, tree, source.pk)
        try:
            option = outline_add_option(form=form)
        except TreeRefused as error:
            self._outline_refused(request, source.pk, error)
            return self._outline_back(request, tree, source.pk)
        added = [{"added": {"name": str(Option._meta.verbose_name), "object": str(option)}}]
        if option.to_node.pk not in {int(pk) for pk in form.nodes}:
            node = option.to_node
            added.append({"added": {"name": str(Node._meta.verbose_name), "object": str(node)}})
        self.log_change(request, tree, added)
        self._note(
            request,
            source.pk,
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
            self._note(
                request, option.from_node_id, _("Say whether to move the option up or down.")
            )
            return self._outline_back(request, tree, option.from_node_id)
        try:
            moved = outline_move_option(option=option, direction=direction)
        except TreeRefused as error:
            self._outline_refused(request, option.from_node_id, error)
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
