"""In-memory search backend: an inverted index for candidates, fuzzy-aware ranking on top.

How a query is answered:

1. The query is normalized (see :mod:`search.normalize`) and, if it may have been typed
   with the wrong keyboard layout, also tried as Cyrillic / Latin; the best reading wins.
2. It is planned into *positions* (words, CJK characters) and *units* that cover positions:
   a word, a CJK bigram or unigram, a synonym phrase, two words that belong together
   ("tele 2"). Each unit has alternative index terms with a quality: the exact stem (1.0),
   typo corrections found through character trigrams and rapidfuzz (their similarity),
   pinyin (0.75), other members of a synonym group (0.9). A negation ("не", "not") counts
   fully only where the document negates the same word ("оплата не прошла" is not
   "оплата прошла, но деньги не пришли"), and a word that a single document holds (a
   misspelling kept as a keyword) is also tried as the words it may be a typo of.
3. A BM25F score over title > keywords > body is summed over units with numpy over the
   postings of every language version, and the best documents go on to step 4.
4. For those candidates the confidence is computed from general features: the share of the
   query's information (IDF-weighted positions) that the document covers, the field where
   it matched (title > keywords > body), how informative the query is, and the BM25 score
   relative to the best candidate. Boosts for the requested language and the context
   (carrier, card type) are small multipliers. One threshold then separates "confident
   answer" from "no good answer".
"""

from __future__ import annotations

import gc
import logging
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import OSA

from search import normalize as nz
from search.backends.base import SearchBackend
from search.documents import Document, Hit

logger = logging.getLogger(__name__)

FIELDS = ("title", "keywords", "body")
_TITLE, _KEYWORDS, _BODY = 1, 2, 4


@dataclass(frozen=True, slots=True)
class Tuning:
    """Every knob of the ranker in one place (general weights, not per-query fixes)."""

    field_weights: tuple[float, float, float] = (3.0, 2.0, 1.0)
    k1: float = 1.2
    b: float = 0.75
    # How much a match in each field counts towards coverage.
    title_quality: float = 1.0
    keywords_quality: float = 0.95
    body_quality: float = 0.4
    pinyin_quality: float = 0.75
    synonym_quality: float = 0.9
    unigram_quality: float = 0.35
    unigram_query_weight: float = 0.3
    stopword_factor: float = 0.2
    # A negation ("не", "not") found in a document, but not in front of the word it negates
    # in the query: "оплата прошла, но деньги не пришли" for "оплата не прошла".
    unbound_negation_quality: float = 0.2
    min_typo_similarity: float = 0.75
    # Share of the score that comes from BM25 relative to the best candidate (the rest is
    # coverage): BM25 orders candidates that cover the query equally well.
    bm25_share: float = 0.2
    cohesion_share: float = 0.3
    # A query whose words carry less information than this (in IDF units) is too vague to
    # be answered confidently ("how to", "что").
    min_information: float = 2.0
    language_boost: float = 1.04
    context_boost: float = 1.06
    context_penalty: float = 0.8
    popularity_boost: float = 0.02
    layout_variant_penalty: float = 0.95
    candidates: int = 150


@dataclass(slots=True)
class _Unit:
    span: tuple[int, ...]
    label: str
    query_weight: float
    quality_factor: float
    # Alternatives: (term ids that must all be present, quality).
    alternatives: list[tuple[tuple[int, ...], float]] = field(default_factory=list)


