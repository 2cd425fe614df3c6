"""The quality of the fuzzy backend: typos, scripts, layouts, synonyms, codes, off-topic.

What every backend must do is in ``test_backend_contract.py``; these tests are about
:class:`~search.backends.fuzzy.FuzzyBackend` only.
"""

from __future__ import annotations

import pytest

from search import Document, SearchBackend
from search.backends.fuzzy import FuzzyBackend, Tuning
from search.backends.fuzzy.vocabulary import Vocabulary
from search.normalize import PINYIN_PREFIX
from tests.search.documents import DOCUMENTS, SYNONYMS, doc, top


@pytest.fixture
def backend() -> FuzzyBackend:
    backend = FuzzyBackend()
    backend.build(DOCUMENTS, synonyms=SYNONYMS)
    return backend


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
    assert [word for word, _ in backend._index.vocabulary.typo_candidates("balans")] == ["balance"]
    hits = backend.search("how do i chek my balans", language="en")
    assert hits[0].slug == "item-0"
    assert hits[0].confident


def test_it_does_not_guess_between_equally_close_spellings() -> None:
    backend = _spelling_backend("Marked messages", "Marker colours")
    assert backend._index.vocabulary.typo_candidates("markex") != []  # one edit: still a typo
    assert backend._index.vocabulary.typo_candidates("markup") == []  # two edits from both


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


@pytest.mark.parametrize(
    "query",
    [
        "пополнить с китайской карты не получается",
        "не получается пополнить счет",
        "пополнить никак не могу",
    ],
)
def test_a_failure_of_one_action_is_not_a_failure_of_another(query: str) -> None:
    # The login title shares "не получается" with the query, the top-up one its verb: what
    # failed is the verb the modal governs.
    backend = _documents(
        ("login", "ru", "Не получается войти в личный кабинет", "не могу войти, вход"),
        ("topup", "ru", "Пополнение с карты отклонено", "не удалось пополнить, карта"),
    )
    assert backend.search(query, language="ru")[0].slug == "topup"


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("счёт не пополнился", "ru", "not-credited"),
        ("не получается пополнить счёт", "ru", "failed"),
        ("пополнить счёт не получилось", "ru", "failed"),
        ("the account did not top up", "en", "not-credited"),
        ("i cannot top up the account", "en", "failed"),
    ],
)
def test_a_failed_attempt_is_told_from_a_failed_outcome(
    query: str, language: str, expected: str
) -> None:
    # Both titles negate the same verb. Trying to top up and failing is the declined
    # payment; a top-up that never reached the account is the other answer. Which modal
    # says that the attempt failed ("могу", "получается") is no matter.
    backend = _documents(
        ("failed", "ru", "Счёт не могу пополнить", "деньги"),
        ("not-credited", "ru", "Счёт не пополнился", "деньги"),
        ("failed", "en", "Cannot top up the account", "money"),
        ("not-credited", "en", "Did not top up the account", "money"),
    )
    assert backend.search(query, language=language)[0].slug == expected


def test_a_modal_misspelled_by_its_ending_still_passes_the_negation_on() -> None:
    backend = _documents(
        ("login", "ru", "Не получается войти в личный кабинет", "не могу войти, вход"),
        ("topup", "ru", "Пополнение с карты отклонено", "не удалось пополнить, карта"),
    )
    reading = backend.read_query("не удаеться пополнить")
    assert reading is not None and reading.negated == ("пополнить",)
    assert backend.search("не удаеться пополнить", language="ru")[0].slug == "topup"


def test_the_modal_of_a_failure_weighs_as_a_stop_word() -> None:
    # "могу" in "не могу войти" only says that logging in failed, which ¬войти says: that the
    # general title happens to spell it out does not outweigh the cause the query names.
    backend = _documents(
        ("general", "ru", "Не могу войти в личный кабинет", "вход, кабинет, приложение"),
        ("layout", "ru", "Пароль не подходит: раскладка клавиатуры", "не получается войти"),
    )
    assert backend.search("не могу войти, клавиатура", language="ru")[0].slug == "layout"
    assert backend.search("не могу войти в кабинет", language="ru")[0].slug == "general"


@pytest.mark.parametrize(
    ("asked", "other", "language", "title"),
    [
        ("where can i top up with cash", "can i top up with cash", "en", "Top up with cash"),
        ("где пополнить наличными", "как пополнить наличными", "ru", "Пополнить наличными"),
        ("在哪里用现金充值", "怎么用现金充值", "zh-hans", "用现金充值"),
    ],
)
def test_a_document_that_answers_where_comes_first_when_the_question_asks_where(
    asked: str, other: str, language: str, title: str
) -> None:
    # Two items say the same words; the guide to a place says where to pay (its title asks
    # how, as most titles do). Asked where, it comes first; asked anything else, the tie
    # stays as it was (the list of payment methods, first by key).
    backend = FuzzyBackend()
    backend.build(
        [
            Document(type="faq", slug="methods", language=language, title=title),
            Document(type="guide", slug="shop", language=language, title=title, asks=("where",)),
        ]
    )
    assert [hit.slug for hit in backend.search(asked, language=language)] == ["shop", "methods"]
    assert [hit.slug for hit in backend.search(other, language=language)] == ["methods", "shop"]


