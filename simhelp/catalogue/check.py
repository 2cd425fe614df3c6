"""Validating a catalogue document before anything is written, reporting every problem."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import translation

from assistant.models import AnswerRule
from faq.models import Status
from guides.models import Channel, GuideStep, Node, NodeKind, Option
from guides.trees import DRAFT_TOLERATED, TreeNode, TreeOption, TreeSpec, tree_validate
from simhelp.catalogue.format import (
    FIELDS,
    MODELS,
    NODE_FIELDS,
    NOUNS,
    OPTION_FIELDS,
    READER_TEXTS,
    SECTIONS,
    SLUG,
    STEP_FIELDS,
    STEP_KEYS,
    Document,
    key_field,
    languages,
)
from simhelp.catalogue.images import image_file_problems
from simhelp.content import listed_phrases

# A rule names its answer as "kind:slug".
TARGET_SECTIONS = {"faq": "faqs", "guide": "guides", "troubleshooter": "troubleshooters"}
# The range of the database's integer columns.
POSITIVE_INT = (0, 2**31 - 1)
SIGNED_INT = (-(2**31), 2**31 - 1)


def _items(document: Document, section: str) -> list[Any]:
    items = document.get(section, [])
    return items if isinstance(items, list) else []


def _as_texts(value: Any) -> dict[str, str]:
    return {k: v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


class _Checker:
    """Collects every problem of a catalogue document instead of stopping at the first."""

    def __init__(self, document: Document, *, sync: bool, folder=None):
        self.document, self.folder = document, folder
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
                elif section == "images":
                    self.check_image(where, item)
                else:
                    self.check_vocabulary(section, where, item)

    def check_image(self, where: str, item: Mapping[str, Any]) -> None:
        published = item.get("published", False)
        if not isinstance(published, bool):
            self.problem(where, "“published” must be true or false")
        self.text(where, item, "alt", model=MODELS["images"], required=published is True)
        for problem in image_file_problems(item=item, folder=self.folder):
            self.problem(where, problem)

    def check_vocabulary(self, section: str, where: str, item: Mapping[str, Any]) -> None:
        model = MODELS[section]
        if section == "synonyms":
            self.text(where, item, "terms", model=model, required=False)
            if not any(text.strip() for text in _as_texts(item.get("terms")).values()):
                self.problem(where, "“terms” is empty in every language")
            if not isinstance(item.get("anchor", False), bool):
                self.problem(where, "“anchor” must be true or false")
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
            self.unknown_fields(step_where, step, STEP_KEYS)
            for name in STEP_FIELDS:
                self.text(step_where, step, name, model=GuideStep, required=published)
            self.reference(step_where, "image", step.get("image"), "images")

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
        if not any(listed_phrases(text) for text in phrases) and not page_url:
            self.problem(where, "give at least one phrase, or a “page_url”")
        outcome = item.get("outcome") or AnswerRule.ANSWER
        if outcome == AnswerRule.OUT_OF_SCOPE:
            self.check_scope_rule(where, item)
        elif outcome == AnswerRule.ANSWER:
            self.check_target(where, item)
        else:
            choices = ", ".join(value for value, _label in AnswerRule.OUTCOMES)
            self.problem(where, f"“outcome” must be one of {choices}")

    def check_scope_rule(self, where: str, item: Mapping[str, Any]) -> None:
        """An out-of-scope rule answers with its message, in every language, and no item."""
        if item.get("target") or item.get("target_node"):
            self.problem(where, "an out-of-scope rule has no “target” or “target_node”")
        message = _as_texts(item.get("message"))
        missing = [lang for lang in self.languages if not (message.get(lang) or "").strip()]
        if missing:
            self.problem(where, f"an out-of-scope rule needs its “message” in {', '.join(missing)}")

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


def catalogue_check(*, document: Document, sync: bool = False, folder=None) -> list[str]:
    """Every problem that would stop `document` from loading; empty when it can be loaded.

    With `sync`, references must be to items in the document, since the rest will be deleted.
    Image files are read from `folder` (the JSON's folder) and checked against their SHA-256.
    """
    checker = _Checker(document, sync=sync, folder=folder)
    checker.check()
    return checker.problems
