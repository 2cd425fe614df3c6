"""The canonical form of catalogue items, and the export of stored content in that form."""

import json
from collections.abc import Mapping
from typing import Any

from assistant.models import AnswerRule, SynonymGroup
from faq.models import CardType, Carrier, Category, Faq, Status
from guides.models import Troubleshooter
from guides.selectors import guides_with_steps, troubleshooters_with_trees
from simhelp.catalogue.format import READER_TEXTS, SECTIONS, STEP_FIELDS, Document, languages
from simhelp.catalogue.images import image_item
from simhelp.content import texts as stored_texts
from simhelp.models import Image

# The sort order of an export: each model's natural order, decided in Python so that it does
# not depend on the database's collation.
SORT_KEYS = {
    **{
        section: lambda item: (item["order"], item["slug"])
        for section in ("categories", "carriers", "card_types", "faqs", "guides", "troubleshooters")
    },
    "synonyms": lambda item: item["slug"],
    "images": lambda item: item["key"],
    "rules": lambda item: (-item["priority"], item["name"]),
}


def _texts(value: Any) -> dict[str, str]:
    value = value if isinstance(value, dict) else {}
    return {language: value.get(language) or "" for language in languages()}


def canonical(section: str, item: Mapping[str, Any]) -> dict[str, Any]:
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
        return {
            "slug": item["slug"],
            "terms": _texts(item.get("terms")),
            "anchor": bool(item.get("anchor", False)),
        }
    if section == "images":
        return {
            "key": item["key"],
            "published": bool(item.get("published", False)),
            "alt": _texts(item.get("alt")),
            "file": item["file"],
            "sha256": item["sha256"],
        }
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
            "outcome": item.get("outcome") or AnswerRule.ANSWER,
            "target": item.get("target") or "",
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
            {
                **{name: _texts(step.get(name)) for name in STEP_FIELDS},
                **({"image": step["image"]} if step.get("image") else {}),
            }
            for step in item.get("steps", [])
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
            {"slug": group.slug, "terms": stored_texts(group, "terms"), "anchor": group.anchor}
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
                    {
                        **{name: stored_texts(step, name) for name in STEP_FIELDS},
                        "image": step.image.key if step.image_id else None,
                    }
                    for step in guide.steps.all()
                ],
            }
            for guide in guides_with_steps()
        ],
        "troubleshooters": [_stored_tree(tree) for tree in troubleshooters_with_trees()],
        "images": [image_item(image) for image in Image.objects.all()],
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
                "outcome": rule.outcome,
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
            (canonical(section, item) for item in stored[section]), key=SORT_KEYS[section]
        )
        for section in SECTIONS
    }


def catalogue_dumps(*, document: Document) -> str:
    """The document as diff-friendly JSON text: UTF-8 kept readable, indented, newline-ended."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
