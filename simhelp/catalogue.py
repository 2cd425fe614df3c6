"""Reading and writing the trilingual content catalogue (the JSON format of `fixtures/`).

`catalogue_load` validates a whole document before it writes anything and then writes it in
one transaction, matching items by slug (nodes by key), so loading the same document twice
changes nothing and a document with one bad item changes nothing at all.
"""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from faq.models import CardType, Carrier, Category, Faq, Status, SynonymGroup
from guides.models import Channel, Guide, GuideStep, Node, NodeKind, Option, Troubleshooter
from guides.trees import TreeNode, TreeOption, TreeSpec, tree_validate

SECTIONS = ("categories", "carriers", "card_types", "synonyms", "faqs", "guides", "troubleshooters")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


class CatalogueError(Exception):
    """A catalogue that cannot be loaded; `problems` names each item and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, section: str, outcome: str) -> None:
        bucket = getattr(self, outcome)
        bucket[section] = bucket.get(section, 0) + 1

    def summary(self) -> str:
        parts = []
        for section in SECTIONS:
            numbers = [
                f"{getattr(self, outcome).get(section, 0)} {outcome}"
                for outcome in ("created", "updated", "unchanged")
            ]
            if any(not n.startswith("0 ") for n in numbers):
                parts.append(f"{section}: " + ", ".join(numbers))
        return "\n".join(parts) or "nothing to load"


def catalogue_read(*, path: Path) -> dict[str, list[dict[str, Any]]]:
    """Read one JSON file, or every ``*.json`` in a folder (sorted) merged section by section."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise CatalogueError([f"{path}: no JSON files found"])
    merged: dict[str, list[dict[str, Any]]] = {section: [] for section in SECTIONS}
    for file in files:
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
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
            merged[section].extend(items)
    return merged