def test_an_unknown_kind_of_question_is_refused_when_the_index_is_built() -> None:
    backend = FuzzyBackend()
    with pytest.raises(ValueError, match="unknown kind of question 'wher'"):
        backend.build([Document(type="faq", slug="a", language="en", title="A", asks=("wher",))])


@pytest.mark.parametrize(
    ("common", "rare", "verb"),
    [("not", "couldnt", "log"), ("not", "cannot", "log"), ("не", "нет", "входа")],
)
def test_every_negation_weighs_what_the_commonest_one_weighs(
    common: str, rare: str, verb: str
) -> None:
    # No document writes "couldnt" (they write "can't"): as a word the index does not know it
    # weighed more than anything else the query said, the keyboard or the card it names.
    backend = _documents(
        ("login", "en", "I can't log in", "login, account, not working"),
        ("data", "en", "Mobile data is not working", "internet, no data"),
        ("paid", "en", "I paid but the money has not arrived", "balance, top up"),
        ("login", "ru", "Не получается войти", "вход, не могу войти"),
        ("data", "ru", "Не работает интернет", "нет интернета, трафик"),
        ("paid", "ru", "Деньги не пришли", "баланс, не зачислили"),
    )

    def share(query: str, word: str) -> float:
        reading = backend.read_query(query)
        assert reading is not None
        return next(part for label, part, _known in reading.parts if label == word)

    assert share(f"{rare} {verb}", rare) == share(f"{common} {verb}", common)
    assert share(f"{rare} {verb}", rare) < share(f"{rare} {verb}", verb)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "不成功" says only that the verb before it failed: which failure is in the verb.
        ("一直登录不成功", "login"),
        ("充值不成功", "topup"),
        # A complement that splits a verb ("付款" in "付不了款") leaves the verb matched.
        ("官网付不了款", "payment"),
    ],
)
def test_a_chinese_failure_complement_leaves_the_verb_to_decide(query: str, expected: str) -> None:
    backend = _documents(
        ("login", "zh-hans", "登录不了运营商账户怎么办", "登录失败, 登不上"),
        ("topup", "zh-hans", "续费或充值不成功怎么办", "充值失败, 续费不成功"),
        ("payment", "zh-hans", "付款被拒怎么办", "付款失败, 银行卡"),
        ("website", "zh-hans", "在运营商官网续费", "官网, 网站"),
    )
    assert backend.search(query, language="zh-hans")[0].slug == expected


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


def test_a_word_read_as_a_typo_reaches_synonyms_no_surer_than_the_typo() -> None:
    from search.backends.fuzzy.plan import plan_query

    backend = FuzzyBackend()
    backend.build(
        [
            doc("faq", "website", "en", "Pay on the carrier's website", keywords="website"),
            doc("faq", "sides", "en", "Which side of the SIM card faces up"),
            doc("faq", "balance", "en", "Check the balance"),
        ],
        synonyms=[["website", "site", "web page"]],
    )
    index = backend._index

    def quality(query: str, term: str) -> float:
        plan = plan_query(index=index, text=query)
        wanted = index.term(term)
        return max(
            quality
            for unit in plan.units
            for term_ids, quality in unit.alternatives
            if term_ids == (wanted,)
        )

    # "side" is a word one document holds, so it may also be a typo of "site"; but "on
    # their side" is most often just "side": the website is only as likely as the typo.
    similarity = dict(index.vocabulary.typo_candidates("side", besides="side"))["site"]
    assert quality("side", "side") == 1.0
    assert quality("side", "websit") <= similarity * backend.tuning.synonym_quality
    assert top(backend, "which side up") == "faq:sides"
    # A word the index does not know at all is a typo: its correction's synonyms count in
    # full ("webiste" is "website").
    assert quality("webiste", "websit") == 1.0


def test_it_reads_traditional_chinese(backend: SearchBackend) -> None:
    assert top(backend, "續費失敗怎麼辦", language="zh-hans") == "faq:renewal-failed"


def test_it_matches_pinyin_against_chinese_titles(backend: SearchBackend) -> None:
    assert top(backend, "baohaoka", language="zh-hans") == "faq:number-keeping"
    assert top(backend, "xufei shibai", language="zh-hans") == "faq:renewal-failed"


def test_it_reads_russian_typed_on_an_english_layout(backend: SearchBackend) -> None:
    # "gjgjkybnm ,fkfyc" is "пополнить баланс" typed with the layout left on English.
    assert top(backend, "gjgjkybnm ,fkfyc", language="ru") == "faq:renew-methods"
    assert top(backend, "ytn bynthytnf", language="ru") == "faq:no-mobile-data"


