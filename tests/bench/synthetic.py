"""Deterministic synthetic FAQs (zh-hans / en / ru) with telecom-ish vocabulary for benchmarks.

Every FAQ gets a title, keywords and a 3-5 sentence answer per language, assembled from
realistic phrases plus a long tail of filler words and numbers, so the vocabulary, posting
lengths and text sizes behave like a large real help centre rather than like copies of one
document.
"""

from __future__ import annotations

import random

from search.documents import Document

CARRIERS = {
    "mts": ("MTS", "MTS", "МТС"),
    "megafon": ("MegaFon", "MegaFon", "МегаФон"),
    "beeline": ("Beeline", "Beeline", "Билайн"),
    "tele2": ("Tele2", "Tele2", "Теле2"),
}
CARDS = {
    "data": ("流量卡", "data SIM", "сим-карта для интернета"),
    "roaming": ("远游卡", "roaming SIM", "роуминговая сим-карта"),
    "phone": ("电话卡", "local SIM", "местная сим-карта"),
    "number-keeping": ("保号卡", "number-keeping plan", "тариф для сохранения номера"),
}
ACTIONS = [
    ("续费", "renew", "продлить"),
    ("充值", "top up", "пополнить"),
    ("查询余额", "check the balance", "проверить баланс"),
    ("重置密码", "reset the password", "сбросить пароль"),
    ("登录", "log in to", "войти в"),
    ("激活", "activate", "активировать"),
    ("更换套餐", "change the plan", "сменить тариф"),
    ("开通漫游", "turn on roaming", "включить роуминг"),
    ("查看有效期", "see the validity of", "узнать срок действия"),
    ("绑定", "link", "привязать"),
    ("注销", "cancel", "отключить"),
    ("补办", "replace", "восстановить"),
]
CHANNELS = [
    ("官网", "the website", "сайт"),
    ("App", "the app", "приложение"),
    ("营业厅", "a carrier store", "салон связи"),
    ("自助终端", "a payment terminal", "платежный терминал"),
    ("支付宝", "Alipay", "Alipay"),
    ("银行卡", "a bank card", "банковскую карту"),
    ("短信", "SMS", "SMS"),
    ("USSD代码", "a USSD code", "USSD-команду"),
]
PROBLEMS = [
    ("付款失败", "the payment fails", "оплата не проходит"),
    ("没有到账", "the money does not arrive", "деньги не зачислены"),
    ("收不到验证码", "no SMS code arrives", "не приходит SMS-код"),
    ("信号很差", "the signal is weak", "плохой сигнал"),
    ("上不了网", "mobile data does not work", "не работает интернет"),
    ("卡过期了", "the card expired", "истек срок действия"),
    ("账户被锁", "the account is locked", "личный кабинет заблокирован"),
    ("余额不足", "the balance is too low", "не хватает денег"),
    ("号码被回收", "the number was recycled", "номер аннулирован"),
    ("扣费异常", "I was charged twice", "деньги списали дважды"),
]
FILLER_TEXT = {
    "zh-hans": """
    请 先 然后 如果 可以 需要 注意 一般 通常 大约 分钟 小时 天 月 卢布 流量 话费 套餐
    号码 账户 手机 护照 收据 订单 客服 网络 信号 城市 地铁 机场 车站 商场 超市 便利店
    海外 国内 旅行 学生 工作 家人 朋友 电脑 平板 路由器 设置 菜单 页面 按钮 选择 输入
    确认 等待 重新 检查 联系 保存 截图 记录 金额 限额 银行 钱包 优惠 活动 奖励 积分
    """,
    "en": """
    please first then if you can need note usually about minutes hours days month rubles
    data credit plan number account phone passport receipt order support network signal city
    metro airport station mall supermarket shop abroad home travel student work family
    friend laptop tablet router settings menu page button choose enter confirm wait again
    check contact save screenshot record amount limit bank wallet discount offer bonus
    points gigabytes minutes unlimited weekly monthly prepaid postpaid operator tariff
    package option service request balance history invoice refund transfer identity document
    address profile notification reminder schedule
    """,
    "ru": """
    пожалуйста сначала затем если можно нужно обратите обычно примерно минут часов дней
    месяц рублей трафик счет тариф номер аккаунт телефон паспорт чек заказ поддержка сеть
    сигнал город метро аэропорт вокзал торговый магазин за границей дома поездка студент
    работа семья друг ноутбук планшет роутер настройки меню страница кнопка выбрать ввести
    подтвердить подождать снова проверить связаться сохранить скриншот запись сумма лимит
    банк кошелек скидка предложение бонус баллы гигабайт безлимит неделя ежемесячно
    предоплата оператор пакет услуга заявка история возврат перевод документ адрес профиль
    уведомление напоминание
    """,
}
FILLER = {language: text.split() for language, text in FILLER_TEXT.items()}
LANGUAGES = ("zh-hans", "en", "ru")
_LANG_INDEX = {language: index for index, language in enumerate(LANGUAGES)}


