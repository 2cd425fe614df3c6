"""In-memory search backend: an inverted index for candidates, fuzzy-aware ranking on top.

Settings name :class:`FuzzyBackend` by this module's dotted path, so the class lives here.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Collection, Iterable, Mapping, Sequence

from search import normalize as nz
from search.backends.base import SearchBackend
from search.backends.fuzzy.candidates import Candidate
from search.backends.fuzzy.index import Index
from search.backends.fuzzy.plan import plan_query
from search.backends.fuzzy.scoring import (
    asked_same,
    familiarity,
    intent_share,
    procedure_reason,
    procedure_share,
    rank,
)
from search.backends.fuzzy.tuning import FIELDS, Tuning
from search.documents import Document, Hit, QueryReading
from search.text.questions import PROBLEM
from search.text.scripts import CJK_RUN

__all__ = ["FIELDS", "FuzzyBackend", "Tuning"]

logger = logging.getLogger(__name__)


class FuzzyBackend(SearchBackend):
    """Pure-Python (numpy) in-memory backend, tolerant of typos, scripts and layouts.

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
       (carrier, card type) are small multipliers, and so is the kind of answer asked for: a
       title that asks what the query asks (why, when, where) gains a little, and for a query
       that reports a failure ("баланс не пополнился") a title that reports none loses a
       little. One threshold then separates "confident answer" from "no good answer".

    Step 2 is :mod:`.plan`, steps 3 and 4 are :mod:`.scoring`; both read :mod:`.index`.
    """

    confidence_threshold = 0.5

    def __init__(
        self, *, confidence_threshold: float | None = None, tuning: Tuning | None = None
    ) -> None:
        if confidence_threshold is not None:
            self.confidence_threshold = confidence_threshold
        self.tuning = tuning or Tuning()
        self._index = Index(documents=[], synonyms=(), anchors=(), tuning=self.tuning)

    def build(
        self,
        documents: Iterable[Document],
        *,
        synonyms: Iterable[Sequence[str]] = (),
        anchors: Iterable[str] = (),
        mentions: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    ) -> None:
        """Index every document (all language versions); replaces the previous index.

        With ``anchors``, a query that touches none of them (or their synonyms) is never a
        confident answer: "best restaurants in Moscow" shares words with the catalogue, but
        none of what it is about. With ``mentions`` (the names of filter values, e.g. each
        carrier's names in every language), a query that names a value is filtered as if the
        context had said it: "пополнить Билайн" never answers with another carrier's guide.
        A value's slug is one of its names.
        """
        # Searches keep using the old snapshot until the new one is assigned in one step.
        # Building allocates millions of small objects and no cycles: the cyclic garbage
        # collector would only rescan them over and over.
        collecting = gc.isenabled()
        gc.disable()
        try:
            index = Index(
                documents=list(documents),
                synonyms=list(synonyms),
                anchors=list(anchors),
                mentions=mentions or {},
                tuning=self.tuning,
            )
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

    def read_query(self, query: str) -> QueryReading | None:
        """The query as typed, planned: its parts with their share of its information (a run
        of Chinese characters the index knows or does not know is one part), and what the
        unknown share and the topic anchors do to the confidence of every answer."""
        text = _query_text(query) if isinstance(query, str) else ""
        if not text or self._index.size == 0:
            return None
        plan = plan_query(index=self._index, text=text)
        total = plan.total_information() or 1.0
        parts: list[list] = []
        for label, weight, known in zip(
            plan.labels, plan.information, plan.recognized, strict=True
        ):
            cjk = bool(CJK_RUN.fullmatch(label))
            if cjk and parts and parts[-1][2] == known and CJK_RUN.fullmatch(parts[-1][0]):
                parts[-1][0] += label
                parts[-1][1] += weight / total
            else:
                parts.append([label, weight / total, known])
        return QueryReading(
            text=text,
            parts=tuple((label, round(share, 3), known) for label, share, known in parts),
            unknown_share=round(plan.unknown_share(), 3),
            anchored=plan.anchored,
            confidence_factor=round(familiarity(plan, self.tuning), 3),
            mentions=tuple(
                (name, tuple(sorted(values))) for name, values in sorted(plan.mentions.items())
            ),
            reports_problem=bool(plan.intents & PROBLEM),
            problem_mismatch=self.tuning.problem_mismatch if plan.intents & PROBLEM else 0.0,
            left_out=tuple(nz.courtesy_of(nz.unstretched(nz.normalize_query(text=query)))),
            negated=plan.negated,
            attempted=plan.attempted,
            procedure_mismatch=procedure_share(plan, self.tuning),
            procedure_reason=procedure_reason(plan),
            asks=nz.kind_names(plan.intents),
            intent_boost=intent_share(plan, self.tuning),
            line_down_mismatch=self.tuning.problem_mismatch if plan.line_down else 0.0,
            refused_mismatch=(
                self.tuning.refused_mismatch if plan.done and not plan.refused else 0.0
            ),
        )

    def known_words(self) -> frozenset[str]:
        """Every surface word of 3+ letters of the documents and synonyms."""
        return self._index.vocabulary.known

    def marked_terms(self, terms: Iterable[str]) -> list[str]:
        """The matched terms but the internal pinyin ones, which are not text in a document."""
        return [term for term in terms if term and not term.startswith(nz.PINYIN_PREFIX)]

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
        readings = self._readings(index, query)
        if not readings:
            return []
        best: dict[int, Candidate] = {}
        for reading, factor in readings:
            for item, candidate in rank(
                index=index,
                text=reading,
                language=language,
                context=context,
                types=types,
                tuning=self.tuning,
                # A reading's factor scales all its candidates alike: an item beyond its
                # `limit` best in every reading is beyond the `limit` best of them all.
                limit=limit,
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
                    matched_fields=_FIELD_NAMES[fields],
                    matched_terms=terms,
                    asks_same=nz.kind_names(
                        asked_same(candidate.evidence.plan, int(index.doc_intents[candidate.doc]))
                    ),
                )
            )
        return hits

    def _readings(self, index: Index, query: str) -> tuple[tuple[str, float], ...]:
        """The query's readings with the factor each one's scores are taken at: as typed
        (normalized), on the other keyboard layout, as Russian in Latin letters; none for a
        query with nothing to search. Recent queries' readings are remembered."""
        return index.remembered(index.readings, query, lambda: self._read(index, query))

    def _read(self, index: Index, query: str) -> tuple[tuple[str, float], ...]:
        text = _query_text(query)
        if not text:
            return ()
        penalty = self.tuning.layout_variant_penalty
        found = [(text, 1.0), *((variant, penalty) for variant in nz.layout_variants(text=text))]
        transliterated = _transliterated(index, text)
        if transliterated:
            found.append((transliterated, self.tuning.transliteration_penalty))
        return tuple(found)


# The names of the fields a bit mask of matched fields (title 1, keywords 2, body 4) stands for.
_FIELD_NAMES = tuple(
    tuple(name for bit, name in zip((1, 2, 4), FIELDS, strict=True) if fields & bit)
    for fields in range(8)
)


def _query_text(query: str) -> str:
    """The query normalized, its stretched letters cut back, without the courtesy around it,
    cut to its first ``MAX_QUERY_CHARS`` characters (a greeting does not push the question's
    end out)."""
    text = nz.query_normal_form(text=query)
    text = nz.without_courtesy(nz.unstretched(text))
    return nz.cut_query(text)


def _transliterated(index: Index, text: str) -> str | None:
    """The query read as Russian in Latin letters ("kak popolnit balans"), when at least half
    of its Latin words read as Russian words of the index and are not English ones: neither
    words of the index, nor pinyin, nor a typo of a word ("chek balanse" is English, though
    "чек" is a word). The words it knows ("mts", "esim") stay as they are."""
    words = [token.text for token in nz.tokenize(text=text) if token.kind == "word"]
    if not words or not all(word.isascii() and word.isalpha() for word in words):
        return None
    latin = [word for word in words if len(word) >= 2]
    unknown = [
        word
        for word in latin
        if index.term(nz.word_terms(word)[0]) is None
        and index.term(nz.PINYIN_PREFIX + word) is None
    ]
    # Cheap lookups first: most Latin queries stop here (English, pinyin, layout slips).
    if 2 * len(unknown) < len(latin):
        return None

    def russian_only(words: list[str]) -> list[str]:
        # An English typo ("chek" of "check", "balans" of "balance") is not counted.
        return [
            word for word in words if len(word) < 3 or not index.vocabulary.typo_candidates(word)
        ]

    exact = [word for word in unknown if index.term(nz.stem(nz.transliteration(word))) is not None]
    russian = russian_only(exact)
    if russian:
        # Beside a word that is surely Russian ("popolnit"), one that is also an English
        # typo ("balans") reads as Russian too.
        russian = exact
    if 2 * len(russian) < len(latin):
        # People leave out the soft sign and such ("uznat", "skolko", "ostalos"): a reading
        # one typo away from a Russian word of the index counts too.
        russian += russian_only(
            [
                word
                for word in unknown
                if word not in exact
                and len(word) >= 4
                and index.vocabulary.typo_candidates(nz.transliteration(word))
            ]
        )
    if 2 * len(russian) < len(latin):
        return None
    return " ".join(
        nz.transliteration(word) if word in unknown or len(word) < 2 else word for word in words
    )