def test_it_answers_across_languages(backend: SearchBackend) -> None:
    assert top(backend, "пополнить баланс", language="zh-hans") == "faq:renew-methods"
    assert top(backend, "续费失败", language="en") == "faq:renewal-failed"


def test_synonyms_bridge_words_the_document_does_not_use(backend: SearchBackend) -> None:
    # "recharge" appears in no document; the synonym group maps it to renew / top up.
    hits = backend.search("recharge data sim", language="en")
    assert hits[0].key == "guide:renew-data-card"


def test_it_keeps_codes_and_identifiers_whole(backend: SearchBackend) -> None:
    assert top(backend, "*100#") == "faq:balance-code"
    hit = backend.search("iccid", language="en")[0]
    assert hit.key == "faq:sim-serial"
    assert "iccid" in hit.matched_terms


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


def test_its_internal_pinyin_terms_are_not_marked(backend: FuzzyBackend) -> None:
    assert backend.marked_terms(["续费", "", f"{PINYIN_PREFIX}xufei", "xufei"]) == [
        "续费",
        "xufei",
    ]
    hit = backend.search("baohaoka", language="zh-hans")[0]
    assert not any(
        term.startswith(PINYIN_PREFIX) for term in backend.marked_terms(hit.matched_terms)
    )


# -- knowing what it does not know ---------------------------------------------------------


def _renewal_backend(**options) -> FuzzyBackend:
    backend = FuzzyBackend()
    backend.build(
        [
            doc(
                "faq",
                "top-up-online",
                "en",
                "How to top up my card online",
                keywords="top up, card, online, balance",
                body="Open the carrier's website, enter the number and the amount, and pay.",
            ),
            doc(
                "faq",
                "top-up-online",
                "zh-hans",
                "怎么在网上给卡充值",
                keywords="充值, 卡, 网上",
                body="打开运营商官网，输入号码和金额，然后付款。",
            ),
            doc(
                "faq",
                "check-balance",
                "en",
                "How to check my balance",
                keywords="balance, money left",
                body="Dial the balance code or open the app.",
            ),
        ],
        synonyms=[["top up", "充值", "recharge"]],
        **options,
    )
    return backend


def test_a_word_the_index_never_saw_lowers_confidence_but_not_the_order() -> None:
    backend = _renewal_backend()
    plain = backend.search("how to top up my card online", language="en")
    trap = backend.search("how to top up my troika card online", language="en")
    assert plain[0].key == trap[0].key == "faq:top-up-online"
    assert plain[0].score == 1.0 and trap[0].score < 0.8
    assert [hit.key for hit in plain] == [hit.key for hit in trap]


def test_known_characters_in_an_unknown_chinese_word_count_as_unknown() -> None:
    # 交 and 通 are not in the index as a pair: "交通卡" is not a word of this collection.
    backend = _renewal_backend()
    plain = backend.search("卡怎么充值", language="zh-hans")
    trap = backend.search("交通卡怎么充值", language="zh-hans")
    assert plain[0].confident and not trap[0].confident


def test_a_query_touching_no_anchor_is_not_confident_with_anchors_only() -> None:
    without = _renewal_backend()
    with_anchors = _renewal_backend(anchors=["balance", "top up", "充值"])
    query = "open the website online"  # words of the collection, but none of its topics
    assert without.search(query, language="en")[0].score > (
        with_anchors.search(query, language="en")[0].score
    )
    # A synonym of an anchor counts as the anchor: "recharge" is "top up".
    assert with_anchors.search("recharge card online", language="en")[0].confident


def test_it_says_how_it_read_a_query_and_what_lowers_its_confidence() -> None:
    """For staff asking why a question got no confident answer: which words the index does
    not know, how much of the question they are, and whether it touches a topic anchor."""
    backend = _renewal_backend(anchors=["balance", "top up", "充值"])
    trap = backend.read_query("Top up my TROIKA card")
    assert trap.text == "top up my troika card"
    assert [text for text, _share, known in trap.parts if not known] == ["troika"]
    assert sum(share for _text, share, _known in trap.parts) == pytest.approx(1.0, abs=0.01)
    assert trap.anchored and trap.unknown_share > 0.4 and trap.confidence_factor < 0.7
    plain = backend.read_query("how to top up my card")
    assert plain.unknown_share == 0 and plain.confidence_factor == 1.0
    # Chinese: a run of characters the index does not know as a word is one part.
    chinese = backend.read_query("交通卡怎么充值")
    unknown = [text for text, _share, known in chinese.parts if not known]
    assert unknown and unknown[0].startswith("交通")
    assert any("充值" in text for text, _share, known in chinese.parts if known)
    unanchored = backend.read_query("open the website online")
    assert not unanchored.anchored and unanchored.confidence_factor < 1.0
    assert backend.read_query("   ") is None