@dataclass(slots=True)
class _Plan:
    weights: list[float]
    units: list[_Unit]


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Per unit and candidate: how well and in which fields each query unit matched."""

    plan: _Plan
    quality: np.ndarray  # units x candidates
    masks: np.ndarray  # units x candidates, field bits


@dataclass(slots=True)
class _Candidate:
    # Uncapped: boosts still order two documents that both cover the query fully; the
    # reported score is capped at 1.
    score: float
    doc: int
    column: int
    evidence: _Evidence

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


class _Index:
    """An immutable snapshot of the indexed documents; a rebuild swaps in a new one."""

    def __init__(
        self, *, documents: list[Document], synonyms: Iterable[Sequence[str]], tuning: Tuning
    ) -> None:
        self.documents = documents
        self.size = len(documents)
        self.tuning = tuning
        self.term_ids: dict[str, int] = {}
        item_ids: dict[str, int] = {}
        self.item_keys: list[str] = []
        doc_items = array("i")
        for document in documents:
            key = document.key
            if key not in item_ids:
                item_ids[key] = len(self.item_keys)
                self.item_keys.append(key)
            doc_items.append(item_ids[key])
        self.doc_items = (
            np.frombuffer(doc_items, dtype=np.int32) if documents else np.zeros(0, np.int32)
        )
        self.types = {document.type for document in documents}
        self.type_masks = {
            kind: np.array([document.type == kind for document in documents], dtype=bool)
            for kind in self.types
        }
        filter_maps: dict[tuple[tuple[str, str], ...], dict[str, frozenset[str]]] = {}
        self.filters = [
            filter_maps.get(document.filters)
            or filter_maps.setdefault(document.filters, _filter_map(document.filters))
            for document in documents
        ]
        self._build_postings()
        self._build_synonyms(synonyms)

    # -- building ----------------------------------------------------------------------

    def _build_postings(self) -> None:
        texts: list[str] = []
        for document in self.documents:
            texts += (document.title, document.keywords, document.body)
        # Pinyin for titles and keywords only (people search those in pinyin, not bodies).
        terms, entry_terms, entry_slots, lengths, words = nz.index_fields(
            texts=texts, pinyin=(True, True, False) * self.size
        )
        self.term_ids = {term: term_id for term_id, term in enumerate(terms)}
        # Entry i comes from field (slot) entry_slots[i] = 3 * document + field; each term's
        # entries come in slot order, which the stable sort keeps: postings in document order.
        # The unsorted arrays are dropped as soon as possible (the build's memory peak).
        order = _stable_order(terms=entry_terms, n_terms=len(terms))
        entry_terms = entry_terms[order]
        entry_slots = entry_slots[order]
        del order
        self._build_arrays(terms=entry_terms, slots=entry_slots, slot_lengths=lengths)
        self._build_vocabulary(words)

    def _build_arrays(
        self, *, terms: np.ndarray, slots: np.ndarray, slot_lengths: np.ndarray
    ) -> None:
        """Postings from entries sorted by (term, slot), one per occurrence.

        A slot is one field of one document (3 * document + field). Everything that depends
        only on the slot (the length-normalized field weight, the field bit) is computed once
        per slot and gathered, which keeps the per-occurrence temporaries few.
        """
        tuning = self.tuning
        n_terms = len(self.term_ids)
        # BM25F: field-weighted, length-normalized frequency, saturated once per document.
        field_lengths = np.ascontiguousarray(slot_lengths.reshape(self.size, 3).T)
        averages = np.maximum(field_lengths.mean(axis=1) if self.size else np.ones(3), 1.0)
        relative = slot_lengths / np.tile(averages, self.size)
        weights = np.tile(np.array(tuning.field_weights, dtype=np.float32), self.size)
        slot_weights = weights / (1.0 - tuning.b + tuning.b * relative)
        slot_bits = np.tile(np.array([_TITLE, _KEYWORDS, _BODY], dtype=np.uint8), self.size)
        if len(terms):
            docs = slots // 3
            changed = (terms[1:] != terms[:-1]) | (docs[1:] != docs[:-1])
            starts = np.flatnonzero(np.r_[True, changed])
            del changed
            tf = np.add.reduceat(slot_weights[slots], starts)
            masks = np.bitwise_or.reduceat(slot_bits[slots], starts)
            post_terms = terms[starts]
            self.post_docs = docs[starts]
        else:
            tf = np.zeros(0, np.float32)
            masks = np.zeros(0, np.uint8)
            post_terms = np.zeros(0, np.int32)
            self.post_docs = np.zeros(0, np.int32)
        df = np.bincount(post_terms, minlength=n_terms)
        self.idf = np.log1p((self.size - df + 0.5) / (df + 0.5)).astype(np.float32)
        self.max_idf = float(math.log1p((self.size + 0.5) / 0.5))
        # The IDF of a term that one document holds: such a word may be a misspelling.
        self.rare_idf = float(np.float32(math.log1p((self.size - 1 + 0.5) / 1.5)))
        self.ptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=self.ptr[1:])
        saturated = tf * (tuning.k1 + 1.0) / (tf + tuning.k1)
        self.post_weights = (self.idf[post_terms] * saturated).astype(np.float32)
        self.post_masks = masks.astype(np.uint8)

    def _build_vocabulary(self, words: Iterable[str]) -> None:
        # Typo candidates: every surface word of 3+ letters, found back by shared trigrams.
        self.words = sorted(word for word in words if len(word) >= 3 and not word.isdigit())
        grams: dict[str, list[int]] = defaultdict(list)
        for word_id, word in enumerate(self.words):
            for gram in _trigrams(word):
                grams[gram].append(word_id)
        self.trigrams = dict(grams)

    def _build_synonyms(self, groups: Iterable[Sequence[str]]) -> None:
        # Each member is kept as the key sequence a query must contain (stems, CJK chars)
        # and the alternative (term ids, all required) a document must contain.
        self.synonym_members: list[tuple[int, tuple[str, ...], tuple[int, ...]]] = []
        self.synonym_by_first_key: dict[str, list[int]] = defaultdict(list)
        self.synonym_groups: list[list[int]] = []
        for group in groups:
            members = []
            for raw_term in group:
                keys, terms = _phrase(text=nz.normalize_text(text=str(raw_term)), index=self)
                if keys and all(keys != other[0] for other in members):
                    members.append((keys, terms))
            if len(members) < 2:
                continue
            group_id = len(self.synonym_groups)
            member_ids = []
            for keys, terms in members:
                member_id = len(self.synonym_members)
                self.synonym_members.append((group_id, keys, terms))
                self.synonym_by_first_key[keys[0]].append(member_id)
                member_ids.append(member_id)
            self.synonym_groups.append(member_ids)
        self.synonym_by_first_key = dict(self.synonym_by_first_key)

    # -- lookups -----------------------------------------------------------------------

    def term(self, term: str) -> int | None:
        return self.term_ids.get(term)

    def postings(self, term_id: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        start, end = self.ptr[term_id], self.ptr[term_id + 1]
        return self.post_docs[start:end], self.post_weights[start:end], self.post_masks[start:end]

    def typo_candidates(self, word: str, *, besides: str = "") -> list[tuple[str, float]]:
        """Indexed words close to ``word`` (by trigram overlap, then OSA similarity).

        Words whose first index term is ``besides`` are left out: for a word that is itself
        indexed, the corrections are the *other* words it may be a typo of.
        """
        grams = _trigrams(word)
        overlap: Counter[int] = Counter()
        for gram in grams:
            overlap.update(self.trigrams.get(gram, ()))
        if not overlap:
            return []
        needed = max(1, len(grams) // 3)
        best = [word_id for word_id, count in overlap.most_common(40) if count >= needed]
        minimum = self.tuning.min_typo_similarity
        scored = []
        two_edits = []
        for word_id in best:
            candidate = self.words[word_id]
            if besides and nz.word_terms(candidate)[0] == besides:
                continue
            similarity = OSA.normalized_similarity(word, candidate)
            # The edits a typo may have grow with the word: the ratio alone is too lenient on
            # short words (one edit at most) and too strict on mid-length ones.
            if similarity >= minimum or (
                len(word) >= 4 and OSA.distance(word, candidate, score_cutoff=1) <= 1
            ):
                scored.append((candidate, similarity))
            elif (
                len(word) >= 6
                and candidate[0] == word[0]
                and abs(len(candidate) - len(word)) <= 1
                and OSA.distance(word, candidate, score_cutoff=2) <= 2
            ):
                two_edits.append((candidate, similarity))
        # Two edits on a word of 6+ letters ("balans" -> "balance") are trusted only with the
        # first letter right (people rarely mistype it), about the same length, and when they
        # single out one word: "markup" is as close to "marked" as to "marker".
        if len(two_edits) == 1:
            scored.extend(two_edits)
        scored.sort(key=lambda pair: -pair[1])
        if not scored:
            return []
        top = scored[0][1]
        return [pair for pair in scored[:4] if pair[1] >= top - 0.06]


def _stable_order(*, terms: np.ndarray, n_terms: int) -> np.ndarray:
    """Stable argsort of term ids (entries of a term keep their field order).

    Two 16-bit passes use numpy's radix sort, about twice as fast as sorting int32 keys.
    """
    order = np.argsort((terms & 0xFFFF).astype(np.uint16), kind="stable")
    if n_terms > 0xFFFF:
        high = (terms >> 16).astype(np.uint16)
        order = order[np.argsort(high[order], kind="stable")]
    return order


def _filter_map(filters: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    grouped: dict[str, set[str]] = defaultdict(set)
    for name, value in filters:
        grouped[name].add(value)
    return {name: frozenset(values) for name, values in grouped.items()}


def _trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def _phrase(*, text: str, index: _Index) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Query keys and required index terms of a normalized multi-word / CJK phrase."""
    keys: list[str] = []
    terms: list[str] = []
    tokens = nz.tokenize(text=text)
    for at, token in enumerate(tokens):
        if token.kind == "word" and nz.is_negation(token.text):
            # Bound to the word it negates, as in documents: "платёж не прошёл" -> "¬прошел".
            negated = nz.negated([token.text, *(later.text for later in tokens[at + 1 : at + 3])])
            keys.append(token.text)
            terms.extend(nz.word_terms(negated[0]) if negated else [token.text])
        elif token.kind == "cjk":
            keys.extend(token.text)
            terms.extend(
                [token.text]
                if len(token.text) == 1
                else [token.text[i : i + 2] for i in range(len(token.text) - 1)]
            )
        elif token.kind == "word":
            keys.append(nz.word_terms(token.text)[0])
            parts = token.text.split("-") if "-" in token.text else [token.text]
            terms.extend(nz.stem(part) for part in parts if part and not nz.is_stopword(part))
        else:
            keys.append(token.text)
            terms.append(token.text)
    term_ids = tuple(index.term_ids.get(term, -1) for term in dict.fromkeys(terms))
    if any(term_id < 0 for term_id in term_ids):
        term_ids = ()  # never matches a document, but still detected in queries
    return tuple(keys), term_ids


