"""Changes to a troubleshooter made from its outline: add an option (to an existing node, or to a
new question or solution created with it) and move an option up or down.

Each change runs in one transaction, then the whole stored tree is checked with the rules the
admin form applies on save (`tree_validate`; a draft may still have gaps): if the tree would be
broken, `TreeRefused` rolls everything back, so nothing is half-saved. Rows are saved one by one
with `save()`, so history records each change and the content version is bumped on commit, as
for a form save.
"""

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from faq.models import Status
from guides.models import Node, NodeKind, Option, Troubleshooter
from guides.selectors import troubleshooter_tree_spec, troubleshooters_with_trees
from guides.trees import DRAFT_TOLERATED, TreeError, tree_validate

NEW_QUESTION = "new-question"
NEW_SOLUTION = "new-solution"
NEW_KINDS = {NEW_QUESTION: NodeKind.QUESTION, NEW_SOLUTION: NodeKind.SOLUTION}


def languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def field_name(name: str, language: str) -> str:
    """The form field (and model column) of `name` in `language`, e.g. "label_zh_hans"."""
    return build_localized_fieldname(name, language)


class TreeRefused(Exception):
    """The change would leave a tree the admin form would not save; nothing was kept."""

    def __init__(self, errors: list[TreeError]):
        self.errors = errors
        super().__init__("; ".join(error.message for error in errors))


class OutlineOptionForm(forms.Form):
    """A new option under one question: its label (the zh-hans source text required) and where it
    leads: an existing node of the tree, or a new question or solution written here."""

    target = forms.ChoiceField(label=_("Leads to"))
    key = forms.SlugField(
        label=_("Key of the new step"),
        max_length=60,
        required=False,
        help_text=_("Optional; made up from the kind of step when left empty."),
    )

    def __init__(self, *args, troubleshooter: Troubleshooter, source: Node, **kwargs):
        super().__init__(*args, **kwargs)
        self.troubleshooter, self.source = troubleshooter, source
        self.nodes = {str(node.pk): node for node in troubleshooter.nodes.all()}
        self.fields["target"].choices = [
            (NEW_SOLUTION, _("A new solution")),
            (NEW_QUESTION, _("A new question")),
            *[(pk, node.key) for pk, node in self.nodes.items()],
        ]
        source_language = languages()[0]
        for language in languages():
            self.fields[field_name("label", language)] = forms.CharField(
                max_length=200, required=language == source_language, strip=True
            )
            self.fields[field_name("text", language)] = forms.CharField(
                max_length=300, required=False, strip=True
            )
            self.fields[field_name("body", language)] = forms.CharField(
                required=False, strip=True, widget=forms.Textarea
            )

    def clean_key(self) -> str:
        key = self.cleaned_data["key"]
        if key and any(node.key == key for node in self.nodes.values()):
            raise forms.ValidationError(_("This tree already has a step with this key."))
        return key

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") in NEW_KINDS:
            column = field_name("text", languages()[0])
            if not cleaned.get(column):
                self.add_error(
                    column, _("A new step needs its text in Simplified Chinese, the source.")
                )
        return cleaned

    def error_messages(self) -> list[str]:
        """Every error, each naming the field it is about, for the messages beside the question."""
        found = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else None
            if name != "__all__" and label is None:
                label = _describe(name)
            for error in errors:
                found.append(f"{label}: {error}" if label else str(error))
        return found


def _describe(name: str) -> str:
    """A readable name for a language field, e.g. "Label (English)"."""
    names = dict(settings.LANGUAGES)
    base = {"label": _("Label"), "text": _("Text of the new step"), "body": _("Body")}
    for language in languages():
        for prefix, label in base.items():
            if name == field_name(prefix, language):
                return f"{label} ({names.get(language, language)})"
    return name


def _texts(cleaned: dict, name: str) -> dict[str, str]:
    return {
        field_name(name, language): cleaned.get(field_name(name, language)) or ""
        for language in languages()
    }


def _new_key(troubleshooter: Troubleshooter, kind: str) -> str:
    taken = set(troubleshooter.nodes.values_list("key", flat=True))
    number = 1
    while f"{kind}-{number}" in taken:
        number += 1
    return f"{kind}-{number}"


def _next_order(queryset) -> int:
    highest = queryset.aggregate(highest=Max("order"))["highest"]
    return 0 if highest is None else highest + 1


def tree_check(*, troubleshooter_id: int) -> None:
    """Raise `TreeRefused` if the stored tree breaks the rules of the admin form's save."""
    tree = troubleshooters_with_trees().get(pk=troubleshooter_id)
    errors = tree_validate(
        tree=troubleshooter_tree_spec(troubleshooter=tree), languages=languages()
    )
    if tree.status != Status.PUBLISHED:
        errors = [error for error in errors if error.code not in DRAFT_TOLERATED]
    if errors:
        raise TreeRefused(errors)


def _touch(troubleshooter_id: int) -> Troubleshooter:
    """The troubleshooter, locked for this change and saved as a form save saves it (its
    `updated_at` and a history entry)."""
    tree = Troubleshooter.objects.select_for_update().get(pk=troubleshooter_id)
    tree.save()
    return tree


def outline_add_option(*, form: OutlineOptionForm) -> Option:
    """Add the option described by the valid `form`, with its new target node if asked."""
    troubleshooter, source = form.troubleshooter, form.source
    cleaned = form.cleaned_data
    with transaction.atomic():
        tree = _touch(troubleshooter.pk)
        target = form.nodes.get(cleaned["target"])
        if cleaned["target"] in NEW_KINDS:
            kind = NEW_KINDS[cleaned["target"]]
            target = Node(
                troubleshooter=tree,
                key=cleaned["key"] or _new_key(tree, kind),
                kind=kind,
                order=_next_order(tree.nodes.all()),
                **_texts(cleaned, "text"),
                **_texts(cleaned, "body"),
            )
            target.save()
        option = Option(
            troubleshooter=tree,
            from_node=source,
            to_node=target,
            order=_next_order(source.options.all()),
            **_texts(cleaned, "label"),
        )
        option.save()
        tree_check(troubleshooter_id=tree.pk)
    return option


def outline_move_option(*, option: Option, direction: str) -> bool:
    """Swap `option` with its neighbour among its question's options ("up" or "down"), then
    number them 0, 1, 2… in the new order; False when it is already first or last."""
    with transaction.atomic():
        _touch(option.troubleshooter_id)
        siblings = list(
            Option.objects.filter(from_node=option.from_node_id).order_by("order", "pk")
        )
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == option.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            transaction.set_rollback(True)
            return False
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings):
            if sibling.order != position:
                sibling.order = position
                sibling.save()
        tree_check(troubleshooter_id=option.troubleshooter_id)
    return True