@pytest.mark.parametrize(
    ("joined", "spaced"),
    [("chongzhishibai", "chong zhi shi bai"), ("denglushibai", "deng lu shi bai")],
)
def test_joined_pinyin_is_split_into_syllables_and_found_like_spaced_pinyin(
    joined: str, spaced: str
) -> None:
    backend = FuzzyBackend()
    backend.build(
        [
            doc("faq", "renewal-failed", "zh-hans", "充值失败怎么办", keywords="充值失败"),
            doc("troubleshooter", "login-failed", "zh-hans", "登录失败", keywords="登录, 密码"),
            doc("faq", "check-balance", "zh-hans", "怎么查余额", keywords="余额, 话费"),
        ]
    )
    found = backend.search(joined, language="zh-hans")
    assert found and found[0].key == top(backend, spaced, language="zh-hans")
    assert found[0].confident


def test_words_split_by_a_stray_space_are_joined_but_two_stop_words_are_not() -> None:
    # "tele 2" is Tele2; "me an" in "gives me an error" is not "mean".
    backend = _built(
        doc("faq", "tele2", "en", "Top up a Tele2 number", keywords="tele2"),
        doc("faq", "meaning", "en", "What does my plan mean", keywords="plan meaning"),
        doc("faq", "error", "en", "The payment page gives an error", keywords="error"),
    )
    assert top(backend, "tele 2 top up", language="en") == "faq:tele2"
    hits = backend.search("the app gives me an error", language="en")
    assert hits[0].key == "faq:error"
    assert "faq:meaning" not in [hit.key for hit in hits]


def test_a_typo_that_reads_as_joined_pinyin_is_corrected_not_split() -> None:
    # "balanse" splits into ba-lan-se, but no pinyin term of the index joins those syllables.
    backend = _spelling_backend("Check the balance", "Data plans")
    hits = backend.search("how to chek balanse", language="en")
    assert hits[0].slug == "item-0"
    assert hits[0].confident


def test_russian_typed_in_latin_letters_finds_the_russian_item() -> None:
    backend = FuzzyBackend()
    backend.build(
        [
            doc("faq", "topup", "ru", "Как пополнить баланс", keywords="пополнить счёт"),
            doc("faq", "login", "ru", "Не получается войти в личный кабинет"),
            doc("faq", "data", "ru", "Как узнать, сколько осталось трафика"),
            doc("faq", "topup", "en", "How to top up the balance"),
            doc("faq", "login", "en", "I can't log in to my account"),
        ]
    )
    for query, slug in (
        ("kak popolnit balans", "topup"),
        ("kak vojti v lichnyj kabinet", "login"),
        # Without the soft signs: "узнат", "сколко", "осталос" are a typo from the words.
        ("kak uznat skolko ostalos trafika", "data"),
    ):
        hits = backend.search(query, language="ru")
        assert hits[0].slug == slug, query
        assert hits[0].confident, query
    # English with typos is read as English, not as Russian: "chek" is not "чек".
    assert top(backend, "how to chek my balanse", language="en") == "faq:topup"
    # ... but beside a word that is surely Russian, "balans" (also an English typo) is Russian.
    hits = backend.search("popolnit balans megafon", language="en")
    assert hits[0].key == "faq:topup" and hits[0].language == "ru"


def test_a_phone_number_or_an_amount_in_a_question_does_not_cost_confidence() -> None:
    backend = _spelling_backend("My top-up failed", "Check the balance")
    plain = backend.search("top-up failed", language="en")[0]
    with_numbers = backend.search("+7 999 123 45 67 top-up failed 500", language="en")[0]
    assert with_numbers.slug == plain.slug == "item-0"
    assert with_numbers.confident
    assert with_numbers.score >= plain.score * 0.9


def test_pinyin_with_tone_marks_is_found_like_plain_pinyin() -> None:
    backend = FuzzyBackend()
    backend.build([doc("faq", "renewal-failed", "zh-hans", "充值失败怎么办", keywords="充值失败")])
    assert top(backend, "chōngzhí shībài", language="zh-hans") == "faq:renewal-failed"


@pytest.mark.parametrize(
    ("titles", "language", "stop_word"),
    [
        # In three languages an English stop word has the IDF of a topic word: "my" must not
        # be a third of what "My payment failed" says.
        (("My payment failed", "Which payment methods can I use", "Оплата не прошла"), "en", "my"),
        # The query side weighs "一直" (always) like a stop word; the title side must too, or
        # "支付一直失败" asks a question to explain a word no question is about.
        (("支付一直失败", "怎样续费", "银行卡被拒"), "zh-hans", "一直"),
    ],
)
def test_the_stop_words_of_a_title_count_less_in_how_much_of_it_is_explained(
    titles: tuple[str, ...], language: str, stop_word: str
) -> None:
    information = {}
    for factor in (1.0, 0.5):
        backend = FuzzyBackend(tuning=Tuning(title_stopword_factor=factor))
        backend.build(
            Document(type="faq", slug=f"item-{n}", language=language, title=title)
            for n, title in enumerate(titles)
        )
        index = backend._index
        information[factor] = float(index.title_information[0])
        idf = float(index.idf[index.term(stop_word)])
    assert information[0.5] == pytest.approx(information[1.0] - idf / 2)