class FuzzyBackend(SearchBackend):
    """Pure-Python (numpy) in-memory backend, tolerant of typos, scripts and layouts."""

    confidence_threshold = 0.5

    def __init__(
        self, *, confidence_threshold: float | None = None, tuning: Tuning | None = None
    ) -> None:
        if confidence_threshold is not None:
            self.confidence_threshold = confidence_threshold
        self.tuning = tuning or Tuning()
        self._index = _Index(documents=[], synonyms=(), tuning=self.tuning)

    def build(
        self, documents: Iterable[Document], *, synonyms: Iterable[Sequence[str]] = ()
    ) -> None:
        """Index every document (all language versions); replaces the previous index."""
        # Searches keep using the old snapshot until the new one is assigned in one step.
        # Building allocates millions of small objects and no cycles: the cyclic garbage
        # collector would only rescan them over and over.
        collecting = gc.isenabled()
        gc.disable()
        try:
            index = _Index(documents=list(documents), synonyms=list(synonyms), tuning=self.tuning)
        finally:
            if collecting:
                gc.enable()
        self._index = index

    def search(
        self,
        query: str,
        *,
        language: str,
        context: Mapping[str, str] | None = None,
        types: Collection[str] | None = None,
        limit: int = 10,
    ) -> list[Hit]:
        """Best hit per item, ordered by calibrated confidence."""
        try:
            return self._search(
                query=query, language=language, context=context or {}, types=types, limit=limit
            )
        except Exception:
            logger.exception(
                "search failed for query %r", query[:200] if isinstance(query, str) else query
            )
            return []

    # -- internals ---------------------------------------------------------------------

    def _search(
        self,
        *,
        query: str,
        language: str,
        context: Mapping[str, str],
        types: Collection[str] | None,
        limit: int,
    ) -> list[Hit]:
        index = self._index
        if not isinstance(query, str) or limit <= 0 or index.size == 0:
            return []
        text = nz.normalize_query(text=query)
        if not text:
            return []
        readings = [(text, 1.0)] + [
            (variant, self.tuning.layout_variant_penalty)
            for variant in nz.layout_variants(text=text)
        ]
        best: dict[int, _Candidate] = {}
        for reading, factor in readings:
            for item, candidate in self._rank(
                index=index, text=reading, language=language, context=context, types=types
            ).items():
                candidate.score *= factor
                if item not in best or candidate.score > best[item].score:
                    best[item] = candidate
        ranked = sorted(best.items(), key=lambda pair: (-pair[1].score, index.item_keys[pair[0]]))
        hits = []
        for _item, candidate in ranked[:limit]:
            document = index.documents[candidate.doc]
            fields, terms = candidate.matched()
            hits.append(
                Hit(
                    key=document.key,
                    type=document.type,
                    slug=document.slug,
                    score=round(min(candidate.score, 1.0), 4),
                    confident=candidate.score >= self.confidence_threshold,
                    language=document.language,
                    matched_fields=tuple(
                        name for bit, name in zip((1, 2, 4), FIELDS, strict=True) if fields & bit
                    ),
                    matched_terms=terms,
                )
            )
        return hits

    def _rank(
        self,
        *,
        index: _Index,
        text: str,
        language: str,
        context: Mapping[str, str],
        types: Collection[str] | None,
    ) -> dict[int, _Candidate]:
        plan = _plan(index=index, text=text)
        if not plan.units:
            return {}
        tuning = self.tuning
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
        return self._score_candidates(
            index=index,
            plan=plan,
            candidates=candidates,
            bm25=scores[candidates],
            language=language,
            context=context,
        )

    def _score_candidates(
        self,
        *,
        index: _Index,
        plan: _Plan,
        candidates: np.ndarray,
        bm25: np.ndarray,
        language: str,
        context: Mapping[str, str],
    ) -> dict[int, _Candidate]:
        tuning = self.tuning
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
        for bit in (_TITLE, _KEYWORDS, _BODY):
            in_field = np.where((unit_masks & bit) > 0, unit_quality, 0.0)
            np.maximum(
                cohesion, _coverage(plan=plan, weights=weights, unit_quality=in_field), out=cohesion
            )
        coverage = (1.0 - tuning.cohesion_share) * coverage + tuning.cohesion_share * cohesion
        information = min(1.0, total / tuning.min_information)
        relative = bm25 / float(bm25.max())
        score = ((1.0 - tuning.bm25_share) * coverage + tuning.bm25_share * relative) * information
        evidence = _Evidence(plan=plan, quality=unit_quality, masks=unit_masks)
        result: dict[int, _Candidate] = {}
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
            result[item] = _Candidate(score=value, doc=doc_id, column=column, evidence=evidence)
        return result


