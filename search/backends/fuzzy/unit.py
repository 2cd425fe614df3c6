"""A unit of a query plan: a part of the query and the index terms that can match it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Unit:
    """A part of the query (word, CJK n-gram, phrase) and the index terms that can match it."""

    span: tuple[int, ...]
    label: str
    query_weight: float
    quality_factor: float
    # Alternatives: (term ids that must all be present, quality).
    alternatives: list[tuple[tuple[int, ...], float]] = field(default_factory=list)
