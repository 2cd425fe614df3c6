"""Scoring: BM25F over the query's units picks candidates, coverage of the query ranks them."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np

from search.backends.fuzzy.index import Index
from search.backends.fuzzy.plan import Plan, plan_query
from search.backends.fuzzy.tuning import BODY, KEYWORDS, TITLE, Tuning


@dataclass(frozen=True, slots=True)
class Evidence:
    """Per unit and candidate: how well and in which fields each query unit matched."""

    plan: Plan
    quality: np.ndarray  # units x candidates
    masks: np.ndarray  # units x candidates, field bits


@dataclass(slots=True)
class Candidate:
    # Uncapped: boosts still order two documents that both cover the query fully; the
    # reported score is capped at 1.
    score: float
    doc: int
    column: int
    evidence: Evidence

    def matched(self) -> tuple[int, tuple[str, ...]]:
        """The fields (bits) and the query terms this document matched.

        Worked out only for the hits that are returned, not for every candidate.
        """
        evidence = self.evidence
        rows = np.flatnonzero(evidence.quality[:, self.column] > 0)
        if not len(rows):
            return 0, ()
        fields = int(np.bitwise_or.reduce(evidence.masks[rows, self.column]))
        terms = tuple(dict.fromkeys(evidence.plan.units[row].label for row in rows.tolist()))
        return fields, terms


def rank(
    *,
    index: Index,
    text: str,
    language: str,
    context: Mapping[str, str],
    types: Collection[str] | None,
    tuning: Tuning,
) -> dict[int, Candidate]:
    """The best candidate per item for one reading of a query (item number -> candidate)."""
    plan = plan_query(index=index, text=text)
    if not plan.units:
        return {}
    scores = np.zeros(index.size, dtype=np.float32)
    scratch = np.zeros(index.size, dtype=np.float32)
    for unit in plan.units:
        matched = []
        for term_ids, quality in unit.alternatives:
            docs, weights = _alternative_postings(index=index, term_ids=term_ids)
            if len(docs):
                scratch[docs] = np.maximum(scratch[docs], weights * quality)
                matched.append(docs)
        if not matched:
            continue
        touched = matched[0] if len(matched) == 1 else np.unique(np.concatenate(matched))
        scores[touched] += scratch[touched] * unit.query_weight
        scratch[touched] = 0.0
    if types is not None:
        allowed = np.zeros(index.size, dtype=bool)
        for kind in types:
            if kind in index.type_masks:
                allowed |= index.type_masks[kind]
        scores[~allowed] = 0.0
    candidates = np.flatnonzero(scores > 0)
    if len(candidates) == 0:
        return {}
    if len(candidates) > tuning.candidates:
        top = np.argpartition(-scores[candidates], tuning.candidates)[: tuning.candidates]
        candidates = candidates[top]
    candidates.sort()
    return _score_candidates(
        index=index,
        plan=plan,
        candidates=candidates,
        bm25=scores[candidates],
        language=language,
        context=context,
        tuning=tuning,
    )


def _score_candidates(
    *,
    index: Index,
    plan: Plan,
    candidates: np.ndarray,
    bm25: np.ndarray,
    language: str,
    context: Mapping[str, str],
    tuning: Tuning,
) -> dict[int, Candidate]:
    """Confidence of every candidate, keeping each item's best document (item -> candidate)."""
    field_quality = np.array(
        [
            0.0,
            tuning.title_quality,
            tuning.keywords_quality,
            tuning.title_quality,
            tuning.body_quality,
            tuning.title_quality,
            tuning.keywords_quality,
            tuning.title_quality,
        ],
        dtype=np.float32,
    )
    n_candidates = len(candidates)
    unit_quality = np.zeros((len(plan.units), n_candidates), dtype=np.float32)
    unit_masks = np.zeros((len(plan.units), n_candidates), dtype=np.uint8)
    for row, unit in enumerate(plan.units):
        for term_ids, quality in unit.alternatives:
            found, masks = _membership(index=index, term_ids=term_ids, candidates=candidates)
            value = np.where(found, quality * unit.quality_factor * field_quality[masks], 0.0)
            better = value > unit_quality[row]
            unit_quality[row][better] = value[better]
            unit_masks[row][better] = masks[better]
    weights = np.array(plan.weights, dtype=np.float32)
    total = float(weights.sum())
    coverage = _coverage(plan=plan, weights=weights, unit_quality=unit_quality)
    # Cohesion: the best share of the query that ONE field covers on its own. A title
    # that says the whole question beats a document whose words are scattered over its
    # title, keywords and body.
    cohesion = np.zeros(n_candidates, dtype=np.float32)
    for bit in (TITLE, KEYWORDS, BODY):
        in_field = np.where((unit_masks & bit) > 0, unit_quality, 0.0)
        np.maximum(
            cohesion, _coverage(plan=plan, weights=weights, unit_quality=in_field), out=cohesion
        )
    coverage = (1.0 - tuning.cohesion_share) * coverage + tuning.cohesion_share * cohesion
    information = min(1.0, total / tuning.min_information)
    relative = bm25 / float(bm25.max())
    score = ((1.0 - tuning.bm25_share) * coverage + tuning.bm25_share * relative) * information
    evidence = Evidence(plan=plan, quality=unit_quality, masks=unit_masks)
    result: dict[int, Candidate] = {}
    for column, doc_id in enumerate(candidates.tolist()):
        document = index.documents[doc_id]
        value = float(score[column])
        if document.language == language:
            value *= tuning.language_boost
        for name, wanted in context.items():
            values = index.filters[doc_id].get(name)
            if values and wanted:
                value *= tuning.context_boost if wanted in values else tuning.context_penalty
        value += tuning.popularity_boost * min(max(document.popularity, 0.0), 1.0)
        item = int(index.doc_items[doc_id])
        if item in result and result[item].score >= value:
            continue
        result[item] = Candidate(score=value, doc=doc_id, column=column, evidence=evidence)
    return result


