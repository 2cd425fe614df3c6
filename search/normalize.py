"""Text normalization and analysis shared by indexing and querying, in one import.

Both sides must turn text into the same terms; the code lives in :mod:`search.text`.
"""

from __future__ import annotations

from search.text import scripts as _scripts
from search.text.chinese import (
    cjk_failure_positions,
    cjk_stop_terms,
    cjk_stopword_positions,
    cjk_terms,
    is_cjk_stopchar,
)
from search.text.courtesy import courtesy_of, without_courtesy
from search.text.fields import FieldIndex, field_terms, index_fields
from search.text.layout import layout_variants, transliteration
from search.text.lexicon import is_common_word, load_word_lists, zipf_frequency
from search.text.normal_form import (
    MAX_QUERY_CHARS,
    cut_query,
    normalize_query,
    normalize_text,
    query_normal_form,
    unstretched,
)
from search.text.pinyin import (
    PINYIN_PREFIX,
    is_pinyin,
    pinyin_of,
    pinyin_syllables,
    pinyin_terms,
    split_pinyin,
)
from search.text.questions import asks, intents, kind_names, kinds
from search.text.reports import (
    asks_how_to_pay,
    reports_data_problem,
    reports_line_down,
    reports_problem,
    reports_refused_payment,
    says_done,
)
from search.text.sentences import sentences
from search.text.words import (
    ATTEMPT_PREFIX,
    NEGATION_PREFIX,
    Token,
    is_modal,
    is_negation,
    is_stopword,
    misspelled_stopword,
    modal_terms,
    negated,
    negated_word,
    negation_parts,
    negation_words,
    prefix_relatives,
    read_negation,
    respelled_reflexive,
    stem,
    stop_terms,
    tokenize,
    word_terms,
)

__all__ = [
    "ATTEMPT_PREFIX",
    "MAX_QUERY_CHARS",
    "NEGATION_PREFIX",
    "PINYIN_PREFIX",
    "FieldIndex",
    "Token",
    "asks",
    "asks_how_to_pay",
    "cjk_failure_positions",
    "cjk_stop_terms",
    "cjk_stopword_positions",
    "cjk_terms",
    "courtesy_of",
    "cut_query",
    "field_terms",
    "index_fields",
    "intents",
    "is_cjk_stopchar",
    "is_common_word",
    "is_modal",
    "is_negation",
    "is_pinyin",
    "is_stopword",
    "kind_names",
    "kinds",
    "layout_variants",
    "load_word_lists",
    "misspelled_stopword",
    "modal_terms",
    "negated",
    "negated_word",
    "negation_parts",
    "negation_words",
    "normalize_query",
    "normalize_text",
    "pinyin_of",
    "pinyin_syllables",
    "pinyin_terms",
    "prefix_relatives",
    "query_normal_form",
    "read_negation",
    "reports_data_problem",
    "reports_line_down",
    "reports_problem",
    "reports_refused_payment",
    "respelled_reflexive",
    "says_done",
    "sentences",
    "split_pinyin",
    "stem",
    "stop_terms",
    "tokenize",
    "transliteration",
    "unstretched",
    "without_courtesy",
    "word_terms",
    "zipf_frequency",
]

# Tests check the CJK lookup table against the CJK pattern through this module.
_CJK_RUN = _scripts.CJK_RUN
_CJK_TABLE = _scripts.CJK_TABLE
