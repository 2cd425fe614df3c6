"""Readings of a query typed with the wrong keyboard layout (Russian ЙЦУКЕН vs. QWERTY)."""

from __future__ import annotations

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
