"""The registry of content types, built from `SIMHELP_CONTENT_TYPES`: one entry per type.

Everything that lists, links, validates or searches items reads it, so a new content type is
one entry in settings plus its app (model, source of entries, help-site route).
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"


@dataclass(frozen=True)
class ContentType:
    kind: str  # the prefix of an item's key: "faq" in "faq:check-balance"
    model: str  # "app_label.Model"; its manager has published()
    route: str  # the help-site URL name of an item's page, reversed with its slug
    source: str  # dotted path of the function yielding its published items as entries
    label: str  # one item, for people ("Question"; translated lazily)
    label_plural: str  # a list of them ("Questions")

    def get_model(self) -> type[models.Model]:
        return apps.get_model(self.model)


def content_types() -> dict[str, ContentType]:
    """Every content type by kind, in the order lists show them."""
    return {
        kind: ContentType(kind=kind, **options)
        for kind, options in settings.SIMHELP_CONTENT_TYPES.items()
    }


def item_key_pattern() -> str:
    """A regular expression for a whole item key of any registered type."""
    kinds = "|".join(re.escape(kind) for kind in content_types())
    return rf"^({kinds}):{SLUG}$"


def published_among(keys) -> set[str]:
    """The keys among `keys` that name a published item: one query per type named."""
    by_kind: dict[str, set[str]] = {}
    for key in keys:
        kind, _, slug = key.partition(":")
        by_kind.setdefault(kind, set()).add(slug)
    registry = content_types()
    found = set()
    for kind, slugs in by_kind.items():
        if kind in registry:
            model = registry[kind].get_model()
            published = model.objects.published().filter(slug__in=slugs)
            found.update(f"{kind}:{slug}" for slug in published.values_list("slug", flat=True))
    return found
