"""What a question asks: whether a sentence is a question, and for what kind of answer.

"Paid at the till an hour ago, receipt in hand, the money isn't there. Who do I contact?"
tells a story and then asks (its sentences: search.text.sentences); the words of the story
are context, the question is what the reader wants answered, here a place or a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from search.text.reports import reports_problem
from search.text.sentences import sentences, without_trailing

# Words that make a sentence a question wherever they stand, and those that do only as its
# first word ("is there…", "когда…": elsewhere they join clauses). Chinese question words are
# found inside the run (no word boundaries there).
_ASKING_TEXT = """
    how why what where which who whom whose
    как почему зачем где куда откуда сколько какой какая какое какие каким ли разве
"""
_ASKING_FIRST_TEXT = """
    is are am was were do does did can could should would will has have any when
    что когда можно кто кому чем нужно надо
"""
_ASKING_WORDS = frozenset(_ASKING_TEXT.split())
_ASKING_FIRST_WORDS = frozenset(_ASKING_FIRST_TEXT.split())
_ASKING_CJK = re.compile(
    r"怎么|怎样|怎麼|如何|为什么|為什麼|为啥|什么|什麼|哪|多少|能不能|能否|可不可以|可以吗|"
    r"是不是|有没有|要不要|吗|嗎|呢|咋|啥|几(?!乎)|幾(?!乎)|干嘛|干吗|幹嘛"
)
_WORD = re.compile(r"[^\W\d_]+")


# A question word that asks nothing: an indefinite one ("какие-то подписки", "где-то в
# приложении", "как-то вернуть") and "как" that compares or joins ("как раз", "так как", "как
# был минус, так и остался", "как обычно", "перед тем как", "после того, как").
_NOT_ASKING = re.compile(
    r"\b(?:как\w*|где|куда|когда|почему|зачем|сколько|кто|что|чем)-(?:то|нибудь|либо)\b|"
    r"\b(?:так|тем|того|тех пор|так же|такой же|такая же|такое же),? как\b|"
    r"\bкак (?:раз|будто|бы|обычно|всегда|правило|минимум|максимум|только|"
    r"был|была|было|были)\b"
)


def _asking_words(text: str) -> str:
    """The text with the question words that ask nothing taken out."""
    return _NOT_ASKING.sub(" ", text) if "-" in text or "как" in text else text


def asks(sentence: str) -> bool:
    """Whether a sentence is a question: a question mark, a question word (how, как, 怎么)."""
    # What follows the question mark is no word: an emoji, a smiley ("?)))", "? 😭").
    stripped = without_trailing(sentence)
    if stripped.endswith(("?", "？")):
        return True
    if _ASKING_CJK.search(sentence):
        return True
    words = _WORD.findall(_asking_words(sentence))
    if words and words[0] in _ASKING_FIRST_WORDS:
        return True
    return any(word in _ASKING_WORDS for word in words)


# What a question asks for, as bits: a reason, a definition, a time, a place, a way. "保号卡为什么
# 要续费" and "Why renew a number I rarely use?" ask for the same kind of answer; among near
# equals, the item whose title asks it too answers it. "How" never counts as a match (nearly
# every title asks it); it tells "流量卡怎么续费" from "什么是流量卡". PROBLEM is not a
# question word but a report that something went wrong ("баланс не пополнился", "还没到账",
# "card declined"): the item whose title reports a failure too answers it, not the one that
# explains how the thing is done when it works.
# AVOID asks how to keep something from happening ("how do I avoid missing the date", "как не
# пропустить", "怎样才不会错过"): the item that asks it too answers, not the one about the
# failure once it happened.
# WHICH asks for the ways or options to choose from ("какими способами можно пополнить",
# "what are the ways to renew", "有哪些充值渠道"): the item that lists them answers it, not
# one of the ways.
# YES_NO asks whether, with no question word ("нужен ли паспорт в салоне?", "need passport
# in mts shop?", "去营业厅要带护照吗"): the item whose title asks whether too ("Do I need my
# passport at the store?") answers it, not the guide to the store that mentions a passport.
# BEFORE asks what to have ready or do first ("what should I have ready before paying
# online", "что проверить перед оплатой", "续费前要准备什么"): the item that asks it too
# answers, not the steps of the payment itself.
WHY, WHAT_IS, WHEN, WHERE, HOW, PROBLEM, AVOID, YES_NO, WHICH = 1, 2, 4, 8, 16, 32, 64, 128, 256
BEFORE = 512
# Per kind: the pattern, and plain substrings one of which it needs (a cheap test first: an
# index build reads every title).
_INTENTS = (
    (
        WHY,
        ("why", "почему", "зачем", "отчего", "为", "為", "怎么会"),
        re.compile(r"\bwhy\b|\bпочему\b|\bзачем\b|\bотчего\b|为什么|為什麼|为何|为啥|怎么会"),
    ),
    (
        WHAT_IS,
        ("what", "что ", "такое", "什么是", "是什么", "啥是", "是啥"),
        re.compile(
            # "whats": typed without its apostrophe, as people type it; "чё такое" as said.
            r"\bwhat(?:'s|’s|s| is| are)\s(?!the\b|my\b|your\b|it\b)|\b(?:что|ч[её]) такое\b|"
            r"\bчто значит\b|"
            r"\bчто это\b|什么是|是什么|啥是|是啥"
        ),
    ),
    (
        WHEN,
        (
            "when",
            "когда",
            "how ",
            "через сколько",
            "как долго",
            "до какого",
            "сколько ",
            "多",
            "什么时候",
            "几",
            "何时",
            "哪",
            "until when",
        ),
        # "when"/"когда" only where they open a sentence or a question inside one ("see when
        # my plan expires"); elsewhere they join clauses ("warned when my data runs low").
        re.compile(
            r"(?:^|[.!?。？]\s*|\b(?:see|know|check|tell|find out|узнать|понять|проверить),? )"
            r"(?:when|когда)\b|\bhow (?:long|soon|many (?:minutes|hours|days))\b|\bчерез сколько\b|"
            r"\bкак долго\b|\bдо какого\b|\bсколько (?:ждать|времени|дней|часов|минут)\b|"
            r"多久|什么时候|多长时间|几天|几号|几点|几月|几分钟|几个?小时|几个月|几周|何时|"
            r"哪一?天|\buntil when\b"
        ),
    ),
    (WHERE, ("where", "где", "哪"), re.compile(r"\bwhere\b|\bгде\b|哪里|在哪|哪儿")),
    (
        WHICH,
        ("как", "чем", "ways", "options", "methods", "哪", "什么", "几种"),
        re.compile(
            r"\bкаки\w* (?:способ|вариант)\w*|\bкаким образом\b|"
            r"(?:^|[.!?]\s*)чем (?:\w+ )?(?:можно|пополнить|оплатить|заплатить)\b|"
            r"\b(?:which|what|what are the) (?:\w+ )?(?:ways|options|methods)\b|"
            r"哪些|哪几|什么方式|什么渠道|几种"
        ),
    ),
    (
        AVOID,
        ("avoid", "prevent", "stop", "не ", "избеж", "避", "防", "不会", "免", "别再", "never"),
        re.compile(
            r"\b(?:avoid\w*|prevent\w*|never (?:miss|forget)\w*)\b|"
            r"\bstop (?:this|it|that)\b|\b(?:so|to)\s+(?:\w+\s+){0,2}?(?:not|never|don[’']?t)\b|"
            r"\b(?:как|чтобы|чтоб)\s+(?:\w+\s+){0,4}?не\b|\bизбеж\w*|"
            r"避免|避开|防止|才不会|不会再|以免|免得|别再"
        ),
    ),
    (
        BEFORE,
        ("before", "ready", "prepar", "sorted", "перед", "заранее", "подготов", "前", "准备"),
        re.compile(
            r"\bbefore\b|\b(?:have|get|be)\s+(?:\w+\s+)?ready\b|\bprepar\w*|\bget\s+sorted\b|"
            r"\bперед\b|\bзаранее\b|\bподготов\w*|[充交缴续付]\S{0,2}?前|之前|提前|准备|事先"
        ),
    ),
    (
        HOW,
        ("how", "как", "怎", "如何", "咋"),
        re.compile(r"\bhow\b(?! long| soon| much| many)|\bкак\b(?! долго)|怎么(?!会)|如何|怎样|咋"),
    ),
)


# The kinds of question a document may say it answers besides what its title asks.
KINDS = {
    "why": WHY,
    "what": WHAT_IS,
    "when": WHEN,
    "where": WHERE,
    "how": HOW,
    "whether": YES_NO,
    "which": WHICH,
    "before": BEFORE,
}
# ... and every kind a query may ask for, by name ("avoid": how to keep a thing from happening).
_KIND_NAMES = {**KINDS, "avoid": AVOID}


def kind_names(bits: int) -> tuple[str, ...]:
    """The names of the kinds of question in intent bits (a failure report is none)."""
    if not bits:  # every search hit asks, and most share no kind with their query
        return ()
    return tuple(name for name, bit in _KIND_NAMES.items() if bits & bit)


def kinds(names: Iterable[str]) -> int:
    """The intent bits of kinds of question named as in ``KINDS`` ("where" -> WHERE); an
    unknown name is refused, so a misspelt one never silently answers nothing."""
    found = 0
    for name in names:
        if name not in KINDS:
            raise ValueError(f"unknown kind of question {name!r}; use one of {', '.join(KINDS)}")
        found |= KINDS[name]
    return found


def intents(text: str) -> int:
    """The kinds of answer lowercase text asks for, as WHY, WHAT_IS, WHEN, WHERE, WHICH and HOW
    bits (YES_NO when it asks whether, with none of them), and PROBLEM when it reports a failure
    (0: none of them, e.g. "top up mts")."""
    found = 0
    asking = _asking_words(text)
    for bit, needles, pattern in _INTENTS:
        if any(needle in asking for needle in needles) and pattern.search(asking):
            found |= bit
    if not found and _asks_whether(asking) and len(sentences(text)) == 1:
        found |= YES_NO
    if reports_problem(text):
        found |= PROBLEM
    return found


def _asks_whether(asking: str) -> bool:
    """Whether text with no other kind of question asks yes or no: a word that asks whether,
    or a question mark after a sentence with no question word ("симка на англ
    переключается?", "my card expired?")."""
    if _QUESTION_WORD.search(asking):
        return False
    return bool(_YES_NO.search(asking)) or without_trailing(asking).endswith(("?", "？"))


# Whether: "ли" after a word, "можно", "нужно", a sentence opened by an auxiliary ("do I need",
# "can I", "should I"), a Chinese yes-or-no ending or pair ("吗", "要不要").
_YES_NO = re.compile(
    r"\b\w+ ли\b|\b(?:можно|нужн\w*|надо|нельзя|обязательно)\b|"
    r"(?:^|[.!?]\s*)(?:do|does|did|can|could|should|is|are|am|will|would|may|must|need|have|has)\b|"
    r"\b(?:can|should) i\b|\bdo i need\b|"
    r"吗|嗎|能不能|可不可以|要不要|是不是|有没有|需不需要|用不用|会不会|能否"
)
# ... and no question word: "какими способами можно оплатить?" asks which, "что нужно для
# пополнения?" what. "When" asks only as the WHEN intent reads it: "Will I be warned when my
# data runs low?" asks whether.
_QUESTION_WORD = re.compile(
    r"\b(?:как\w*|почему|зачем|где|куда|сколько|how|why|where|which|what)\b|"
    r"(?:^|[.!?]\s*)(?:что|чем|кто|кому)\b|怎|为什么|什么|哪|多少|几"
)