def test_an_english_word_that_reads_as_pinyin_is_left_alone() -> None:
    backend = _spelling_backend("Change the app language", "Check the balance")
    assert top(backend, "change language") == "faq:item-0"


def test_what_one_query_may_cost_is_bounded_in_every_script() -> None:
    from search.backends.fuzzy.plan import plan_query
    from search.backends.fuzzy.tokens import MAX_POSITIONS

    backend = _renewal_backend()
    for query in ("充值卡网上" * 40, "top up card online " * 12, "充值 top up " * 30):
        plan = plan_query(index=backend._index, text=query)
        assert 0 < len(plan.weights) <= MAX_POSITIONS
    # Saying a phrase again adds nothing: the plan is the plan of saying it once.
    once = plan_query(index=backend._index, text="top up card online")
    again = plan_query(index=backend._index, text="top up card online top up card online")
    assert once.weights == again.weights


def test_a_synonym_or_anchor_that_stems_to_stop_words_only_is_ignored() -> None:
    # "имей" (IMEI said aloud) stems to "им" ("them"), a stop word.
    def backend(*, anchors: list[str], synonyms: list[list[str]]) -> FuzzyBackend:
        built = FuzzyBackend()
        built.build(
            [
                doc("faq", "imei", "ru", "Как узнать IMEI телефона", keywords="IMEI"),
                doc("faq", "call", "ru", "Как позвонить оператору", body="Позвоните им."),
            ],
            anchors=anchors,
            synonyms=synonyms,
        )
        return built

    query = "как им позвонить"
    plain = backend(anchors=["IMEI"], synonyms=[])
    spoken = backend(anchors=["IMEI", "имей"], synonyms=[["IMEI", "имей"]])
    assert [(h.key, h.score) for h in spoken.search(query, language="ru")] == [
        (h.key, h.score) for h in plain.search(query, language="ru")
    ]
    assert top(spoken, "имей телефона", language="ru") == "faq:imei"


def test_a_russian_verb_is_found_with_another_prefix() -> None:
    # "кинул" and "закинуть", "платил" and "оплатить": one act, another verb prefix.
    backend = _built(
        doc("faq", "top-up", "ru", "Как закинуть деньги на счёт", keywords="пополнить"),
        doc("faq", "pay", "ru", "Как оплатить тариф картой", keywords="оплата"),
        doc("faq", "login", "ru", "Не получается войти в кабинет", keywords="пароль"),
    )
    thrown = backend.search("кинул деньги на счёт", language="ru")
    assert thrown[0].key == "faq:top-up" and thrown[0].confident
    assert top(backend, "платил тариф", language="ru") == "faq:pay"
    # The root alone is not taken for a prefixed word: "сдача" is not "дача".
    from search.normalize import prefix_relatives, stem

    assert stem("дача") not in prefix_relatives(stem("сдача"))
    assert stem("закинуть") in prefix_relatives(stem("кинул"))


def test_an_amount_glued_to_its_unit_costs_little_confidence() -> None:
    backend = _renewal_backend()
    plain = backend.search("top up 500 online", language="en")
    glued = backend.search("top up 500rub online", language="en")
    assert glued[0].key == plain[0].key and glued[0].confident
    assert glued[0].score >= plain[0].score - 0.1  # the unit weighs like a stop word


def test_a_synonym_that_starts_with_a_digit_is_not_read_as_an_amount() -> None:
    # "3ds" looks like "3" and a unit, as "500р" does; no document spells it, but its synonym
    # group says what it is: "3-D Secure", which documents index as "3d" (a one-letter part
    # is not a term of its own).
    backend = FuzzyBackend()
    backend.build(
        [
            doc("faq", "bank-code", "ru", "Не приходит код 3-D Secure от банка при оплате"),
            doc("faq", "login-code", "ru", "Не приходит SMS-код для входа в кабинет"),
        ],
        synonyms=[("3-D Secure", "3DS")],
    )
    hits = backend.search("3ds не приходит", language="ru")
    assert hits[0].key == "faq:bank-code" and hits[0].confident


def test_words_that_only_report_what_a_screen_says_do_not_pick_the_answer() -> None:
    # "let", "пишет" ("it says") carry no topic: the payment is what the question is about.
    backend = _built(
        doc("faq", "pay", "en", "Why did my payment fail?", keywords="pay, payment"),
        doc("faq", "login", "en", "The site won't let me log in", keywords="log in"),
        doc("faq", "pay", "ru", "Почему не прошла оплата?", keywords="ошибка платежа"),
        doc("faq", "login", "ru", "Не могу войти: пишет, что пароль неверный"),
    )
    assert top(backend, "why wont it let me pay", language="en") == "faq:pay"
    assert top(backend, "пишет ошибка платежа", language="ru") == "faq:pay"