class _Checker:
    """Collects every problem of a catalogue document instead of stopping at the first."""

    def __init__(self, document: Mapping[str, list[dict[str, Any]]]):
        self.document = document
        self.problems: list[str] = []
        self.languages = languages()

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def slug(self, where: str, item: Mapping[str, Any], seen: set[str]) -> str | None:
        slug = item.get("slug")
        if not isinstance(slug, str) or not SLUG.match(slug):
            self.problem(where, f"slug {slug!r} must be lowercase letters, digits and dashes")
            return None
        if slug in seen:
            self.problem(where, "slug appears twice")
        seen.add(slug)
        return slug

    def text(self, where: str, item: Mapping[str, Any], name: str, *, required: bool = True):
        value = item.get(name)
        if value is None and not required:
            return
        if not isinstance(value, dict):
            self.problem(where, f"“{name}” must be an object with {', '.join(self.languages)}")
            return
        extra = sorted(set(value) - set(self.languages))
        if extra:
            self.problem(where, f"“{name}” has unsupported languages {', '.join(extra)}")
        for language in self.languages:
            text = value.get(language)
            if not isinstance(text, str) or (required and not text.strip()):
                self.problem(where, f"“{name}” is empty in {language}")

    def reference(self, where: str, name: str, value: Any, known: set[str], model) -> None:
        if value is None:
            return
        if value not in known and not model.objects.filter(slug=value).exists():
            self.problem(where, f"“{name}” refers to unknown {model._meta.model_name} {value!r}")

    def check(self) -> None:
        doc = self.document
        slugs = {section: set() for section in SECTIONS}
        for section, texts in (
            ("categories", ("name",)),
            ("carriers", ("name",)),
            ("card_types", ("name",)),
            ("synonyms", ("terms",)),
        ):
            for index, item in enumerate(doc.get(section, [])):
                where = f"{section}[{index}]"
                if not isinstance(item, dict):
                    self.problem(where, "must be an object")
                    continue
                slug = self.slug(where, item, slugs[section])
                where = f"{section} “{slug or index}”"
                for name in texts:
                    self.text(where, item, name)
                if section in ("categories", "card_types"):
                    self.text(where, item, "description", required=False)
                if section == "carriers":
                    website = item.get("website", "")
                    if website and not str(website).startswith("https://"):
                        self.problem(where, "“website” must be an https:// address")

        for section, texts in (
            ("faqs", ("question", "answer", "keywords")),
            ("guides", ("title", "summary", "keywords")),
            ("troubleshooters", ("title", "intro", "keywords")),
        ):
            for index, item in enumerate(doc.get(section, [])):
                where = f"{section}[{index}]"
                if not isinstance(item, dict):
                    self.problem(where, "must be an object")
                    continue
                slug = self.slug(where, item, slugs[section])
                where = f"{section[:-1]} “{slug or index}”"
                for name in texts:
                    self.text(where, item, name)
                self.reference(
                    where, "category", item.get("category"), slugs["categories"], Category
                )
                if not item.get("category"):
                    self.problem(where, "“category” is required")
                if item.get("status", Status.PUBLISHED) not in Status.values:
                    self.problem(where, f"“status” must be one of {', '.join(Status.values)}")
                if section == "faqs":
                    for carrier in item.get("carriers", []):
                        self.reference(where, "carriers", carrier, slugs["carriers"], Carrier)
                    for card_type in item.get("card_types", []):
                        self.reference(
                            where, "card_types", card_type, slugs["card_types"], CardType
                        )
                elif section == "guides":
                    self.reference(
                        where, "carrier", item.get("carrier"), slugs["carriers"], Carrier
                    )
                    self.reference(
                        where, "card_type", item.get("card_type"), slugs["card_types"], CardType
                    )
                    if item.get("channel") not in (None, "", *Channel.values):
                        self.problem(where, f"“channel” must be one of {', '.join(Channel.values)}")
                    steps = item.get("steps")
                    if not isinstance(steps, list) or not steps:
                        self.problem(where, "“steps” must be a non-empty list")
                        continue
                    for number, step in enumerate(steps, start=1):
                        self.text(f"{where} step {number}", step, "title")
                        self.text(f"{where} step {number}", step, "body")
                else:
                    self.check_tree(where, item, slugs)

    def check_tree(self, where: str, item: Mapping[str, Any], slugs) -> None:
        nodes = item.get("nodes")
        if not isinstance(nodes, list) or not nodes:
            self.problem(where, "“nodes” must be a non-empty list")
            return
        spec_nodes, spec_options = [], []
        for index, node in enumerate(nodes):
            key = node.get("key") if isinstance(node, dict) else None
            if not isinstance(key, str) or not SLUG.match(key):
                self.problem(f"{where} nodes[{index}]", f"key {key!r} is not a valid key")
                continue
            node_where = f"{where} node “{key}”"
            if node.get("kind") not in NodeKind.values:
                self.problem(node_where, f"“kind” must be one of {', '.join(NodeKind.values)}")
            self.text(node_where, node, "text")
            self.text(node_where, node, "body", required=False)
            spec_nodes.append(
                TreeNode(key=key, kind=node.get("kind", ""), texts=_as_texts(node.get("text")))
            )
            for option in node.get("options", []):
                condition = option.get("condition") or {}
                for name, model, known in (
                    ("carrier", Carrier, slugs["carriers"]),
                    ("card_type", CardType, slugs["card_types"]),
                ):
                    self.reference(
                        node_where, f"condition.{name}", condition.get(name), known, model
                    )
                unknown = sorted(set(condition) - {"carrier", "card_type"})
                if unknown:
                    self.problem(node_where, f"unknown condition {', '.join(unknown)}")
                spec_options.append(
                    TreeOption(
                        from_key=key, to_key=option.get("to"), labels=_as_texts(option.get("label"))
                    )
                )
        spec = TreeSpec(root=item.get("root"), nodes=spec_nodes, options=spec_options)
        for error in tree_validate(tree=spec, languages=self.languages):
            self.problem(where, error.message)


