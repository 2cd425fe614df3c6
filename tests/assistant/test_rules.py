from assistant.phrases import question_readings
from assistant.rules import Context, RuleSpec, page_matches, rules_matching


def rule(name="r", priority=0, phrases=("登录",), **conditions) -> RuleSpec:
    return RuleSpec(
        id=hash(name) % 1000,
        name=name,
        priority=priority,
        phrases=tuple(phrases),
        target="faq:x",
        **conditions,
    )


def matching(rules, query, language="zh-hans", **context) -> list[str]:
    found = rules_matching(rules=rules, query=query, language=language, context=Context(**context))
    return [r.name for r in found]


def test_the_highest_priority_matching_rule_comes_first():
    rules = [rule("low", 1), rule("high", 9), rule("other", 5, phrases=("付款",))]
    assert matching(rules, "付款页面登录不了") == ["high", "other", "low"]


def test_ties_are_broken_by_name_so_the_order_is_stable():
    rules = [rule("b", 3), rule("a", 3)]
    assert matching(rules, "登录") == ["a", "b"]


def test_a_phrase_matches_through_a_homophone_typo_and_traditional_chinese():
    rules = [rule("login", phrases=("登录失败",))]
    assert matching(rules, "登陆失败了怎么办") == ["login"]
    assert matching(rules, "登錄失敗") == ["login"]


def test_a_phrase_matches_through_a_keyboard_layout_mistake_and_a_typo():
    rules = [rule("topup", phrases=("пополнить баланс",))]
    assert matching(rules, "gjgjkybnm ,fkfyc", language="ru") == ["topup"]
    assert matching(rules, "как пополнеть баланс", language="ru") == ["topup"]
    assert matching([rule("pay", phrases=("payment failed",))], "paymnet faild") == ["pay"]


def test_two_letters_swapped_are_one_typo_and_a_close_spelling_is_one_typo_away():
    fines = [rule("fines", phrases=("штраф",))]
    assert matching(fines, "оплатить штарф гибдд", language="ru") == ["fines"]
    # "траиф" is "тариф" with two letters swapped, two typos from "штраф": a question about
    # a tariff, typed in a hurry, is no question about fines.
    assert matching(fines, "как не забыть заплатить за траиф", language="ru") == []
    # A longer word may have two ("verificaiton" for "verification").
    checks = [rule("checks", phrases=("verification",))]
    assert matching(checks, "sim verificaiton failed", language="en") == ["checks"]


def test_a_word_the_search_knows_is_no_misspelling_of_a_phrase_word():
    taxes = [rule("taxes", phrases=("налог",))]
    question = "можно налом пополнить или только картой"
    # "налом" (in cash) is one letter from "налог" (tax): read alone, it is a close spelling.
    assert matching(taxes, question, language="ru") == ["taxes"]
    # The search knows it as a word of its own (a synonym of cash): it stays that word.
    found = rules_matching(
        rules=taxes, query=question, language="ru", context=Context(), known=frozenset({"налом"})
    )
    assert found == []
    # A misspelling the search does not know is still found.
    found = rules_matching(
        rules=taxes,
        query="как заплатить налок",
        language="ru",
        context=Context(),
        known=frozenset({"налом"}),
    )
    assert [r.name for r in found] == ["taxes"]


def test_a_common_word_is_no_misspelling_of_a_phrase_word():
    # "стройка" (a building site) is one letter from "тройка" (the metro card).
    metro = [rule("metro", phrases=("тройка",))]
    assert matching(metro, "работаю на стройка, где купить симку", language="ru") == []
    assert matching(metro, "как пополнить тройку", language="ru") == ["metro"]
    assert matching(metro, "как пополнить тройкa", language="ru") == ["metro"]  # a Latin "a"


def test_a_phrase_needs_all_its_words():
    rules = [rule("pay", phrases=("payment failed",))]
    assert matching(rules, "payment methods") == []


