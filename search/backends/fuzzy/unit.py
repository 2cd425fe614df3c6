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


def fits(keys: list[dict[str, float]], position: int, phrase: tuple[str, ...]) -> bool:
    """Whether a phrase (one key per word) is what the query says from ``position`` on."""
    end = position + len(phrase)
    return end <= len(keys) and all(
        phrase[offset] in keys[position + offset] for offset in range(len(phrase))
    )


def add_phrase_unit(
    *,
    span: tuple[int, ...],
    label: str,
    alternatives: list[tuple[tuple[int, ...], float]],
    units: list[Unit],
    word_units: dict[int, Unit],
) -> None:
    """Let a phrase found at ``span`` (a synonym, a carrier's name) be matched by its
    alternatives: one word takes them as more spellings of itself, a longer phrase becomes a
    unit of its own."""
    if len(span) == 1 and span[0] in word_units:
        word_units[span[0]].alternatives.extend(alternatives)
        return
    unit = Unit(span=span, label=label, query_weight=1.0, quality_factor=1.0)
    unit.alternatives.extend(alternatives)
    units.append(unit)
