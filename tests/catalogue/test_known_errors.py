"""The shipped fixtures no longer state the "Known errors to fix" of CONTENT.md, in any language.

Each known error is a table of regular expressions, one per language, written against the
wrong sentences as they stood on 2026-12-04; a passage is a reader-facing text (keywords,
rule phrases and synonym groups are search terms, not statements, and are left out).
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
LANGUAGES = ("zh-hans", "en", "ru")
SEARCH_TERMS = {"keywords", "phrases"}
PARTS = {"steps": "step", "nodes": "node"}

NEW_FAQS = [
    "sim-registration-foreigners",
    "contact-carrier",
    "lost-or-stolen-sim",
    "voluntary-suspension",
    "cooling-period-after-roaming",
]
CONTACT_FAQ_LINK = "(faq:contact-carrier)"
REGISTRATION_FAQ_LINK = "(faq:sim-registration-foreigners)"


@dataclass(frozen=True)
class Passage:
    """All the reader-facing text of one item (or of one guide step / tree node) in one language."""

    file: str
    item: str
    language: str
    text: str

    def where(self) -> str:
        return f"{self.file}, {self.item}, {self.language}"


def _translated(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(lang), str) for lang in LANGUAGES)


def _texts(value: object, *, into: dict[str, list[str]]) -> None:
    """Collect every translated value under `value`, leaving out search terms and sub-parts."""
    if _translated(value):
        for lang in LANGUAGES:
            into[lang].append(value[lang])
    elif isinstance(value, dict):
        for key, child in value.items():
            if key not in SEARCH_TERMS and key not in PARTS:
                _texts(child, into=into)
    elif isinstance(value, list):
        for child in value:
            _texts(child, into=into)


def _passages_of(*, file: str, label: str, item: dict) -> list[Passage]:
    texts: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    _texts(item, into=texts)
    passages = [
        Passage(file=file, item=label, language=lang, text="\n\n".join(texts[lang]))
        for lang in LANGUAGES
    ]
    for key, part in PARTS.items():
        for index, sub in enumerate(item.get(key) or []):
            name = sub.get("key", index)
            passages += _passages_of(file=file, label=f"{label} {part} {name}", item=sub)
    return passages


def catalogue_passages(*, folder: Path) -> list[Passage]:
    """Every reader-facing passage of every fixture file in `folder`, the other sections' too."""
    passages = []
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for section, items in document.items():
            if section == "synonyms":
                continue
            for item in items:
                label = f"{section.removesuffix('s')}:{item.get('slug') or item.get('name')}"
                passages += _passages_of(file=path.name, label=label, item=item)
    return passages


@dataclass(frozen=True)
class KnownError:
    """A wrong claim, found by one regular expression per language."""

    slug: str
    name: str
    patterns: dict[str, str]

    def offenders(self, *, passages: list[Passage]) -> list[str]:
        found = []
        for passage in passages:
            pattern = self.patterns.get(passage.language)
            match = pattern and re.search(pattern, passage.text)
            if match:
                found.append(f"{passage.where()}: …{_around(passage.text, match)}…")
        return found


def _around(text: str, match: re.Match) -> str:
    return text[max(0, match.start() - 40) : match.end() + 40].replace("\n", " ")


