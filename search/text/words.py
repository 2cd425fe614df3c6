"""Words of normalized text: tokens, Snowball stems, stop words and negations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import Stemmer
from rapidfuzz.distance import OSA

from search.text.scripts import CJK_CLASS, CJK_RUN, CYRILLIC

# USSD codes such as *100# or *111*1# are searched as one opaque token.
_CODE_PATTERN = r"[*#][0-9*#]*[0-9][0-9*#]*"
_WORD_PATTERN = r"[^\W_]+(?:-[^\W_]+)*"
_TOKEN = re.compile(rf"(?P<cjk>[{CJK_CLASS}]+)|(?P<code>{_CODE_PATTERN})|(?P<word>{_WORD_PATTERN})")
CODE = re.compile(_CODE_PATTERN)
WORD = re.compile(_WORD_PATTERN)
# WORD for ASCII text, where [^\W_] is just letters and digits (a faster class to match).
ASCII_WORD = re.compile(r"[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*")

_STOPWORD_TEXT = """
    a an the to of in on at for from by with and or is are was be been do does did i my me
    you your it its this that can could will would should how what when where why which who
    there their they we our us if so as into about than then just get got have has had
    please any some am и в во на с со к ко по о об от до из за для но а же ли бы что как где
    когда какой какие какая это этот эта я мой моя мне меня у вы вас ваш он она они мы нас
    то так уже или если есть был была было можно ли почему зачем
    but still also very too all both each more most other such only own same here these
    those them him his her she he whom while because until through during again once nor
    were being having doing im ive id youre theyre theres thats whats hows its lets really
    even yet now already hi hello hey thanks thank pls plz u ur anyone someone something
    все всё ещё еще тоже также очень там тут здесь вот даже только ну его ее её их им ним
    него неё ней ты тебя тебе твой твоя мою мои моё мое моего моей моим моих свой свою свои
    своего своей себя себе нам вам им чтобы чтоб потому тогда сейчас ведь вообще были
    будет быть этого этой эти этом том тот та те при над под кто чем чего кого ему
    здравствуйте привет подскажите пожалуйста спасибо
    between among after before since via per across against toward towards upon
    после перед через между около про среди
    inside within onto throughout beside besides behind beneath underneath near around
    along amid despite till внутри возле вокруг вдоль мимо сквозь изо обо ради насчёт
    насчет согласно благодаря вместо вне кроме
    gets getting gotten wants wanted wanting needs needed needing knows knew tells told
    want wanna need know tell хочу хотел хотела хотим нужно надо знаю скажите
    let says saying shows showing пишет пишут писало выдает выдают показывает
    say said говорит говорят сказал сказала сказали
    нее нём нем них эту всю всех всего потом теперь куда хоть такой
    такая такое такие который которая которое которые которую которого которой котором
    которым которых тем того тех этих этим этому
    always often usually suddenly literally basically simply maybe seems
    просто реально действительно слишком типа короче блин вроде всегда обычно часто вдруг
    наверное кажется
"""
# Negations ("не", "not") are not stop words: "оплата не прошла" is the opposite of
# "оплата прошла".
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# A negation binds to the word after it: besides its own terms, "не прошла" is indexed as
# the term "¬прошл", so "оплата не прошла" can tell "оплата не прошла" from "оплата
# прошла, но деньги не пришли" (both hold every word). Apostrophes are gone by then:
# "didn't" is "didnt". Chinese needs none of this: 不/没 sit in the CJK bigrams.
NEGATION_PREFIX = "¬"
# A failed attempt is told apart from a failed outcome: "не получилось пополнить" (trying
# to top up failed) is indexed as "¬~пополн", "баланс не пополнился" (the money did not
# arrive) as "¬пополн". Both are negations of the same word; a query matches the other kind
# at a lower quality (see plan._bind_negation).
ATTEMPT_PREFIX = NEGATION_PREFIX + "~"
_NEGATION_TEXT = """
    не нет ни без not no never cant cannot dont doesnt didnt isnt arent wasnt werent wont
    wouldnt couldnt hasnt havent hadnt shouldnt