def test_an_inflected_light_verb_weighs_like_the_stop_word_it_is() -> None:
    # "gets" says no more than "get": a hub whose keywords say "keeps getting declined" does
    # not beat the item whose title is the question.
    backend = _built(
        doc(
            "faq",
            "declined",
            "en",
            "My bank card was declined",
            keywords="card declined, card refused",
        ),
        doc(
            "troubleshooter",
            "payment",
            "en",
            "My payment failed",
            keywords="payment failed, payment keeps getting declined, card",
        ),
        doc("faq", "login", "en", "I cannot log in", keywords="login failed, wrong password"),
        doc("faq", "data", "en", "Mobile data does not work", keywords="no internet"),
    )
    assert top(backend, "my card gets declined", language="en") == "faq:declined"


@pytest.mark.parametrize(
    ("filler", "query", "language"),
    [
        ("блин", "симка не работает", "ru"),
        ("просто", "симка не работает", "ru"),
        ("suddenly", "my sim stopped working", "en"),
    ],
)
def test_a_filler_word_costs_a_question_nothing(filler: str, query: str, language: str) -> None:
    # "блин" (damn) and "просто" (just) say no more than "just" does in English: a word the
    # index never saw would lower confidence, one a body holds in passing would pick it.
    in_passing = "Блин, просто выберите самый дешёвый. Внезапно подорожал? Смените тариф."
    backend = _built(
        doc("faq", "sim-dead", "ru", "Симка не работает", keywords="сим-карта не работает"),
        doc("faq", "sim-dead", "en", "My SIM stopped working", keywords="sim not working"),
        doc("faq", "cheap-plan", "ru", "Какой тариф выбрать", body=in_passing),
        doc("faq", "cheap-plan", "en", "Which plan to choose", body="Suddenly pricier? Switch."),
    )
    plain = backend.search(query, language=language)[0]
    with_filler = backend.search(f"{filler} {query}", language=language)[0]
    assert with_filler.key == plain.key == "faq:sim-dead"
    assert with_filler.confident
    assert with_filler.score == pytest.approx(plain.score, abs=0.02)


@pytest.mark.parametrize(
    ("plain", "with_preposition", "language"),
    [
        ("top up the app", "top up inside the app", "en"),
        ("пополнить приложение", "пополнить внутри приложения", "ru"),
    ],
)
def test_a_preposition_costs_a_question_nothing(
    plain: str, with_preposition: str, language: str
) -> None:
    # "inside" says no more than "in": a body that uses it in passing (where the terminal
    # stands) must not pick that item, nor may the rare word lower the confidence.
    backend = _built(
        doc("faq", "in-app", "en", "Top up in the app", keywords="pay in the app"),
        doc("faq", "in-app", "ru", "Пополнить в приложении", keywords="оплата в приложении"),
        doc("faq", "store", "en", "Top up at a store", body="Inside, near the door: a terminal."),
        doc("faq", "store", "ru", "Пополнить в салоне", body="Внутри салона, у двери, терминал."),
    )
    expected = backend.search(plain, language=language)[0]
    found = backend.search(with_preposition, language=language)[0]
    assert found.key == expected.key == "faq:in-app"
    assert found.confident
    assert found.score == pytest.approx(expected.score, abs=0.05)


@pytest.mark.parametrize("function_word", ["一直", "已经"])
def test_a_chinese_function_word_costs_the_question_little(function_word: str) -> None:
    # "一直" (all the time) and "已经" (already) say nothing about the topic; a document
    # that only shares them with the question ("一直付不了") gains nothing from them.
    backend = _built(
        doc("faq", "declined", "zh-hans", "银行卡被拒绝怎么办", keywords="银行卡被拒, 卡被拒"),
        doc(
            "troubleshooter",
            "payment",
            "zh-hans",
            "付款失败",
            keywords="付款失败, 银行卡, 一直付不了, 已经扣款",
        ),
    )
    plain = backend.search("银行卡被拒", language="zh-hans")
    hits = backend.search(f"银行卡{function_word}被拒", language="zh-hans")
    assert hits[0].key == plain[0].key == "faq:declined"
    assert hits[0].score >= plain[0].score - 0.15
    assert hits[1].score < hits[0].score / 1.5


def test_bm25_weighs_more_in_a_long_story_than_in_a_short_question() -> None:
    from search.backends.fuzzy.plan import Plan
    from search.backends.fuzzy.scoring import _bm25_share

    tuning = Tuning()

    def share(information: float) -> float:
        return _bm25_share(Plan(weights=[], units=[], information=[information]), tuning)

    # A question of a few words is ranked by what its title says; in a story of many
    # words, every item covers some of them and BM25 tells them apart.
    assert share(4.0) == share(tuning.long_information / 3) == tuning.bm25_share
    assert tuning.bm25_share < share(20.0) < tuning.bm25_share_long
    assert share(tuning.long_information) == share(100.0) == tuning.bm25_share_long


