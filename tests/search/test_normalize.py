"""The normalizer and tokenizer shared by indexing and querying."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import normalize
from search.normalize import (
    MAX_QUERY_CHARS,
    field_terms,
    index_fields,
    is_pinyin,
    layout_variants,
    normalize_query,
    normalize_text,
    pinyin_terms,
    split_pinyin,
    stem,
    tokenize,
    transliteration,
)


def test_it_casefolds_and_applies_nfkc() -> None:
    assert normalize_text(text="ＭＴＳ  Top-Up") == "mts top-up"


def test_it_converts_traditional_chinese_to_simplified() -> None:
    assert normalize_text(text="遠遊卡怎麼充值") == "远游卡怎么充值"
    assert normalize_text(text="俄羅斯電話卡續費") == "俄罗斯电话卡续费"


def test_it_folds_yo_into_ye() -> None:
    assert normalize_text(text="Счёт ЁЛКА") == "счет елка"


def test_it_strips_control_and_zero_width_characters() -> None:
    assert normalize_text(text="pay\x00ment\u200b  failed\x1b\n") == "pay ment failed"


def test_it_cuts_queries_after_normalizing() -> None:
    assert len(normalize_query(text="ａ" * 10_000)) == MAX_QUERY_CHARS


def test_a_long_query_is_cut_at_a_words_end() -> None:
    # Half a word is a word no document holds: "stop" of "stopped" is left out.
    words = MAX_QUERY_CHARS // 4 - 1  # "sim " is four characters; "stopped" crosses the end
    story = "sim " * words + "stopped working"
    assert normalize_query(text=story) == ("sim " * words).strip()
    # Chinese has no spaces to cut at: its characters are words of their own.
    assert len(normalize_query(text="停机了 " + "号码" * 200)) == MAX_QUERY_CHARS


def test_it_keeps_codes_and_identifiers_whole() -> None:
    tokens = tokenize(text=normalize_text(text="Dial *100# or read the ICCID, 3-D Secure on t2"))
    texts = [token.text for token in tokens]
    assert "*100#" in texts
    assert "iccid" in texts
    assert "3-d" in texts
    assert "t2" in texts


def test_it_splits_cjk_runs_from_latin_words() -> None:
    tokens = tokenize(text="megafon app怎么充值")
    assert [(token.kind, token.text) for token in tokens] == [
        ("word", "megafon"),
        ("word", "app"),
        ("cjk", "怎么充值"),
    ]


def test_it_indexes_cjk_as_unigrams_and_bigrams() -> None:
    terms, _pinyin, _words = field_terms(text="续费失败", pinyin=False)
    assert {"续", "费", "续费", "费失", "失败"} <= set(terms)


def test_it_adds_joined_pinyin_for_titles() -> None:
    assert "p:baohaoka" in pinyin_terms("保号卡")
    assert is_pinyin("baohaoka")
    assert not is_pinyin("megafon")


def test_it_stems_by_script() -> None:
    assert stem("payments") == stem("payment")
    assert stem("пополнение") == stem("пополнения")


def test_it_reads_latin_typed_on_a_russian_layout_as_cyrillic() -> None:
    assert layout_variants(text="gjgjkybnm ,fkfyc") == ["пополнить баланс"]
    assert layout_variants(text="ytn bynthytnf") == ["нет интернета"]


def test_it_reads_cyrillic_typed_on_an_english_layout_as_latin() -> None:
    assert layout_variants(text="руддщ") == ["hello"]


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("popolnit", "пополнит"),
        ("schet", "счет"),
        ("lichnyj", "личный"),
        ("kakoy", "какой"),
        ("zhdat", "ждат"),
        ("shchit", "щит"),
        ("mts4", "mts4"),
    ],
)
def test_it_reads_russian_typed_in_latin_letters(latin: str, cyrillic: str) -> None:
    assert transliteration(latin) == cyrillic


def test_latin_letters_lose_their_accents_and_tone_marks_but_cyrillic_keeps_its_own() -> None:
    assert normalize_text(text="Chōngzhí SHĪBÀI") == "chongzhi shibai"
    assert normalize_text(text="Café") == "cafe"
    assert normalize_text(text="Мой счёт, йогурт") == "мой счет, йогурт"


def test_russian_past_tense_stems_as_its_verb() -> None:
    assert stem("закинул") == stem("закинуть") == stem("закинули")
    assert stem("вернул") == stem("вернуть")
    assert stem("пришёл".replace("ё", "е")) == stem("пришли") == stem("пришло")
    assert stem("минут") != stem("мину")  # not a verb: left as Snowball has it


def test_a_hyphenated_word_is_one_stem_whatever_its_case_or_hyphen() -> None:
    from search.normalize import word_terms

    # "сим-карту", "сим-карта" and "симкарту" are one word to a reader.
    assert word_terms("сим-карту")[0] == word_terms("сим-карта")[0] == word_terms("симкарту")[0]
    assert word_terms("top-ups")[0] == word_terms("topup")[0]
    assert set(word_terms("сим-карту")[1:]) == {stem("сим"), stem("карту")}


def test_irregular_english_verbs_stem_as_the_verb() -> None:
    assert stem("ran") == stem("run") == stem("runs")
    assert stem("paid") == stem("pay")
    assert stem("left") != stem("leave")  # "money left" means what remains


def test_it_offers_no_layout_variant_for_chinese() -> None:
    assert layout_variants(text="mts 怎么充值") == []


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_normalization_is_idempotent(text: str) -> None:
    once = normalize_text(text=text)
    assert normalize_text(text=once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_analysis_never_raises(text: str) -> None:
    normalized = normalize_query(text=text)
    tokenize(text=normalized)
    layout_variants(text=normalized)
    field_terms(text=text, pinyin=True)


_FIELD_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abc xyz-'*#1209 ")
        + list("ёЁпополнить ")
        + list("续费失败遠遊卡怎麼")
        + ["\u2019", "\x00", "𠀀"]
    ),
    max_size=40,
) | st.text(max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_FIELD_TEXT, st.booleans()), max_size=8))
def test_batch_indexing_gives_each_field_the_terms_of_field_terms(
    fields: list[tuple[str, bool]],
) -> None:
    fields = fields + fields[:2]  # repeated texts take the cached path
    batch = index_fields(texts=[text for text, _ in fields], pinyin=[flag for _, flag in fields])
    for position, (text, flag) in enumerate(fields):
        terms, pinyin_list, words = field_terms(text=text, pinyin=flag)
        mine = [
            batch.terms[term]
            for term, owner in zip(
                batch.entry_terms.tolist(), batch.entry_fields.tolist(), strict=True
            )
            if owner == position
        ]
        assert Counter(mine) == Counter(terms + pinyin_list)
        assert batch.lengths[position] == len(terms)
        assert set(words) <= set(batch.words)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_FIELD_TEXT, st.booleans()), max_size=12))
def test_batch_indexing_lists_each_terms_occurrences_in_field_order(
    fields: list[tuple[str, bool]],
) -> None:
    batch = index_fields(texts=[text for text, _ in fields], pinyin=[flag for _, flag in fields])
    last: dict[int, int] = {}
    for term, owner in zip(batch.entry_terms.tolist(), batch.entry_fields.tolist(), strict=True):
        assert owner >= last.get(term, 0)
        last[term] = owner


def test_the_cjk_lookup_table_agrees_with_the_cjk_pattern() -> None:
    table = normalize._CJK_TABLE
    for point in range(len(table) - 1):
        assert bool(table[point]) == bool(normalize._CJK_RUN.fullmatch(chr(point)))
    assert not table[-1]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["оплата", "не", "прошла"], ["¬прошла"]),
        (["payment", "didnt", "go", "through"], ["¬go"]),
        (["has", "not", "been", "credited"], ["¬credited"]),  # past one stop word
        (["not", "no", "money"], ["¬money"]),
        (["нет", "интернета"], ["¬интернета"]),
        (["оплата", "прошла"], []),
        (["не"], []),
    ],
)
def test_a_negation_binds_to_the_next_word(words: list[str], expected: list[str]) -> None:
    assert normalize.negated(words) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["интернета", "нет", "уже", "полдня"], ["¬интернета"]),
        (["а", "денег", "нет"], ["¬денег"]),
        (["нет", "интернета", "уже", "день"], ["¬интернета"]),
        # Said where it is missing: the word before the place.
        (["денег", "на", "счете", "нет"], ["¬денег"]),
        (["интернета", "в", "метро", "нет"], ["¬интернета"]),
        (["прошло", "или", "нет"], []),  # whether or not: "или" negates nothing
    ],
)
def test_a_closing_net_negates_the_word_before_it(words: list[str], expected: list[str]) -> None:
    assert normalize.negated(words) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # A failed attempt ("¬~"): what failed is trying to do the verb.
        (["не", "получается", "войти"], ["¬~войти"]),
        (["не", "получается", "у", "меня", "войти"], ["¬~войти"]),
        (["войти", "не", "могу"], ["¬~войти"]),
        (["пополнить", "с", "китайской", "карты", "не", "получается"], ["¬~пополнить"]),
        (["никак", "не", "удается", "зарегистрироваться"], ["¬~зарегистрироваться"]),
        (["банк", "не", "дает", "оплатить"], ["¬~оплатить"]),
        (["не", "могу", "перевести", "приложение"], ["¬~перевести"]),
        # Nothing to govern: the modal is negated as any word is.
        (["не", "получается"], ["¬получается"]),
        (["не", "выходит", "в", "сеть"], ["¬выходит"]),
        (["скорость", "не", "могу", "проверить"], ["¬~проверить"]),
        # English puts its negation next to the verb; "let" is a stop word. "Can't" is the
        # negated modal itself.
        (["cant", "log", "in"], ["¬~log"]),
        (["dont", "log", "in"], ["¬log"]),
        # ... except where it says what it tried first: what did not work is that.
        (["trying", "to", "renew", "my", "plan", "but", "it", "doesnt", "work"], ["¬~renew"]),
        (["tried", "to", "pay", "it", "didnt", "work"], ["¬~pay"]),
        (["the", "internet", "doesnt", "work"], ["¬work"]),
        (["wont", "let", "me", "pay"], []),
    ],
)
def test_a_negated_modal_binds_to_the_verb_it_governs(
    words: list[str], expected: list[str]
) -> None:
    # "не получается войти" and "пополнить не получается" report failures of different
    # actions: they must not share the negated term "¬получается".
    assert normalize.negated(words) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["не", "могу", "войти"], 1),
        (["trying", "to", "pay", "but", "it", "doesnt", "work"], 6),
        (["войти", "не", "могу"], 2),
        (["пополнить", "с", "карты", "не", "получается"], 4),
        # Nothing to govern, or no modal: the negated word is the topic.
        (["не", "получается"], None),
        (["не", "выходит", "в", "сеть"], None),
        (["не", "пришли", "деньги"], None),
    ],
)
def test_the_modal_a_negation_passes_through_is_found(
    words: list[str], expected: int | None
) -> None:
    negation = next(at for at, word in enumerate(words) if normalize.is_negation(word))
    assert normalize.read_negation(words, negation)[1] == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("получаеться", "получается"),
        ("зарегистрироватся", "зарегистрироваться"),
        ("пополнить", None),
    ],
)
def test_a_reflexive_verbs_other_ending_is_its_likeliest_misspelling(
    word: str, expected: str | None
) -> None:
    assert normalize.respelled_reflexive(word) == expected


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("登录不上", {2, 3}),
        ("充不进去", {1, 2, 3}),
        ("一直登录不成功", {4, 5, 6}),
        ("充值失败", {2, 3}),
        ("付不了款", {1, 2}),
        ("不能用", set()),  # no verb before it
    ],
)
def test_the_failure_complement_of_a_chinese_verb_is_found(run: str, expected: set[int]) -> None:
    assert normalize.cjk_failure_positions(run) == expected


@pytest.mark.parametrize(
    ("text", "term", "other"),
    [
        ("Баланс не пополнился", "¬пополн", "¬~пополн"),
        ("Не получилось пополнить баланс", "¬~пополн", "¬пополн"),
        ("The top-up cannot go through", "¬~go", "¬go"),
    ],
)
def test_a_failed_attempt_and_a_failed_outcome_are_indexed_apart(
    text: str, term: str, other: str
) -> None:
    terms, _pinyin, _words = field_terms(text=text, pinyin=False)
    assert term in terms and other not in terms


def test_negated_words_are_indexed_as_one_term_each() -> None:
    terms, _pinyin, words = field_terms(text="Оплата не прошла", pinyin=False)
    assert "¬прошл" in terms and "прошл" in terms and "не" in terms
    assert words == ["оплата", "не", "прошла"]  # the typo vocabulary holds real words only


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("chongzhishibai", ("chong", "zhi", "shi", "bai")),
        ("liuliangbugou", ("liu", "liang", "bu", "gou")),
        ("xian", ("xian",)),  # the fewest syllables: not xi-an
        ("password", ()),
        ("банк", ()),
    ],
)
def test_joined_pinyin_splits_into_syllables(word: str, syllables: tuple[str, ...]) -> None:
    assert split_pinyin(word) == syllables


@pytest.mark.parametrize("word", ["неё", "нее", "которую", "которые", "всех", "них", "теперь"])
def test_russian_pronouns_are_stop_words_however_they_are_spelled(word: str) -> None:
    # "платить за неё" is read with ё folded to е: "нее" must not stem to the negation "не".
    (token,) = normalize.tokenize(text=normalize_query(text=word))
    assert normalize.is_stopword(token.text)


@pytest.mark.parametrize(
    "word", ["gets", "getting", "wants", "needed", "knows", "told", "said", "говорят"]
)
def test_light_and_reporting_verbs_are_stop_words_in_every_form(word: str) -> None:
    assert normalize.is_stopword(word)


def test_no_chinese_stop_word_swallows_a_negation() -> None:
    # "验证通不过" (the check won't pass) keeps its 不; "一直" in "一直付不了" is a stop word.
    assert normalize.cjk_stopword_positions("验证通不过") == set()
    assert normalize.cjk_stopword_positions("一直付不了") == {0, 1}


def test_negations_are_not_stop_words() -> None:
    assert not any(normalize.is_stopword(word) for word in ("не", "нет", "без", "not", "no"))


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("через скока придут деньги", ["через", "сколько", "придут", "деньги"]),
        ("чё щас делать", ["что", "сейчас", "делать"]),
        ("ваще не работает", ["вообще", "не", "работает"]),
    ],
)
def test_a_chat_spelling_of_a_russian_function_word_is_read_as_that_word(typed, read) -> None:
    assert [
        token.text for token in normalize.tokenize(text=normalize.normalize_text(text=typed))
    ] == read


def test_a_chat_spelling_is_not_corrected_to_another_word() -> None:
    """Read as a typo, "скока" is "срок" (one letter away): the time it takes is not a term."""
    from search.backends.fuzzy import FuzzyBackend
    from tests.search.documents import doc

    backend = FuzzyBackend()
    backend.build(
        [
            doc("faq", "how-long", "ru", "Через сколько поступят деньги?"),
            doc("faq", "validity", "ru", "Какой срок действия тарифа?"),
        ]
    )
    assert backend.search("через скока придут деньги", language="ru")[0].key == "faq:how-long"
    assert backend.search("скока", language="ru")[0].key == "faq:how-long"
