"""The per-request boosts: language, context (or the carrier the query names), popularity
for short queries, and items for one carrier behind a close item for all of them."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from search.backends.fuzzy.candidates import Candidate, Scored
from search.backends.fuzzy.index import Index
from search.backends.fuzzy.plan import Plan
from search.backends.fuzzy.tuning import Tuning


def boosted(
    *,
    index: Index,
    scored: Scored,
    language: str,
    context: Mapping[str, str],
    tuning: Tuning,
    limit: int | None = None,
) -> dict[int, Candidate]:
    """Apply the language, context and popularity boosts; keep each item's best document
    (ties: the first document), and with ``limit`` only the items that score at least as well
    as the limit-th best (ties at the cut stay, so whoever orders them sees them all).

    A carrier the query names stands for the context's carrier, and leaves out the other
    carriers' items; with no carrier named nor given, an item for one carrier goes behind a
    close item for all of them.
    """
    docs = scored.candidates
    value = scored.scores.astype(np.float64)
    code = index.language_codes.get(language)
    if code is not None:
        value[index.doc_languages[docs] == code] *= tuning.language_boost
    mentions = scored.evidence.plan.mentions if scored.evidence is not None else {}
    keep = np.ones(len(docs), dtype=bool)
    unasked = np.zeros(len(docs), dtype=bool)
    for name, (present, by_value) in index.filter_masks.items():
        has = present[docs]
        named = mentions.get(name)
        if named:
            # The query names a value (a carrier): its items and the items for every value
            # stay, another value's never answer. Its items gain nothing more: the name is a
            # word of the query they already match ("megafon balance" asks about the
            # balance, not about MegaFon's guide to topping up).
            match = np.zeros(len(docs), dtype=bool)
            for wanted in named:
                if wanted in by_value:
                    match |= by_value[wanted][docs]
            keep &= ~has | match
            continue
        wanted = context.get(name)
        if not wanted:
            if name in index.mentionable:
                unasked |= has
            continue
        match = by_value[wanted][docs] if wanted in by_value else np.zeros(len(docs), bool)
        value = np.where(
            has,
            value * np.where(match, tuning.context_boost, tuning.context_penalty),
            value,
        )
    if scored.evidence is not None and _short(scored.evidence.plan, tuning):
        value += tuning.popularity_boost * index.popularity[docs]
    if unasked.any() and not unasked.all():
        value = _behind_close_generic(value=value, specific=unasked, tuning=tuning)
    if not keep.all():
        docs, value = docs[keep], value[keep]
        columns = np.flatnonzero(keep)
    else:
        columns = np.arange(len(docs))
    # By item, then best first (ties: the first document): each item's first is its best.
    items = index.doc_items[docs]
    order = np.lexsort((docs, -value, items))
    ordered = items[order]
    picks = order[np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))]
    if limit is not None and len(picks) > limit:
        # Building a candidate costs more than all the arithmetic above: only the few that
        # can be listed are built.
        best = value[picks]
        picks = picks[best >= np.partition(best, len(best) - limit)[len(best) - limit]]
    result: dict[int, Candidate] = {}
    for at in picks.tolist():
        doc_id = int(docs[at])
        result[int(index.doc_items[doc_id])] = Candidate(
            score=float(value[at]),
            doc=doc_id,
            column=int(columns[at]),
            evidence=scored.evidence,
        )
    return result


def _short(plan: Plan, tuning: Tuning) -> bool:
    """A query of a word or two (up to four CJK characters), which many items answer about
    as well: there the more popular (for the assistant, the more linked-to) item comes
    first. In a longer query, the words decide."""
    return len(plan.weights) <= tuning.short_query_positions


def _behind_close_generic(*, value: np.ndarray, specific: np.ndarray, tuning: Tuning) -> np.ndarray:
    """Items for one carrier (neither the query nor the context names one) go just behind
    every item for all carriers that scores nearly as well: "пополнение прошло или нет как
    посмотреть" is about every carrier's top-ups, whichever carrier's guide says it best.
    Their score falls only to the one they go behind, and one that scores clearly higher
    keeps its place and its confidence."""
    generic = np.sort(value[~specific])
    at = np.flatnonzero(specific)
    mine = value[at]
    # The lowest item for all carriers within the margin below each specific item.
    lowest = np.searchsorted(generic, mine * tuning.unasked_specific_factor, side="left")
    found = lowest < len(generic)
    behind = generic[np.minimum(lowest, len(generic) - 1)]
    close = found & (behind < mine)
    if not close.any():
        return value
    # Just below it: the excess over it is under (1 / factor - 1) of it, so a hundredth of
    # the excess is under a thousandth of it; specific items keep their order.
    value = value.copy()
    value[at[close]] = behind[close] * 0.999 + (mine[close] - behind[close]) * 0.01
    return value
