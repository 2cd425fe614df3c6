"""Reading, checking, planning, writing and exporting the trilingual content catalogue.

The catalogue is the JSON format of `fixtures/` (fixtures/README.md). `catalogue_load`
validates a whole document before it writes anything and then writes it in one transaction,
matching items by slug (nodes by key within a tree, rules by name), so loading the same
document twice changes nothing and a document with one bad item changes nothing at all. With
``sync=True`` (`import_content`) the document is the whole catalogue: what it leaves out is
deleted. `catalogue_plan` says what a load would do without writing; `catalogue_export` writes
the database out in the same format and a stable order, so an export loads back unchanged and
two exports compare as text.
"""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from assistant.models import AnswerRule, SynonymGroup
from assistant.rules import split_phrases
from faq.models import CardType, Carrier, Category, Faq, Status
from guides.models import Channel, Guide, GuideStep, Node, NodeKind, Option, Troubleshooter
from guides.selectors import guides_with_steps, troubleshooters_with_trees
from guides.trees import DRAFT_TOLERATED, TreeNode, TreeOption, TreeSpec, tree_validate
from simhelp.content import texts as stored_texts

Document = Mapping[str, list[dict[str, Any]]]

SECTIONS = (
    "categories",
    "carriers",
    "card_types",
    "synonyms",
    "faqs",
    "guides",
    "troubleshooters",
    "rules",
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The fields of each kind of item, in the order an export writes them.
FIELDS = {
    "categories": ("slug", "order", "name", "description"),
    "carriers": ("slug", "order", "name", "website"),
    "card_types": ("slug", "order", "name", "description"),
    "synonyms": ("slug", "terms"),
    "faqs": (
        "slug",
        "category",
        "status",
        "order",
        "carriers",
        "card_types",
        "question",
        "answer",
        "keywords",
    ),
    "guides": (
        "slug",
        "category",
        "status",
        "order",
        "carrier",
        "card_type",
        "channel",
        "title",
        "summary",
        "keywords",
        "steps",
    ),
    "troubleshooters": (
        "slug",
        "category",
        "status",
        "order",
        "title",
        "intro",
        "keywords",
        "root",
        "nodes",
    ),
    "rules": (
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
    ),
}
STEP_FIELDS = ("title", "body")
NODE_FIELDS = ("key", "kind", "text", "body", "options")
OPTION_FIELDS = ("label", "to", "condition")
# Translated texts a reader needs: required in every language once the item is published.
READER_TEXTS = {
    "faqs": ("question", "answer", "keywords"),
    "guides": ("title", "summary", "keywords"),
    "troubleshooters": ("title", "intro", "keywords"),
}

MODELS = {
    "categories": Category,
    "carriers": Carrier,
    "card_types": CardType,
    "synonyms": SynonymGroup,
    "faqs": Faq,
    "guides": Guide,
    "troubleshooters": Troubleshooter,
    "rules": AnswerRule,
}
NOUNS = {
    "categories": "category",
    "carriers": "carrier",
    "card_types": "card type",
    "synonyms": "synonym group",
    "faqs": "faq",
    "guides": "guide",
    "troubleshooters": "troubleshooter",
    "rules": "rule",
}
# A rule names its answer as "kind:slug".
TARGET_SECTIONS = {"faq": "faqs", "guide": "guides", "troubleshooter": "troubleshooters"}
# What uses an item is deleted before the item (a category is PROTECTed by its content).
DELETE_ORDER = (
    "rules",
    "troubleshooters",
    "guides",
    "faqs",
    "synonyms",
    "card_types",
    "carriers",
    "categories",
)
# The sort order of an export: each model's natural order, decided in Python so that it does
# not depend on the database's collation.
SORT_KEYS = {
    **{
        section: lambda item: (item["order"], item["slug"])
        for section in ("categories", "carriers", "card_types", "faqs", "guides", "troubleshooters")
    },
    "synonyms": lambda item: item["slug"],
    "rules": lambda item: (-item["priority"], item["name"]),
}
POSITIVE_INT = (0, 2**31 - 1)
SIGNED_INT = (-(2**31), 2**31 - 1)


def languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def key_field(section: str) -> str:
    """The field that identifies an item of `section`: its slug, or a rule's name."""
    return "name" if section == "rules" else "slug"


class CatalogueError(Exception):
    """A catalogue that cannot be loaded; `problems` names each item and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


OUTCOMES = ("created", "updated", "deleted", "unchanged")
_PLANNED = {
    "created": "to create",
    "updated": "to update",
    "deleted": "to delete",
    "unchanged": "unchanged",
}
_MARKS = {"created": "+", "updated": "~", "deleted": "-"}


@dataclass
class LoadReport:
    """What a load did (or, when `planned`, would do), item by item for every section."""

    sync: bool = False
    planned: bool = False
    # outcome → section → keys (slugs, rule names), in document or export order
    names: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # (section, key) → the fields that differ, for updated items
    differences: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(
        self, *, section: str, outcome: str, name: str, differences: Iterable[str] = ()
    ) -> None:
        self.names.setdefault(outcome, {}).setdefault(section, []).append(name)
        if differences:
            self.differences[(section, name)] = list(differences)

    def of(self, *, section: str, outcome: str) -> list[str]:
        return self.names.get(outcome, {}).get(section, [])

    def _counts(self, outcome: str) -> dict[str, int]:
        return {section: len(names) for section, names in self.names.get(outcome, {}).items()}

    @property
    def created(self) -> dict[str, int]:
        return self._counts("created")

    @property
    def updated(self) -> dict[str, int]:
        return self._counts("updated")

    @property
    def deleted(self) -> dict[str, int]:
        return self._counts("deleted")

    @property
    def unchanged(self) -> dict[str, int]:
        return self._counts("unchanged")

    def summary(self, *, details: bool = False) -> str:
        """One line of counts per section; with `details`, a line per item that changes."""
        outcomes = OUTCOMES if self.sync else ("created", "updated", "unchanged")
        words = _PLANNED if self.planned else {outcome: outcome for outcome in OUTCOMES}
        lines = []
        for section in SECTIONS:
            counts = {
                outcome: len(self.of(section=section, outcome=outcome)) for outcome in OUTCOMES
            }
            if not any(counts.values()):
                continue
            lines.append(f"{section}: " + ", ".join(f"{counts[o]} {words[o]}" for o in outcomes))
            if not details:
                continue
            for outcome, mark in _MARKS.items():
                for name in self.of(section=section, outcome=outcome):
                    fields = self.differences.get((section, name))
                    lines.append(f"  {mark} {name}" + (f" ({', '.join(fields)})" if fields else ""))
        return "\n".join(lines) or "nothing to load"


# --- Reading ------------------------------------------------------------------------------------


def _read_file(file: Path) -> dict[str, Any]:
    try:
        # utf-8-sig: a file saved by an editor that writes a byte-order mark still reads.
        document = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError([f"{file}: cannot be read: {error}"]) from None
    except json.JSONDecodeError as error:
        raise CatalogueError([f"{file}: not valid JSON: {error}"]) from None
    if not isinstance(document, dict):
        raise CatalogueError([f"{file}: the top level must be a JSON object"])
    unknown = sorted(set(document) - set(SECTIONS))
    if unknown:
        raise CatalogueError([f"{file}: unknown sections {', '.join(unknown)}"])
    for section, items in document.items():
        if not isinstance(items, list):
            raise CatalogueError([f"{file}: “{section}” must be a list"])
    return document


def catalogue_read(*, path: Path, complete: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Read one JSON file, or every ``*.json`` in a folder (sorted) merged section by section.

    With `complete` (an import, which replaces all content) `path` must be one file holding
    every section, so that a section left out by mistake cannot delete every item of its type.
    """
    if complete and path.is_dir():
        raise CatalogueError([f"{path}: an import reads one JSON file, not a folder"])
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise CatalogueError([f"{path}: no JSON files found"])
    merged: dict[str, list[dict[str, Any]]] = {section: [] for section in SECTIONS}
    for file in files:
        document = _read_file(file)
        missing = [section for section in SECTIONS if section not in document]
        if complete and missing:
            raise CatalogueError(
                [
                    f"{file}: missing section(s) {', '.join(missing)}; an import replaces all "
                    "content, so the file must hold every section (an empty list deletes every "
                    "item of that type)"
                ]
            )
        for section, items in document.items():
            merged[section].extend(items)
    return merged


# --- Checking -----------------------------------------------------------------------------------


def _items(document: Document, section: str) -> list[Any]:
    items = document.get(section, [])
    return items if isinstance(items, list) else []


def _as_texts(value: Any) -> dict[str, str]:
    return {k: v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


class _Checker:
    """Collects every problem of a catalogue document instead of stopping at the first."""

    def __init__(self, document: Document, *, sync: bool):
        self.document = document
        self.sync = sync
        self.problems: list[str] = []
        self.languages = languages()
        self.in_document = {
            section: {
                item.get(key_field(section))
                for item in _items(document, section)
                if isinstance(item, dict) and isinstance(item.get(key_field(section)), str)
            }
            for section in SECTIONS
        }
        self.tree_keys = {
            item["slug"]: {node.get("key") for node in item["nodes"] if isinstance(node, dict)}
            for item in _items(document, "troubleshooters")
            if isinstance(item, dict)
            and isinstance(item.get("slug"), str)
            and isinstance(item.get("nodes"), list)
        }
        self._stored: dict[str, set[str]] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def stored(self, section: str) -> set[str]:
        if section not in self._stored:
            keys = MODELS[section].objects.values_list(key_field(section), flat=True)
            self._stored[section] = set(keys)
        return self._stored[section]

    # Field checks, each naming the field in its message.

    def key(self, where: str, section: str, item: Mapping[str, Any]) -> str | None:
        name = key_field(section)
        value = item.get(name)
        if section == "rules":
            if not isinstance(value, str) or not value.strip() or value != value.strip():
                self.problem(where, "“name” must be a non-empty text without surrounding spaces")
                return None
        elif not isinstance(value, str) or not SLUG.match(value):
            self.problem(where, f"slug {value!r} must be lowercase letters, digits and dashes")
            return None
        limit = MODELS[section]._meta.get_field(name).max_length
        if len(value) > limit:
            self.problem(where, f"“{name}” is longer than {limit} characters")
        return value

    def integer(
        self, where: str, item: Mapping[str, Any], name: str, *, default: int, bounds
    ) -> None:
        value = item.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(where, f"“{name}” must be a whole number")
        elif not bounds[0] <= value <= bounds[1]:
            self.problem(where, f"“{name}” must be between {bounds[0]} and {bounds[1]}")

    def choice(
        self, where: str, item: Mapping[str, Any], name: str, choices, *, default=None
    ) -> None:
        value = item.get(name, default)
        if value is None and default is None:
            return
        if not isinstance(value, str) or value not in choices:
            optional = " or null" if default is None else ""
            self.problem(where, f"“{name}” must be one of {', '.join(choices)}{optional}")

    def string(
        self, where: str, item: Mapping[str, Any], name: str, *, model, required: bool = False
    ) -> str | None:
        value = item.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(where, f"“{name}” must be {'a non-empty' if required else 'a'} text")
            return None
        limit = model._meta.get_field(name).max_length
        if limit and len(value) > limit:
            self.problem(where, f"“{name}” is longer than {limit} characters")
        return value

    def text(
        self, where: str, item: Mapping[str, Any], name: str, *, model, required: bool = True
    ) -> None:
        """A translated value: a text per language, each non-empty when `required`."""
        value = item.get(name)
        if value is None and not required:
            return
        if not isinstance(value, dict):
            self.problem(where, f"“{name}” must be an object with {', '.join(self.languages)}")
            return
        extra = sorted(set(value) - set(self.languages))
        if extra:
            self.problem(where, f"“{name}” has unsupported languages {', '.join(extra)}")
        limit = model._meta.get_field(name).max_length
        for language in self.languages:
            text = value.get(language)
            if text is not None and not isinstance(text, str):
                self.problem(where, f"“{name}” in {language} must be a text")
            elif required and not (text or "").strip():
                self.problem(where, f"“{name}” is empty in {language}")
            elif limit and text and len(text) > limit:
                self.problem(where, f"“{name}” in {language} is longer than {limit} characters")

    def unknown_fields(self, where: str, item: Mapping[str, Any], known: Iterable[str]) -> None:
        unknown = sorted(set(item) - set(known))
        if unknown:
            self.problem(where, f"unknown field(s) {', '.join(unknown)}")

    def reference(self, where: str, name: str, value: Any, section: str) -> bool:
        """Whether `value` names an item of `section` that will exist after the load."""
        if value is None:
            return True
        noun = NOUNS[section]
        if not isinstance(value, str):
            self.problem(where, f"“{name}” must be the slug of a {noun}")
            return False
        if value in self.in_document[section]:
            return True
        if value not in self.stored(section):
            self.problem(where, f"“{name}” refers to unknown {noun} “{value}”")
            return False
        if self.sync:
            self.problem(
                where,
                f"“{name}” refers to {noun} “{value}”, which the document leaves out, "
                "so the import would delete it",
            )
            return False
        return True

    # Sections.

    def check(self) -> None:
        unknown = sorted(set(self.document) - set(SECTIONS))
        if unknown:
            self.problem("document", f"unknown sections {', '.join(unknown)}")
        for section in SECTIONS:
            if not isinstance(self.document.get(section, []), list):
                self.problem(section, "must be a list")
                continue
            seen: set[str] = set()
            for index, item in enumerate(_items(self.document, section)):
                where = f"{section}[{index}]"
                if not isinstance(item, dict):
                    self.problem(where, "must be an object")
                    continue
                name = self.key(where, section, item)
                if name is not None:
                    where = f"{NOUNS[section]} “{name}”"
                    if name in seen:
                        self.problem(where, f"{key_field(section)} appears twice")
                    seen.add(name)
                self.unknown_fields(where, item, FIELDS[section])
                if section in READER_TEXTS:
                    self.check_content(section, where, item)
                elif section == "rules":
                    self.check_rule(where, item)
                else:
                    self.check_vocabulary(section, where, item)

    def check_vocabulary(self, section: str, where: str, item: Mapping[str, Any]) -> None:
        model = MODELS[section]
        if section == "synonyms":
            self.text(where, item, "terms", model=model, required=False)
            if not any(text.strip() for text in _as_texts(item.get("terms")).values()):
                self.problem(where, "“terms” is empty in every language")
            return
        self.integer(where, item, "order", default=0, bounds=POSITIVE_INT)
        self.text(where, item, "name", model=model)
        if "description" in FIELDS[section]:
            self.text(where, item, "description", model=model, required=False)
        if section == "carriers":
            website = self.string(where, item, "website", model=model)
            if website and not website.startswith("https://"):
                self.problem(where, "“website” must be an https:// address")

    def check_content(self, section: str, where: str, item: Mapping[str, Any]) -> None:
        model = MODELS[section]
        self.choice(where, item, "status", Status.values, default=Status.PUBLISHED.value)
        # Drafts may still have gaps that only matter to readers, as in the admin.
        published = item.get("status", Status.PUBLISHED) == Status.PUBLISHED
        if not item.get("category"):
            self.problem(where, "“category” is required")
        else:
            self.reference(where, "category", item["category"], "categories")
        self.integer(where, item, "order", default=0, bounds=POSITIVE_INT)
        for name in READER_TEXTS[section]:
            self.text(where, item, name, model=model, required=published)
        if section == "faqs":
            for name in ("carriers", "card_types"):
                values = item.get(name, [])
                if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                    self.problem(where, f"“{name}” must be a list of slugs")
                    continue
                for value in values:
                    self.reference(where, name, value, name)
        elif section == "guides":
            self.reference(where, "carrier", item.get("carrier"), "carriers")
            self.reference(where, "card_type", item.get("card_type"), "card_types")
            if item.get("channel") != "":
                self.choice(where, item, "channel", Channel.values)
            self.check_steps(where, item, published=published)
        else:
            self.check_tree(where, item, published=published)

    def check_steps(self, where: str, item: Mapping[str, Any], *, published: bool) -> None:
        steps = item.get("steps", [])
        if not isinstance(steps, list) or (published and not steps):
            self.problem(where, "“steps” must be a non-empty list")
            return
        for number, step in enumerate(steps, start=1):
            step_where = f"{where} step {number}"
            if not isinstance(step, dict):
                self.problem(step_where, "must be an object")
                continue
            self.unknown_fields(step_where, step, STEP_FIELDS)
            for name in STEP_FIELDS:
                self.text(step_where, step, name, model=GuideStep, required=published)

    def check_tree(self, where: str, item: Mapping[str, Any], *, published: bool) -> None:
        nodes = item.get("nodes", [])
        if not isinstance(nodes, list) or (published and not nodes):
            self.problem(where, "“nodes” must be a non-empty list")
            return
        root = item.get("root")
        if root is not None and not isinstance(root, str):
            self.problem(where, "“root” must be the key of a node")
            return
        spec_nodes, spec_options = [], []
        for index, node in enumerate(nodes):
            key = node.get("key") if isinstance(node, dict) else None
            limit = Node._meta.get_field("key").max_length
            if not isinstance(key, str) or not SLUG.match(key) or len(key) > limit:
                self.problem(f"{where} nodes[{index}]", f"key {key!r} is not a valid key")
                continue
            node_where = f"{where} node “{key}”"
            self.unknown_fields(node_where, node, NODE_FIELDS)
            if node.get("kind") not in NodeKind.values:
                self.problem(node_where, f"“kind” must be one of {', '.join(NodeKind.values)}")
            # Empty texts and labels are reported by tree_validate, which knows about drafts.
            self.text(node_where, node, "text", model=Node, required=False)
            self.text(node_where, node, "body", model=Node, required=False)
            spec_nodes.append(
                TreeNode(key=key, kind=str(node.get("kind")), texts=_as_texts(node.get("text")))
            )
            options = node.get("options", [])
            if not isinstance(options, list):
                self.problem(node_where, "“options” must be a list")
                continue
            for number, option in enumerate(options, start=1):
                if not isinstance(option, dict):
                    self.problem(f"{node_where} option {number}", "must be an object")
                    continue
                spec_options.append(self.check_option(f"{node_where} option {number}", key, option))
        spec = TreeSpec(root=root, nodes=spec_nodes, options=spec_options)
        # The catalogue's messages are untranslated; the tree's join them in the same language.
        with translation.override(None):
            errors = tree_validate(tree=spec, languages=self.languages)
        for error in errors:
            if published or error.code not in DRAFT_TOLERATED:
                self.problem(where, error.message)

    def check_option(self, where: str, from_key: str, option: Mapping[str, Any]) -> TreeOption:
        self.unknown_fields(where, option, OPTION_FIELDS)
        self.text(where, option, "label", model=Option, required=False)
        to_key = option.get("to")
        if to_key is not None and not isinstance(to_key, str):
            self.problem(where, "“to” must be the key of a node")
            to_key = None
        condition = option.get("condition") or {}
        if not isinstance(condition, dict):
            self.problem(where, "“condition” must be an object")
            condition = {}
        unknown = sorted(set(condition) - {"carrier", "card_type"})
        if unknown:
            self.problem(where, f"unknown condition {', '.join(unknown)}")
        self.reference(where, "condition.carrier", condition.get("carrier"), "carriers")
        self.reference(where, "condition.card_type", condition.get("card_type"), "card_types")
        return TreeOption(from_key=from_key, to_key=to_key, labels=_as_texts(option.get("label")))

    def check_rule(self, where: str, item: Mapping[str, Any]) -> None:
        self.integer(where, item, "priority", default=0, bounds=SIGNED_INT)
        if not isinstance(item.get("active", True), bool):
            self.problem(where, "“active” must be true or false")
        self.text(where, item, "phrases", model=AnswerRule, required=False)
        self.text(where, item, "message", model=AnswerRule, required=False)
        if item.get("language") != "":
            self.choice(where, item, "language", self.languages)
        self.reference(where, "carrier", item.get("carrier"), "carriers")
        self.reference(where, "card_type", item.get("card_type"), "card_types")
        page_url = self.string(where, item, "page_url", model=AnswerRule)
        phrases = _as_texts(item.get("phrases")).values()
        if not any(split_phrases(text) for text in phrases) and not page_url:
            self.problem(where, "give at least one phrase, or a “page_url”")
        self.check_target(where, item)

    def check_target(self, where: str, item: Mapping[str, Any]) -> None:
        target = self.string(where, item, "target", model=AnswerRule, required=True)
        node = self.string(where, item, "target_node", model=AnswerRule)
        if node and not SLUG.match(node):
            self.problem(where, f"“target_node” {node!r} is not a valid key")
            return
        if not target:
            return
        kind, _sep, slug = target.partition(":")
        section = TARGET_SECTIONS.get(kind)
        if section is None or not SLUG.match(slug):
            self.problem(
                where, "“target” must be written faq:slug, guide:slug or troubleshooter:slug"
            )
            return
        if not self.reference(where, "target", slug, section) or not node:
            return
        if section != "troubleshooters":
            self.problem(where, "“target_node” is only for a troubleshooter target")
            return
        if slug in self.in_document["troubleshooters"]:
            keys = self.tree_keys.get(slug, set())
        else:
            keys = set(Node.objects.filter(troubleshooter__slug=slug).values_list("key", flat=True))
        if node not in keys:
            self.problem(where, f"“target_node” “{node}” is not a node of troubleshooter “{slug}”")


def catalogue_check(*, document: Document, sync: bool = False) -> list[str]:
    """Every problem that would stop `document` from loading; empty when it can be loaded.

    With `sync`, references must be to items in the document, since the rest will be deleted.
    """
    checker = _Checker(document, sync=sync)
    checker.check()
    return checker.problems


# --- The canonical form and the export ----------------------------------------------------------


def _texts(value: Any) -> dict[str, str]:
    value = value if isinstance(value, dict) else {}
    return {language: value.get(language) or "" for language in languages()}


def _canonical(section: str, item: Mapping[str, Any]) -> dict[str, Any]:
    """A valid item as an export writes it: every field, defaults filled in, keys in order."""
    if section in ("categories", "card_types", "carriers"):
        values = {
            "slug": item["slug"],
            "order": item.get("order", 0),
            "name": _texts(item.get("name")),
        }
        if section == "carriers":
            return {**values, "website": item.get("website") or ""}
        return {**values, "description": _texts(item.get("description"))}
    if section == "synonyms":
        return {"slug": item["slug"], "terms": _texts(item.get("terms"))}
    if section == "rules":
        return {
            "name": item["name"],
            "priority": item.get("priority", 0),
            "active": item.get("active", True),
            "phrases": _texts(item.get("phrases")),
            "language": item.get("language") or None,
            "carrier": item.get("carrier"),
            "card_type": item.get("card_type"),
            "page_url": item.get("page_url") or "",
            "target": item["target"],
            "target_node": item.get("target_node") or "",
            "message": _texts(item.get("message")),
        }
    values = {
        "slug": item["slug"],
        "category": item["category"],
        "status": item.get("status", Status.PUBLISHED.value),
        "order": item.get("order", 0),
    }
    if section == "faqs":
        values["carriers"] = sorted(set(item.get("carriers", [])))
        values["card_types"] = sorted(set(item.get("card_types", [])))
    elif section == "guides":
        values["carrier"] = item.get("carrier")
        values["card_type"] = item.get("card_type")
        values["channel"] = item.get("channel") or None
    values.update({name: _texts(item.get(name)) for name in READER_TEXTS[section]})
    if section == "guides":
        values["steps"] = [
            {name: _texts(step.get(name)) for name in STEP_FIELDS} for step in item.get("steps", [])
        ]
    elif section == "troubleshooters":
        values["root"] = item.get("root") or None
        values["nodes"] = [_canonical_node(node) for node in item.get("nodes", [])]
    return values


def _canonical_node(node: Mapping[str, Any]) -> dict[str, Any]:
    options = []
    for option in node.get("options", []):
        condition = option.get("condition") or {}
        condition = {
            name: condition[name] for name in ("carrier", "card_type") if condition.get(name)
        }
        options.append(
            {
                "label": _texts(option.get("label")),
                "to": option.get("to"),
                **({"condition": condition} if condition else {}),
            }
        )
    return {
        "key": node["key"],
        "kind": node["kind"],
        "text": _texts(node.get("text")),
        "body": _texts(node.get("body")),
        "options": options,
    }


def _stored_items() -> dict[str, list[dict[str, Any]]]:
    """Every stored item in the catalogue format, in a fixed number of queries."""
    faqs = Faq.objects.select_related("category").prefetch_related("carriers", "card_types")
    rules = AnswerRule.objects.select_related("carrier", "card_type")
    return {
        "categories": [
            {
                "slug": c.slug,
                "order": c.order,
                "name": stored_texts(c, "name"),
                "description": stored_texts(c, "description"),
            }
            for c in Category.objects.all()
        ],
        "carriers": [
            {
                "slug": c.slug,
                "order": c.order,
                "name": stored_texts(c, "name"),
                "website": c.website,
            }
            for c in Carrier.objects.all()
        ],
        "card_types": [
            {
                "slug": c.slug,
                "order": c.order,
                "name": stored_texts(c, "name"),
                "description": stored_texts(c, "description"),
            }
            for c in CardType.objects.all()
        ],
        "synonyms": [
            {"slug": group.slug, "terms": stored_texts(group, "terms")}
            for group in SynonymGroup.objects.all()
        ],
        "faqs": [
            {
                **_stored_content(faq, "question", "answer", "keywords"),
                "carriers": [carrier.slug for carrier in faq.carriers.all()],
                "card_types": [card_type.slug for card_type in faq.card_types.all()],
            }
            for faq in faqs
        ],
        "guides": [
            {
                **_stored_content(guide, "title", "summary", "keywords"),
                "carrier": guide.carrier.slug if guide.carrier_id else None,
                "card_type": guide.card_type.slug if guide.card_type_id else None,
                "channel": guide.channel,
                "steps": [
                    {name: stored_texts(step, name) for name in STEP_FIELDS}
                    for step in guide.steps.all()
                ],
            }
            for guide in guides_with_steps()
        ],
        "troubleshooters": [_stored_tree(tree) for tree in troubleshooters_with_trees()],
        "rules": [
            {
                "name": rule.name,
                "priority": rule.priority,
                "active": rule.active,
                "phrases": stored_texts(rule, "phrases"),
                "language": rule.language,
                "carrier": rule.carrier.slug if rule.carrier_id else None,
                "card_type": rule.card_type.slug if rule.card_type_id else None,
                "page_url": rule.page_url,
                "target": rule.target,
                "target_node": rule.target_node,
                "message": stored_texts(rule, "message"),
            }
            for rule in rules
        ],
    }


def _stored_content(item, *names: str) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "category": item.category.slug,
        "status": item.status,
        "order": item.order,
        **{name: stored_texts(item, name) for name in names},
    }


def _stored_tree(tree: Troubleshooter) -> dict[str, Any]:
    options: dict[int, list[dict[str, Any]]] = {}
    for option in tree.options.all():  # by node, then by the option's own order
        options.setdefault(option.from_node_id, []).append(
            {
                "label": stored_texts(option, "label"),
                "to": option.to_node.key if option.to_node_id else None,
                "condition": option.condition,
            }
        )
    return {
        **_stored_content(tree, "title", "intro", "keywords"),
        "root": tree.root.key if tree.root_id else None,
        "nodes": [
            {
                "key": node.key,
                "kind": node.kind,
                "text": stored_texts(node, "text"),
                "body": stored_texts(node, "body"),
                "options": options.get(node.pk, []),
            }
            for node in tree.nodes.all()
        ],
    }


def catalogue_export() -> dict[str, list[dict[str, Any]]]:
    """All content, drafts included, in every language, as one catalogue document.

    Items come in their natural order (order, then slug; rules by priority, then name), every
    field is present and keys are in a fixed order, so two exports differ only where the
    content does.
    """
    stored = _stored_items()
    return {
        section: sorted(
            (_canonical(section, item) for item in stored[section]), key=SORT_KEYS[section]
        )
        for section in SECTIONS
    }


def catalogue_dumps(*, document: Document) -> str:
    """The document as diff-friendly JSON text: UTF-8 kept readable, indented, newline-ended."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- Planning -----------------------------------------------------------------------------------


def _differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The fields of an item that differ, naming the language of a translated text."""
    fields = []
    for name, value in new.items():
        before = old.get(name)
        if before == value:
            continue
        if isinstance(value, dict) and isinstance(before, dict):
            fields.extend(f"{name}.{lang}" for lang in value if value[lang] != before.get(lang))
        elif name == "nodes":
            fields.extend(_node_differences(before, value))
        else:
            fields.append(name)
    return fields


def _node_differences(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    before = {node["key"]: node for node in old}
    after = {node["key"]: node for node in new}
    fields = [f"+nodes.{key}" for key in after if key not in before]
    fields += [f"-nodes.{key}" for key in before if key not in after]
    fields += [f"nodes.{key}" for key in after if key in before and before[key] != after[key]]
    return fields or ["nodes (order)"]


def catalogue_plan(*, document: Document, sync: bool = False) -> LoadReport:
    """What `catalogue_load` would create, update and (with `sync`) delete; writes nothing.

    Raises `CatalogueError` listing every problem when the document cannot be loaded.
    """
    problems = catalogue_check(document=document, sync=sync)
    if problems:
        raise CatalogueError(problems)
    stored = catalogue_export()
    report = LoadReport(sync=sync, planned=True)
    for section in SECTIONS:
        key = key_field(section)
        current = {item[key]: item for item in stored[section]}
        wanted = [_canonical(section, item) for item in document.get(section, [])]
        for item in wanted:
            old = current.get(item[key])
            if old is None:
                report.add(section=section, outcome="created", name=item[key])
            elif old == item:
                report.add(section=section, outcome="unchanged", name=item[key])
            else:
                report.add(
                    section=section,
                    outcome="updated",
                    name=item[key],
                    differences=_differences(old, item),
                )
        if sync:
            kept = {item[key] for item in wanted}
            for item in stored[section]:
                if item[key] not in kept:
                    report.add(section=section, outcome="deleted", name=item[key])
    return report


# --- Writing ------------------------------------------------------------------------------------


def catalogue_load(*, document: Document, sync: bool = False) -> LoadReport:
    """Validate `document` completely, then write it in one transaction; return what changed.

    Items are matched by slug (nodes by key within a tree, rules by name) and only those that
    differ are written. With `sync` the document is the whole catalogue: every item of every
    section that it leaves out is deleted.
    """
    with transaction.atomic():
        report = catalogue_plan(document=document, sync=sync)
        for section in SECTIONS:
            todo = {
                *report.of(section=section, outcome="created"),
                *report.of(section=section, outcome="updated"),
            }
            for item in document.get(section, []):
                if item[key_field(section)] in todo:
                    _WRITERS[section](section, item)
        for section in DELETE_ORDER:
            for name in report.of(section=section, outcome="deleted"):
                _delete(section, name)
    report.planned = False
    return report


def _delete(section: str, name: str) -> None:
    instance = MODELS[section].objects.get(**{key_field(section): name})
    try:
        instance.delete()
    except (ProtectedError, RestrictedError) as error:
        users = sorted(
            f"{user._meta.verbose_name} “{getattr(user, 'slug', None) or user.pk}”"
            for user in getattr(error, "protected_objects", None) or error.restricted_objects
        )
        raise CatalogueError(
            [f"{NOUNS[section]} “{name}”: cannot be deleted, still used by {', '.join(users)}"]
        ) from None


def _translated(item: Mapping[str, Any], *names: str) -> dict[str, str]:
    values = {}
    for name in names:
        texts = item.get(name) or {}
        for language in languages():
            values[build_localized_fieldname(name, language)] = texts.get(language) or ""
    return values


def _save(model, lookup: dict, values: dict):
    """Create or update one row, writing only the fields that differ; return the row."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if _field_value(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save()
    return instance


def _field_value(instance, name: str):
    field = instance._meta.get_field(name)
    return getattr(instance, field.attname if field.is_relation else name)


def _ids(model, slugs: Iterable[str]) -> list[int]:
    return sorted(model.objects.filter(slug__in=list(slugs)).values_list("pk", flat=True))


def _fk(model, slug: str | None) -> int | None:
    return model.objects.only("pk").get(slug=slug).pk if slug else None


def _load_vocabulary(section: str, item: Mapping[str, Any]) -> None:
    names = [name for name in FIELDS[section] if name not in ("slug", "order", "website")]
    values = _translated(item, *names)
    if "order" in FIELDS[section]:
        values["order"] = item.get("order", 0)
    if section == "carriers":
        values["website"] = item.get("website") or ""
    _save(MODELS[section], {"slug": item["slug"]}, values)


def _content_values(item: Mapping[str, Any], *texts: str) -> dict[str, Any]:
    return {
        "category_id": _fk(Category, item["category"]),
        "status": item.get("status", Status.PUBLISHED),
        "order": item.get("order", 0),
        **_translated(item, *texts),
    }


def _load_faq(section: str, item: Mapping[str, Any]) -> None:
    faq = _save(Faq, {"slug": item["slug"]}, _content_values(item, *READER_TEXTS[section]))
    for name, model in (("carriers", Carrier), ("card_types", CardType)):
        wanted = _ids(model, item.get(name, []))
        relation = getattr(faq, name)
        if sorted(relation.values_list("pk", flat=True)) != wanted:
            relation.set(wanted)


def _load_guide(section: str, item: Mapping[str, Any]) -> None:
    guide = _save(
        Guide,
        {"slug": item["slug"]},
        {
            **_content_values(item, *READER_TEXTS[section]),
            "carrier_id": _fk(Carrier, item.get("carrier")),
            "card_type_id": _fk(CardType, item.get("card_type")),
            "channel": item.get("channel") or "",
        },
    )
    existing = list(guide.steps.order_by("order", "pk"))
    steps = item.get("steps", [])
    for position, step in enumerate(steps):
        values = {"order": (position + 1) * 10, **_translated(step, *STEP_FIELDS)}
        if position < len(existing):
            _save(GuideStep, {"pk": existing[position].pk}, values)
        else:
            GuideStep.objects.create(guide=guide, **values)
    for extra in existing[len(steps) :]:
        extra.delete()


def _load_troubleshooter(section: str, item: Mapping[str, Any]) -> None:
    tree = _save(
        Troubleshooter,
        {"slug": item["slug"]},
        _content_values(item, *READER_TEXTS[section]),
    )
    nodes = {}
    for position, node in enumerate(item.get("nodes", [])):
        nodes[node["key"]] = _save(
            Node,
            {"troubleshooter": tree, "key": node["key"]},
            {
                "kind": node["kind"],
                "order": (position + 1) * 10,
                **_translated(node, "text", "body"),
            },
        )
    for stale in tree.nodes.exclude(key__in=list(nodes)):
        stale.delete()
    root_id = nodes[item["root"]].pk if item.get("root") else None
    if tree.root_id != root_id:
        tree.root_id = root_id
        tree.save(update_fields=["root", "updated_at"])
    for spec in item.get("nodes", []):
        node = nodes[spec["key"]]
        existing = list(node.options.order_by("order", "pk"))
        options = spec.get("options", [])
        for position, option in enumerate(options):
            condition = option.get("condition") or {}
            values = {
                "troubleshooter_id": tree.pk,
                "to_node_id": nodes[option["to"]].pk,
                "order": (position + 1) * 10,
                "condition_carrier_id": _fk(Carrier, condition.get("carrier")),
                "condition_card_type_id": _fk(CardType, condition.get("card_type")),
                **_translated(option, "label"),
            }
            if position < len(existing):
                _save(Option, {"pk": existing[position].pk}, values)
            else:
                Option.objects.create(from_node=node, **values)
        for extra in existing[len(options) :]:
            extra.delete()


def _load_rule(section: str, item: Mapping[str, Any]) -> None:
    _save(
        AnswerRule,
        {"name": item["name"]},
        {
            "priority": item.get("priority", 0),
            "active": item.get("active", True),
            "language": item.get("language") or "",
            "carrier_id": _fk(Carrier, item.get("carrier")),
            "card_type_id": _fk(CardType, item.get("card_type")),
            "page_url": item.get("page_url") or "",
            "target": item["target"],
            "target_node": item.get("target_node") or "",
            **_translated(item, "phrases", "message"),
        },
    )


_WRITERS = {
    "categories": _load_vocabulary,
    "carriers": _load_vocabulary,
    "card_types": _load_vocabulary,
    "synonyms": _load_vocabulary,
    "faqs": _load_faq,
    "guides": _load_guide,
    "troubleshooters": _load_troubleshooter,
    "rules": _load_rule,
}
