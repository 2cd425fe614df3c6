"""Small hand-made documents and helpers shared by the backend tests (not the shipped content)."""

from __future__ import annotations

from search import Document, SearchBackend

SYNONYMS = [
    ["续费", "充值", "renew", "top up", "recharge", "пополнить", "продлить", "пополнение"],
    ["登录", "登陆", "log in", "login", "sign in", "войти", "вход"],
    ["流量卡", "data sim", "сим-карта для интернета"],
]


def doc(kind: str, slug: str, language: str, title: str, **fields: object) -> Document:
    return Document(type=kind, slug=slug, language=language, title=title, **fields)


# A title that reports a failure, beside the ways to do the thing when it works.
MONEY_NOT_ARRIVED = doc(
    "faq",
    "money-not-arrived",
    "ru",
    "Деньги не пришли после оплаты",
    keywords="баланс не изменился, оплата прошла",
    body="Подождите несколько минут, потом обратитесь к оператору с чеком.",
)


DOCUMENTS = [
    doc(
        "faq",
        "renew-methods",
        "zh-hans",
        "有哪些续费方式？",
        keywords="续费, 充值",
        body="可以在官网、App、营业厅或自助终端续费。",
    ),
    doc(
        "faq",
        "renew-methods",
        "en",
        "What are the ways to renew?",
        keywords="renew, top up",
        body="Renew on the website, in the app, at a store or at a payment terminal.",
    ),
    doc(
        "faq",
        "renew-methods",
        "ru",
        "Какие есть способы пополнить баланс?",
        keywords="пополнить, продлить",
        body="Пополнить можно на сайте, в приложении или в салоне.",
    ),
    doc(
        "faq",
        "renewal-failed",
        "zh-hans",
        "续费失败怎么办？",
        keywords="续费失败, 付款失败",
        body="检查网络和银行卡限额，然后重试。",
    ),
    doc(
        "faq",
        "renewal-failed",
        "en",
        "Why did my renewal fail?",
        keywords="payment failed",
        body="Check the network and the card limit, then try again.",
    ),
    doc(
        "faq",
        "renewal-failed",
        "ru",
        "Почему не прошло продление?",
        keywords="ошибка оплаты",
        body="Проверьте сеть и лимит карты и попробуйте снова.",
    ),
    doc(
        "faq",
        "balance-code",
        "en",
        "How do I check my balance?",
        keywords="balance, USSD",
        body="Dial *100# from the phone with the SIM.",
    ),
    doc(
        "faq",
        "sim-serial",
        "en",
        "Where is the SIM serial number (ICCID)?",
        keywords="ICCID, serial",
        body="The ICCID is printed on the card. The IMEI identifies the phone, not the SIM.",
    ),
    doc(
        "faq",
        "number-keeping",
        "zh-hans",
        "什么是保号卡？",
        keywords="保号卡, 保号套餐",
        body="保号卡让你在国外时用最低费用保住号码。",
    ),
    doc(
        "faq",
        "number-keeping",
        "en",
        "What is a number-keeping plan?",
        keywords="keep my number",
        body="It keeps your number alive at the lowest cost while you are away.",
    ),
    doc(
        "guide",
        "renew-mts",
        "en",
        "Renewing an MTS card",
        keywords="MTS, renew, top up",
        body="Open the MTS app and top up.",
        filters=(("carrier", "mts"),),
    ),
    doc(
        "guide",
        "renew-megafon",
        "en",
        "Renewing a MegaFon card",
        keywords="MegaFon, renew, top up",
        body="Open the MegaFon app and top up.",
        filters=(("carrier", "megafon"),),
    ),
    doc(
        "guide",
        "renew-data-card",
        "zh-hans",
        "流量卡怎么续费",
        keywords="流量卡, 续费",
        body="流量卡可以在App里续费。",
        filters=(("card_type", "data"),),
    ),
    doc(
        "guide",
        "renew-data-card",
        "en",
        "Renewing a data SIM",
        keywords="data SIM, renew",
        body="Renew a data SIM in the app.",
        filters=(("card_type", "data"),),
    ),
    doc(
        "troubleshooter",
        "login-failed",
        "zh-hans",
        "登录不了",
        keywords="登录失败, 密码",
        body="检查密码和键盘布局，然后重置密码。",
    ),
    doc(
        "troubleshooter",
        "login-failed",
        "en",
        "I can't log in",
        keywords="login, password",
        body="Check the password and keyboard layout, then reset the password.",
    ),
    doc(
        "troubleshooter",
        "login-failed",
        "ru",
        "Не могу войти в личный кабинет",
        keywords="вход, пароль",
        body="Проверьте пароль и раскладку клавиатуры.",
    ),
    doc(
        "faq",
        "no-mobile-data",
        "ru",
        "Нет интернета, хотя деньги есть",
        keywords="интернет, трафик",
        body="Проверьте, не закончился ли пакет трафика.",
    ),
    doc(
        "faq",
        "no-mobile-data",
        "en",
        "No mobile data although I have money",
        keywords="mobile data, internet",
        body="Check whether the data package ran out.",
    ),
]


def top(
    backend: SearchBackend, query: str, *, language: str = "en", **options: object
) -> str | None:
    hits = backend.search(query, language=language, **options)
    return hits[0].key if hits else None
