"""The catalogue format itself: sections, fields, models, languages and `CatalogueError`.

Shared by reading, checking, exporting and loading."""

import re
from collections.abc import Mapping
from typing import Any

from assistant.models import AnswerRule, SynonymGroup
from faq.models import CardType, Carrier, Category, Faq
from guides.models import Guide, Troubleshooter
from simhelp.content import languages  # noqa: F401  (the package's modules read it here)

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
    "synonyms": ("slug", "terms", "anchor"),
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
        "outcome",
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


def key_field(section: str) -> str:
    """The field that identifies an item of `section`: its slug, or a rule's name."""
    return "name" if section == "rules" else "slug"


class CatalogueError(Exception):
    """A catalogue that cannot be loaded; `problems` names each item and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))