"""
_NEGATIONS = frozenset(_NEGATION_TEXT.split())

_STEMMERS = {"ru": Stemmer.Stemmer("russian"), "en": Stemmer.Stemmer("english")}


class Token(NamedTuple):
    """A piece of normalized text: a word, a USSD code or a run of CJK characters."""

    kind: str  # "word" | "code" | "cjk"
    text: str


# How Russian chat spells some function words, as the word each stands for (text is
# normalized first: "чё" is "че"). Read as typos they would be other words ("скока" is one
# letter from "срок"); read so, "через скока" is "через сколько" and "щас" the stop word it is.
# Only spellings that are no other word: "тока" (of a current) and "ток" stay as they are.
_SPOKEN_TEXT = """
    скока:сколько скоко:сколько сколко:сколько скоки:сколько
    щас:сейчас щяс:сейчас ща:сейчас
    че:что чо:что шо:что што:что
    ваще:вообще вобще:вообще вапще:вообще ваапще:вообще
    седня:сегодня сення:сегодня
    тыщ:тысяч тыщи:тысячи тыща:тысяча
"""
_SPOKEN = dict(pair.split(":") for pair in _SPOKEN_TEXT.split())


def tokenize(*, text: str) -> list[Token]:
    """Split normalized text into words, USSD codes and CJK runs (in order); a chat spelling
    of a Russian function word is the word it stands for."""
    # A CJK run glued to a Latin word ("app怎么") is two tokens; the word pattern alone
    # would swallow both, so runs are padded with spaces first. Apostrophes inside words
    # are dropped ("can't" -> "cant") because people type them either way.
    spaced = CJK_RUN.sub(r" \g<0> ", text.replace("'", "").replace("\u2019", ""))
    return [
        Token("word", _SPOKEN.get(match.group(), match.group()))
        if match.lastgroup == "word"
        else Token(match.lastgroup or "word", match.group())
        for match in _TOKEN.finditer(spaced)
    ]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem by script: Cyrillic words as Russian, Latin words as English."""
    if CYRILLIC.search(word):
        return _russian_stem(word) if word.isalpha() else word
    if word.isascii() and word.isalpha():
        return _STEMMERS["en"].stemWord(_IRREGULAR.get(word, word))
    return word


def _russian_stem(word: str) -> str:
    """Snowball's Russian stem, with the past tense joined to its verb where Snowball leaves
    them apart: the -нуть verbs ("закинуть", "закинул" -> "закину") and the past of идти
    ("пришёл", "пришли" -> "пришл")."""
    stemmed = _STEMMERS["ru"].stemWord(word)
    if stemmed.endswith("нут") and word.endswith("нуть"):
        return stemmed[:-1]
    if stemmed.endswith("нул") and word.endswith(("нул", "нула", "нуло", "нули")):
        return stemmed[:-1]
    if stemmed.endswith("шел") and word.endswith("шел"):
        return stemmed[:-2] + "л"
    return stemmed


# English irregular verb forms, which Snowball leaves apart from the verb: "my plan ran out"
# is "my plan runs out", "paid" is "pay". Russian verbs keep their stem through most forms.
_IRREGULAR_TEXT = """
    ran:run paid:pay got:get gotten:get bought:buy sent:send lost:lose went:go gone:go
    came:come took:take taken:take gave:give given:give told:tell found:find
    forgot:forget forgotten:forget stole:steal stolen:steal broke:break broken:break
    spent:spend kept:keep said:say made:make did:do done:do saw:see seen:see knew:know
    known:know bought:buy brought:bring thought:think wrote:write written:write
    cut:cut hung:hang held:hold stuck:stick shown:show
"""
_IRREGULAR = dict(pair.split(":") for pair in _IRREGULAR_TEXT.split())


# Russian verb prefixes. "кинул" and "закинул", "платить" and "оплатить" name one act: a
# word the index does not know is looked for with a prefix added or taken away.
_RUSSIAN_PREFIX_TEXT = "за по про пере до на с со от у вы при под об о раз рас в вз"
_RUSSIAN_PREFIXES = tuple(_RUSSIAN_PREFIX_TEXT.split())
_MIN_ROOT = 3


def _min_root(prefix: str) -> int:
    return _MIN_ROOT + (len(prefix) == 1)


def prefix_relatives(stemmed: str) -> list[str]:
    """The stems a Russian stem may be with a verb prefix added or removed ("кину" ->
    "закину", ..., and "закину" -> "кину"), most likely first: removals, then additions."""
    if not CYRILLIC.search(stemmed) or len(stemmed) < _MIN_ROOT:
        return []
    # A one-letter prefix ("с", "о", "у", "в") only on a longer root: "сдач" is not "дач".
    removed = [
        stemmed[len(prefix) :]
        for prefix in _RUSSIAN_PREFIXES
        if stemmed.startswith(prefix) and len(stemmed) - len(prefix) >= _min_root(prefix)
    ]
    added = [prefix + stemmed for prefix in _RUSSIAN_PREFIXES if len(stemmed) >= _min_root(prefix)]
    return list(dict.fromkeys(removed + added))


