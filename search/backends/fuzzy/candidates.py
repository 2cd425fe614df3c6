"""What scoring hands on: each candidate document's confidence and the evidence behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from search.backends.fuzzy.plan import Plan


@dataclass(frozen=True, slots=True)
class Evidence:
    """Per unit and candidate: how well and in which fields each query unit matched."""

    plan: Plan
    quality: np.ndarray  # units x candidates
    masks: np.ndarray  # units x candidates, field bits
    # What each candidate (column) matched, worked out once: evidence outlives a request.
    matches: dict[int, tuple[int, tuple[str, ...]]] = field(default_factory=dict)


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
        found = evidence.matches.get(self.column)
        if found is None:
            rows = np.flatnonzero(evidence.quality[:, self.column] > 0)
            if not len(rows):
                found = 0, ()
            else:
                fields = int(np.bitwise_or.reduce(evidence.masks[rows, self.column]))
                labels = (evidence.plan.units[row].label for row in rows.tolist())
                found = fields, tuple(dict.fromkeys(labels))
            evidence.matches[self.column] = found
        return found


@dataclass(frozen=True, slots=True)
class Scored:
    """One reading's candidates (document ids, ascending) and their confidence before the
    per-request boosts: what the index keeps for recent readings."""

    candidates: np.ndarray
    scores: np.ndarray
    evidence: Evidence | None
