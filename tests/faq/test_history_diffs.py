"""The admin history page of a translated item lists each changed language on its own, whole."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from faq.history import marked_diff
from faq.models import Status
from tests.admin_forms import change_page_data, form_data
from tests.builders import make_faq

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}

# Longer than simple-history's 100-character cut, with Markdown lines and characters to escape.
OLD_ANSWER = (
    "A top-up through the carrier's app usually arrives within five minutes.\n\n"
    "1. Open the app and choose **Top up**.\n"
    "2. Enter the amount & confirm with your bank card.\n"
    "3. Wait for the SMS; if nothing comes within an hour, write to support <at the desk>.\n\n"
    "Payments made at night are sometimes credited the next morning, so keep the receipt."
)
NEW_ANSWER = OLD_ANSWER.replace("within five minutes", "within ten minutes").replace(
    "keep the receipt", "keep the receipt until the balance shows the money"
)


class ChangesColumn(HTMLParser):
    """Reads the history table as a person does: per record (newest first), each listed change
    as its label, the whole before and after text, and the words marked removed or added."""

    def __init__(self):
        super().__init__()
        self.records, self.in_table = [], False
        self.change = self.into = self.marking = None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table":
            self.in_table = dict(attrs).get("id") == "change-history"
        elif tag == "tr" and self.in_table:
            self.records.append([])
        elif tag == "li" and self.records:
            self.change = {"label": "", "text": "", "before": "", "after": "", "del": [], "ins": []}
            self.records[-1].append(self.change)
            self.into = "text"
        elif tag == "strong" and self.change is not None:
            self.into = "label"
        elif tag == "pre" and self.change is not None:
            self.into = "before" if "history-old" in classes else "after"
        elif tag in ("del", "ins") and self.change is not None:
            self.change[tag].append("")
            self.marking = tag

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif tag == "li":
            self.change, self.into = None, None
        elif tag in ("strong", "pre") and self.change is not None:
            self.into = "text"
        elif tag in ("del", "ins"):
            self.marking = None

    def handle_data(self, data):
        if self.change is None or self.into is None:
            return
        self.change[self.into] += data
        if self.marking:
            self.change[self.marking][-1] += data


def history_changes(client, faq) -> list[list[dict]]:
    page = client.get(reverse("admin:faq_faq_history", args=[faq.pk]), **ENGLISH)
    assert page.status_code == 200
    parser = ChangesColumn()
    parser.feed(page.content.decode())
    return parser.records[1:]  # the first row is the table's header


def edit_in_admin(client, faq, **changes):
    """Change fields on the FAQ's admin page, as an agent working in English does in a browser
    (which sends every textarea's lines ended with CRLF)."""
    url = reverse("admin:faq_faq_change", args=[faq.pk])
    data = change_page_data(client.get(url, **ENGLISH))
    data.update(changes)
    data = {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}
    response = client.post(url, data, **ENGLISH)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_an_english_only_edit_lists_the_english_answer_alone_and_whole(admin_client):
    faq = make_faq(
        question_zh_hans="充值多久能到账？",
        question_en="How long does a top-up take?",
        answer_zh_hans="通过运营商的应用充值，一般五分钟内到账。\n\n夜间付款有时第二天早上才到账。",
        answer_en=OLD_ANSWER,
    )
    edit_in_admin(admin_client, faq, answer_en=NEW_ANSWER)

    newest = history_changes(admin_client, faq)[0]
    assert [change["label"] for change in newest] == ["Answer — English"]
    [answer] = newest
    assert answer["before"] == OLD_ANSWER
    assert answer["after"] == NEW_ANSWER
    assert answer["del"] == ["five"]
    assert answer["ins"] == ["ten", " until the balance shows the money"]


NASTY = '<script src="x.js"></script> & <b>more</b>'


def test_the_texts_are_escaped_not_run_as_html(admin_client):
    faq = make_faq(answer_en="Old text")
    edit_in_admin(admin_client, faq, answer_en=NASTY)
    page = admin_client.get(reverse("admin:faq_faq_history", args=[faq.pk]), **ENGLISH)
    assert '<script src="x.js">' not in page.content.decode()
    # Read back as text, not as tags: the parser only gets it whole if it was escaped.
    [answer] = history_changes(admin_client, faq)[0]
    assert answer["after"] == NASTY


def test_an_edit_of_two_languages_lists_two_rows_and_other_fields_as_before(admin_client):
    faq = make_faq(question_ru="Сколько идёт пополнение?", answer_en=OLD_ANSWER)
    edit_in_admin(
        admin_client,
        faq,
        question_ru="Сколько времени идёт пополнение?",
        answer_en=NEW_ANSWER,
        status=Status.DRAFT,
    )

    newest = history_changes(admin_client, faq)[0]
    assert [change["label"] for change in newest] == [
        "Status:",
        "Question — Russian",
        "Answer — English",
    ]
    status, question, answer = newest
    assert "published" in status["text"] and "draft" in status["text"]
    assert question["before"] == "Сколько идёт пополнение?"
    assert question["after"] == "Сколько времени идёт пополнение?"
    assert [word.strip() for word in question["ins"]] == ["времени"]
    assert (answer["before"], answer["after"]) == (OLD_ANSWER, NEW_ANSWER)


def test_a_translation_added_shows_its_text_and_an_empty_before(admin_client):
    faq = make_faq(status=Status.DRAFT, answer_ru="")
    edit_in_admin(admin_client, faq, answer_ru="Пополнение приходит за пять минут.")

    [answer] = history_changes(admin_client, faq)[0]
    assert answer["label"] == "Answer — Russian"
    assert answer["before"] == "(empty)"
    assert answer["after"] == "Пополнение приходит за пять минут."


def test_reverting_an_english_edit_restores_it_and_lists_the_revert(admin_client):
    faq = make_faq(answer_en=OLD_ANSWER)
    first = faq.history.earliest()
    edit_in_admin(admin_client, faq, answer_en=NEW_ANSWER)

    url = reverse("admin:faq_faq_simple_history", args=[faq.pk, first.history_id])
    page = admin_client.get(url, **ENGLISH)
    assert page.status_code == 200
    response = admin_client.post(url, form_data(page.context["adminform"].form), **ENGLISH)
    assert response.status_code == 302, response.context["adminform"].form.errors
    faq.refresh_from_db()
    assert faq.answer_en == OLD_ANSWER

    revert, edit = history_changes(admin_client, faq)[:2]
    assert [(c["label"], c["before"], c["after"]) for c in revert] == [
        ("Answer — English", NEW_ANSWER, OLD_ANSWER)
    ]
    assert [(c["label"], c["before"], c["after"]) for c in edit] == [
        ("Answer — English", OLD_ANSWER, NEW_ANSWER)
    ]


def test_chinese_changes_are_marked_character_by_character():
    old, new = marked_diff("充值多久能到账？", "充值多久可以到账？")
    assert old == "充值多久<del>能</del>到账？"
    assert new == "充值多久<ins>可以</ins>到账？"


def test_a_chinese_speaking_agent_reads_the_labels_in_chinese(admin_client):
    faq = make_faq(answer_en="")
    edit_in_admin(admin_client, faq, answer_en="Arrives within five minutes.")
    page = admin_client.get(
        reverse("admin:faq_faq_history", args=[faq.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    parser = ChangesColumn()
    parser.feed(page.content.decode())
    [answer] = parser.records[1]
    assert answer["label"] == "答案（英语）"
    assert answer["before"] == "（空）"
    assert "修改前" in answer["text"] and "修改后" in answer["text"]


def test_saving_unchanged_texts_from_a_browser_changes_nothing(admin_client):
    """A browser sends CRLF line breaks; the texts are kept with LF, so a save with nothing
    edited neither marks the zh-hans source changed (its translations outdated) nor lists it."""
    from faq import freshness

    faq = make_faq(
        answer_zh_hans="第一行。\n\n第二行。",
        answer_en="First line.\n\nSecond line.",
        answer_ru="Первая строка.\n\nВторая строка.",
    )
    assert freshness.outdated_languages(item=faq) == []
    edit_in_admin(admin_client, faq, answer_en=NEW_ANSWER)
    faq.refresh_from_db()
    assert faq.answer_zh_hans == "第一行。\n\n第二行。" and "\r" not in faq.answer_en
    assert freshness.outdated_languages(item=faq) == []
    assert [change["label"] for change in history_changes(admin_client, faq)[0]] == [
        "Answer — English"
    ]
