"""What readers found most helpful, for the front ends' start pages: the help site's home
and the widget's panel before the reader types."""

from collections.abc import Mapping

from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Count, Q

from insights.models import Feedback
from simhelp.content import Entry

# The ranking changes slowly and every start page reads it: one query per few minutes, in
# the shared cache, rather than one per page (the widget's frame is otherwise served from
# memory).
HELPFUL_CACHE_SECONDS = 300


def _voted_helpful(*, limit: int) -> list[str]:
    """Keys of the items people voted helpful most often (none when the database is away)."""
    cache_key = f"insights:helpful:{limit}"
    keys = cache.get(cache_key)
    if keys is not None:
        return keys
    try:
        rows = (
            Feedback.objects.values("target")
            .annotate(up=Count("pk", filter=Q(helpful=True)))
            .filter(up__gt=0)
            .order_by("-up", "target")[:limit]
        )
        keys = [row["target"] for row in rows]
    except DatabaseError:
        return []
    cache.set(cache_key, keys, HELPFUL_CACHE_SECONDS)
    return keys


def helpful_entries(*, entries: Mapping[str, Entry], limit: int = 6) -> list[Entry]:
    """The published items voted most helpful, topped up with the first questions (in their
    catalogue order) while there are too few votes."""
    keys = [key for key in _voted_helpful(limit=limit) if key in entries]
    for entry in sorted(
        (e for e in entries.values() if e.type == "faq"), key=lambda e: (e.order, e.slug)
    ):
        if len(keys) >= limit:
            break
        if entry.key not in keys:
            keys.append(entry.key)
    return [entries[key] for key in keys]


def troubleshooter_entries(*, entries: Mapping[str, Entry]) -> list[Entry]:
    """The published troubleshooters in catalogue order."""
    return sorted(
        (e for e in entries.values() if e.type == "troubleshooter"),
        key=lambda e: (e.order, e.slug),
    )
