"""Which writing system text is in: patterns and a lookup table for CJK, Cyrillic and Latin."""

from __future__ import annotations

import re

import numpy as np

CJK_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
CJK_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_RANGES)
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
# Code point -> "is CJK", for analysing many texts at once with numpy (the last entry stands
# for every code point above the table).
CJK_TABLE = np.zeros(CJK_RANGES[-1][1] + 2, dtype=bool)
for _low, _high in CJK_RANGES:
    CJK_TABLE[_low : _high + 1] = True

CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN = re.compile("[a-z]")
