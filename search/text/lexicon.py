"""How common a word is in its language at large: a word of the language is no misspelling.

The index knows the words of the catalogue, a few thousand. A query word it does not know is
either a misspelling of one of them ("пополнеие", "balnce") or a word of the language that the
catalogue never uses ("выкинуть", "kind"). Read as a typo, the second kind turns into another
word one letter away ("закинуть", "find") and answers a question nobody asked. wordfreq's
small word lists, the words used at least once per million (3 and up on the Zipf scale), tell
the two kinds apart.
"""

from __future__ import annotations

from functools import lru_cache

import wordfreq

from search.text.scripts import CYRILLIC

_WORD_LIST = "small"
_LANGUAGES = ("ru", "en")
# A word used at least once per million words is a word of its language, not a misspelling.
COMMON_WORD_ZIPF = 3.0


@lru_cache(maxsize=20_000)
def zipf_frequency(word: str) -> float:
    """How often ``word``, one lowercase Russian or English word, is used in its language, on
    the Zipf scale (log10 of its uses per billion words: 3 is once per million, 6 once per
    thousand); 0 for a word the small lists do not hold, a misspelling among them."""
    language = "ru" if CYRILLIC.search(word) else "en"
    return wordfreq.zipf_frequency(word, language, wordlist=_WORD_LIST)


def is_common_word(word: str) -> bool:
    """Whether ``word`` is a common word of its language (see COMMON_WORD_ZIPF)."""
    return zipf_frequency(word) >= COMMON_WORD_ZIPF


def load_word_lists() -> None:
    """Read the word lists now (a fifth of a second), not on the first query that needs them."""
    for language in _LANGUAGES:
        wordfreq.get_frequency_dict(language, wordlist=_WORD_LIST)