def _title(
    *,
    rng: random.Random,
    language: str,
    carrier: str,
    card: str,
    action: str,
    problem: str,
    channel: str,
) -> str:
    form = rng.randrange(4)
    if language == "zh-hans":
        return [
            f"{carrier}{card}怎么通过{channel}{action}？",
            f"{carrier}{card}{problem}怎么办？",
            f"用{channel}{action}时{problem}",
            f"{card}能不能在{channel}{action}？",
        ][form]
    if language == "en":
        return [
            f"How do I {action} my {carrier} {card} through {channel}?",
            f"My {carrier} {card}: {problem}, what now?",
            f"{problem.capitalize()} when I {action} via {channel}",
            f"Can I {action} a {card} in {channel}?",
        ][form]
    return [
        f"Как {action} {card} {carrier} через {channel}?",
        f"{carrier}, {card}: {problem}, что делать?",
        f"{problem.capitalize()}, когда пытаюсь {action} через {channel}",
        f"Можно ли {action} {card} через {channel}?",
    ][form]


def _sentence(*, rng: random.Random, language: str, words: list[str]) -> str:
    picked = rng.sample(FILLER[language], 6) + words
    rng.shuffle(picked)
    number = f"{rng.randrange(1, 999)}"
    if language == "zh-hans":
        return "".join(picked[:5]) + number + "".join(picked[5:]) + "。"
    return " ".join(picked[:5]).capitalize() + f" {number} " + " ".join(picked[5:]) + "."


def synthetic_documents(*, count: int, seed: int = 20240601) -> list[Document]:
    """``count`` FAQs, each in zh-hans, en and ru (3 * count Documents), reproducibly."""
    rng = random.Random(seed)
    documents = []
    for number in range(count):
        carrier_slug = rng.choice(list(CARRIERS))
        card_slug = rng.choice(list(CARDS))
        action, channel, problem = rng.choice(ACTIONS), rng.choice(CHANNELS), rng.choice(PROBLEMS)
        filters = (
            (("carrier", carrier_slug), ("card_type", card_slug)) if rng.random() < 0.6 else ()
        )
        for language in LANGUAGES:
            at = _LANG_INDEX[language]
            parts = {
                "carrier": CARRIERS[carrier_slug][at],
                "card": CARDS[card_slug][at],
                "action": action[at],
                "problem": problem[at],
                "channel": channel[at],
            }
            title = _title(rng=rng, language=language, **parts)
            keywords = ", ".join(
                [parts["carrier"], parts["card"], parts["action"], parts["channel"]]
            )
            body = " ".join(
                _sentence(rng=rng, language=language, words=rng.sample(list(parts.values()), 2))
                for _ in range(rng.randint(3, 5))
            )
            documents.append(
                Document(
                    type="faq",
                    slug=f"synthetic-{number:06d}",
                    language=language,
                    title=title,
                    keywords=keywords,
                    body=body,
                    filters=filters,
                    popularity=rng.random(),
                )
            )
    return documents


# A fixed mix of the kinds of queries people type: zh, en, ru, typos, traditional Chinese,
# pinyin, wrong keyboard layout, mixed scripts, codes, and a few off-topic ones.
QUERY_MIX = [
    "俄罗斯流量卡怎么续费",
    "MTS怎么充值",
    "遠遊卡怎麼充值",
    "续废失败",
    "收不到验证码",
    "保号卡",
    "megafon app 怎么充值",
    "余额还有但是不能上网",
    "营业厅要带护照吗",
    "ICCID在哪里看",
    "how to top up mts",
    "megafone recharge",
    "paymnet faild",
    "data sim renewal",
    "reset password sms code",
    "beelin top-up",
    "tele 2 renewal",
    "check balance *100#",
    "card expired what now",
    "roaming sim abroad",
    "как пополнить баланс",
    "пополнеие баланса",
    "не работает интернет",
    "сбросить пароль",
    "мегафон через приложение",
    "gjgjkybnm ,fkfyc",
    "ytn bynthytnf",
    "baohaoka",
    "chongzhi shibai",
    "liuliangka xufei",
    "best borscht recipe",
    "погода в москве завтра",
    "莫斯科天气怎么样",
]
