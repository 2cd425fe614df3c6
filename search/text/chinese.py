"""Chinese text: traditional -> simplified characters, stop characters and n-gram terms."""

from __future__ import annotations

import re
from pathlib import Path

import opencc

from search.text.scripts import CJK_RUN

# Single characters that glue Chinese sentences together; a match on them says little.
_CJK_STOPCHARS = frozenset(
    "的了吗呢吧啊么我你他她它是在和与就都也还这那个些么怎什哪要能会可以吗把被给"
)

# Words of two characters that glue sentences together or say when, how often or how sure
# ("一直" always, "已经" already, "但是" but): the Chinese stop words of the other languages'
# lists. Neither character is a stop character on its own (直, 经, 但 are topic characters
# elsewhere), so the pair is. None holds a negation (不, 没): "付不了" is not "付了".
_CJK_STOPWORD_TEXT = """
    一直 总是 老是 经常 一般 已经 还是 但是 可是 因为 所以 如果 然后 而且 或者 虽然
    现在 刚才 刚刚 时候 之前 之后 以后 以前 一下 怎么 为啥 什么 这个 那个 这样 那样
    就是 还有 可以 应该 需要 知道 请问 你好 您好 谢谢 麻烦 一个 一些 有点 好像 突然 到底 真的
    我们 你们 他们 自己 的话 怎样 如何 其实 总之 直接 一次 每次
"""
_CJK_STOPWORDS = frozenset(_CJK_STOPWORD_TEXT.split())
_CJK_STOP_TERMS = _CJK_STOPCHARS | _CJK_STOPWORDS

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


def has_traditional(text: str) -> bool:
    """Whether ``text`` has a character OpenCC would change to its simplified form."""
    if _TRADITIONAL_BMP.search(text):
        return True
    return bool(_ASTRAL.search(text)) and not _TRADITIONAL_ASTRAL.isdisjoint(text)


def to_simplified(text: str) -> tuple[str, bool]:
    """Simplified text, and whether it needed OpenCC (text it may still change)."""
    if not CJK_RUN.search(text) or not has_traditional(text):
        return text, False
    try:
        return _OPENCC.convert(text), True
    except Exception:
        return text, True


def cjk_stop_terms() -> frozenset[str]:
    """The CJK index terms that say little: stop characters and two-character stop words."""
    return _CJK_STOP_TERMS


def is_cjk_stopchar(char: str) -> bool:
    """CJK characters that glue sentences together rather than carry a topic."""
    return char in _CJK_STOPCHARS


def cjk_stopword_positions(run: str) -> set[int]:
    """The offsets in a CJK run of the characters that form a two-character stop word."""
    found = set()
    for offset in range(len(run) - 1):
        if run[offset : offset + 2] in _CJK_STOPWORDS:
            found.update((offset, offset + 1))
    return found


# What a Chinese verb's failure complement says ("登录不上", "充不进去", "付不了", "收不到",
# "登录不成功", "充值失败"): only that the verb before it failed, as a negated Russian modal
# does ("не могу войти"). The verb says which failure it is; "不成功" shared by "充值不成功"
# and "登录不成功" says nothing about which.
_FAILURE_COMPLEMENT = re.compile(r"(?<=.)(?:不(?:成功|进去|上去|了|上|进|到|成|动|通|出)|失败)")


def cjk_failure_positions(run: str) -> set[int]:
    """The offsets in a CJK run of the characters of a failure complement after a verb."""
    found: set[int] = set()
    for match in _FAILURE_COMPLEMENT.finditer(run):
        found.update(range(match.start(), match.end()))
    return found


def cjk_terms(run: str) -> list[str]:
    """Character unigrams and bigrams of a CJK run (no word segmenter needed)."""
    return list(run) + [run[i : i + 2] for i in range(len(run) - 1)]
