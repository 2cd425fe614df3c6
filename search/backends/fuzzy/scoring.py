"""Scoring: BM25F over the query's units picks candidates, coverage of the query ranks them."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np

from search.backends.fuzzy.boosts import boosted
from search.backends.fuzzy.candidates import Candidate, Evidence, Scored
from search.backends.fuzzy.index import Index
from search.backends.fuzzy.plan import Plan, plan_query
from search.backends.fuzzy.tuning import BODY, KEYWORDS, TITLE, Tuning
from search.text.questions import AVOID, HOW, PROBLEM, WHAT_IS, WHERE, WHY


def rank(
    *,
    index: Index,
    text: str,
    language: str,
    context: Mapping[str, str],
    types: Collection[str] | None,
    tuning: Tuning,
    limit: int | None = None,
) -> dict[int, Candidate]:
    """The best candidate per item for one reading of a query (item number -> candidate);
    with ``limit``, of the items that may be among the ``limit`` best (see ``boosted``)."""
    scored = _recent_or_scored(index=index, text=text, types=types, tuning=tuning)
    if not len(scored.candidates):
        return {}
    return boosted(
        index=index, scored=scored, language=language, context=context, tuning=tuning, limit=limit
    )


def _recent_or_scored(
    *, index: Index, text: str, types: Collection[str] | None, tuning: Tuning
) -> Scored:
    """The scored candidates of a reading, from the index's recent ones when it has them.

    Only the language, the context and the popularity differ between two requests for one
    reading, and they are applied afterwards: a question asked again with another carrier,
    or from another page, skips planning and scoring.
    """
    key = (text, None if types is None else tuple(sorted(types)))
    return index.remembered(
        index.recent, key, lambda: _scored(index=index, text=text, types=types, tuning=tuning)
    )


_NOTHING = Scored(
    candidates=np.zeros(0, dtype=np.int64), scores=np.zeros(0, dtype=np.float32), evidence=None
)


def _scored(*, index: Index, text: str, types: Collection[str] | None, tuning: Tuning) -> Scored:
    plan = plan_query(index=index, text=text)
    if not plan.units:
        return _NOTHING
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
        # Each document adds the unit's best alternative once. A document in several
        # alternatives' postings appears several times in `touched`, but fancy-indexed `+=`
        # reads every value before it writes any, so it writes the same sum each time: no set
        # union is needed (np.unique over a frequent CJK pair's alternatives on a large index
        # cost more than all the rest of the search).
        touched = matched[0] if len(matched) == 1 else np.concatenate(matched)
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
        return _NOTHING
    if len(candidates) > tuning.candidates:
        top = np.argpartition(-scores[candidates], tuning.candidates)[: tuning.candidates]
        candidates = candidates[top]
    candidates.sort()
    score, evidence = _score_candidates(
        index=index, plan=plan, candidates=candidates, bm25=scores[candidates], tuning=tuning
    )
    return Scored(candidates=candidates, scores=score, evidence=evidence)


def _score_candidates(
    *, index: Index, plan: Plan, candidates: np.ndarray, bm25: np.ndarray, tuning: Tuning
) -> tuple[np.ndarray, Evidence]:
    """Confidence of every candidate before the boosts, and the evidence behind it."""
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
    memo: dict = {}
    for row, unit in enumerate(plan.units):
        for term_ids, quality in unit.alternatives:
            found, masks = _membership(
                index=index, term_ids=term_ids, candidates=candidates, memo=memo
            )
            value = np.where(found, quality * unit.quality_factor * field_quality[masks], 0.0)
            better = value > unit_quality[row]
            unit_quality[row][better] = value[better]
            unit_masks[row][better] = masks[better]
    if tuning.branched_body_factor != 1.0:
        # A word found only in the body of a troubleshooting tree matches one branch of many.
        branched = index.branched[candidates]
        if branched.any():
            body_only = (unit_masks & (TITLE | KEYWORDS)) == 0
            unit_quality = np.where(
                body_only & branched, unit_quality * tuning.branched_body_factor, unit_quality
            )
    weights = np.array(plan.weights, dtype=np.float32)
    credit = _mention_credit(index=index, plan=plan, candidates=candidates, tuning=tuning)
    coverage = _coverage(plan=plan, weights=weights, unit_quality=unit_quality, credit=credit)
    # Cohesion: the best share of the query that ONE field covers on its own. A title
    # that says the whole question beats a document whose words are scattered over its
    # title, keywords and body.
    cohesion = np.zeros(n_candidates, dtype=np.float32)
    for bit in (TITLE, KEYWORDS, BODY):
        in_field = np.where((unit_masks & bit) > 0, unit_quality, 0.0)
        np.maximum(
            cohesion,
            _coverage(plan=plan, weights=weights, unit_quality=in_field, credit=credit),
            out=cohesion,
        )
    coverage = (1.0 - tuning.cohesion_share) * coverage + tuning.cohesion_share * cohesion
    if tuning.title_share:
        # The other direction: how much of the title the query explains. Between two titles
        # that both hold the query's words, the one that says little else is the question
        # asked ("forward multiple emails in Gmail" over a long title about attachments).
        explained = np.zeros(n_candidates, dtype=np.float32)
        for term_id, (present, masks) in memo.items():
            if not index.term_is_pinyin(term_id):
                explained += index.title_idf[term_id] * (present & ((masks & TITLE) > 0))
        title = index.title_information[candidates]
        precision = np.where(title > 0, np.minimum(explained / np.maximum(title, 1e-6), 1.0), 0)
        coverage = (1.0 - tuning.title_share) * coverage + tuning.title_share * precision
    information = min(1.0, plan.total_information() / tuning.min_information) * familiarity(
        plan, tuning
    )
    relative = bm25 / float(bm25.max())
    share = _bm25_share(plan, tuning)
    score = ((1.0 - share) * coverage + share * relative) * information
    if plan.intents:
        # A title that asks what the query asks (why, what is, when, where, which, whether,
        # how to avoid it) answers it; one that only defines does not answer "how".
        titles = index.doc_intents[candidates]
        asked = asked_same(plan, titles) > 0
        score = np.where(asked, score * (1.0 + intent_share(plan, tuning)), score)
        if plan.intents & HOW and not plan.intents & WHAT_IS:
            score = np.where(titles == WHAT_IS, score * (1.0 - tuning.intent_mismatch), score)
        if plan.intents & PROBLEM:
            # "баланс не пополнился" is answered by "the money hasn't arrived", not by the
            # ways to top up that the same words describe. The titles that report no failure
            # lose (rather than the others gain): confidence never rises for a problem
            # ("истекла регистрация" is no more about a SIM for it).
            reported = (titles & PROBLEM) > 0
            score = np.where(reported, score, score * (1.0 - tuning.problem_mismatch))
        elif plan.intents & (WHY | AVOID):
            # "how do I stop my plan lapsing" asks how to avoid a failure: the titles that
            # report it ("My plan expired") answer what to do once it happened. "зачем
            # иностранцу местный номер" asks why, reporting no failure: a title that explains
            # one ("Why was my number blocked?") answers another question.
            reported = (titles & PROBLEM) > 0
            score = np.where(reported, score * (1.0 - tuning.problem_mismatch), score)
    if plan.done and not plan.refused:
        # "paid at the terminal an hour ago and still nothing": the payment went through,
        # so a title about a payment refused answers another question.
        refused = index.refused_payments[candidates]
        score = np.where(refused, score * (1.0 - tuning.refused_mismatch), score)
    if plan.line_down:
        # "номер вообще не работает", "no calls, no data": the whole line is down, not only
        # its data, whatever the question asks about it ("is it gone for good?").
        data_only = index.data_problems[candidates]
        score = np.where(data_only, score * (1.0 - tuning.problem_mismatch), score)
    if procedure_mismatch := procedure_share(plan, tuning):
        procedures = index.procedures[candidates]
        score = np.where(procedures, score * (1.0 - procedure_mismatch), score)
    return score, Evidence(plan=plan, quality=unit_quality, masks=unit_masks)


# The intents a title gains nothing for sharing: "how" (nearly every title asks it) and a
# failure report (titles that report none lose instead, see above).
_NO_GAIN = HOW | PROBLEM


def asked_same(plan: Plan, title_intents):
    """The kinds of question a title asks (intent bits, one int or an array of them) that
    the query asks too and that gain it ``intent_share``."""
    return title_intents & (plan.intents & ~_NO_GAIN)


def intent_share(plan: Plan, tuning: Tuning) -> float:
    """The share of confidence a title gains for asking what the query asks for (a reason,
    a definition, a time, a place, which ways, whether, how to avoid it). 0 for a query that
    asks none of them."""
    return tuning.intent_boost if plan.intents & ~_NO_GAIN else 0.0


def procedure_share(plan: Plan, tuning: Tuning) -> float:
    """The share of confidence a procedure (a document that says it answers how) loses for
    the query: a story that asks neither how nor where ("…, а с карты деньги списались, а на
    балансе минус. Куда мне идти?") asks about what happened, and the steps of the channel
    it names in passing (the bank app, the terminal) are not its answer. So does a query
    that says the payment was made already ("在便利店刚冲的话费 一般几分钟能到") and asks
    neither where nor how to pay again: the steps to make it are behind the reader, though
    it may ask how to check it ("как точно узнать, что деньги дошли"). 0 for any other."""
    return tuning.procedure_mismatch if procedure_reason(plan) else 0.0


def procedure_reason(plan: Plan) -> str:
    """Why procedures lose for the query: "story", "done" (the payment was made already), or
    "" when they do not."""
    if plan.intents & WHERE:
        return ""
    if plan.story and not plan.intents & HOW:
        return "story"
    return "done" if plan.done and not plan.asks_paying else ""


def _bm25_share(plan: Plan, tuning: Tuning) -> float:
    """The share of BM25 in the score, from ``bm25_share`` for a short query to
    ``bm25_share_long`` for one that says ``long_information`` or more.

    A short query is answered by the title that says it (coverage and the title's share);
    in a long story every item covers some of the words, and BM25, which weighs how often
    and where each word occurs, tells them apart better.
    """
    if tuning.long_information <= 0:
        return tuning.bm25_share
    # From a third of long_information on: a question of a few words is a short one.
    start = tuning.long_information / 3
    length = min(
        1.0, max(0.0, plan.total_information() - start) / (tuning.long_information - start)
    )
    return tuning.bm25_share + (tuning.bm25_share_long - tuning.bm25_share) * length


def familiarity(plan: Plan, tuning: Tuning) -> float:
    """How much the query is about what this collection is about, 0..1 (the same for every
    candidate, so it moves confidence without reordering).

    A query that shares strong words with the collection but also holds words it has never
    seen ("top up my Troika card", "taxi app payment failed") is most often about something
    else; so is one that touches none of the collection's anchors.
    """
    factor = max(0.0, 1.0 - tuning.unknown_penalty * plan.unknown_share())
    if not plan.anchored:
        factor *= tuning.unanchored_factor
    return factor


def _mention_credit(
    *, index: Index, plan: Plan, candidates: np.ndarray, tuning: Tuning
) -> np.ndarray | None:
    """How well each candidate answers the carrier the query names, whether it says its
    name or not: an item for every carrier answers for this one too."""
    if not plan.mention_positions or not tuning.mention_credit:
        return None
    credit = np.zeros(len(candidates), dtype=np.float32)
    generic = np.ones(len(candidates), dtype=bool)
    for name in plan.mentions:
        if name in index.filter_masks:
            generic &= ~index.filter_masks[name][0][candidates]
    credit[generic] = tuning.mention_credit
    return credit


def _coverage(
    *,
    plan: Plan,
    weights: np.ndarray,
    unit_quality: np.ndarray,
    credit: np.ndarray | None = None,
) -> np.ndarray:
    """IDF-weighted share of the query positions covered, per candidate (best unit wins);
    ``credit`` is the least cover of the positions that name a carrier."""
    position_cover = np.zeros((len(weights), unit_quality.shape[1]), dtype=np.float32)
    for row, unit in enumerate(plan.units):
        for position in unit.span:
            np.maximum(position_cover[position], unit_quality[row], out=position_cover[position])
    if credit is not None:
        for position in plan.mention_positions:
            np.maximum(position_cover[position], credit, out=position_cover[position])
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
    *, index: Index, term_ids: tuple[int, ...], candidates: np.ndarray, memo: dict
) -> tuple[np.ndarray, np.ndarray]:
    """Which candidates hold every term, and the fields they share (or any field)."""
    if len(term_ids) == 1:
        return _term_membership(index=index, term_id=term_ids[0], candidates=candidates, memo=memo)
    found = np.ones(len(candidates), dtype=bool)
    shared = np.full(len(candidates), 7, dtype=np.uint8)
    anywhere = np.zeros(len(candidates), dtype=np.uint8)
    for term_id in term_ids:
        present, hit_masks = _term_membership(
            index=index, term_id=term_id, candidates=candidates, memo=memo
        )
        found &= present
        shared &= hit_masks
        anywhere |= hit_masks
    masks = np.where(shared > 0, shared, anywhere).astype(np.uint8)
    return found, np.where(found, masks, 0).astype(np.uint8)


def _term_membership(
    *, index: Index, term_id: int, candidates: np.ndarray, memo: dict
) -> tuple[np.ndarray, np.ndarray]:
    """Which candidates hold one term, with its field bits there (computed once per query)."""
    known = memo.get(term_id)
    if known is not None:
        return known
    docs, _weights, masks = index.postings(term_id)
    if not len(docs):
        known = np.zeros(len(candidates), dtype=bool), np.zeros(len(candidates), dtype=np.uint8)
    else:
        where = np.minimum(np.searchsorted(docs, candidates), len(docs) - 1)
        present = docs[where] == candidates
        known = present, np.where(present, masks[where], 0).astype(np.uint8)
    memo[term_id] = known
    return known
