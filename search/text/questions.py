"""Which part of a long query asks: its sentences, and whether each one is a question.

"Paid at the till an hour ago, receipt in hand, the money isn't there. Who do I contact?"
tells a story and then asks; the words of the story are context, the question is what the
reader wants answered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from search.text.scripts import CJK_CLASS

# Sentence ends (normalized text: full-width marks are ASCII after NFKC, but 。 stays); a
# full stop only before a space, so "1.5 GB" stays one sentence; not ";", which is a
# letter on the Russian keyboard ("jgkfnbnm ;").
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？；?!])|\n+")
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
_TRAILING = re.compile(r"[^\w?？]+$")


# Clauses: a comma (or 、) followed by more words.
# Chinese typed on a phone often separates its clauses with a space instead of a comma
# ("mts官网一直登不上 能不能直接去便利店交话费"): a space between two runs of four CJK
# characters or more ends one. Shorter runs are keywords ("保号 套餐 多少钱一个月").
_CLAUSE_END = re.compile(rf"(?<=[,，、])\s*|(?<=[{CJK_CLASS}]{{4}})\s+(?=[{CJK_CLASS}]{{4}})")


# Typed with no punctuation at all, a story still asks where a question word starts after
# it: "online payment doesnt work for me can someone at the store just do it", "вытащили
# телефон вместе с симкой что срочно делать с номером".
_UNPUNCTUATED_QUESTION = re.compile(
    r"\s+(?=(?:how|why|what|where|which|can\s+(?:i|you|someone|anyone|they|it)|"
    r"could\s+(?:i|you|someone)|is\s+(?:it|there)|do\s+i|should\s+i|will\s+(?:i|it|my)|"
    r"как|почему|зачем|где|куда|сколько|можно\s+ли|можно|что\s+(?:делать|теперь|мне|будет)|"
    r"подскажите|помогите)\b)"
)
_MIN_STORY_WORDS = 5


def _unpunctuated_sentences(part: str) -> list[str]:
    """A part typed with no punctuation, split before each question word that follows at
    least a few words of story."""
    # What follows the last word is no punctuation of the text: a smiley, an emoji.
    if any(mark in _TRAILING.sub("", part) for mark in ",.!?;:…，。！？；"):
        return [part]
    pieces: list[str] = []
    start = 0
    for match in _UNPUNCTUATED_QUESTION.finditer(part):
        if len(part[start : match.start()].split()) >= _MIN_STORY_WORDS:
            pieces.append(part[start : match.start()])
            start = match.end()
    pieces.append(part[start:])
    return pieces


def sentences(text: str, *, clauses: bool = False) -> list[str]:
    """The sentences of normalized text, in order (empty ones left out); with ``clauses``,
    the parts between commas."""
    # A part with no letter or digit is no sentence: an emoji or a smiley after the question.
    parts = [
        piece
        for part in _SENTENCE_END.split(text)
        for piece in _unpunctuated_sentences(part)
        if _said(piece)
    ]
    if clauses:
        parts = [
            clause
            for part in parts
            for clause in _joined_subordinates(_CLAUSE_END.split(part))
            if _said(clause)
        ]
    return parts


# A clause that "что" ("that") or "который" opens hangs on the one before it: "банк
# прислал смс, что превышен лимит" tells what the bank said, it asks nothing. "что" asks where
# what follows it is what a question asks ("…, что делать?", "…, что это значит").
_SUBORDINATE = re.compile(
    r"(?:что(?!\s+(?:делать|сделать|теперь|это|такое|значит|случилось|происходит|с|за|мне|нам|"
    r"же|ли|будет|нужно|надо|можно|лучше|выбрать)\b)|котор\w+)\b"
)


def _joined_subordinates(clauses: list[str]) -> list[str]:
    joined: list[str] = []
    for clause in clauses:
        if joined and _SUBORDINATE.match(clause.lstrip()):
            joined[-1] = f"{joined[-1]} {clause}"
        else:
            joined.append(clause)
    return joined


def _said(part: str) -> bool:
    return any(char.isalnum() for char in part)


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
    stripped = _TRAILING.sub("", sentence)
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
        ("what", "что ", "什么是", "是什么", "啥是", "是啥"),
        re.compile(
            r"\bwhat(?:'s| is| are)\s(?!the\b|my\b|your\b|it\b)|\bчто такое\b|\bчто значит\b|"
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


# Something went wrong: a failure word, or a negated outcome ("не пришли", "doesn't work",
# "没到账"). A negation alone is not one ("не знаю", "I don't need it"), nor one that asks how
# to prevent a thing ("как не пропустить", "how not to miss").
_FAILURE = re.compile(
    r"\b(?:fail\w*|declined|rejected|refused|blocked|expired|stopped|lost|stolen|suspended|"
    r"recycled|error\w*|broken|wrong|died|dead|"
    r"can[’']?t|cannot|couldn[’']?t|won[’']?t|"
    r"(?:(?:doesn|don|didn|isn|aren|hasn|haven|wasn)[’']?t|not|never)\s+(?:\w+\s+)?"
    r"(?:work\w*|arriv\w*|come|came|go|went|get|got|load\w*|connect\w*|show\w*|receiv\w*|"
    r"accept\w*|let|credit\w*|updat\w*|appear\w*|pass\w*)|"
    r"no\s+(?:\w+\s+)?(?:signal|service|data|internet|sms|code|connection)|"
    r"(?:weak|poor|bad)\s+(?:signal|connection)|ran\s+out|"
    r"still\s+(?:not|no|nothing|\w+n[’']?t)|nothing\s+(?:\w+\s+)?(?:arriv\w*|came|happen\w*|work\w*)|"
    r"ошибк\w*|отклон\w*|отказ\w*|заблокир\w*|блокир\w*|ист[её]к\w*|закончил\w*|кончил\w*|"
    r"пропал\w*|сломал\w*|сдох\w*|умерл\w*|просроч\w*|украл\w*|укр[ао]ли|потерял\w*|отключил\w*|слетел\w*|"
    r"не\s+(?:\w+\s+)?(?:работа\w*|приш\w*|приход\w*|поступ\w*|прош\w*|проход\w*|"
    r"получа\w*|зачисл\w*|пополн\w*|измен\w*|помен\w*|обнов\w*|лов\w*|заход\w*|зайти|войти|пуска\w*|мог\w*|"
    r"прин\w*|паш\w*|грузит\w*|загруж\w*|ид[её]т|пришел|пришло|уда[её]\w*|удал\w*|выход\w*|вышл\w*|"
    r"да[её]т|дают|позволя\w*|бер[её]т|берут|вид\w*|открыва\w*|срабатыва\w*|присыла\w*|"
    r"показыва\w*|отправля\w*|доход\w*|дош\w*)|нет\s+(?:сети|связи|интернета|"
    r"сигнала|денег|смс|sms|кода)|плох\w*\s+(?:сигнал|связь)|"
    r"(?:денег|сети|связи|интернета|инета|сигнала|смс|кода)(?:\s+\w+){0,3}\s+нет|"
    r"ни\s+(?:звонков|интернета|инета|сети|связи|смс))\b|"
    r"失败|被拒|拒绝|拒付|停机|被停|停了|停用|过期|丢了|丢失|被偷|错误|报错|不了|不能用|"
    r"不能上|不行|信号差|没到|没收到|收不到|没反应|没网|没信号|没有信号|没法|无法|进不去|登不上|扣了钱|废了|挂了|"
    r"[充交缴付续登连打]不(?:进去|进|上|开|动|出去)"
)
# What reads like a failure and is none: a negation that asks how to prevent something ("как
# не пропустить дату", "how not to miss it", "чтобы номер не забрали"), and not being able to
# decide, find or understand something ("cant decide which plan", "не могу понять как
# пополнить"), which asks for the item that explains it.
_NO_FAILURE = re.compile(
    r"\b(?:как|чтобы|чтоб|how|so|to)\s+(?:\w+\s+){0,2}?(?:не|not|never|(?:don|doesn|won)[’']?t)\b"
    # ... with what is to be prevented: "чтоб не отключили" fears a failure, reports none.
    r"(?:\s+(?:get|be)\b)?(?:\s+\w+)?|"
    r"\b(?:can[’']?t|cannot|couldn[’']?t|не\s+мог\w*|не\s+получа\w*)\s+(?:\w+\s+)?"
    r"(?:decide|choose|pick|find|understand|figure|remember|know|tell|see|выбрать|понять|"
    r"найти|вспомнить|разобраться|решить|определиться|сообразить)\w*"
)


# A failure that may happen is not one that happened: "will my number be blocked if I leave?",
# "если не заплачу, номер заблокируют?", "出国一年号码会不会被停机".
_HYPOTHETICAL = re.compile(
    r"\bwill\s+(?:\w+\s+){0,2}(?:be|get)\b|\b(?:what if|if i don[’']?t|would|in case)\b|"
    r"\b(?:если не|что будет|будет ли|могут ли)\b|会不会|会被|如果|要是|万一"
)


def reports_problem(text: str) -> bool:
    """Whether lowercase text says that something went wrong (a payment refused, money that
    has not arrived, a number blocked), rather than asking how something is done or what
    would happen if it went wrong."""
    return any(
        _FAILURE.search(_NO_FAILURE.sub(" ", sentence)) and not _HYPOTHETICAL.search(sentence)
        for sentence in sentences(text)
    )


# A payment said to be made already: a past form of paying, topping up or renewing ("оплатил
# на сайте", "закинула 300р", "topped up at a terminal", "充了500卢布", "扣款成功"), not
# after a negation ("не оплатил", "haven't paid": then it was not made).
_DONE = re.compile(
    r"(?<!не )(?<!not )(?<!n't )(?<!never )"
    r"\b(?:(?:за|о|про|до)?плати(?:л|ла|ли)|оплачен\w*|(?:по|до)?полни(?:л|ла|ли)|"
    r"(?:за)?кину(?:л|ла|ли)|положи(?:л|ла|ли)|перев[её]л|перевел[аи]|продли(?:л|ла|ли)|"
    r"paid|payed|topped|recharged|renewed|transferred)\b|"
    r"(?<![没沒])[充冲交缴付续]了|已经[充冲交缴付续]|刚[充冲交缴付续]|[充冲交缴]过|"
    r"扣款成功|付款成功|支付成功"
)


# The whole line down, not only its data: the number or SIM itself does not work, or neither
# calls nor data do ("номер вообще не работает", "ни звонков ни интернета", "sim died", "no
# calls, no data", "号码用不了").
_LINE = r"(?:номер\w*|сим[\w-]*|телефон|number|sim(?:\s+card)?)"
# ... as the subject itself: "sim but internets dead" is about data.
_DATA_WORD = r"(?:internet|data|wi-?fi|инет|интернет|трафик)"
_LINE_DOWN = re.compile(
    rf"\b{_LINE}\s+(?:(?!{_DATA_WORD})\w+\s+){{0,2}}?(?:не\s+работа\w*|(?:does|is|did)n[’']?t\s+work\w*|"
    r"(?:does|is|did)\s+not\s+work\w*|stopped\s+working|won[’']?t\s+work|"
    r"сдох\w*|умер\w*|died|(?:is\s+)?dead|недействительн\w*|invalid)|"
    r"\b(?:dead|died)\s+(?:sim|number)\b|"
    r"(?:вообще|совсем|полностью)\s+(?:\w+\s+)?не\s+работа\w*|не\s+работа\w*\s+(?:вообще|совсем)|"
    r"\b(?:doesn[’']?t|does\s+not|isn[’']?t|not)\s+work\w*\s+at\s+all\b|"
    r"\bни\s+звонк\w*|\bзвонки\s+не\s+(?:проход\w*|ид\w*)|\bне\s+(?:могу|можно)\s+(?:никому\s+)?позвонить|"
    r"\bno\s+calls\b|\bcan[’']?t\s+(?:make|receive|get)\s+(?:any\s+)?calls\b|"
    r"号码?(?:用不了|不能用|废了|没用了)|卡(?:废了|死了|不能用了)|打不了电话|电话打不(?:出|通)"
)
# ... and a failure of mobile data alone ("Mobile data doesn't work", "нет интернета"), not
# a top-up of data that has not arrived.
_DATA = re.compile(r"\b(?:data|internet|интернет\w*|трафик\w*)\b|上网|上不了网|流量")
_ARRIVAL = re.compile(r"\b(?:arriv\w*|credit\w*|пришл\w*|пришёл|зачисл\w*)|到账|到帐")


def reports_line_down(text: str) -> bool:
    """Whether lowercase text says the whole line is down (the number or SIM does not work,
    or neither calls nor data), not only its mobile data."""
    return bool(_LINE_DOWN.search(text))


def reports_data_problem(text: str) -> bool:
    """Whether lowercase text (a title) reports a failure of mobile data."""
    return reports_problem(text) and bool(_DATA.search(text)) and not _ARRIVAL.search(text)


def says_done(text: str) -> bool:
    """Whether lowercase text says a payment was already made: what it asks is then about
    what followed (the money, the plan, a receipt), not how to make one."""
    return bool(_DONE.search(text))


# Asking how to pay, top up or renew ("как мне оплатить", "how do I top up", "怎么充"), as
# against how to do something else once paid ("как точно узнать", "how can I be sure").
_ASKS_HOW_TO_PAY = re.compile(
    r"\bкак\s+(?:\w+\s+){0,2}?(?:о|за|по|про|до)?(?:плат|полн|продл|кину|кинут|лож)\w*|"
    r"\bhow\s+(?:\w+\s+){0,3}?(?:pay|top|renew|recharge|refill|put)\b|"
    r"(?:怎么|怎样|如何|咋)\S{0,3}?[充冲交缴付续]"
)


def asks_how_to_pay(text: str) -> bool:
    """Whether lowercase text asks how to pay, top up or renew."""
    return bool(_ASKS_HOW_TO_PAY.search(text))


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
    return bool(_YES_NO.search(asking)) or _TRAILING.sub("", asking).endswith(("?", "？"))


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
