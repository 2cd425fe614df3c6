"""The contract every search backend must pass, run against each backend class.

Small hand-made documents, not the shipped content: these tests are about the engine.
To check a new backend, add its class to ``BACKENDS``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import Document, SearchBackend, load_backend
from search.backends.fuzzy import FuzzyBackend

BACKENDS = [FuzzyBackend]

SYNONYMS = [
    ["续费", "充值", "renew", "top up", "recharge", "пополнить", "продлить", "пополнение"],
    ["登录", "登陆", "log in", "login", "sign in", "войти", "вход"],
    ["流量卡", "data sim", "сим-карта для интернета"],
]


def _doc(kind: str, slug: str, language: str, title: str, **fields: object) -> Document:
    return Document(type=kind, slug=slug, language=language, title=title, **fields)


DOCUMENTS = [
    _doc(
        "faq",
        "renew-methods",
        "zh-hans",
        "有哪些续费方式？",
        keywords="续费, 充值",
        body="可以在官网、App、营业厅或自助终端续费。",
    ),
    _doc(
        "faq",
        "renew-methods",
        "en",
        "What are the ways to renew?",
        keywords="renew, top up",
        body="Renew on the website, in the app, at a store or at a payment terminal.",
    ),
    _doc(
        "faq",
        "renew-methods",
        "ru",
        "Какие есть способы пополнить баланс?",
        keywords="пополнить, продлить",
        body="Пополнить можно на сайте, в приложении или в салоне.",
    ),
    _doc(
        "faq",
        "renewal-failed",
        "zh-hans",
        "续费失败怎么办？",
        keywords="续费失败, 付款失败",
        body="检查网络和银行卡限额，然后重试。",
    ),
    _doc(
        "faq",
        "renewal-failed",
        "en",
        "Why did my renewal fail?",
        keywords="payment failed",
        body="Check the network and the card limit, then try again.",
    ),
    _doc(
        "faq",
        "renewal-failed",
        "ru",
        "Почему не прошло продление?",
        keywords="ошибка оплаты",
        body="Проверьте сеть и лимит карты и попробуйте снова.",
    ),
    _doc(
        "faq",
        "balance-code",
        "en",
        "How do I check my balance?",
        keywords="balance, USSD",
        body="Dial *100# from the phone with the SIM.",
    ),
    _doc(
        "faq",
        "sim-serial",
        "en",
        "Where is the SIM serial number (ICCID)?",
        keywords="ICCID, serial",
        body="The ICCID is printed on the card. The IMEI identifies the phone, not the SIM.",
    ),
    _doc(
        "faq",
        "number-keeping",
        "zh-hans",
        "什么是保号卡？",
        keywords="保号卡, 保号套餐",
        body="保号卡让你在国外时用最低费用保住号码。",
    ),
    _doc(
        "faq",
        "number-keeping",
        "en",
        "What is a number-keeping plan?",
        keywords="keep my number",
        body="It keeps your number alive at the lowest cost while you are away.",
    ),
    _doc(
        "guide",
        "renew-mts",
        "en",
        "Renewing an MTS card",
        keywords="MTS, renew, top up",
        body="Open the MTS app and top up.",
        filters=(("carrier", "mts"),),
    ),
    _doc(
        "guide",
        "renew-megafon",
        "en",
        "Renewing a MegaFon card",
        keywords="MegaFon, renew, top up",
        body="Open the MegaFon app and top up.",
        filters=(("carrier", "megafon"),),
    ),
    _doc(
        "guide",
        "renew-data-card",
        "zh-hans",
        "流量卡怎么续费",
        keywords="流量卡, 续费",
        body="流量卡可以在App里续费。",
        filters=(("card_type", "data"),),
    ),
    _doc(
        "guide",
        "renew-data-card",
        "en",
        "Renewing a data SIM",
        keywords="data SIM, renew",
        body="Renew a data SIM in the app.",
        filters=(("card_type", "data"),),
    ),
    _doc(
        "troubleshooter",
        "login-failed",
        "zh-hans",
        "登录不了",
        keywords="登录失败, 密码",
        body="检查密码和键盘布局，然后重置密码。",
    ),
    _doc(
        "troubleshooter",
        "login-failed",
        "en",
        "I can't log in",
        keywords="login, password",
        body="Check the password and keyboard layout, then reset the password.",
    ),
    _doc(
        "troubleshooter",
        "login-failed",
        "ru",
        "Не могу войти в личный кабинет",
        keywords="вход, пароль",
        body="Проверьте пароль и раскладку клавиатуры.",
    ),
    _doc(
        "faq",
        "no-mobile-data",
        "ru",
        "Нет интернета, хотя деньги есть",
        keywords="интернет, трафик",
        body="Проверьте, не закончился ли пакет трафика.",
    ),
    _doc(
        "faq",
        "no-mobile-data",
        "en",
        "No mobile data although I have money",
        keywords="mobile data, internet",
        body="Check whether the data package ran out.",
    ),
]


@pytest.fixture(params=BACKENDS, ids=lambda backend: backend.__name__)
def backend(request: pytest.FixtureRequest) -> SearchBackend:
    backend = request.param()
    backend.build(DOCUMENTS, synonyms=SYNONYMS)
    return backend


def _top(
    backend: SearchBackend, query: str, *, language: str = "en", **options: object
) -> str | None:
    hits = backend.search(query, language=language, **options)
    return hits[0].key if hits else None


def test_it_finds_an_exact_title(backend: SearchBackend) -> None:
    assert _top(backend, "Where is the SIM serial number (ICCID)?") == "faq:sim-serial"
    assert _top(backend, "什么是保号卡？", language="zh-hans") == "faq:number-keeping"


def test_an_exact_title_is_a_confident_answer(backend: SearchBackend) -> None:
    hit = backend.search("Why did my renewal fail?", language="en")[0]
    assert hit.confident
    assert 0.0 <= hit.score <= 1.0
    assert "title" in hit.matched_fields


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("megafone top up", "en", "guide:renew-megafon"),
        ("paymnet faild", "en", "faq:renewal-failed"),
        ("пополнеие баланса", "ru", "faq:renew-methods"),
        ("续废失败", "zh-hans", "faq:renewal-failed"),
        ("登陆不了", "zh-hans", "troubleshooter:login-failed"),
    ],
)
def test_it_forgives_typos(
    backend: SearchBackend, query: str, language: str, expected: str
) -> None:
    hits = backend.search(query, language=language)
    assert hits[0].key == expected
    assert hits[0].confident


def _spelling_backend(*titles: str) -> FuzzyBackend:
    backend = FuzzyBackend()
    backend.build(
        Document(type="faq", slug=f"item-{number}", language="en", title=title)
        for number, title in enumerate(titles)
    )
    return backend


def test_it_forgives_two_typos_in_a_longer_word() -> None:
    backend = _spelling_backend("Check the balance", "Data plans")
    assert [word for word, _ in backend._index.typo_candidates("balans")] == ["balance"]
    hits = backend.search("how do i chek my balans", language="en")
    assert hits[0].slug == "item-0"
    assert hits[0].confident


def test_it_does_not_guess_between_equally_close_spellings() -> None:
    backend = _spelling_backend("Marked messages", "Marker colours")
    assert backend._index.typo_candidates("markex") != []  # one edit: still a typo
    assert backend._index.typo_candidates("markup") == []  # two edits from both


def _documents(*items: tuple[str, str, str]) -> FuzzyBackend:
    backend = FuzzyBackend()
    backend.build(
        Document(type="faq", slug=slug, language=language, title=title, keywords=keywords)
        for slug, language, title, keywords in items
    )
    return backend


@pytest.mark.parametrize(
    ("query", "language"),
    [("оплата не прошла", "ru"), ("the payment did not go through", "en")],
)
def test_a_negation_counts_where_the_document_negates_the_same_word(
    query: str, language: str
) -> None:
    # Both titles hold every word of the query; only one says what the query says.
    backend = _documents(
        ("went-through", "ru", "Оплата прошла, но деньги не пришли", ""),
        ("declined", "ru", "Оплата не прошла: что делать", ""),
        ("went-through", "en", "The payment did go through but the money did not arrive", ""),
        ("declined", "en", "The payment did not go through", ""),
    )
    assert [hit.slug for hit in backend.search(query, language=language)] == [
        "declined",
        "went-through",
    ]


def test_a_misspelling_kept_as_a_keyword_still_finds_the_right_word() -> None:
    # "numbr" is indexed (one item lists it as a keyword), yet it is also "number".
    backend = _documents(
        ("keeping", "en", "What is a number-keeping plan?", "numbr keeping"),
        ("suspended", "en", "My number was suspended", "blocked number"),
        ("plans", "en", "Choosing a data plan", ""),
    )
    hits = backend.search("numbr suspended", language="en")
    assert hits[0].slug == "suspended"
    assert hits[0].confident
    assert "keeping" in [hit.slug for hit in hits]


def test_it_reads_traditional_chinese(backend: SearchBackend) -> None:
    assert _top(backend, "續費失敗怎麼辦", language="zh-hans") == "faq:renewal-failed"


def test_it_matches_pinyin_against_chinese_titles(backend: SearchBackend) -> None:
    assert _top(backend, "baohaoka", language="zh-hans") == "faq:number-keeping"
    assert _top(backend, "xufei shibai", language="zh-hans") == "faq:renewal-failed"


def test_it_reads_russian_typed_on_an_english_layout(backend: SearchBackend) -> None:
    # "gjgjkybnm ,fkfyc" is "пополнить баланс" typed with the layout left on English.
    assert _top(backend, "gjgjkybnm ,fkfyc", language="ru") == "faq:renew-methods"
    assert _top(backend, "ytn bynthytnf", language="ru") == "faq:no-mobile-data"


def test_it_answers_across_languages(backend: SearchBackend) -> None:
    assert _top(backend, "пополнить баланс", language="zh-hans") == "faq:renew-methods"
    assert _top(backend, "续费失败", language="en") == "faq:renewal-failed"


def test_synonyms_bridge_words_the_document_does_not_use(backend: SearchBackend) -> None:
    # "recharge" appears in no document; the synonym group maps it to renew / top up.
    hits = backend.search("recharge data sim", language="en")
    assert hits[0].key == "guide:renew-data-card"


def test_it_keeps_codes_and_identifiers_whole(backend: SearchBackend) -> None:
    assert _top(backend, "*100#") == "faq:balance-code"
    hit = backend.search("iccid", language="en")[0]
    assert hit.key == "faq:sim-serial"
    assert "iccid" in hit.matched_terms


def test_it_returns_one_hit_per_item(backend: SearchBackend) -> None:
    hits = backend.search("renew 续费 пополнить", language="en", limit=50)
    keys = [hit.key for hit in hits]
    assert len(keys) == len(set(keys))


def test_hits_are_ordered_by_score(backend: SearchBackend) -> None:
    hits = backend.search("renew top up", language="en")
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_a_match_in_the_requested_language_is_preferred(backend: SearchBackend) -> None:
    # Both versions match the query equally well; the requested language wins.
    backend.build(
        [
            _doc("faq", "esim", "en", "MTS eSIM", body="About eSIM."),
            _doc("faq", "esim", "ru", "MTS eSIM", body="Про eSIM."),
            _doc("faq", "esim", "zh-hans", "MTS eSIM", body="关于eSIM。"),
        ]
    )
    for language in ("en", "ru", "zh-hans"):
        hits = backend.search("mts esim", language=language)
        assert [(hit.key, hit.language) for hit in hits] == [("faq:esim", language)]


def test_context_boosts_matching_items_and_demotes_others(backend: SearchBackend) -> None:
    query = "renew card app top up"
    assert _top(backend, query, context={"carrier": "mts"}) == "guide:renew-mts"
    assert _top(backend, query, context={"carrier": "megafon"}) == "guide:renew-megafon"
    mts = {
        hit.key: hit.score
        for hit in backend.search(query, language="en", context={"carrier": "megafon"})
    }
    neutral = {hit.key: hit.score for hit in backend.search(query, language="en")}
    assert mts["guide:renew-mts"] < neutral["guide:renew-mts"]


def test_it_restricts_to_the_requested_types(backend: SearchBackend) -> None:
    hits = backend.search("renew", language="en", types={"guide"})
    assert hits
    assert {hit.type for hit in hits} == {"guide"}
    assert backend.search("renew", language="en", types={"nothing-like-this"}) == []


def test_it_respects_the_limit(backend: SearchBackend) -> None:
    assert len(backend.search("renew", language="en", limit=2)) == 2
    assert backend.search("renew", language="en", limit=0) == []


@pytest.mark.parametrize(
    "query",
    [
        "莫斯科天气怎么样",
        "红场门票多少钱",
        "best borscht recipe",
        "train tickets moscow to kazan",
        "погода в москве завтра",
        "how to",
        "что",
    ],
)
def test_off_topic_queries_are_not_confident(backend: SearchBackend, query: str) -> None:
    hits = backend.search(query, language="en")
    assert not hits or not hits[0].confident


@pytest.mark.parametrize(
    "query", ["", "   ", "\x00\x01", "🙂🙂", "?!", "a" * 10_000, "续" * 10_000]
)
def test_degenerate_queries_do_not_raise(backend: SearchBackend, query: str) -> None:
    hits = backend.search(query, language="en")
    assert isinstance(hits, list)


def test_empty_queries_return_nothing(backend: SearchBackend) -> None:
    assert backend.search("", language="en") == []
    assert backend.search("  \t\n", language="en") == []


@settings(max_examples=150, deadline=None)
@given(query=st.text(max_size=300))
def test_any_text_is_searchable(query: str) -> None:
    for backend_class in BACKENDS:
        backend = backend_class()
        backend.build(DOCUMENTS[:4], synonyms=SYNONYMS)
        for hit in backend.search(query, language="ru", context={"carrier": "mts"}):
            assert 0.0 <= hit.score <= 1.0


def test_building_again_replaces_the_index(backend: SearchBackend) -> None:
    backend.build([_doc("faq", "only", "en", "A brand new question about eSIM")])
    assert _top(backend, "esim") == "faq:only"
    assert _top(backend, "renew") is None


def test_an_empty_index_finds_nothing(backend: SearchBackend) -> None:
    backend.build([])
    assert backend.search("renew", language="en") == []


def test_load_backend_instantiates_a_backend_by_dotted_path() -> None:
    backend = load_backend("search.backends.fuzzy.FuzzyBackend", confidence_threshold=0.7)
    assert isinstance(backend, FuzzyBackend)
    assert backend.confidence_threshold == 0.7
    with pytest.raises(ImportError):
        load_backend("search.documents.Document")