def _coverage(*, plan: Plan, weights: np.ndarray, unit_quality: np.ndarray) -> np.ndarray:
    """IDF-weighted share of the query positions covered, per candidate (best unit wins)."""
    position_cover = np.zeros((len(weights), unit_quality.shape[1]), dtype=np.float32)
    for row, unit in enumerate(plan.units):
        for position in unit.span:
            np.maximum(position_cover[position], unit_quality[row], out=position_cover[position])
    total = float(weights.sum())
    if total <= 0:
        return np.zeros(unit_quality.shape[1], dtype=np.float32)
    return (weights[:, None] * position_cover).sum(axis=0) / total


def _alternative_postings(
    *, index: Index, term_ids: tuple[int, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Documents holding every term of an alternative, with the mean BM25 weight."""
    docs, weights, _masks = index.postings(term_ids[0])
    if len(term_ids) == 1:
        return docs, weights
    total = weights.astype(np.float32)
    for term_id in term_ids[1:]:
        other_docs, other_weights, _ = index.postings(term_id)
        docs, mine, theirs = np.intersect1d(
            docs, other_docs, assume_unique=True, return_indices=True
        )
        total = total[mine] + other_weights[theirs]
        if not len(docs):
            break
    return docs, total / len(term_ids)


def _membership(
    *, index: Index, term_ids: tuple[int, ...], candidates: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Which candidates hold every term, and the fields they share (or any field)."""
    found = np.ones(len(candidates), dtype=bool)
    shared = np.full(len(candidates), 7, dtype=np.uint8)
    anywhere = np.zeros(len(candidates), dtype=np.uint8)
    for term_id in term_ids:
        docs, _weights, masks = index.postings(term_id)
        if not len(docs):
            return np.zeros(len(candidates), dtype=bool), np.zeros(len(candidates), dtype=np.uint8)
        where = np.minimum(np.searchsorted(docs, candidates), len(docs) - 1)
        present = docs[where] == candidates
        found &= present
        hit_masks = np.where(present, masks[where], 0).astype(np.uint8)
        shared &= hit_masks
        anywhere |= hit_masks
    masks = np.where(shared > 0, shared, anywhere).astype(np.uint8)
    return found, np.where(found, masks, 0).astype(np.uint8)
