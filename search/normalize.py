"""Text normalization and analysis shared by indexing and querying.

Both sides must turn text into the same terms, so everything that decides what a "term" is
lives here: Unicode cleanup, traditional -> simplified Chinese, keyboard-layout variants,
tokenizing (words, USSD codes, CJK runs), Snowball stems, CJK n-grams and pinyin.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain
from operator import add
from pathlib import Path
from typing import NamedTuple

import numpy as np
import opencc
import Stemmer
from pypinyin import lazy_pinyin

# Queries are cut to this many characters after normalizing: longer input is not a question
# anyone types, and it would only make a request slow.
MAX_QUERY_CHARS = 200

PINYIN_PREFIX = "p:"

_CJK_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
_CJK_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in _CJK_RANGES)
_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
# Code point -> "is CJK", for analysing many texts at once with numpy (the last entry stands
# for every code point above the table).
_CJK_TABLE = np.zeros(_CJK_RANGES[-1][1] + 2, dtype=bool)
for _low, _high in _CJK_RANGES:
    _CJK_TABLE[_low : _high + 1] = True
# USSD codes such as *100# or *111*1# are searched as one opaque token.
_CODE_PATTERN = r"[*#][0-9*#]*[0-9][0-9*#]*"
_WORD_PATTERN = r"[^\W_]+(?:-[^\W_]+)*"
_TOKEN = re.compile(
    rf"(?P<cjk>[{_CJK_CLASS}]+)|(?P<code>{_CODE_PATTERN})|(?P<word>{_WORD_PATTERN})"
)
_CODE = re.compile(_CODE_PATTERN)
_WORD = re.compile(_WORD_PATTERN)
# _WORD for ASCII text, where [^\W_] is just letters and digits (a faster class to match).
_ASCII_WORD = re.compile(r"[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*")
# Control, format, private-use and surrogate code points carry no meaning for search and
# can break downstream libraries.
_JUNK = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff0-\uffff"
    "\ud800-\udfff\ue000-\uf8ff]"
)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[a-z]")

_QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./{}:\"<>~"
_JCUKEN = "ейцукенгшщзхъфывапролджэячсмитьбю.хъжэбюе"
_LATIN_TO_CYRILLIC = str.maketrans(_QWERTY, _JCUKEN)
# The reverse map only needs letters: Cyrillic punctuation positions are the same keys.
_CYRILLIC_TO_LATIN = str.maketrans(
    {cyr: lat for lat, cyr in zip(_QWERTY[:34], _JCUKEN[:34], strict=True) if cyr.isalpha()}
)

_STOPWORD_TEXT = """
    a an the to of in on at for from by with and or is are was be been do does did i my me
    you your it its this that can could will would should how what when where why which who
    there their they we our us if so as into about than then just get got have has had
    please any some am и в во на с со к ко по о об от до из за для но а же ли бы что как где
    когда какой какие какая это этот эта я мой моя мне меня у вы вас ваш он она они мы нас
    то так уже или если есть был была было можно ли почему зачем
"""
# Negations ("не", "not") are not stop words: "оплата не прошла" is the opposite of
# "оплата прошла".
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# A negation binds to the word after it: besides its own terms, "не прошла" is indexed as
# the term "¬прошл", so "оплата не прошла" can tell "оплата не прошла" from "оплата
# прошла, но деньги не пришли" (both hold every word). Apostrophes are gone by then:
# "didn't" is "didnt". Chinese needs none of this: 不/没 sit in the CJK bigrams.
NEGATION_PREFIX = "¬"
_NEGATION_TEXT = """
    не нет ни без not no never cant cannot dont doesnt didnt isnt arent wasnt werent wont
    wouldnt couldnt hasnt havent hadnt shouldnt
"""
_NEGATIONS = frozenset(_NEGATION_TEXT.split())
# Single characters that glue Chinese sentences together; a match on them says little.
_CJK_STOPCHARS = frozenset(
    "的了吗呢吧啊么我你他她它是在和与就都也还这那个些么怎什哪要能会可以吗把被给"
)

_PINYIN_TEXT = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai
    can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua
    chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de
    dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er
    fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua
    guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai
    huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka
    kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan
    lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo
    lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na
    nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan
    nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
    qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng
    ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang
    shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou
    su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan
    tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong
    xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai
    zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou
    zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
"""
_PINYIN_SYLLABLES = frozenset(_PINYIN_TEXT.split())
_MAX_SYLLABLE = 6

_STEMMERS = {"ru": Stemmer.Stemmer("russian"), "en": Stemmer.Stemmer("english")}
_OPENCC = opencc.OpenCC("t2s")


def _load_traditional_chars() -> frozenset[str]:
    # OpenCC is pure Python and slow; only run it on text that has a character it would
    # change (almost no indexed text does).
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets.split(" ")[0] != source:
            chars.add(source)
    return frozenset(chars)


