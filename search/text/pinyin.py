"""Pinyin of Chinese text, and telling pinyin typed in Latin letters from other words."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import lazy_pinyin

PINYIN_PREFIX = "p:"

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
def split_pinyin(word: str) -> tuple[str, ...]:
    """Pinyin typed without spaces, split into syllables ("chongzhishibai" -> chong zhi shi
    bai); () if the word is not pinyin.

    Of the ways to split, the one with the fewest syllables wins, the usual reading: "xian"
    is one syllable, not xi-an.
    """
    if not (word.isascii() and word.isalpha()) or len(word) > 40:
        return ()
    # best[end]: the fewest syllables covering word[:end], as (count, split).
    best: list[tuple[int, tuple[str, ...]] | None] = [(0, ())] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for size in range(min(_MAX_SYLLABLE, end), 0, -1):
            before = best[end - size]
            syllable = word[end - size : end]
            if before is None or syllable not in _PINYIN_SYLLABLES:
                continue
            if best[end] is None or before[0] + 1 < best[end][0]:
                best[end] = (before[0] + 1, (*before[1], syllable))
    return best[-1][1] if best[-1] is not None else ()


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