def _built(*documents: Document) -> FuzzyBackend:
    backend = FuzzyBackend()
    backend.build(list(documents))
    return backend


def test_two_letters_swapped_are_found_though_they_break_the_trigrams_around_them() -> None:
    # "траиф" shares one trigram with "тариф", two with each of forty-odd other words.
    others = [f"тра{first}{second}" for first in "бвгдлмн" for second in "аоуыэя"]
    vocabulary = Vocabulary([*others, "тариф"], min_typo_similarity=0.75)
    assert [word for word, _ in vocabulary.typo_candidates("траиф")] == ["тариф"]


def test_a_misspelled_word_is_read_as_the_word_it_misspells_for_the_kind_of_question() -> None:
    backend = FuzzyBackend()
    backend.build(
        [
            doc(
                "faq", "what-is-a-data-sim", "en", "What is a data SIM card?", body="Internet only."
            ),
            doc("troubleshooter", "no-data", "en", "No internet on my SIM card"),
        ]
    )
    # "no internet" reports a failure, and its negation binds to the word meant: so does
    # "no interent".
    for query in ("sim card no internet", "sim card no interent"):
        hits = backend.search(query, language="en")
        assert hits[0].slug == "no-data", query
    right, typed = (
        backend.search(query, language="en")[0].score
        for query in ("sim card no internet", "sim card no interent")
    )
    assert typed > 0.9 * right


def test_a_misspelled_stop_word_is_that_stop_word() -> None:
    backend = _spelling_backend("Which SIM do I need?", "Why renew a number I rarely use?")
    reading = backend.read_query("do i raelly need a sim")
    # "raelly" is "really", a stop word: neither unknown nor "rarely".
    assert reading.unknown_share == 0.0
    assert backend.search("do i raelly need a sim", language="en")[0].slug == "item-0"
    assert [
        (hit.slug, hit.score) for hit in backend.search("whree do i need a sim", language="en")
    ] == [(hit.slug, hit.score) for hit in backend.search("where do i need a sim", language="en")]


def test_a_word_no_document_spells_so_may_misspell_another_though_its_stem_is_known() -> None:
    backend = FuzzyBackend()
    backend.build(
        [
            doc("faq", "money", "ru", "Как положить деньги на счёт", keywords="пополнить"),
            doc("faq", "days", "ru", "Сколько дней действует тариф", body="Один день или месяц."),
            *(
                doc("faq", f"other-{number}", "ru", title, body="Это займёт день.")
                for number, title in enumerate(["Роуминг", "Смена тарифа", "Новая сим-карта"])
            ),
        ]
    )
    # "деньи" (for "деньги") stems as "день" does.
    assert backend.search("деньи", language="ru")[0].slug == "money"
    assert backend.search("как положить деньи на счет", language="ru")[0].slug == "money"
    # A form of a word no document spells is no typo of another form of it.
    assert backend.search("сколько дню действует тариф", language="ru")[0].slug == "days"


def _plan_and_choose(tuning: Tuning | None = None) -> FuzzyBackend:
    backend = FuzzyBackend(tuning=tuning)
    backend.build(
        [
            doc("faq", "find-number", "en", "How to find my own phone number"),
            doc("faq", "choose-plan", "en", "Which plan should I choose?"),
            doc("faq", "top-up", "ru", "Как закинуть деньги на счёт"),
            doc("faq", "receipt", "ru", "Нужно ли хранить чек после оплаты?"),
            doc("faq", "registration", "ru", "Регистрация номера для иностранного гражданина"),
        ]
    )
    return backend


def test_a_word_of_the_language_is_not_read_as_a_misspelling_of_another() -> None:
    # "kind" is one letter from "find", "выкинуть" two from "закинуть"; both are words of
    # their language that the index happens not to hold, not misspellings.
    backend = _plan_and_choose()
    as_typos = _plan_and_choose(Tuning(common_word_zipf=float("inf")))  # as they were read
    # Read as typos, they answered confidently what nobody asked.
    assert as_typos.search("выкинуть", language="ru")[0].key == "faq:top-up"
    assert as_typos.search("выкинуть", language="ru")[0].confident
    assert backend.search("выкинуть", language="ru") == []
    hits = as_typos.search("what kind of number", language="en")
    assert hits[0].key == "faq:find-number" and hits[0].confident
    assert not any(hit.confident for hit in backend.search("what kind of number", language="en"))
    # Staff see the word as one the index does not know, not as a known word.
    read = {text: known for text, _share, known in backend.read_query("what kind of plan").parts}
    assert read["kind"] is False and read["plan"] is True


def test_a_misspelling_or_another_form_of_a_word_is_still_corrected() -> None:
    backend = _plan_and_choose()
    # "fnid" is no word: it is still read as "find".
    hits = backend.search("how to fnid my number", language="en")
    assert hits[0].key == "faq:find-number" and hits[0].confident
    # "гражданка" is a word, and "гражданина" the same word in another form: it stays.
    assert top(backend, "я гражданка китая, нужна регистрация?", language="ru") == (
        "faq:registration"
    )
    hits = backend.search("гражданка", language="ru")
    assert hits and hits[0].key == "faq:registration"


