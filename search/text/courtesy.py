"""Courtesy around a question: greetings, thanks, "please", "help me", a question announced
before it is asked. People write to a help site as they would to a person ("здравствуйте,
... пж помогите", "hi, quick question, ... thanks", "你好，想问一下，...谢谢"); those words
say nothing about what is asked, and the search leaves them out."""

from __future__ import annotations

import re

# Normalized text: lowercase, ё as е, full-width punctuation as ASCII. Words that can carry
# the topic stay: "помощь" and "support" (a support line), "подскажите" (it opens the
# question: "подскажите, как ..."), "вопрос" inside a sentence ("вопрос по оплате"), and
# urgency ("срочно", "urgent": an urgent mail is a topic).
_WORDS = """
    здравствуйте здраствуйте здравствуй здрасте здрасьте привет приветик приветствую
    спасибо спасибки спс пасиб пасибо благодарю пожалуйста пожалуйсто пожалуста пж пжл
    пжлст плиз плз плс помогите помоги хелп
    hi hii hiii hello hey hiya greetings thanks thx ty tia please pls plz help
"""
_PHRASES = (
    r"добр(?:ый|ого|ое)\s+(?:день|дня|вечер|вечера|утро|утра)",
    r"заранее\s+спасибо",
    r"спасибо\s+заранее",
    r"good\s+(?:morning|afternoon|evening|day)",
    r"thanks?\s+(?:you\s+)?(?:in\s+advance|a\s+lot|so\s+much)",
    r"thank\s+you",
    r"(?:help|помогите|помоги)\s+(?:me|us|мне|нам)",
    # A question announced before it is asked: "хотел спросить, ...", "quick question: ...".
    r"(?:я\s+)?хотел(?:а|ось)?\s+(?:бы\s+)?(?:с|у)просить",
    r"(?:у\s+меня\s+)?(?:есть\s+)?(?:такой\s+|один\s+|небольшой\s+)?вопрос(?:\s+такой)?"
    r"(?=\s*[,:.!?-])",
    r"(?:i\s+have\s+a\s+|a\s+|one\s+)?(?:quick\s+|small\s+)?question(?=\s*[,:.!?-])",
    r"i\s+(?:wanted|want|would\s+like|d\s+like)\s+to\s+ask",
    r"can\s+i\s+ask(?:\s+something)?(?=\s*[,:.!?-])",
)
# Chinese has no word boundaries: these are found anywhere in a run.
_CJK = """
    你好 您好 谢谢 多谢 感谢 麻烦了 麻烦 求助 求求 拜托 帮帮忙 帮帮我 急急急 急急 在线等
    大佬们 各位 想问一下 想问下 想请问 问一下 问下 请教一下 请教
"""
_COURTESY = re.compile(
    r"(?:(?<!\w)(?:"
    + "|".join([*_PHRASES, *map(re.escape, sorted(_WORDS.split(), key=len, reverse=True))])
    + r")(?!\w)|"
    + "|".join(map(re.escape, sorted(_CJK.split(), key=len, reverse=True)))
    + r")[\s,.:!~～，。！：]*"
)
_EDGES = " ,.:!~～，。！："


def without_courtesy(text: str) -> str:
    """Normalized query text without the courtesy around the question ("здравствуйте, не
    проходит оплата, помогите пж" -> "не проходит оплата"); the text itself when it is
    nothing but courtesy ("спасибо!")."""
    if not _COURTESY.search(text):
        return text
    stripped = " ".join(_COURTESY.sub(" ", text).split()).strip(_EDGES)
    return stripped if any(char.isalnum() for char in stripped) else text


def courtesy_of(text: str) -> list[str]:
    """The courtesies ``without_courtesy`` leaves out of normalized query text, in order
    (none when it leaves the text as it is)."""
    if without_courtesy(text) == text:
        return []
    return [match[0].strip(_EDGES) for match in _COURTESY.finditer(text)]