def test_a_phrase_matches_its_words_in_its_order_and_close_together():
    chinese_sim = [rule("sim", phrases=("китайский номер", "china mobile"))]
    assert matching(chinese_sim, "у меня китайский номер", language="ru") == ["sim"]
    assert matching(chinese_sim, "китайский мобильный номер", language="ru") == ["sim"]
    assert matching(chinese_sim, "top up my china mobile sim", language="en") == ["sim"]
    # The same words, but the Chinese thing is the bank card that pays for a Russian number.
    assert matching(chinese_sim, "как оплатить российский номер китайской картой") == []
    assert matching(chinese_sim, "renew my russian mobile number from china") == []
    lost_card = [rule("card", phrases=("lost bank card",))]
    assert matching(lost_card, "I lost my bank card in the metro") == ["card"]
    assert matching(lost_card, "lost my phone on the train, paid for a new one by bank card") == []


def test_each_rule_is_found_by_any_of_its_phrases_among_many_rules():
    """Phrases are looked up by their first word: by its stem, a close spelling, the other
    layout, or (for Chinese parts alone) not at all."""
    rules = [
        rule("sim", phrases=("china mobile", "китайская симка")),
        rule("wifi", phrases=("wifi 密码", "router password")),
        rule("bank", phrases=("手机银行 登录",)),
        rule("pay", phrases=("payment failed", "оплата не прошла")),
    ]
    assert matching(rules, "как пополнить китайскую симку", language="ru") == ["sim"]
    assert matching(rules, "wifi的密码忘了") == ["wifi"]
    assert matching(rules, "forgot my routr password", language="en") == ["wifi"]
    assert matching(rules, "手机银行登录不上") == ["bank"]
    assert matching(rules, "jgkfnf yt ghjikf", language="ru") == ["pay"]
    assert matching(rules, "china mobile payment failed", language="en") == ["pay", "sim"]


def test_a_hyphenated_word_matches_its_parts_written_apart_and_the_other_way_round():
    rules = [
        rule("sim", phrases=("китайская сим-карта",)),
        rule("wifi", phrases=("wi fi password",)),
    ]
    assert matching(rules, "китайская сим карта в россии", language="ru") == ["sim"]
    assert matching(rules, "китайская сим-карта в россии", language="ru") == ["sim"]
    assert matching(rules, "forgot the wi-fi password", language="en") == ["wifi"]
    assert matching(rules, "сим-карта для китая", language="ru") == []


def test_conditions_on_language_carrier_card_type_and_page():
    rules = [
        rule("ru-only", language="ru"),
        rule("mts-only", carrier="mts"),
        rule("data-only", card_type="data"),
        rule("pay-page", page_url="https://shop.example/pay/"),
    ]
    assert matching(rules, "登录") == []
    assert matching(rules, "登录", language="ru") == ["ru-only"]
    assert matching(rules, "登录", carrier="mts") == ["mts-only"]
    assert matching(rules, "登录", carrier="beeline") == []
    assert matching(rules, "登录", card_type="data") == ["data-only"]
    assert matching(rules, "登录", page_url="https://shop.example/pay/step2") == ["pay-page"]
    assert matching(rules, "登录", page_url="https://shop.example/help/") == []


def test_page_patterns_are_globs_never_regular_expressions():
    assert page_matches(
        pattern="https://*.example/*/checkout*", url="https://a.example/x/checkout?1"
    )
    assert not page_matches(pattern="https://*.example/*/checkout*", url="https://a.example/")
    assert not page_matches(
        pattern="https://shop.example/(pay|buy)", url="https://shop.example/pay"
    )
    assert not page_matches(pattern="https://shop.example/", url="")


def test_empty_and_junk_questions_match_nothing():
    rules = [rule("any", phrases=("登录",))]
    for query in ["", "   ", "\x00\x01", "😀😀", "x" * 10_000]:
        assert matching(rules, query) == []
    assert question_readings("") == []


def test_a_question_asked_again_follows_edited_phrases_and_the_conditions_of_each_request():
    before = [rule("pay", phrases=("付款",)), rule("mts", phrases=("付款",), carrier="mts")]
    assert matching(before, "付款失败", carrier="mts") == ["mts", "pay"]
    assert matching(before, "付款失败") == ["pay"]
    edited = [rule("pay", phrases=("充值",)), rule("mts", phrases=("付款",), carrier="mts")]
    assert matching(edited, "付款失败", carrier="mts") == ["mts"]
    assert matching(edited, "付款失败") == []


def test_a_stretched_word_matches_the_phrase_word_it_stretches():
    taxis = [rule("taxis", phrases=("taxi app",))]
    assert matching(taxis, "taxiii app declined my card", language="en") == ["taxis"]
