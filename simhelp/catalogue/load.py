"""Writing a checked catalogue document to the database in one transaction."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from modeltranslation.utils import build_localized_fieldname

from assistant.models import AnswerRule
from faq.models import CardType, Carrier, Category, Faq, Status
from guides.models import Guide, GuideStep, Node, Option, Troubleshooter
from simhelp.catalogue.format import (
    FIELDS,
    MODELS,
    NOUNS,
    READER_TEXTS,
    SECTIONS,
    STEP_FIELDS,
    CatalogueError,
    Document,
    key_field,
    languages,
)
from simhelp.catalogue.images import image_load
from simhelp.catalogue.plan import LoadReport, catalogue_plan
from simhelp.models import Image

# What uses an item is deleted before the item (a category is PROTECTed by its content).
DELETE_ORDER = (
    "images",
    "rules",
    "troubleshooters",
    "guides",
    "faqs",
    "synonyms",
    "card_types",
    "carriers",
    "categories",
)


def catalogue_load(*, document: Document, sync: bool = False, folder=None) -> LoadReport:
    """Validate `document` completely, then write it in one transaction; return what changed.

    Items are matched by slug (nodes by key within a tree, rules by name) and only those that
    differ are written. With `sync` the document is the whole catalogue: every item of every
    section that it leaves out is deleted. Image files are read from `folder`.
    """
    with transaction.atomic():
        report = catalogue_plan(document=document, sync=sync, folder=folder)
        for section in SECTIONS:
            todo = {
                *report.of(section=section, outcome="created"),
                *report.of(section=section, outcome="updated"),
            }
            for item in document.get(section, []):
                if item[key_field(section)] in todo:
                    if section == "images":
                        stored = Image.objects.filter(key=item["key"]).first()
                        image_load(item=item, folder=folder, stored=stored)
                    else:
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
    plain = ("slug", "order", "website", "anchor")
    values = _translated(item, *(name for name in FIELDS[section] if name not in plain))
    if "order" in FIELDS[section]:
        values["order"] = item.get("order", 0)
    if section == "carriers":
        values["website"] = item.get("website") or ""
    if section == "synonyms":
        values["anchor"] = item.get("anchor", False)
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
        values = {
            "order": (position + 1) * 10,
            "image_id": Image.objects.only("pk").get(key=step["image"]).pk
            if step.get("image")
            else None,
            **_translated(step, *STEP_FIELDS),
        }
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
            "outcome": item.get("outcome") or AnswerRule.ANSWER,
            "target": item.get("target") or "",
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