def _as_texts(value: Any) -> dict[str, str]:
    return {k: v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


def catalogue_check(*, document: Mapping[str, list[dict[str, Any]]]) -> list[str]:
    """Every problem that would stop `document` from loading; empty when it can be loaded."""
    checker = _Checker(document)
    checker.check()
    return checker.problems


def _translated(item: Mapping[str, Any], *names: str) -> dict[str, str]:
    values = {}
    for name in names:
        texts = item.get(name) or {}
        for language in languages():
            values[build_localized_fieldname(name, language)] = texts.get(language, "")
    return values


def _save(model, lookup: dict, values: dict) -> tuple[Any, str]:
    """Create or update one row, writing only when something differs; return it and the outcome."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values), "created"
    changed = [name for name, value in values.items() if _field_value(instance, name) != value]
    if not changed:
        return instance, "unchanged"
    for name in changed:
        setattr(instance, name, values[name])
    instance.save()
    return instance, "updated"


def _combine(outcome: str, part_outcomes: Iterable[str]) -> str:
    """An item whose own row is unchanged still counts as updated when one of its parts changed."""
    if outcome == "unchanged" and any(part != "unchanged" for part in part_outcomes):
        return "updated"
    return outcome


def _field_value(instance, name: str):
    field = instance._meta.get_field(name)
    return getattr(instance, field.attname if field.is_relation else name)


def _ids(model, slugs: Iterable[str]) -> list[int]:
    return sorted(model.objects.filter(slug__in=list(slugs)).values_list("pk", flat=True))


def _fk(model, slug: str | None) -> int | None:
    return model.objects.only("pk").get(slug=slug).pk if slug else None


def catalogue_load(*, document: Mapping[str, list[dict[str, Any]]]) -> LoadReport:
    """Validate `document` completely, then write it in one transaction; return what changed."""
    problems = catalogue_check(document=document)
    if problems:
        raise CatalogueError(problems)
    report = LoadReport()
    with transaction.atomic():
        for section, model, texts in (
            ("categories", Category, ("name", "description")),
            ("carriers", Carrier, ("name",)),
            ("card_types", CardType, ("name", "description")),
            ("synonyms", SynonymGroup, ("terms",)),
        ):
            for item in document.get(section, []):
                values = _translated(item, *texts)
                if section != "synonyms":
                    values["order"] = item.get("order", 0)
                if section == "carriers":
                    values["website"] = item.get("website", "")
                _, outcome = _save(model, {"slug": item["slug"]}, values)
                report.count(section, outcome)
        for item in document.get("faqs", []):
            report.count("faqs", _load_faq(item))
        for item in document.get("guides", []):
            report.count("guides", _load_guide(item))
        for item in document.get("troubleshooters", []):
            report.count("troubleshooters", _load_troubleshooter(item))
    return report


def _content_values(item: Mapping[str, Any], *texts: str) -> dict[str, Any]:
    return {
        "category_id": _fk(Category, item["category"]),
        "status": item.get("status", Status.PUBLISHED),
        "order": item.get("order", 0),
        **_translated(item, *texts),
    }


def _load_faq(item: Mapping[str, Any]) -> str:
    faq, outcome = _save(
        Faq, {"slug": item["slug"]}, _content_values(item, "question", "answer", "keywords")
    )
    parts = []
    for name, model in (("carriers", Carrier), ("card_types", CardType)):
        wanted = _ids(model, item.get(name, []))
        relation = getattr(faq, name)
        if sorted(relation.values_list("pk", flat=True)) != wanted:
            relation.set(wanted)
            parts.append("updated")
    return _combine(outcome, parts)


def _load_guide(item: Mapping[str, Any]) -> str:
    guide, outcome = _save(
        Guide,
        {"slug": item["slug"]},
        {
            **_content_values(item, "title", "summary", "keywords"),
            "carrier_id": _fk(Carrier, item.get("carrier")),
            "card_type_id": _fk(CardType, item.get("card_type")),
            "channel": item.get("channel") or "",
        },
    )
    existing = list(guide.steps.order_by("order", "pk"))
    parts = []
    for position, step in enumerate(item["steps"]):
        values = {"order": (position + 1) * 10, **_translated(step, "title", "body")}
        if position < len(existing):
            parts.append(_save(GuideStep, {"pk": existing[position].pk}, values)[1])
        else:
            GuideStep.objects.create(guide=guide, **values)
            parts.append("created")
    for extra in existing[len(item["steps"]) :]:
        extra.delete()
        parts.append("deleted")
    return _combine(outcome, parts)


def _load_troubleshooter(item: Mapping[str, Any]) -> str:
    tree, outcome = _save(
        Troubleshooter, {"slug": item["slug"]}, _content_values(item, "title", "intro", "keywords")
    )
    parts = []
    nodes = {}
    for position, node in enumerate(item["nodes"]):
        nodes[node["key"]], part = _save(
            Node,
            {"troubleshooter": tree, "key": node["key"]},
            {
                "kind": node["kind"],
                "order": (position + 1) * 10,
                **_translated(node, "text", "body"),
            },
        )
        parts.append(part)
    for stale in tree.nodes.exclude(key__in=list(nodes)):
        stale.delete()
        parts.append("deleted")
    if tree.root_id != nodes[item["root"]].pk:
        tree.root = nodes[item["root"]]
        tree.save(update_fields=["root", "updated_at"])
        parts.append("updated")
    for key, node in nodes.items():
        spec = next(n for n in item["nodes"] if n["key"] == key)
        existing = list(node.options.order_by("order", "pk"))
        for position, option in enumerate(spec.get("options", [])):
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
                parts.append(_save(Option, {"pk": existing[position].pk}, values)[1])
            else:
                Option.objects.create(from_node=node, **values)
                parts.append("created")
        for extra in existing[len(spec.get("options", [])) :]:
            extra.delete()
            parts.append("deleted")
    return _combine(outcome, parts)