def _coverage(*, plan: _Plan, weights: np.ndarray, unit_quality: np.ndarray) -> np.ndarray:
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
    *, index: _Index, term_ids: tuple[int, ...]
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
    *, index: _Index, term_ids: tuple[int, ...], candidates: np.ndarray
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


def _bind_negation(*, index: _Index, unit: _Unit, words_after: list[str]) -> None:
    """A negation counts fully only where the document negates the same word."""
    negated = nz.negated([unit.label, *words_after])
    bound = index.term(nz.word_terms(negated[0])[0]) if negated else None
    unbound = index.tuning.unbound_negation_quality
    unit.alternatives = [(term_ids, quality * unbound) for term_ids, quality in unit.alternatives]
    if bound is not None:
        unit.alternatives.insert(0, ((bound,), 1.0))


def _plan(*, index: _Index, text: str) -> _Plan:
    """Turn normalized query text into weighted positions and the units that cover them."""
    tuning = index.tuning
    weights: list[float] = []
    units: list[_Unit] = []
    keys: list[set[str]] = []
    labels: list[str] = []
    word_positions: list[tuple[int, str]] = []
    word_units: dict[int, _Unit] = {}

    def idf(term_id: int | None) -> float:
        return float(index.idf[term_id]) if term_id is not None else index.max_idf

    tokens = nz.tokenize(text=text)[:64]
    words_after = [
        [later.text for later in tokens[at + 1 : at + 3] if later.kind == "word"]
        for at in range(len(tokens))
    ]
    for at, token in enumerate(tokens):
        if token.kind == "cjk":
            _plan_cjk(
                index=index, run=token.text, weights=weights, units=units, keys=keys, labels=labels
            )
            continue
        position = len(weights)
        word = token.text
        unit = _Unit(span=(position,), label=word, query_weight=1.0, quality_factor=1.0)
        position_keys = {word}
        if token.kind == "code":
            term_id = index.term(word)
            if term_id is not None:
                unit.alternatives.append(((term_id,), 1.0))
            weight = idf(term_id)
        else:
            terms = nz.word_terms(word)
            position_keys.add(terms[0])
            weight = None
            for term in terms[:2]:
                term_id = index.term(term)
                if term_id is not None:
                    unit.alternatives.append(((term_id,), 1.0))
                    weight = idf(term_id) if weight is None else max(weight, idf(term_id))
            if "-" in word:
                parts = tuple(
                    index.term(nz.stem(part)) for part in word.split("-") if len(part) >= 2
                )
                if parts and all(part is not None for part in parts):
                    unit.alternatives.append((parts, 1.0))  # type: ignore[arg-type]
                    weight = weight or max(idf(part) for part in parts)
            # A word only a document or two hold may be a misspelling kept as a keyword
            # ("numbr"): it still gets the corrections the other documents need.
            rare = bool(unit.alternatives) and all(
                index.idf[term_ids[0]] >= index.rare_idf for term_ids, _ in unit.alternatives
            )
            if (not unit.alternatives or rare) and len(word) >= 3 and not word.isdigit():
                besides = terms[0] if rare else ""
                for candidate, similarity in index.typo_candidates(word, besides=besides):
                    for term in nz.word_terms(candidate)[:1]:
                        term_id = index.term(term)
                        if term_id is not None:
                            unit.alternatives.append(((term_id,), similarity))
                            position_keys.add(term)
                            weight = idf(term_id) if weight is None else max(weight, idf(term_id))
            if nz.is_pinyin(word):
                term_id = index.term(nz.PINYIN_PREFIX + word)
                if term_id is not None:
                    unit.alternatives.append(((term_id,), tuning.pinyin_quality))
                    weight = weight or idf(term_id)
            if weight is None:
                weight = index.max_idf
            if nz.is_negation(word):
                _bind_negation(index=index, unit=unit, words_after=words_after[at])
            if nz.is_stopword(word):
                weight *= tuning.stopword_factor
                unit.query_weight = tuning.stopword_factor
            word_positions.append((position, word))
            word_units[position] = unit
        weights.append(weight)
        keys.append(position_keys)
        labels.append(word)
        units.append(unit)
    _plan_joined_words(index=index, word_positions=word_positions, units=units)
    _plan_synonyms(index=index, keys=keys, labels=labels, units=units, word_units=word_units)
    return _Plan(weights=weights, units=[unit for unit in units if unit.alternatives])


