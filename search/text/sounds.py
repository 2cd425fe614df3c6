"""How a word sounds, roughly: the key that two spellings of one spoken word share.

People who learnt a word by ear spell it as they hear it: "щёт" for "счёт", "папалнить" for
"пополнить", "renue" for "renew", "blokd" for "blocked". Such a spelling may be two or three
letters from the word, too far for a typo, yet it sounds the same. The key keeps what the
ear keeps: in Russian, unstressed vowels merged (о/а, е/и/э/ы), "сч" and "щ" alike, soft and
hard signs gone, the last consonant devoiced ("баланз"); in English, the first letter and
the consonants, with the letters that spell one sound merged ("ph" and "f", soft "c" and
"s", soft "g" and "j"). Doubled letters count once in both.
"""

from __future__ import annotations

import re

from search.text.scripts import CYRILLIC

_DOUBLED = re.compile(r"(.)\1+")

_RU_CLUSTERS = (
    ("ё", "е"),
    ("сч", "щ"),
    ("зч", "щ"),
    ("жч", "щ"),
    ("шч", "щ"),
    ("тьс", "ц"),  # "-ться" and "-тся" sound as "ц"
    ("тс", "ц"),
    ("дс", "ц"),
)
_RU_VOWELS = str.maketrans(
    {"ь": None, "ъ": None, "о": "а", "я": "а", "ы": "и", "е": "и", "э": "и", "й": "и", "ю": "у"}
)
_RU_DEVOICED = {"б": "п", "в": "ф", "г": "к", "д": "т", "ж": "ш", "з": "с"}

_EN_CLUSTERS = (
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("wh", "w"),
    ("gh", "g"),
    ("kn", "n"),
    ("wr", "r"),
    ("dg", "j"),
    ("tch", "ch"),
    ("sch", "sk"),
)
_EN_SOFT_C = re.compile(r"c(?=[eiy])")
_EN_SOFT_G = re.compile(r"g(?=[eiy])")
_EN_VOWELS = re.compile(r"[aeiouyhw]")


def sound_key(word: str) -> str:
    """The sound of a lowercase Russian or English word, as a key ("" for any other word)."""
    if CYRILLIC.search(word):
        for spelled, said in _RU_CLUSTERS:
            word = word.replace(spelled, said)
        word = word.translate(_RU_VOWELS)
        if word and word[-1] in _RU_DEVOICED:
            word = word[:-1] + _RU_DEVOICED[word[-1]]
        return _DOUBLED.sub(r"\1", word)
    if not (word.isascii() and word.isalpha()):
        return ""
    for spelled, said in _EN_CLUSTERS:
        word = word.replace(spelled, said)
    word = _EN_SOFT_G.sub("j", _EN_SOFT_C.sub("s", word)).replace("c", "k").replace("z", "s")
    return _DOUBLED.sub(r"\1", word[0] + _EN_VOWELS.sub("", word[1:]))
