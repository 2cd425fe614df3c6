"""The catalogue format itself: sections, fields, models, languages and `CatalogueError`.

Shared by reading, checking, exporting and loading."""

import re
from collections.abc import Mapping
from typing import Any

from assistant.models import AnswerRule, SynonymGroup
from faq.models import CardType, Carrier, Category, Faq
from guides.models import Guide, Troubleshooter
from simhelp.content import languages  # noqa: F401  (the package's modules read it here)
from simhelp.models import Image

Document = Mapping[str, list[dict[str, Any]]]

SECTIONS = (
    "categories",
    "carriers",
    "card_types",
    "synonyms",
    "images",
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
    # A picture's original is a file beside the JSON (simhelp/catalogue/images.py).
    "images": ("key", "published", "alt", "file", "sha256"),
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
STEP_KEYS = (*STEP_FIELDS, "image")  # a step's optional picture, by its key
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
    "images": Image,
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
    "images": "image",
    "faqs": "faq",
    "guides": "guide",
    "troubleshooters": "troubleshooter",
    "rules": "rule",
}


def key_field(section: str) -> str:
    """The field that identifies an item of `section`: its slug, a rule's name, a picture's
    key."""
    return {"rules": "name", "images": "key"}.get(section, "slug")


class CatalogueError(Exception):
    """A catalogue that cannot be loaded; `problems` names each item and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))
