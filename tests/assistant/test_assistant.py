import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from assistant.answers import NONE, RULE, SEARCH, ask, page_suggestions
from assistant.models import AnswerRule
from assistant.rules import Context
from faq.models import Carrier, Status
from search.backends.fuzzy import Tuning
from tests.builders import make_carrier, make_faq, make_guide, make_rule, make_tree, tr

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    make_carrier("mts")
    balance = make_faq(
        slug="check-balance",
        **tr("question", "怎么查余额", "How to check my balance", "Как проверить баланс"),
        **tr(
            "answer",
            "打开运营商App查看余额。",
            "Open the carrier app to see the balance.",
            "Откройте приложение оператора и посмотрите баланс.",
        ),
        **tr("keywords", "余额, 话费", "balance, credit", "баланс, остаток"),
    )
    login = make_tree(
        edges={"start": ["reset", "locked"]},
        solutions={"reset", "locked"},
        slug="login-failed",
        **tr("title", "登录失败", "I can't log in", "Не получается войти"),
        **tr("keywords", "登录, 密码", "login, password", "вход, пароль"),
    )
    return balance, login


def test_a_matching_rule_answers_before_search_and_says_which_rule(content):
    AnswerRule.objects.create(
        name="Balance on payment page goes to login",
        priority=5,
        phrases_zh_hans="余额",
        phrases_en="balance",
        target="troubleshooter:login-failed",
        page_url="https://shop.example/pay/",
        target_node="start",
        message_en="Sign in first.",
    )
    decision = ask(
        "How to check my balance",
        language="en",
        context=Context(page_url="https://shop.example/pay/card"),
    )
    assert decision.source == RULE
    assert decision.rule == "Balance on payment page goes to login"
    assert "Balance on payment page goes to login" in decision.reason
    assert decision.answer.key == "troubleshooter:login-failed"
    assert decision.answer.title == "I can't log in"
    assert decision.message == "Sign in first." and decision.start_node == "start"
    assert [s.key for s in decision.suggestions] == ["faq:check-balance"]


def test_without_a_rule_the_confident_search_hit_answers_in_the_requested_language(content):
    decision = ask("怎么查余额", language="ru")
    assert decision.source == SEARCH
    assert decision.answer.key == "faq:check-balance"
    assert decision.answer.title == "Как проверить баланс"
    assert "приложение" in decision.answer.text and "<p>" in decision.answer.html
    assert decision.score >= 0.5 and decision.matched_terms


def test_an_off_topic_question_gets_no_confident_answer_but_troubleshooters_and_contact(content):
    decision = ask("best borscht recipe", language="en")
    assert decision.source == NONE and not decision.answer
    assert [t.key for t in decision.troubleshooters] == ["troubleshooter:login-failed"]
    assert "ICCID" in decision.contact_hint


def test_inactive_rules_and_rules_for_unpublished_targets_are_skipped(content):
    balance, _ = content
    AnswerRule.objects.create(
        name="off",
        priority=9,
        phrases_en="balance",
        active=False,
        target="troubleshooter:login-failed",
    )
    AnswerRule.objects.create(
        name="draft target", priority=8, phrases_en="balance", target="faq:check-balance"
    )
    balance.status = Status.DRAFT
    balance.save()
    decision = ask("How to check my balance", language="en")
    assert decision.source != RULE


def test_a_rule_for_a_carrier_fires_only_for_that_carrier(content):
    AnswerRule.objects.create(
        name="MTS balance",
        priority=1,
        phrases_en="balance",
        carrier=make_carrier("beeline"),
        target="troubleshooter:login-failed",
    )
    assert ask("balance?", language="en", context=Context(carrier="beeline")).source == RULE
    assert ask("balance?", language="en", context=Context(carrier="mts")).source == SEARCH


def test_page_rules_suggest_answers_before_any_question(content):
    AnswerRule.objects.create(
        name="pay page", page_url="https://shop.example/pay/*", target="faq:check-balance"
    )
    found = page_suggestions(language="en", context=Context(page_url="https://shop.example/pay/x"))
    assert [s.title for s in found] == ["How to check my balance"]
    assert page_suggestions(language="en", context=Context(page_url="https://other.example/")) == []