KNOWN_ERRORS = [
    KnownError(
        "wrong-number-payment",
        "money paid to a wrong number is hard to get back (carriers move a mistaken payment)",
        {
            "en": r"(wrong|stranger's|another) number[^.\n]*(hard|difficult) to get back"
            r"|getting it back is hard|contact whoever took the payment",
            "zh-hans": r"很难要回|很难退回|很难追回|难以追回|要不回来|拿不回来"
            r"|联系[你您]付款的渠道",
            "ru": r"вернуть[^.\n]{0,20}(непросто|сложно|трудно)|(непросто|сложно|трудно) вернуть"
            r"|обратитесь с чеком туда, где платили",
        },
    ),
    KnownError(
        "sms-needs-roaming",
        "a SIM abroad needs roaming on to receive SMS (texts come through a partner network)",
        {
            "en": r"needs? roaming( switched on)?[^.\n]*to receive|which abroad means roaming"
            r"|with roaming on and a signal|with roaming allowed",
            "zh-hans": r"开着漫游才能|开着漫游、有信号|就需要开通漫游|打开漫游并且有信号"
            r"|并允许漫游",
            "ru": r"нужен роуминг|включён роуминг и есть сеть|с разрешённым роумингом",
        },
    ),
    KnownError(
        "3ds-home-number",
        "the 3-D Secure code goes to a home-country number (often the Russian SIM itself)",
        {
            "en": r"number from your home country|home[- ]country number",
            "zh-hans": r"[你您]国内的号码",
            "ru": r"у себя на родине|на родине, а не российская",
        },
    ),
    KnownError(
        "terminals-everywhere",
        "payment terminals presented as found everywhere (fewer since QIWI lost its licence)",
        {
            "en": r"found in shops, stations and malls|terminals are common"
            r"|terminals and shops in malls, stations",
            "zh-hans": r"很多商店、车站和商场里都有|缴费机多见于|车站、超市里的自助缴费机",
            "ru": r"[Тт]ерминалы стоят в",
        },
    ),
    KnownError(
        "log-in-before-paying",
        "you must log in before you can pay (terminals and payment services need only the number)",
        {
            "en": r"need to log in[^.\n]*before you can pay",
            "zh-hans": r"付款前需要先登录",
            "ru": r"[Пп]еред оплатой нужно войти",
        },
    ),
    KnownError(
        "someone-elses-passport",
        "a SIM registered to someone else's passport treated as normal (the 2025 rules tie it)",
        {
            "en": r"in their own name, they may have to come",
            "zh-hans": r"别人用自己的证件帮[你您]办的",
            "ru": r"оформил кто-то другой на своё имя",
        },
    ),
    KnownError(
        "zh-personal-account",
        "the calque 个人账户 (write 我的账户 / 个人中心)",
        {"zh-hans": r"个人账户"},
    ),
    KnownError(
        "zh-ni",
        "the reader addressed as 你 (the interface says 您)",
        {"zh-hans": r"你"},
    ),
    KnownError(
        "zh-chuanhao-of-the-sim",
        "串号 called the SIM's number (串号 is the phone's IMEI)",
        {"zh-hans": r"SIM卡的?串号"},
    ),
    KnownError(
        "ru-calques",
        "Russian calques: «войдите и привяжите номер», «Продлите тариф вручную»",
        {"ru": r"[Вв]ойдите,? (и )?привяжите номер|[Пп]родлите тариф вручную"},
    ),
]

# A wallet called the easiest way: the wallet and the claim in one list item or sentence.
WALLET = {
    "en": (r"Alipay|WeChat|wallet|third-party", r"\b(easiest|most convenient|simplest)\b"),
    "zh-hans": (r"支付宝|微信|钱包|第三方", r"最方便|最简单|最省事"),
    "ru": (
        r"Alipay|WeChat|кошел|сторонн",
        r"проще всего|самый простой|удобнее всего|самый удобный",
    ),
}

# "The number stays yours as long as…" is true only once a foreigner's registration is confirmed.
STAYS_YOURS = {
    "en": r"stays yours as long as",
    "zh-hans": r"就一直归[你您]",
    "ru": r"остаётся за вами, пока",
}

# An instruction to switch data roaming on, and the roaming-cost warning it needs.
ROAMING_ON = {
    "en": (
        r"turn on (mobile data and )?(data )?roaming|data roaming (is |has to be )?on\b"
        r"|switch(ing)? data roaming on|roaming is off while|if you're abroad, roaming too",
        r"cost|expensive|roaming rates|prices?\b",
    ),
    "zh-hans": (
        r"打开(移动数据和)?数据漫游|数据漫游[^。\n]{0,10}打开|打开漫游|漫游(没开|已打开)",
        r"资费|很贵|昂贵|价格",
    ),
    "ru": (
        r"[Вв]ключ\w*[^.\n]{0,60}(роуминг|«Роуминг данных»)|не включён[^.\n]{0,20}[Рр]оуминг",
        r"дорого\b|высоки|цены|цен\b|стоимост|тариф\w* роуминга",
    ),
}

NOT_NEEDED = {
    "en": r"\b(don't|doesn't|do not|does not) need|\bno need\b|\bnot needed\b",
    "zh-hans": r"不需要|不用|无需|不必",
    "ru": r"не нужно|не надо|не требуется|не обязательно",
}

# Telling people to contact the carrier, which should link to the one item that says how.
CONTACT = {
    "en": r"\bcontact (the|your) carrier\b|carrier's support|\bask the carrier\b",
    "zh-hans": r"联系运营商|运营商客服|咨询运营商|问运营商",
    "ru": r"обратитесь к оператору|поддержк\w* оператора|свяжитесь с оператором"
    r"|спросите у оператора",
}

SUPPORT_NUMBERS = r"(?<!\d)(0890|0500|0611)(?!\d)|\bT2\)?:? ?611\b|Т2\)?:? ?611\b"


def wallet_offenders(*, passages: list[Passage]) -> list[str]:
    found = []
    for passage in passages:
        wallet, claim = WALLET[passage.language]
        for line in passage.text.split("\n"):
            listed = re.match(r"\s*(-|\d+\.)\s", line)
            pieces = [line] if listed else re.split(r"(?<=[.!?。！？])\s*", line)
            found += [
                f"{passage.where()}: {piece.strip()[:160]}"
                for piece in pieces
                if re.search(wallet, piece) and re.search(claim, piece)
            ]
    return found


