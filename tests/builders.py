"""Small builders for test content in all three languages."""

import itertools

from assistant.models import AnswerRule, SynonymGroup
from faq.models import CardType, Carrier, Category, Faq, Status
from guides.models import Guide, GuideStep, Node, NodeKind, Option, Troubleshooter

LANGUAGES = ("zh_hans", "en", "ru")
_numbers = itertools.count(1)


def tr(name: str, zh: str, en: str, ru: str) -> dict[str, str]:
    """Keyword arguments for one translated field in zh-hans, en and ru."""
    return {f"{name}_zh_hans": zh, f"{name}_en": en, f"{name}_ru": ru}


def same(name: str, text: str) -> dict[str, str]:
    return {f"{name}_{language}": f"{text} ({language})" for language in LANGUAGES}


def make_category(**fields) -> Category:
    n = next(_numbers)
    return Category.objects.create(
        **{"slug": f"category-{n}", **same("name", f"Category {n}"), **fields}
    )


def make_carrier(slug: str = "mts", **fields) -> Carrier:
    return Carrier.objects.create(slug=slug, **{**same("name", slug.upper()), **fields})


def make_card_type(slug: str = "data", **fields) -> CardType:
    return CardType.objects.create(slug=slug, **{**same("name", slug), **fields})


def make_faq(**fields) -> Faq:
    n = next(_numbers)
    values = {
        "slug": f"faq-{n}",
        "status": Status.PUBLISHED,
        **same("question", f"Question {n}"),
        **same("answer", f"Answer {n}"),
        **same("keywords", f"keyword{n}"),
    }
    values.update(fields)
    if "category" not in values:
        values["category"] = make_category()
    return Faq.objects.create(**values)


def make_guide(*, steps: int = 3, **fields) -> Guide:
    n = next(_numbers)
    values = {
        "slug": f"guide-{n}",
        "status": Status.PUBLISHED,
        **same("title", f"Guide {n}"),
        **same("summary", f"Summary {n}"),
        **same("keywords", f"guide{n}"),
    }
    values.update(fields)
    if "category" not in values:
        values["category"] = make_category()
    guide = Guide.objects.create(**values)
    for number in range(1, steps + 1):
        GuideStep.objects.create(
            guide=guide,
            order=number,
            **same("title", f"Step {number}"),
            **same("body", f"Do thing {number}"),
        )
    return guide


def make_tree(
    *, edges: dict[str, list[str]], solutions: set[str], root: str = "start", **fields
) -> Troubleshooter:
    """A troubleshooter whose nodes are the keys of `edges`; each edge becomes an option."""
    n = next(_numbers)
    values = {
        "slug": f"tree-{n}",
        "status": Status.PUBLISHED,
        **same("title", f"Tree {n}"),
        **same("intro", f"Intro {n}"),
        **same("keywords", f"tree{n}"),
    }
    values.update(fields)
    if "category" not in values:
        values["category"] = make_category()
    tree = Troubleshooter.objects.create(**values)
    keys = list(dict.fromkeys([*edges, *(t for targets in edges.values() for t in targets)]))
    nodes = {
        key: Node.objects.create(
            troubleshooter=tree,
            key=key,
            order=position,
            kind=NodeKind.SOLUTION if key in solutions else NodeKind.QUESTION,
            **same("text", f"Node {key}"),
            **same("body", f"Body {key}"),
        )
        for position, key in enumerate(keys)
    }
    for source, targets in edges.items():
        for position, target in enumerate(targets):
            Option.objects.create(
                troubleshooter=tree,
                from_node=nodes[source],
                to_node=nodes[target],
                order=position,
                **same("label", f"{source} to {target}"),
            )
    tree.root = nodes[root]
    tree.save()
    return tree


def make_synonym_group(**fields) -> SynonymGroup:
    n = next(_numbers)
    return SynonymGroup.objects.create(
        **{"slug": f"synonyms-{n}", **same("terms", f"term{n}"), **fields}
    )


def make_rule(*, target: str, **fields) -> AnswerRule:
    """An active answer rule for `target` ("faq:slug"), matching one phrase per language."""
    n = next(_numbers)
    values = {"name": f"Rule {n}", "target": target, **same("phrases", f"phrase{n}")}
    values.update(fields)
    return AnswerRule.objects.create(**values)


def make_image(*, key: str = "sim-card", published: bool = True, width: int = 1200, **fields):
    """A stored picture (variants made as an upload makes them) with alt text in every
    language unless `fields` say otherwise."""
    from simhelp.images import image_store
    from simhelp.models import Image
    from tests.images.pictures import png

    values = {
        "alt_zh_hans": "SIM 卡背面印着 ICCID",
        "alt_en": "The ICCID printed on the back of a SIM card",
        "alt_ru": "ICCID напечатан на обороте SIM-карты",
        **fields,
    }
    image = Image(key=key, published=published, **values)
    image_store(image=image, data=png(width, width * 2 // 3))
    image.save()
    return image
