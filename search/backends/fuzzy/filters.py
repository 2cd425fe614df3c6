"""The filters of the documents (carrier, card type...) as boolean masks over them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np


def filter_masks(
    maps: Sequence[dict[str, frozenset[str]]], doc_maps: np.ndarray
) -> dict[str, tuple[np.ndarray, dict[str, np.ndarray]]]:
    """Per filter name: which documents have a value for it, and which have each value.

    `maps` are the distinct filter sets and `doc_maps` the set of each document: a mask is
    worked out per set and spread over the documents in one gather.
    """
    masks = {}
    for name in sorted({name for mapping in maps for name in mapping}):
        values = sorted({value for mapping in maps for value in mapping.get(name, ())})
        masks[name] = (
            np.array([bool(mapping.get(name)) for mapping in maps], dtype=bool)[doc_maps],
            {
                value: np.array([value in mapping.get(name, ()) for mapping in maps])[doc_maps]
                for value in values
            },
        )
    return masks


def filter_map(filters: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """A document's filters grouped by name: ``[("carrier", "mts")]`` -> ``{"carrier":
    frozenset({"mts"})}``."""
    grouped: dict[str, set[str]] = defaultdict(set)
    for name, value in filters:
        grouped[name].add(value)
    return {name: frozenset(values) for name, values in grouped.items()}