def test_how_common_a_word_is_comes_from_its_own_language() -> None:
    from search.normalize import zipf_frequency

    for word in ("kind", "exchange", "выкинуть", "гражданка"):
        assert zipf_frequency(word) >= 3.0, word
    for word in ("fnid", "balnce", "пополнеие", "тарифф"):
        assert zipf_frequency(word) == 0.0, word


@pytest.mark.parametrize(
    ("heard", "written"),
    [
        ("щёт", "счёт"),
        ("папалнить", "пополнить"),
        ("баланз", "баланс"),
        ("пасспорт", "паспорт"),
        ("улыбатся", "улыбаться"),
        ("renue", "renew"),
        ("blokd", "blocked"),
        ("recharj", "recharge"),
        ("pasword", "password"),
    ],
)
def test_a_word_spelled_by_ear_sounds_like_the_word(heard: str, written: str) -> None:
    from search.text.sounds import sound_key

    assert sound_key(heard) == sound_key(written) != ""


def test_a_word_spelled_by_ear_finds_the_word_too_far_for_a_typo() -> None:
    backend = _built(
        doc("faq", "not-arrived", "ru", "Деньги не пришли на счёт", keywords="баланс"),
        doc("faq", "renew", "en", "Renew my SIM online", keywords="top up"),
        doc("faq", "blocked", "en", "My account is blocked", keywords="log in"),
    )
    vocabulary = backend._index.vocabulary
    # Two letters off ("щёт" is three, "счёт" four): no typo, but the same sound.
    assert [word for word, _ in vocabulary.typo_candidates("щет")] == ["счет"]  # normalized
    hits = backend.search("деньги не пришли на щёт", language="ru")
    assert hits[0].key == "faq:not-arrived" and hits[0].confident
    assert top(backend, "renue my sim", language="en") == "faq:renew"
    assert top(backend, "my acount is blokd", language="en") == "faq:blocked"
    # Sounding alike is no licence to change the first letter of an English word.
    assert vocabulary.typo_candidates("kard") == []


_PAYMENT_BRANCHES = (
    "Which card did you pay with? A foreign Visa card is often rejected. "
    "Did the bank send a code? Is the money on the account?"
)


def _tree_and_faq(tuning: Tuning | None = None) -> FuzzyBackend:
    backend = FuzzyBackend(tuning=tuning)
    backend.build(
        [
            doc(
                "troubleshooter",
                "payment-failed",
                "en",
                "My payment failed",
                body=_PAYMENT_BRANCHES,
                branched=True,
            ),
            doc(
                "faq",
                "payment-failed",
                "en",
                "My payment failed",
                body=_PAYMENT_BRANCHES,
            ),
        ]
    )
    return backend


def test_a_word_found_only_among_a_trees_branches_counts_less() -> None:
    # The same title and body: the tree's body is one branch of many, the FAQ's its answer.
    query = "my foreign visa is rejected"
    hits = {hit.key: hit.score for hit in _tree_and_faq().search(query, language="en")}
    assert hits["faq:payment-failed"] > hits["troubleshooter:payment-failed"]
    # Without the factor the two score alike; a title word counts the same in both.
    even = _tree_and_faq(Tuning(branched_body_factor=1.0)).search(query, language="en")
    assert even[0].score == even[1].score
    by_title = _tree_and_faq().search("payment failed", language="en")
    assert by_title[0].score == by_title[1].score


def test_a_synonym_phrase_said_with_a_word_between_its_words_is_read_less_surely() -> None:
    from search.backends.fuzzy.plan import plan_query

    # "код подтверждения от банка" says "код от банка" with a word between: the answer
    # that names it only as "3-D Secure" is the one about the bank's code, not the one
    # about a login code that shares the word "код".
    backend = FuzzyBackend()
    backend.build(
        [
            doc("faq", "bank-code", "ru", "Не приходит 3-D Secure при оплате картой"),
            doc("faq", "login-code", "ru", "Не приходит код для входа в личный кабинет"),
        ],
        synonyms=[("код от банка", "3-D Secure")],
    )
    assert top(backend, "не приходит код подтверждения от банка", language="ru") == (
        "faq:bank-code"
    )

    def phrase_quality(query: str) -> float | None:
        plan = plan_query(index=backend._index, text=query)
        found = [
            quality
            for unit in plan.units
            if len(unit.span) > 1 and unit.label.startswith("код")
            for _terms, quality in unit.alternatives
        ]
        return max(found) if found else None

    written = phrase_quality("код от банка")
    assert written is not None
    assert phrase_quality("код подтверждения от банка") == pytest.approx(
        written * backend.tuning.loose_phrase_quality
    )
    # Two words between are two too many: "код" and "банка" say two things there.
    assert phrase_quality("код для входа от банка") is None