_TRADITIONAL = _load_traditional_chars()
# The same test as ``not _TRADITIONAL.isdisjoint(text)``, several times faster on Chinese text:
# a regex class of BMP characters compiles to a lookup table, while iterating a str makes an
# object per character. The few traditional characters beyond the BMP are checked only in
# text that has such characters at all.
_TRADITIONAL_BMP = re.compile(
    "[" + "".join(re.escape(char) for char in sorted(_TRADITIONAL) if ord(char) <= 0xFFFF) + "]"
)
_TRADITIONAL_ASTRAL = frozenset(char for char in _TRADITIONAL if ord(char) > 0xFFFF)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _has_traditional(text: str) -> bool:
    if _TRADITIONAL_BMP.search(text):
        return True
    return bool(_ASTRAL.search(text)) and not _TRADITIONAL_ASTRAL.isdisjoint(text)


class Token(NamedTuple):
    """A piece of normalized text: a word, a USSD code or a run of CJK characters."""

    kind: str  # "word" | "code" | "cjk"
    text: str


def _to_simplified(text: str) -> tuple[str, bool]:
    """Simplified text, and whether it needed OpenCC (text it may still change)."""
    if not _CJK_RUN.search(text) or not _has_traditional(text):
        return text, False
    try:
        return _OPENCC.convert(text), True
    except Exception:
        return text, True


