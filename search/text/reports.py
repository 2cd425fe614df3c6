"""What a query says happened: a failure, a payment made already, the whole line down.

"закинул деньги на телефон а баланс не пополнился" holds the words of the ways to top up,
but it reports that something went wrong; "оплатил на сайте, а денег нет" says the payment
is behind the reader. Search reads these to tell the answers about what happened from the
steps to do it.
"""

from __future__ import annotations

import re

from search.text.sentences import sentences

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
    r"\b(?:(?:за|о|про|до)плати(?:л|ла|ли)|оплачен\w*|(?:по|до)?полни(?:л|ла|ли)|"
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


# A payment refused or failed, as against one made that has not arrived: "My payment failed",
# "my card was declined", "Платёж не проходит", "карту не принимают", "не получилось
# пополнить", "付款被拒绝", "续费失败".
_PAYING_EN = r"(?:pay\w*|renew\w*|top(?:ping)?[\s-]?ups?|recharg\w*|card)"
_PAYMENT_RU = r"(?:оплат\w*|плат[её]ж\w*|пополнени\w*|карт\w*)"
_GOES_THROUGH_RU = r"(?:прош\w*|проход\w*|принима\w*|ид[её]т)"
_REFUSED = re.compile(
    r"\b(?:declin\w*|reject\w*|refus\w*|error\w*|"
    rf"{_PAYING_EN}\s+(?:\w+\s+){{0,2}}?(?:fail\w*|blocked)|"
    r"fail\w*\s+to\s+(?:pay|renew|top)|(?:didn|won|doesn|isn)[’']?t\s+go(?:ing)?\s+through|"
    r"can[’']?t\s+(?:pay|top|renew)|(?:(?:doesn|don|won|didn)[’']?t|not)\s+accept\w*|"
    r"отклон\w*|отказ\w*|ошибк\w*|"
    rf"{_PAYMENT_RU}\s+(?:\w+\s+)?не\s+{_GOES_THROUGH_RU}|"
    rf"не\s+{_GOES_THROUGH_RU}\s+(?:\w+\s+)?{_PAYMENT_RU}|"
    r"не\s+(?:получил\w*|получа\w*|удал\w*|уда[её]тся|могу|смог\w*)\s+"
    r"(?:о|за|по|про)?(?:плат|полн|продл)\w*)\b|"
    r"(?:付款|支付|续费|充值|缴费|交费|扣款|付费)\S{0,2}(?:失败|不成功|报错|错误)|"
    r"被拒|拒绝|拒付|付不了|充不(?:进|上)|交不了|缴不了"
)


def reports_refused_payment(text: str) -> bool:
    """Whether lowercase text says a payment was refused or failed ("my card was declined",
    "не проходит оплата", "付款失败"), rather than made and not arrived."""
    return bool(_REFUSED.search(text))


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
