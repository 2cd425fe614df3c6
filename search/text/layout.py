"""Readings of a query typed with the wrong keyboard layout (Russian ЙЦУКЕН vs. QWERTY), or
of Russian typed in Latin letters ("kak popolnit balans")."""

from __future__ import annotations

import re

from search.text.normal_form import normalize_text
from search.text.scripts import CJK_RUN, CYRILLIC, LATIN

_QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./{}:\"<>~"
_JCUKEN = "ейцукенгшщзхъфывапролджэячсмитьбю.хъжэбюе"
_LATIN_TO_CYRILLIC = str.maketrans(_QWERTY, _JCUKEN)
# The reverse map only needs letters: Cyrillic punctuation positions are the same keys.
_CYRILLIC_TO_LATIN = str.maketrans(
    {cyr: lat for lat, cyr in zip(_QWERTY[:34], _JCUKEN[:34], strict=True) if cyr.isalpha()}
)


def layout_variants(*, text: str) -> list[str]:
    """Alternative readings of normalized text typed with the wrong keyboard layout.

    Latin letters typed on a Russian keyboard layout left in English mode are tried as
    Cyrillic ("gjgjkybnm ,fkfyc" -> "пополнить баланс"), and Cyrillic-only text as Latin.
    The original text is not included.
    """
    if CJK_RUN.search(text):
        return []
    has_latin = bool(LATIN.search(text))
    has_cyrillic = bool(CYRILLIC.search(text))
    variants = []
    if has_latin and not has_cyrillic:
        variants.append(normalize_text(text=text.translate(_LATIN_TO_CYRILLIC)))
    elif has_cyrillic and not has_latin:
        variants.append(normalize_text(text=text.translate(_CYRILLIC_TO_LATIN)))
    return [variant for variant in variants if variant and variant != text]


# Russian typed in Latin letters, as people do on a phone without a Russian keyboard: the
# common spellings (passport-style and informal), longest first.
_TRANSLIT_PAIRS = (
    ("shch", "щ"),
    ("sch", "сч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "ё"),
    ("iu", "ю"),
    ("ia", "я"),
    ("iy", "ий"),
    ("yj", "ый"),
    ("yi", "ый"),
    ("ij", "ий"),
    ("y", "ы"),
    ("j", "й"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("w", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("k", "к"),
    ("q", "к"),
    ("c", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("x", "кс"),
)
_TRANSLIT = dict(_TRANSLIT_PAIRS)
_TRANSLIT_UNIT = re.compile("|".join(latin for latin, _cyrillic in _TRANSLIT_PAIRS))
# "y" after a vowel is "й" ("moy", "kakoy"), elsewhere "ы" ("tarify").
_VOWEL_Y = re.compile(r"(?<=[аеёиоуыэюя])ы")


def transliteration(word: str) -> str:
    """A Latin word read as transliterated Russian ("popolnit" -> "пополнит"); other words
    (with digits, or not ASCII letters) as they are."""
    if not (word.isascii() and word.isalpha()):
        return word
    cyrillic = _TRANSLIT_UNIT.sub(lambda match: _TRANSLIT[match.group()], word.lower())
    return _VOWEL_Y.sub("й", cyrillic)