def _normalize_once(text: str) -> tuple[str, bool]:
    text = _JUNK.sub(" ", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _JUNK.sub(" ", text).replace("ё", "е")
    text, converted = _to_simplified(text)
    return " ".join(text.split()), converted


def normalize_text(*, text: str) -> str:
    """NFKC, casefold, simplified Chinese, ё -> е, no control characters, single spaces."""
    if text.isascii():
        # NFKC is the identity on ASCII and casefold is lower(); most indexed text is here.
        return " ".join(_JUNK.sub(" ", text).lower().split())
    # NFKC, casefold and OpenCC are each idempotent but not jointly (casefold can produce
    # text NFKC changes again), so repeat until nothing moves; the cheap check spares the
    # second pass for almost all text.
    for _ in range(4):
        normalized, converted = _normalize_once(text)
        if normalized == text or _is_stable(normalized, converted=converted):
            return normalized
        text = normalized
    return text


def _is_stable(text: str, *, converted: bool) -> bool:
    # After one pass the text is casefolded, junk-free and space-collapsed; only NFKC
    # (undone by casefold) and OpenCC output can still move. Text OpenCC was not needed for
    # has no traditional character left (the pass only collapsed spaces after checking).
    return unicodedata.is_normalized("NFKC", text) and (
        not converted or not _CJK_RUN.search(text) or not _has_traditional(text)
    )


def normalize_query(*, text: str) -> str:
    """Normalize a query and cut it to :data:`MAX_QUERY_CHARS` characters."""
    return normalize_text(text=text[: MAX_QUERY_CHARS * 8])[:MAX_QUERY_CHARS].strip()


def layout_variants(*, text: str) -> list[str]:
    """Alternative readings of normalized text typed with the wrong keyboard layout.

    Latin letters typed on a Russian keyboard layout left in English mode are tried as
    Cyrillic ("gjgjkybnm ,fkfyc" -> "пополнить баланс"), and Cyrillic-only text as Latin.
    The original text is not included.
    """
    if _CJK_RUN.search(text):
        return []
    has_latin = bool(_LATIN.search(text))
    has_cyrillic = bool(_CYRILLIC.search(text))
    variants = []
    if has_latin and not has_cyrillic:
        variants.append(normalize_text(text=text.translate(_LATIN_TO_CYRILLIC)))
    elif has_cyrillic and not has_latin:
        variants.append(normalize_text(text=text.translate(_CYRILLIC_TO_LATIN)))
    return [variant for variant in variants if variant and variant != text]


def tokenize(*, text: str) -> list[Token]:
    """Split normalized text into words, USSD codes and CJK runs (in order)."""
    # A CJK run glued to a Latin word ("app怎么") is two tokens; the word pattern alone
    # would swallow both, so runs are padded with spaces first. Apostrophes inside words
    # are dropped ("can't" -> "cant") because people type them either way.
    spaced = _CJK_RUN.sub(r" \g<0> ", text.replace("'", "").replace("\u2019", ""))
    return [Token(match.lastgroup or "word", match.group()) for match in _TOKEN.finditer(spaced)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem by script: Cyrillic words as Russian, Latin words as English."""
    if _CYRILLIC.search(word):
        return _STEMMERS["ru"].stemWord(word) if word.isalpha() else word
    if word.isascii() and word.isalpha():
        return _STEMMERS["en"].stemWord(word)
    return word


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """Index terms for one word token: its stem, and for hyphenated words also the parts."""
    if word.startswith(NEGATION_PREFIX):
        return (NEGATION_PREFIX + stem(word[1:]),)
    if "-" not in word:
        return (stem(word),)
    joined = word.replace("-", "")
    terms = [word, joined]
    terms.extend(stem(part) for part in word.split("-") if len(part) >= 2)
    return tuple(dict.fromkeys(terms))


def is_negation(word: str) -> bool:
    """Words that turn the meaning of the next word around ("не", "not", "didnt")."""
    return word in _NEGATIONS


def negated(words: Sequence[str]) -> list[str]:
    """The negated words of a field, as pseudo-words: ``["не", "прошла"]`` -> ``["¬прошла"]``.

    A negation binds to the next word, past one stop word ("not be charged", "не был").
    """
    if _NEGATIONS.isdisjoint(words):
        return []
    found = []
    for position, word in enumerate(words):
        if word in _NEGATIONS:
            for following in words[position + 1 : position + 3]:
                if following in _NEGATIONS:
                    break
                if not is_stopword(following):
                    found.append(NEGATION_PREFIX + following)
                    break
    return found


def is_stopword(word: str) -> bool:
    """Function words that say little about what a query is about."""
    return word in _STOPWORDS


def is_cjk_stopchar(char: str) -> bool:
    """CJK characters that glue sentences together rather than carry a topic."""
    return char in _CJK_STOPCHARS


def cjk_terms(run: str) -> list[str]:
    """Character unigrams and bigrams of a CJK run (no word segmenter needed)."""
    return list(run) + [run[i : i + 2] for i in range(len(run) - 1)]


@lru_cache(maxsize=200_000)
def pinyin_syllables(run: str) -> tuple[str, ...]:
    """Toneless pinyin of a CJK run, one syllable per character ("" where there is none)."""
    try:
        syllables = lazy_pinyin(run, errors=lambda chars: [""] * len(chars))
    except Exception:
        return ("",) * len(run)
    if len(syllables) != len(run):
        return ("",) * len(run)
    return tuple(s if s.isascii() and s.isalpha() else "" for s in syllables)


@lru_cache(maxsize=200_000)
def pinyin_terms(run: str) -> tuple[str, ...]:
    """Joined pinyin of every 2-3 character window of a run ("保号卡" -> "p:baohaoka", ...).

    Latin queries such as "baohaoka" or "chongzhi" then match Chinese titles directly.
    """
    syllables = pinyin_syllables(run)
    terms = []
    for size in (2, 3):
        for start in range(len(syllables) - size + 1):
            window = syllables[start : start + size]
            if all(window):
                terms.append(PINYIN_PREFIX + "".join(window))
    return tuple(dict.fromkeys(terms))


def pinyin_of(run: str) -> str:
    """Joined toneless pinyin of a CJK run, or "" if some character has none."""
    syllables = pinyin_syllables(run)
    return "".join(syllables) if all(syllables) else ""


@lru_cache(maxsize=50_000)
def is_pinyin(word: str) -> bool:
    """Whether a Latin word splits completely into pinyin syllables ("baohaoka")."""
    if not (word.isascii() and word.isalpha()) or len(word) > 40:
        return False
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        for size in range(1, min(_MAX_SYLLABLE, end) + 1):
            if reachable[end - size] and word[end - size : end] in _PINYIN_SYLLABLES:
                reachable[end] = True
                break
    return reachable[-1]


def field_terms(*, text: str, pinyin: bool) -> tuple[list[str], list[str], list[str]]:
    """Index terms of one document field, its pinyin terms and its surface words.

    ``pinyin`` adds joined-pinyin terms for the CJK runs (used for titles and keywords); the
    surface words feed the typo-candidate vocabulary. Terms come out as a bag (order is of
    no use to the index), which lets C-level ``findall``/``map`` do the work: indexing
    100,000 documents is dominated by this function.
    """
    text = normalize_text(text=text).replace("'", "").replace("\u2019", "")
    runs = _CJK_RUN.findall(text)
    rest = _CJK_RUN.sub(" ", text) if runs else text
    words = _WORD.findall(rest)
    terms = list(chain.from_iterable(map(word_terms, words + negated(words))))
    if "*" in rest or "#" in rest:
        terms.extend(_CODE.findall(rest))
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
        words = _ASCII_WORD.findall(text)
    else:
        text = text.replace("\u2019", "")
        if _CJK_RUN.search(text):
            cjk_text = text
            runs = _CJK_RUN.findall(text)
            if pinyin:
                pinyin_list = list(chain.from_iterable(map(pinyin_terms, runs)))
            words = _WORD.findall(_CJK_RUN.sub(" ", text))
        else:
            words = _WORD.findall(text)
    words += negated(words)
    if "*" in text or "#" in text:
        words += _CODE.findall(text)
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
    is_cjk = _CJK_TABLE[np.minimum(points, len(_CJK_TABLE) - 1)]
    unigram_at = np.flatnonzero(is_cjk).astype(np.int32)
    bigram_at = np.flatnonzero(is_cjk[:-1] & is_cjk[1:]).astype(np.int32)
    del is_cjk
    # Characters -> 0..n_chars-1, so a bigram is the small number first * n_chars + second.
    chars, char_index = _distinct(points[unigram_at], limit=len(_CJK_TABLE))
    n_chars = max(len(chars), 1)
    compact = np.zeros(len(_CJK_TABLE), dtype=np.int64)
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