def negation_parts(pseudo_word: str) -> tuple[str, str]:
    """A negated pseudo-word's prefix (ATTEMPT_PREFIX for a failed attempt, else
    NEGATION_PREFIX) and the word it negates: "¬~пополнить" -> ("¬~", "пополнить")."""
    prefix = ATTEMPT_PREFIX if pseudo_word.startswith(ATTEMPT_PREFIX) else NEGATION_PREFIX
    return prefix, pseudo_word[len(prefix) :]


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """Index terms for one word token: its stem; a hyphenated word is stemmed joined
    ("сим-карту" as "симкарту", so its case forms and the unhyphenated spelling agree) and
    its parts are terms too."""
    if word.startswith(NEGATION_PREFIX):
        prefix, bare = negation_parts(word)
        return (prefix + stem(bare),)
    if "-" not in word:
        return (stem(word),)
    terms = [stem(word.replace("-", ""))]
    terms.extend(stem(part) for part in word.split("-") if len(part) >= 2)
    return tuple(dict.fromkeys(terms))


def negation_words() -> frozenset[str]:
    """Every word :func:`is_negation` knows."""
    return _NEGATIONS


def is_negation(word: str) -> bool:
    """Words that turn the meaning of the next word around ("не", "not", "didnt")."""
    return word in _NEGATIONS


def negated(words: Sequence[str]) -> list[str]:
    """The negated words of a field, as pseudo-words: ``["не", "прошла"]`` -> ``["¬прошла"]``.

    A negation binds to the next word, past one stop word ("not be charged", "не был"); a
    negated modal binds to the verb it governs (see ``negated_word``).
    """
    if _NEGATIONS.isdisjoint(words):
        return []
    found = []
    for position, word in enumerate(words):
        if word in _NEGATIONS:
            bound = negated_word(words, position)
            if bound is not None:
                found.append(bound)
    return found


# A negated Russian modal ("не получается", "не могу", "не даёт") says only that the verb it
# governs failed: "не получается войти", "войти не могу" and "не удаётся войти" all negate
# "войти", and "пополнить не получается" is not the login failure "не получается войти".
# Without an infinitive to govern ("не получается", "не выходит в сеть") it is a word like
# any other. English needs none of this: its negation sits next to the verb ("can't log in",
# "couldn't pay"), and binding "won't let me pay" to "pay" made the payment troubleshooter
# outrank the specific answers (the card limit) on the sets we tune on.
_MODAL_TEXT = """
    получается получилось получалось получится получиться выходит вышло выйдет удается
    удалось удастся удавалось могу может можем могут можешь мог могла могли смог смогла смогли
    сможет смогу дает дают дал дала дали позволяет
"""
_MODALS = frozenset(_MODAL_TEXT.split())
_CANNOT = frozenset(["cant", "cannot", "couldnt"])
# A Russian infinitive: "пополнить", "войти", "помочь", "зарегистрироваться", "перевести"; not
# a noun that ends as one does ("сеть", "часть", "скорость", "скорости").
_INFINITIVE = re.compile(r"(?![а-я]*сть$)(?=[а-я]{5})[а-я]+(?:ть|ться|тись|йти|чь|ести|зти)")
# How far from a negated modal the verb it governs may be: after it ("не получается у меня
# войти"), or before the negation ("пополнить с карты не получается").
_GOVERNED_AFTER = 3
_GOVERNED_BEFORE = 4


# Where a closing "нет" says something is missing: "денег на счёте нет", "сети в метро нет".
_PLACE_PREPOSITIONS = frozenset(["на", "в", "во", "у"])


def negated_word(words: Sequence[str], position: int) -> str | None:
    """The pseudo-word of the negation at ``words[position]`` ("¬прошла"), or None if it
    negates nothing."""
    return read_negation(words, position)[0]