def test_a_rule_edit_is_used_by_the_next_question(content, django_capture_on_commit_callbacks):
    assert ask("balance", language="en").source == SEARCH
    with django_capture_on_commit_callbacks(execute=True):
        AnswerRule.objects.create(
            name="new", phrases_en="balance", target="troubleshooter:login-failed"
        )
    assert ask("balance", language="en").source == RULE


def test_check_content_reports_a_rule_whose_target_is_gone(content):
    from django.utils import translation

    AnswerRule.objects.create(name="dangling", phrases_en="x", target="faq:deleted-one")
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="rule “dangling”: There is no faq:deleted-one"),
    ):
        call_command("check_content")


def test_the_rule_form_refuses_an_unknown_target_or_node(content, admin_client):
    url = reverse("admin:assistant_answerrule_add")
    data = {
        "name": "r",
        "priority": 0,
        "active": "on",
        "phrases_en": "x",
        "target": "troubleshooter:login-failed",
        "target_node": "nope",
    }
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "has no node “nope”" in response.content.decode()
    data["target_node"] = "start"
    assert admin_client.post(url, data).status_code == 302


def test_the_try_it_page_shows_the_decision_and_the_ranking(content, admin_client):
    response = admin_client.get(
        reverse("admin:assistant_answerrule_try"), {"query": "怎么查余额", "language": "en"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "faq:check-balance" in html and "How to check my balance" in html


def test_the_try_it_page_lists_each_rule_with_a_phrase_in_the_question_and_why(
    content, admin_client
):
    """Staff see which rules a question touches, by which phrase, which one decides, which
    condition keeps another from applying, and whether a draft would decide once active."""
    make_carrier("beeline")
    deciding = make_rule(
        target="faq:check-balance", name="Balance questions", phrases_en="check balance"
    )
    make_rule(
        target="troubleshooter:login-failed",
        name="Beeline balance",
        priority=50,
        phrases_en="balance",
        carrier=Carrier.objects.get(slug="beeline"),
    )
    make_rule(target="faq:check-balance", name="Elsewhere", phrases_en="roaming")
    make_rule(
        target="",
        name="Draft: balances elsewhere",
        outcome=AnswerRule.OUT_OF_SCOPE,
        priority=30,
        active=False,
        phrases_en="my balance",
        message_en="Not ours.",
    )
    response = admin_client.get(
        reverse("admin:assistant_answerrule_try"),
        {"query": "how do I check my balance", "language": "en", "carrier": "mts"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    rows = [
        " ".join(row.split())
        for row in re.findall(
            r"<tr[^>]*>(.*?)</tr>", _table(response.content.decode(), "rules"), re.S
        )
    ]
    text = [re.sub(r"<[^>]+>", "", row) for row in rows[1:]]
    assert text == [
        "Beeline balance 50 answer with an item: troubleshooter:login-failed balance "
        "no, only when only for carrier: beeline",
        "Draft: balances elsewhere 30 out of scope: show the message instead of an answer "
        "my balance no, inactive (a draft): would decide once active",
        "Balance questions (decides) 0 answer with an item: faq:check-balance check balance yes",
    ]
    assert f'href="{reverse("admin:assistant_answerrule_change", args=[deciding.pk])}"' in rows[3]
    response = admin_client.get(
        reverse("admin:assistant_answerrule_try"),
        {"query": "weather in kazan", "language": "en"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "No rule has a phrase in this question: search decides." in response.content.decode()


def test_a_rules_page_links_to_trying_its_first_phrase_under_its_conditions(content, admin_client):
    rule = make_rule(
        target="faq:check-balance",
        name="MTS balance",
        phrases_zh_hans="",
        phrases_en="",
        phrases_ru="сколько на счету, остаток",
        carrier=Carrier.objects.get(slug="mts"),
    )
    page = admin_client.get(
        reverse("admin:assistant_answerrule_change", args=[rule.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    link = html.unescape(re.search(r'<a href="([^"]+)">Try a question</a>', page).group(1))
    assert parse_qs(urlsplit(link).query) == {
        "query": ["сколько на счету"],
        "language": ["ru"],
        "carrier": ["mts"],
    }
    tried = admin_client.get(link, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "MTS balance</a> <strong>(decides)</strong>" in tried


def test_the_try_it_page_shows_how_search_read_the_question(content, admin_client):
    """A question with a word the index never saw is answered with less confidence: the
    page names the word and says by how much."""
    reading = _reading(admin_client, "How to check my Troika balance")
    assert "Searched as how to check my troika balance" in reading
    assert "troika" in reading and "unknown to the index" in reading
    assert "Touches a topic anchor" in reading
    factor = float(re.search(r"× ([0-9.]+)", reading).group(1))
    assert 0 < factor < 1
    assert "Reports a failure no" in reading
    assert "Left out as courtesy" not in reading and "Negated" not in reading
    share = round(Tuning().problem_mismatch * 100)  # 20
    assert (
        f"Reports a failure yes: answers whose title reports none lose {share}% of their"
        in _reading(admin_client, "my top up never arrived")
    )
    # The courtesy around a question is named, not searched.
    courteous = _reading(admin_client, "Hi! My top up never arrived, pls help. Thanks")
    assert "Searched as my top up never arrived" in courteous
    assert "Left out as courtesy hi, pls, help, thanks" in courteous
    assert "Negated arrived" in courteous
    # What a negation negates: the verb a negated modal governs, not the modal.
    assert "Negated пополнить an answer that negates" in _reading(
        admin_client, "пополнить с карты не получается"
    )
    assert "Negated go an answer that negates" in _reading(
        admin_client, "the payment did not go through"
    )
    # Staff who read the admin in Russian or Chinese read the row in their language.
    for language, label, lost in (
        ("ru", "Под отрицанием", f"теряют {share}% уверенности"),
        ("zh-hans", "被否定的词", f"置信度降低 {share}%"),
    ):
        table = _reading_table(admin_client, "войти не могу", language="ru", shown_in=language)
        assert label in table and "войти" in table
        assert lost in table


def test_the_try_it_page_tells_a_failed_attempt_and_a_story_that_asks_no_way(content, admin_client):
    """Staff see why a declined top-up and a top-up that never arrived get different answers,
    and why a step-by-step guide fell behind for a story."""
    attempt = _reading(admin_client, "не смог пополнить счёт")
    assert "Negated пополнить" in attempt and "Tried and failed: пополнить" in attempt
    outcome = _reading(admin_client, "баланс не пополнился")
    assert "Negated пополнился" in outcome and "Tried and failed" not in outcome
    share = round(Tuning().procedure_mismatch * 100)  # 20
    story = _reading(admin_client, "Paid in my bank app. The balance is still zero. Who do I call?")
    assert (
        f"Tells a story yes, and asks neither how nor where: step-by-step guides lose {share}%"
        in story
    )
    for question in ("my top up never arrived", "Paid in my bank app. How do I check it?"):
        assert "Tells a story" not in _reading(admin_client, question)
    # One sentence that says the payment was made: the guides lose as much, for that reason.
    paid = _reading(admin_client, "paid in my bank app but the balance is still zero")
    assert (
        f"Says it already paid yes, and asks neither where nor how to pay again: step-by-step "
        f"guides lose {share}%" in paid
    )
    assert "Says it already paid" not in _reading(admin_client, "how do I pay in my bank app")
    # A number down altogether: the answers about mobile data alone lose, for that reason.
    down = _reading(admin_client, "my number doesn't work at all, no calls, no data")
    lost = round(Tuning().problem_mismatch * 100)
    assert (
        f"Says the whole line is down yes, not only its mobile data: answers whose title "
        f"reports a mobile data failure lose {lost}%" in down
    )
    assert "whole line" not in _reading(admin_client, "calls work but mobile data doesn't")
    # A payment said to have gone through: the answers about one refused lose, for that reason.
    went_through = _reading(admin_client, "paid at the terminal an hour ago and still nothing")
    refused = round(Tuning().refused_mismatch * 100)
    assert (
        f"Says the payment went through yes, and reports no refusal: answers whose title "
        f"reports a payment refused or failed lose {refused}%" in went_through
    )
    assert "went through" not in _reading(admin_client, "paid with my visa but it was declined")
    assert "what to do first (before)" in _reading(
        admin_client, "what should I have ready before paying online?"
    )
    table = _reading_table(
        admin_client, "Пополнил через банк. Денег нет. Куда писать?", language="ru", shown_in="ru"
    )
    assert "Рассказ" in table and f"пошаговые инструкции теряют {share}% уверенности" in table


def test_the_try_it_page_tells_what_a_question_asks_for(content, admin_client):
    """Staff see which kind of answer a question asks for, and that a title asking the same
    gains: why "нужен ли паспорт в салоне?" gets the FAQ that asks whether before the guide
    to the store."""
    # A title that asks whether, and a guide that lists a passport among its keywords.
    make_faq(
        slug="passport-at-store",
        **tr(
            "question",
            "去营业厅要带护照吗？",
            "Do I need my passport at the store?",
            "Нужен ли паспорт?",
        ),
        **tr("keywords", "护照", "passport", "паспорт"),
    )
    make_guide(
        slug="renew-at-store",
        **tr("title", "去营业厅续费", "Renew at a carrier store", "Пополнить в салоне"),
        **tr("keywords", "营业厅", "store, shop, passport, cash", "салон"),
    )
    share = round(Tuning().intent_boost * 100)  # 20
    whether = _reading(admin_client, "do i need my passport at the mts shop?")
    assert (
        f"Asks for yes or no (whether) answers whose title asks the same gain {share}%" in whether
    )
    assert "Asks for a reason (why)" in _reading(admin_client, "why renew a number I rarely use")
    assert "Asks for the ways or options (which)" in _reading(
        admin_client, "what are the ways to top up"
    )
    # "how" is asked by nearly every title: it is named, and gains nothing.
    how = _reading(admin_client, "how do I top up")
    assert "Asks for a way (how)" in how and "gain" not in how
    assert "Asks for" not in _reading(admin_client, "mts top up")
    table = _reading_table(
        admin_client, "нужен ли паспорт в салоне связи", language="ru", shown_in="zh-hans"
    )
    assert "是否（能不能、要不要）" in table and f"置信度提高 {share}%" in table
    # The ranking says which item gained for it: the title that asks whether, not the guide.
    page = admin_client.get(
        reverse("admin:assistant_answerrule_try"),
        {"query": "do i need my passport at the shop?", "language": "en"},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    rows = {
        cells[1]: cells[-1]
        for row in re.findall(r"<tr>(.*?)</tr>", _table(page, "ranking"), re.S)
        if (cells := [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)])
    }
    assert rows["faq:passport-at-store"] == "yes or no (whether)"
    assert rows["guide:renew-at-store"] == ""


def test_every_kind_of_question_has_a_label_on_the_try_it_page():
    """The page leaves out a kind it has no words for: a new kind needs its label."""
    from assistant.admin import _ASKED
    from search.normalize import kind_names

    assert set(_ASKED) == set(kind_names(~0))


def _reading(admin_client, query: str) -> str:
    """The text of the try-it page's table of how search read ``query`` (in English)."""
    return " ".join(re.sub(r"<[^>]+>", " ", _reading_table(admin_client, query)).split())


def _reading_table(admin_client, query: str, *, language: str = "en", shown_in: str = "en") -> str:
    """The try-it page's table of how search read ``query`` in ``language``, as HTML, with
    the admin shown in ``shown_in``."""
    page = admin_client.get(
        reverse("admin:assistant_answerrule_try"),
        {"query": query, "language": language},
        HTTP_ACCEPT_LANGUAGE=shown_in,
    ).content.decode()
    return _table(page, "reading")


def _table(html: str, table_id: str) -> str:
    return html.split(f'<table id="{table_id}">', 1)[1].split("</table>", 1)[0]


def test_the_ask_command_prints_the_decision(content, capsys):
    call_command("ask", "How to check my balance", "--lang", "en")
    out = capsys.readouterr().out
    assert out.startswith("SEARCH:") and "faq:check-balance" in out
    with pytest.raises(CommandError, match="--lang must be one of"):
        call_command("ask", "x", "--lang", "fr")