def stays_yours_offenders(*, passages: list[Passage]) -> list[str]:
    return [
        f"{p.where()}: the number 'stays yours' without the registration caveat"
        for p in passages
        if re.search(STAYS_YOURS[p.language], p.text) and REGISTRATION_FAQ_LINK not in p.text
    ]


def _sentence(text: str, match: re.Match) -> str:
    start = max(text.rfind(stop, 0, match.start()) for stop in ".。!！?？\n")
    ends = [i for stop in ".。!！?？\n" if (i := text.find(stop, match.end())) != -1]
    return text[start + 1 : min(ends, default=len(text))]


def roaming_cost_offenders(*, passages: list[Passage]) -> list[str]:
    found = []
    for passage in passages:
        switch_on, cost = ROAMING_ON[passage.language]
        if re.search(cost, passage.text):
            continue
        # "You don't need data roaming for texts" is no instruction to switch it on.
        for match in re.finditer(switch_on, passage.text):
            if not re.search(NOT_NEEDED[passage.language], _sentence(passage.text, match)):
                excerpt = _around(passage.text, match)
                found.append(f"{passage.where()}: …{excerpt}… (no cost warning)")
                break
    return found


def contact_offenders(*, passages: list[Passage]) -> list[str]:
    found = []
    for passage in passages:
        if passage.item == "faq:contact-carrier":
            continue
        match = re.search(CONTACT[passage.language], passage.text)
        if match and CONTACT_FAQ_LINK not in passage.text:
            found.append(f"{passage.where()}: …{_around(passage.text, match)}…")
    return found


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    return catalogue_passages(folder=DEMO)


@pytest.fixture(scope="module")
def faqs() -> dict[str, dict]:
    return {
        faq["slug"]: faq
        for path in sorted(DEMO.glob("*.json"))
        for faq in json.loads(path.read_text(encoding="utf-8")).get("faqs", [])
    }


@pytest.mark.parametrize("error", KNOWN_ERRORS, ids=lambda error: error.slug)
def test_no_passage_repeats_a_known_error(error, passages):
    offenders = error.offenders(passages=passages)
    assert not offenders, f"Known error: {error.name}\n" + "\n".join(offenders)


def test_no_wallet_is_called_the_easiest_way_to_pay(passages):
    offenders = wallet_offenders(passages=passages)
    assert not offenders, "A wallet called the easiest way:\n" + "\n".join(offenders)


def test_a_number_stays_yours_only_with_the_registration_caveat(passages):
    offenders = stays_yours_offenders(passages=passages)
    assert not offenders, "\n".join(offenders)


def test_switching_data_roaming_on_comes_with_the_cost_warning(passages):
    offenders = roaming_cost_offenders(passages=passages)
    assert not offenders, "Data roaming without the cost warning:\n" + "\n".join(offenders)


def test_every_contact_the_carrier_links_to_the_contact_faq(passages):
    offenders = contact_offenders(passages=passages)
    assert not offenders, f"'Contact the carrier' without {CONTACT_FAQ_LINK}:\n" + "\n".join(
        offenders
    )


def test_only_the_contact_faq_names_the_support_numbers(passages):
    offenders = [
        f"{p.where()}: {m.group()}"
        for p in passages
        if p.item != "faq:contact-carrier"
        for m in [re.search(SUPPORT_NUMBERS, p.text)]
        if m
    ]
    assert not offenders, "Support numbers outside faq:contact-carrier:\n" + "\n".join(offenders)


def test_the_serial_number_faq_says_chuanhao_is_the_phones_imei(faqs):
    answer = faqs["sim-serial-number"]["answer"]["zh-hans"]
    assert re.search(r"串号[^。]*IMEI|IMEI[^。]*串号", answer), (
        "fixtures/demo, faq:sim-serial-number, zh-hans: must say that 串号 is the IMEI"
    )


@pytest.mark.parametrize("tree", ["expired-card", "login-failed"])
def test_trees_that_restore_service_by_topping_up_know_about_registration(passages, tree):
    # "Money on it but still blocked" leads to the 2025 registration rules in every language.
    for lang in LANGUAGES:
        linked = [
            p
            for p in passages
            if p.item.startswith(f"troubleshooter:{tree}")
            and p.language == lang
            and REGISTRATION_FAQ_LINK in p.text
        ]
        assert linked, (
            f"troubleshooter:{tree}, {lang}: no node links {REGISTRATION_FAQ_LINK} "
            "for a number blocked with money on it"
        )


@pytest.mark.parametrize("slug", NEW_FAQS)
def test_the_new_faq_is_published_in_three_languages(faqs, slug):
    assert slug in faqs, f"faq:{slug} is missing from fixtures/demo"
    faq = faqs[slug]
    assert faq.get("status", "published") == "published", f"faq:{slug} is not published"
    for field in ("question", "answer", "keywords"):
        for lang in LANGUAGES:
            assert faq[field][lang].strip(), f"faq:{slug}, {lang}: empty {field}"
