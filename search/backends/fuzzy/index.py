"""The candidate index: BM25F postings, the vocabulary (typos, prefixes) and synonym groups."""

from __future__ import annotations

import math
import re
import threading
from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

import numpy as np

from search import normalize as nz
from search.backends.fuzzy.filters import filter_map, filter_masks
from search.backends.fuzzy.tuning import BODY, KEYWORDS, TITLE, Tuning
from search.backends.fuzzy.vocabulary import Vocabulary
from search.documents import Document


class Index:
    """An immutable snapshot of the indexed documents; a rebuild swaps in a new one."""

    def __init__(
        self,
        *,
        documents: list[Document],
        synonyms: Iterable[Sequence[str]],
        tuning: Tuning,
        anchors: Iterable[str] = (),
        mentions: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
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
        # Documents share a handful of distinct filter sets: each gets the number of its set.
        filter_sets: dict[tuple[tuple[str, str], ...], int] = {}
        doc_filter_sets = np.array(
            [filter_sets.setdefault(d.filters, len(filter_sets)) for d in documents],
            dtype=np.int32,
        )
        # What the boosts read, as arrays over documents: one vector operation per request.
        self.language_codes = {
            language: code for code, language in enumerate(sorted({d.language for d in documents}))
        }
        self.doc_languages = np.array(
            [self.language_codes[d.language] for d in documents], dtype=np.int16
        )
        # What each title asks for (a reason, a definition...), met by a query asking it too,
        # and what else the document says it answers (a guide to a place: where); ten bits.
        self.doc_intents = np.array(
            [nz.intents(d.title.lower()) | nz.kinds(d.asks) for d in documents], dtype=np.uint16
        )
        # The procedures: the documents that say they answer how a thing is done.
        self.procedures = np.array(["how" in d.asks for d in documents], dtype=bool)
        # The documents whose body holds alternatives (a troubleshooting tree's branches).
        self.branched = np.array([d.branched for d in documents], dtype=bool)
        # The documents whose title reports a failure of mobile data alone.
        self.data_problems = np.array(
            [nz.reports_data_problem(d.title.lower()) for d in documents], dtype=bool
        )
        # The documents whose title reports a payment refused or failed.
        self.refused_payments = np.array(
            [nz.reports_refused_payment(d.title.lower()) for d in documents], dtype=bool
        )
        self.popularity = np.clip(
            np.array([d.popularity for d in documents], dtype=np.float32), 0.0, 1.0
        )
        self.filter_masks = filter_masks(
            [filter_map(filters) for filters in filter_sets], doc_filter_sets
        )
        # Scored candidates of recent query readings, before the per-request boosts: the same
        # question asked with another context or from another page costs a lookup.
        self.recent: OrderedDict = OrderedDict()
        self.recent_lock = threading.Lock()
        # And how recent queries read (normalized, on the other keyboard layout, as Russian in
        # Latin letters), under the same lock and bound.
        self.readings: OrderedDict = OrderedDict()
        synonyms = list(synonyms)
        self._build_postings(synonyms)
        self._build_synonyms(synonyms)
        self._build_anchors(anchors)
        self._build_mentions(mentions or {})

    # -- building ----------------------------------------------------------------------

    def _build_postings(self, synonyms: Sequence[Sequence[str]]) -> None:
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
        # Synonym terms are spellings people use too: a typo of one is corrected to it.
        synonym_words = {
            token.text
            for group in synonyms
            for term in group
            for token in nz.tokenize(text=nz.normalize_text(text=str(term)))
            if token.kind == "word"
        }
        self.vocabulary = Vocabulary(
            [*words, *synonym_words], min_typo_similarity=self.tuning.min_typo_similarity
        )

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
        slot_bits = np.tile(np.array([TITLE, KEYWORDS, BODY], dtype=np.uint8), self.size)
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
        # What a negation says, whichever word says it: the IDF of the commonest negation of
        # the script ("не", "not"). "couldnt" is rare in documents that say "can't", but it
        # says no more than "not" does; what it negates is weighed by the word it binds to.
        self.negation_idf: dict[bool, float] = {}
        for word in nz.negation_words():
            term_id = self.term_ids.get(nz.word_terms(word)[0])
            if term_id is not None:
                latin = word.isascii()
                value = float(self.idf[term_id])
                self.negation_idf[latin] = min(self.negation_idf.get(latin, value), value)
        self.ptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=self.ptr[1:])
        saturated = tf * (tuning.k1 + 1.0) / (tf + tuning.k1)
        self.post_weights = (self.idf[post_terms] * saturated).astype(np.float32)
        self.post_masks = masks.astype(np.uint8)
        # The information in each document's title (IDF of its distinct terms, pinyin left
        # out: a query in characters never matches those), for how much of a title a query
        # explains.
        self.pinyin_terms = np.array(
            [term.startswith(nz.PINYIN_PREFIX) for term in self.term_ids], dtype=bool
        )
        # A stop word ("my", "的", "一直") weighs less there, as it does in a query: in three
        # languages its IDF is that of a topic word, and "My payment failed" is not half
        # explained by "my". So does a Russian modal: "Не получается пополнить" is explained
        # by "не могу пополнить", whose "могу" is a stop word too (see plan_query).
        stop = [
            self.term_ids[term]
            for term in nz.stop_terms() | nz.cjk_stop_terms() | nz.modal_terms()
            if term in self.term_ids
        ]
        self.title_idf = self.idf.copy()
        self.title_idf[stop] *= tuning.title_stopword_factor
        in_title = ((masks & TITLE) > 0) & ~self.pinyin_terms[post_terms]
        self.title_information = np.bincount(
            self.post_docs[in_title],
            weights=self.title_idf[post_terms[in_title]],
            minlength=self.size,
        ).astype(np.float32)

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

    def _build_anchors(self, anchors: Iterable[str]) -> None:
        # An anchor is matched as the index terms a document would need for it, so its
        # synonyms, typos and pinyin (which the planner turns into those terms) count too.
        self.anchors: set[tuple[int, ...]] = set()
        for anchor in anchors:
            _keys, terms = _phrase(text=nz.normalize_text(text=str(anchor)), index=self)
            if terms:
                self.anchors.add(terms)

    def _build_mentions(self, mentions: Mapping[str, Mapping[str, Sequence[str]]]) -> None:
        # How a query names a filter value (a carrier): each name as the key sequence a query
        # must contain, like a synonym phrase. A synonym group that holds a name adds its other
        # members ("Мегафон" -> "megaphone", "麦加风"), and every value's slug is a name.
        names: dict[tuple[str, str], set[str]] = defaultdict(set)
        for name, by_value in mentions.items():
            for value in self.filter_masks.get(name, ((), {}))[1]:
                names[name, value].add(value)
            for value, spellings in by_value.items():
                for spelling in spellings:
                    # "MegaFon（麦加风）", "Tele2 (T2)": the part in brackets is a name too.
                    names[name, value].update(
                        part for part in _BRACKETS.split(str(spelling)) if part.strip()
                    )
        by_keys: dict[tuple[str, ...], set[tuple[str, str]]] = defaultdict(set)
        key_terms: dict[tuple[str, ...], tuple[int, ...]] = {}
        for target, spellings in names.items():
            # In a fixed order: the first spelling of a key gives its terms, and the order
            # of a name's terms is the order of its alternatives (ties keep the first).
            for spelling in sorted(spellings):
                keys, terms = _phrase(text=nz.normalize_text(text=spelling), index=self)
                if keys:
                    by_keys[keys].add(target)
                    key_terms[keys] = key_terms.get(keys) or terms
        for group_id, keys, _terms in self.synonym_members:
            targets = by_keys.get(keys)
            if targets:
                for member_id in self.synonym_groups[group_id]:
                    _group, member_keys, member_terms = self.synonym_members[member_id]
                    by_keys[member_keys].update(targets)
                    key_terms[member_keys] = key_terms.get(member_keys) or member_terms
        self.mention_by_first_key: dict[str, list[tuple[tuple[str, ...], tuple]]] = defaultdict(
            list
        )
        # One-word names, for a misspelled name ("beelin", "mst").
        self.mention_words: dict[str, set[tuple[str, str]]] = defaultdict(set)
        # The index terms of each value's names, for a name found through a misspelling.
        self.mention_terms: dict[tuple[str, str], list[tuple[int, ...]]] = defaultdict(list)
        for keys, targets in by_keys.items():
            self.mention_by_first_key[keys[0]].append((keys, tuple(sorted(targets))))
            if len(keys) == 1 and len(keys[0]) >= 3:
                self.mention_words[keys[0]].update(targets)
            terms = key_terms.get(keys)
            for target in targets:
                if terms and terms not in self.mention_terms[target]:
                    self.mention_terms[target].append(terms)
        self.mention_by_first_key = dict(self.mention_by_first_key)
        # The filters a query can name: only for these is an item for one value held back
        # when the query names none.
        self.mentionable = frozenset(mentions)
        self.mention_words = dict(self.mention_words)
        self.mention_terms = dict(self.mention_terms)

    # -- lookups -----------------------------------------------------------------------

    def remembered[T](self, memo: OrderedDict, key: Hashable, make: Callable[[], T]) -> T:
        """``memo[key]`` (``recent`` or ``readings``), else ``make()`` kept there; the
        ``recent_readings`` most recently used stay (none with 0)."""
        with self.recent_lock:
            value = memo.get(key)
            if value is not None:
                memo.move_to_end(key)
                return value
        value = make()
        bound = self.tuning.recent_readings
        if bound:
            with self.recent_lock:
                memo[key] = value
                while len(memo) > bound:
                    memo.popitem(last=False)
        return value

    def term_is_pinyin(self, term_id: int) -> bool:
        return bool(self.pinyin_terms[term_id])

    def term(self, term: str) -> int | None:
        return self.term_ids.get(term)

    def postings(self, term_id: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        start, end = self.ptr[term_id], self.ptr[term_id + 1]
        return self.post_docs[start:end], self.post_weights[start:end], self.post_masks[start:end]


def _stable_order(*, terms: np.ndarray, n_terms: int) -> np.ndarray:
    """Stable argsort of term ids (entries of a term keep their field order).

    Two 16-bit passes use numpy's radix sort, about twice as fast as sorting int32 keys.
    """
    order = np.argsort((terms & 0xFFFF).astype(np.uint16), kind="stable")
    if n_terms > 0xFFFF:
        high = (terms >> 16).astype(np.uint16)
        order = order[np.argsort(high[order], kind="stable")]
    return order


_BRACKETS = re.compile(r"[()（）\[\]]")


def _phrase(*, text: str, index: Index) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Query keys and required index terms of a normalized multi-word / CJK phrase."""
    keys: list[str] = []
    terms: list[str] = []
    tokens = nz.tokenize(text=text)
    texts = [token.text for token in tokens]
    for at, token in enumerate(tokens):
        if token.kind == "word" and nz.is_negation(token.text):
            # Bound to the word it negates, as in documents: "платёж не прошёл" -> "¬прошел".
            negated = nz.negated_word(texts, at)
            keys.append(token.text)
            terms.extend(nz.word_terms(negated) if negated else [token.text])
        elif token.kind == "cjk":
            keys.extend(token.text)
            terms.extend(
                [token.text]
                if len(token.text) == 1
                else [token.text[i : i + 2] for i in range(len(token.text) - 1)]
            )
        elif token.kind == "word":
            key = nz.word_terms(token.text)[0]
            if len(tokens) == 1 and key in nz.stop_terms() and not nz.is_stopword(token.text):
                # A one-word phrase whose stem is a stop word ("имей", IMEI said aloud, stems
                # to "им", "them") is known by its own spelling: its stem would fire on every
                # "им" of a query, and make it look on topic as an anchor.
                keys.append(token.text)
                terms.append(token.text)
                continue
            keys.append(key)
            # A hyphenated word's parts, as documents index them (two letters or more); one
            # with a shorter part is known whole, by its joined stem ("3-d" as "3d").
            parts = token.text.split("-") if "-" in token.text else [token.text]
            if any(len(part) < 2 for part in parts):
                terms.append(key)
            else:
                terms.extend(nz.stem(part) for part in parts if not nz.is_stopword(part))
        else:
            keys.append(token.text)
            terms.append(token.text)
    term_ids = tuple(index.term_ids.get(term, -1) for term in dict.fromkeys(terms))
    if any(term_id < 0 for term_id in term_ids):
        term_ids = ()  # never matches a document, but still detected in queries
    return tuple(keys), term_ids