def _plan_cjk(
    *,
    index: _Index,
    run: str,
    weights: list[float],
    units: list[_Unit],
    keys: list[set[str]],
    labels: list[str],
) -> None:
    tuning = index.tuning
    start = len(weights)
    for char in run:
        term_id = index.term(char)
        weight = float(index.idf[term_id]) if term_id is not None else index.max_idf
        if nz.is_cjk_stopchar(char):
            weight *= tuning.stopword_factor
        weights.append(weight)
        keys.append({char})
        labels.append(char)
        unit = _Unit(
            span=(len(weights) - 1,),
            label=char,
            query_weight=tuning.unigram_query_weight if len(run) > 1 else 1.0,
            quality_factor=tuning.unigram_quality if len(run) > 1 else 1.0,
        )
        if term_id is not None:
            unit.alternatives.append(((term_id,), 1.0))
        units.append(unit)
    for offset in range(len(run) - 1):
        bigram = run[offset : offset + 2]
        unit = _Unit(
            span=(start + offset, start + offset + 1),
            label=bigram,
            query_weight=1.0,
            quality_factor=1.0,
        )
        term_id = index.term(bigram)
        if term_id is not None:
            unit.alternatives.append(((term_id,), 1.0))
        pinyin = nz.pinyin_of(bigram)
        pinyin_id = index.term(nz.PINYIN_PREFIX + pinyin) if pinyin else None
        if pinyin_id is not None:
            unit.alternatives.append(((pinyin_id,), tuning.pinyin_quality))
        units.append(unit)