def read_negation(words: Sequence[str], position: int) -> tuple[str | None, int | None]:
    """What the negation at ``words[position]`` negates (its pseudo-word, as ``negated_word``),
    and where the modal is when it passes through one to the verb the modal governs ("могу"
    in "не могу войти"): the modal then says only that the verb failed, which the negated verb
    already says."""
    if words[position] == "нет" and position > 0:
        # "интернета нет", "денег нет уже час": a closing "нет" negates the word before it, or
        # the one before where it is said ("денег на счёте нет", "сети в метро нет").
        before, after = words[position - 1], words[position + 1 : position + 2]
        if position >= 3 and words[position - 2] in _PLACE_PREPOSITIONS:
            before = words[position - 3]
        if (not after or is_stopword(after[0])) and not (
            is_stopword(before) or before in _NEGATIONS
        ):
            return NEGATION_PREFIX + before, None
    for offset, following in enumerate(words[position + 1 : position + 3], start=position + 1):
        if following in _NEGATIONS:
            return None, None
        if following in _MODALS:
            governed = _governed(words, position, offset)
            if governed == following:
                return NEGATION_PREFIX + governed, None
            return ATTEMPT_PREFIX + governed, offset
        if following in _WORKS and (attempted := _attempted(words, position)):
            return ATTEMPT_PREFIX + attempted, offset
        if not is_stopword(following):
            prefix = ATTEMPT_PREFIX if words[position] in _CANNOT else NEGATION_PREFIX
            return prefix + following, None
    return None, None


def is_modal(word: str) -> bool:
    """A Russian verb that, negated, says that the verb it governs failed ("не могу")."""
    return word in _MODALS


@lru_cache(maxsize=1)
def modal_terms() -> frozenset[str]:
    """The index terms of the modals (their stems): "получ", "мог", "удаст"..."""
    return frozenset(stem(word) for word in _MODALS)


# English says which action failed before the failure: "trying to renew my plan but it doesn't
# work", "tried to pay, it didn't work". What did not work is the verb after "trying to".
_WORKS = frozenset(["work", "works", "worked", "working"])
_ATTEMPTS = frozenset(["try", "trying", "tried", "tries", "attempting", "attempted"])
_ATTEMPT_REACH = 8


def _attempted(words: Sequence[str], negation: int) -> str | None:
    """The verb of "trying to X" in the words before a negation, if any in reach."""
    start = max(1, negation - _ATTEMPT_REACH)
    for at in range(negation - 2, start - 1, -1):
        if words[at] == "to" and words[at - 1] in _ATTEMPTS and not is_stopword(words[at + 1]):
            return words[at + 1]
    return None


def _governed(words: Sequence[str], negation: int, modal: int) -> str:
    """The infinitive a negated modal governs (the modal itself if none is in reach)."""
    after = words[modal + 1 : modal + 1 + _GOVERNED_AFTER]
    before = reversed(words[max(0, negation - _GOVERNED_BEFORE) : negation])
    for word in (*after, *before):
        if word in _NEGATIONS:
            continue
        if _INFINITIVE.fullmatch(word) and word not in _MODALS:
            return word
    return words[modal]


def is_stopword(word: str) -> bool:
    """Function words that say little about what a query is about."""
    return word in _STOPWORDS


# Stop words of four letters or more, for the misspelled ones: "raelly", "whree", "alwas".
# A shorter word is too often another word one typo away ("paid" and "said", "oven" and
# "even"): only a word of five letters or more is read as one.
_LONG_STOPWORDS = tuple(sorted(word for word in _STOPWORDS if len(word) >= 4))


def respelled_reflexive(word: str) -> str | None:
    """The other spelling of a Russian reflexive verb's ending, the most common misspelling of
    Russian ("получаеться" for "получается", "зарегистрироватся" for "зарегистрироваться")."""
    if word.endswith("ться"):
        return word[:-4] + "тся"
    if word.endswith("тся"):
        return word[:-3] + "ться"
    return None


@lru_cache(maxsize=20_000)
def misspelled_stopword(word: str) -> str | None:
    """The stop word ``word`` misspells by one typo (a letter changed, left out, added, or
    two swapped), if exactly one is that close ("whree" -> "where"); None otherwise."""
    if len(word) < 5 or not word.isalpha():
        return None
    close = [
        stopword
        for stopword in _LONG_STOPWORDS
        if abs(len(stopword) - len(word)) <= 1 and OSA.distance(word, stopword, score_cutoff=1) <= 1
    ]
    return close[0] if len(close) == 1 else None


@lru_cache(maxsize=1)
def stop_terms() -> frozenset[str]:
    """The index terms of the stop words (their stems)."""
    return frozenset(stem(word) for word in _STOPWORDS)
