"""Index terms of document fields: one field at a time, or many at once with numpy."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain
from operator import add
from typing import NamedTuple

import numpy as np

from search.text.normal_form import normalize_text
from search.text.pinyin import pinyin_terms
from search.text.scripts import CJK_RUN, CJK_TABLE
from search.text.words import ASCII_WORD, CODE, NEGATION_PREFIX, WORD, negated, word_terms


def field_terms(*, text: str, pinyin: bool) -> tuple[list[str], list[str], list[str]]:
    """Index terms of one document field, its pinyin terms and its surface words.

    ``pinyin`` adds joined-pinyin terms for the CJK runs (used for titles and keywords); the
    surface words feed the typo-candidate vocabulary. Terms come out as a bag (order is of
    no use to the index), which lets C-level ``findall``/``map`` do the work: indexing
    100,000 documents is dominated by this function.
    """
    text = normalize_text(text=text).replace("'", "").replace("\u2019", "")
    runs = CJK_RUN.findall(text)
    rest = CJK_RUN.sub(" ", text) if runs else text
    words = WORD.findall(rest)
    terms = list(chain.from_iterable(map(word_terms, words + negated(words))))
    if "*" in rest or "#" in rest:
        terms.extend(CODE.findall(rest))
    pinyin_list: list[str] = []
    for run in runs:
        terms.extend(run)
        terms.extend(map(add, run[:-1], run[1:]))
        if pinyin:
            pinyin_list.extend(pinyin_terms(run))
    return terms, pinyin_list, words


class FieldIndex(NamedTuple):
    """The terms of many fields at once: what :func:`field_terms` gives, as flat arrays."""

    terms: list[str]  # term id -> term
    entry_terms: np.ndarray  # int32 term id of every occurrence (pinyin terms included)
    entry_fields: np.ndarray  # int32 position in ``texts`` of every occurrence
    lengths: np.ndarray  # float32 terms per field, pinyin terms not counted
    words: list[str]  # every surface word (the typo-candidate vocabulary)


class _Ids(dict):
    """Key -> id, handing out the next id to a key seen for the first time."""

    def __missing__(self, key: str) -> int:
        key_id = self[key] = len(self)
        return key_id


def index_fields(*, texts: Sequence[str], pinyin: Sequence[bool]) -> FieldIndex:
    """Index terms of many fields: per occurrence, the term id and the field it came from.

    For every text the bag of terms equals ``field_terms(text=..., pinyin=...)`` (terms, then
    pinyin terms), and every term's occurrences come in field order (each kind of term --
    word terms, CJK unigrams, CJK bigrams, pinyin -- is emitted in field order, and no term
    is of two kinds), so a stable sort by term id alone yields postings in field order.

    Indexing is dominated by this function, so per-token work stays out of Python: each
    distinct field text costs a few C-level calls (normalize, one regex ``findall``, a
    ``map`` of its words to ids), and a text that repeats (titles and keywords do, across
    items and languages) is analysed once; words are expanded to their terms once per
    distinct word with numpy, and the CJK unigrams and bigrams of all fields are cut from
    one UTF-32 buffer with numpy.
    """
    word_ids = _Ids()  # surface word or USSD code -> id
    word_stream = array("i")
    word_counts = array("i")
    cjk_texts: list[str] = []
    cjk_owners = array("i")
    pinyin_stream: list[str] = []
    pinyin_owners = array("i")
    lookup = word_ids.__getitem__
    # Texts that occur more than once are analysed once: raw text -> (word ids, normalized
    # text if it has CJK, pinyin terms), one cache per pinyin flag. Unique texts (most
    # bodies) are not kept, which keeps the memory high-water mark down.
    repeated = {text for text, count in Counter(texts).items() if count > 1}
    analysed: tuple[dict, dict] = ({}, {})
    for position, (text, with_pinyin) in enumerate(zip(texts, pinyin, strict=True)):
        if not text:
            word_counts.append(0)
            continue
        if text in repeated:
            cache = analysed[bool(with_pinyin)]
            known = cache.get(text)
            if known is None:
                known = cache[text] = _analyse_field(text=text, pinyin=with_pinyin, lookup=lookup)
        else:
            known = _analyse_field(text=text, pinyin=with_pinyin, lookup=lookup)
        ids, cjk_text, pinyin_list = known
        word_stream.extend(ids)
        word_counts.append(len(ids))
        if cjk_text:
            cjk_texts.append(cjk_text)
            cjk_owners.append(position)
            if pinyin_list:
                pinyin_stream.extend(pinyin_list)
                pinyin_owners.extend([position] * len(pinyin_list))

    del analysed, repeated
    term_ids = _Ids()
    word_terms_ids, word_owners = _word_entries(
        words=list(word_ids),
        stream=_array(word_stream, np.int32),
        counts=_array(word_counts, np.int32),
        term_ids=term_ids,
    )
    del word_stream
    cjk_terms_ids, cjk_entry_owners = _cjk_entries(
        texts=cjk_texts, owners=_array(cjk_owners, np.int32), term_ids=term_ids
    )
    del cjk_texts
    pinyin_ids = np.fromiter(
        map(term_ids.__getitem__, pinyin_stream), dtype=np.int32, count=len(pinyin_stream)
    )
    counted_owners = np.concatenate([word_owners, cjk_entry_owners])
    lengths = np.bincount(counted_owners, minlength=len(texts)).astype(np.float32)
    return FieldIndex(
        terms=list(term_ids),
        entry_terms=np.concatenate([word_terms_ids, cjk_terms_ids, pinyin_ids]),
        entry_fields=np.concatenate([counted_owners, _array(pinyin_owners, np.int32)]),
        lengths=lengths,
        words=[word for word in word_ids if not word.startswith(("*", "#", NEGATION_PREFIX))],
    )


def _word_entries(
    *, words: list[str], stream: np.ndarray, counts: np.ndarray, term_ids: _Ids
) -> tuple[np.ndarray, np.ndarray]:
    """Term ids and owners of every word occurrence (``stream`` holds word ids per field).

    Words are expanded to their terms (a stem; hyphenated words also the whole and the
    parts) once per distinct word; then every occurrence is expanded in place.
    """
    expansions = [word_terms(word) for word in words]
    sizes = np.fromiter(map(len, expansions), dtype=np.int32, count=len(expansions))
    flat = np.fromiter(
        map(term_ids.__getitem__, chain.from_iterable(expansions)),
        dtype=np.int32,
        count=int(sizes.sum()),
    )
    starts = np.zeros(len(expansions) + 1, dtype=np.int32)
    np.cumsum(sizes, out=starts[1:])
    owners = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
    per_word = sizes[stream]
    if int(per_word.max(initial=1)) == 1:
        return flat[starts[stream]], owners
    # Entry j of occurrence i is flat[starts[stream[i]] + j] (a ragged gather).
    occurrence = np.repeat(np.arange(len(stream), dtype=np.int32), per_word)
    ends = np.cumsum(per_word, dtype=np.int32)
    within = np.arange(len(occurrence), dtype=np.int32) - (ends - per_word)[occurrence]
    return flat[starts[stream][occurrence] + within], owners[occurrence]


def _analyse_field(
    *, text: str, pinyin: bool, lookup: Callable[[str], int]
) -> tuple[array, str, list[str]]:
    """Word ids of one field, its normalized text if it has CJK runs, and its pinyin terms."""
    text = normalize_text(text=text).replace("'", "")
    cjk_text = ""
    pinyin_list: list[str] = []
    if text.isascii():
        words = ASCII_WORD.findall(text)
    else:
        text = text.replace("\u2019", "")
        if CJK_RUN.search(text):
            cjk_text = text
            runs = CJK_RUN.findall(text)
            if pinyin:
                pinyin_list = list(chain.from_iterable(map(pinyin_terms, runs)))
            words = WORD.findall(CJK_RUN.sub(" ", text))
        else:
            words = WORD.findall(text)
    words += negated(words)
    if "*" in text or "#" in text:
        words += CODE.findall(text)
    return array("i", map(lookup, words)), cjk_text, pinyin_list


def _cjk_entries(
    *, texts: list[str], owners: np.ndarray, term_ids: _Ids
) -> tuple[np.ndarray, np.ndarray]:
    """Term ids and owners of the CJK unigrams and bigrams of all ``texts`` at once."""
    if not texts:
        return np.zeros(0, np.int32), np.zeros(0, np.int32)
    # One buffer, texts separated by a newline (not CJK, so no bigram spans two texts).
    points = np.frombuffer("\n".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.int32)
    text_starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum([len(text) + 1 for text in texts[:-1]], out=text_starts[1:])
    is_cjk = CJK_TABLE[np.minimum(points, len(CJK_TABLE) - 1)]
    unigram_at = np.flatnonzero(is_cjk).astype(np.int32)
    bigram_at = np.flatnonzero(is_cjk[:-1] & is_cjk[1:]).astype(np.int32)
    del is_cjk
    # Characters -> 0..n_chars-1, so a bigram is the small number first * n_chars + second.
    chars, char_index = _distinct(points[unigram_at], limit=len(CJK_TABLE))
    n_chars = max(len(chars), 1)
    compact = np.zeros(len(CJK_TABLE), dtype=np.int64)
    compact[chars] = np.arange(len(chars))
    bigrams, bigram_index = _distinct(
        compact[points[bigram_at]] * n_chars + compact[points[bigram_at + 1]],
        limit=n_chars * n_chars,
    )
    char_strings = [chr(point) for point in chars.tolist()]
    unigram_ids = np.fromiter(map(term_ids.__getitem__, char_strings), np.int32, len(chars))
    bigram_ids = np.fromiter(
        (
            term_ids[char_strings[key // n_chars] + char_strings[key % n_chars]]
            for key in bigrams.tolist()
        ),
        np.int32,
        len(bigrams),
    )
    where = np.concatenate([unigram_at, bigram_at])
    entry_owners = owners[np.searchsorted(text_starts, where, side="right") - 1]
    entry_terms = np.concatenate([unigram_ids[char_index], bigram_ids[bigram_index]])
    return entry_terms, entry_owners


# Keys below this are numbered with a lookup table instead of a sort.
_DENSE_KEYS = 1 << 22


def _distinct(keys: np.ndarray, *, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values of non-negative ``keys`` (all < ``limit``) and each key's index."""
    if limit > _DENSE_KEYS:
        return np.unique(keys, return_inverse=True)
    seen = np.zeros(limit, dtype=bool)
    seen[keys] = True
    values = np.flatnonzero(seen)
    numbers = np.zeros(limit, dtype=np.int32)
    numbers[values] = np.arange(len(values), dtype=np.int32)
    return values, numbers[keys]


def _array(values: array, dtype: type) -> np.ndarray:
    # Zero-copy view of an array.array (frombuffer rejects empty buffers).
    return np.frombuffer(values, dtype=dtype) if len(values) else np.zeros(0, dtype=dtype)