def _plan_joined_words(
    *, index: _Index, word_positions: list[tuple[int, str]], units: list[_Unit]
) -> None:
    # Words split by a stray space ("tele 2", "bao hao ka") match the joined index term.
    tuning = index.tuning
    for size in (2, 3):
        for start in range(len(word_positions) - size + 1):
            window = word_positions[start : start + size]
            if window[-1][0] - window[0][0] != size - 1:
                continue
            joined = "".join(word for _position, word in window)
            span = tuple(position for position, _word in window)
            for term, quality in (
                (nz.stem(joined), 1.0),
                (nz.PINYIN_PREFIX + joined, tuning.pinyin_quality),
            ):
                term_id = index.term(term)
                if term_id is not None:
                    unit = _Unit(span=span, label=joined, query_weight=1.0, quality_factor=1.0)
                    unit.alternatives.append(((term_id,), quality))
                    units.append(unit)
                    break


def _plan_synonyms(
    *,
    index: _Index,
    keys: list[set[str]],
    labels: list[str],
    units: list[_Unit],
    word_units: dict[int, _Unit],
) -> None:
    # Longest synonym phrase first at each position; each detected phrase may be answered by
    # any member of its group, in any language.
    tuning = index.tuning
    position = 0
    while position < len(keys):
        best: tuple[int, int] | None = None
        for first_key in keys[position]:
            for member_id in index.synonym_by_first_key.get(first_key, ()):
                _group, member_keys, _terms = index.synonym_members[member_id]
                end = position + len(member_keys)
                if end > len(keys) or any(
                    member_keys[i] not in keys[position + i] for i in range(len(member_keys))
                ):
                    continue
                if best is None or len(member_keys) > best[1]:
                    best = (member_id, len(member_keys))
        if best is None:
            position += 1
            continue
        member_id, length = best
        group_id = index.synonym_members[member_id][0]
        span = tuple(range(position, position + length))
        alternatives = [
            (index.synonym_members[other][2], 1.0 if other == member_id else tuning.synonym_quality)
            for other in index.synonym_groups[group_id]
            if index.synonym_members[other][2]
        ]
        if length == 1 and position in word_units:
            # A single word: synonyms are more spellings of the same unit, not an extra one.
            word_units[position].alternatives.extend(alternatives)
        else:
            label = (
                "".join(labels[span[0] : span[-1] + 1])
                if all(len(labels[p]) == 1 for p in span)
                else " ".join(labels[p] for p in span)
            )
            unit = _Unit(span=span, label=label, query_weight=1.0, quality_factor=1.0)
            unit.alternatives.extend(alternatives)
            units.append(unit)
        position += length
