"""The unanswered report as an agent works it: near-identical queries on one line, several lines
handled at once, what a reader is shown for each, and the likely item for "add as keyword"."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from assistant.answers import ask
from assistant.models import AnswerRule
from faq.models import Faq
from insights.models import HandledQuery
from insights.unanswered import group_key, members_token, unanswered_groups
from tests.builders import make_faq, make_rule
from tests.insights.test_unanswered import REPORT, searched

pytestmark = pytest.mark.django_db


def checkboxes(response) -> dict[str, str]:
    """The report's selection checkboxes as the page has them: {shown query: posted value}."""
    page = response.content.decode()
    rows = re.findall(
        r'name="group" value="([^"]*)" form="unanswered-bulk".*?<strong>(.*?)</strong>',
        page,
        flags=re.S,
    )
    return {html.unescape(query): html.unescape(value) for value, query in rows}


def cells(response, css_class: str) -> list[str]:
    """The text of a column's cells, in row order, as a reader sees it."""
    found = re.findall(rf'<td class="{css_class}">(.*?)</td>', response.content.decode(), re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in found]


def top_up_searches():
    searched("top up 100 rub", "en", none=4)
    searched("top up 200 rub", "en", none=2)
    searched("Top  up 100 RUB", "en", none=1)
    searched("roaming in china", "en", none=3)


def test_queries_differing_in_case_spacing_or_digits_are_one_line():
    assert group_key("Top  up 100 RUB") == group_key("top up 2000 rub") == "top up 0 rub"
    assert group_key("top up rub") != group_key("top up 100 rub")
    top_up_searches()
    groups = unanswered_groups(language="en")
    assert [(g.query, len(g.variants), g.week) for g in groups] == [
        ("top up 100 rub", 3, 7),  # the most frequent spelling stands for the group
        ("roaming in china", 1, 3),
    ]
    assert [v.query for v in groups[0].variants] == [
        "top up 100 rub",
        "top up 200 rub",
        "Top  up 100 RUB",
    ]


def test_the_page_shows_one_line_per_group_with_its_variants_and_languages(english_admin):
    top_up_searches()
    searched("top up 50 rub", "ru", none=1)
    page = english_admin.get(REPORT)
    assert list(checkboxes(page)) == ["top up 100 rub", "roaming in china"]
    text = page.content.decode()
    assert "4 variants" in text and "en, ru" in text
    assert page.context["groups"][0].month == 8


def test_bulk_mark_handled_hides_every_query_of_the_selected_groups(english_admin):
    top_up_searches()
    searched("esim", "en")
    boxes = checkboxes(english_admin.get(REPORT))
    response = english_admin.post(
        REPORT + "handled/",
        {"group": [boxes["top up 100 rub"], boxes["esim"]], "next": REPORT},
        follow=True,
    )
    assert "4 queries marked handled." in response.content.decode()
    assert [g.query for g in response.context["groups"]] == ["roaming in china"]
    assert HandledQuery.objects.filter(how="handled").count() == 4


def test_bulk_out_of_scope_opens_one_inactive_rule_with_every_phrase(english_admin):
    top_up_searches()
    searched("пополнить тройку", "ru", none=2)
    boxes = checkboxes(english_admin.get(REPORT))
    response = english_admin.post(
        REPORT + "scope/", {"group": [boxes["top up 100 rub"], boxes["пополнить тройку"]]}
    )
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("admin:assistant_answerrule_add")
    form = english_admin.get(response["Location"]).context["adminform"].form
    assert form.initial["phrases_en"] == "top up 100 rub, top up 200 rub, Top up 100 RUB"
    assert form.initial["phrases_ru"] == "пополнить тройку"
    assert form.initial["outcome"] == AnswerRule.OUT_OF_SCOPE and not form.initial["active"]
    assert set(HandledQuery.objects.values_list("how", flat=True)) == {"scope"}
    assert HandledQuery.objects.count() == 4
    assert not AnswerRule.objects.exists()  # staff write the message, then save
    assert [g.query for g in unanswered_groups(language=None)] == ["roaming in china"]


def test_nothing_selected_or_a_garbled_selection_changes_nothing(english_admin):
    searched("esim", "en")
    response = english_admin.post(REPORT + "handled/", {"next": REPORT}, follow=True)
    assert "Select at least one query." in response.content.decode()
    garbled = english_admin.post(REPORT + "handled/", {"group": '[["xx", "esim"]]'})
    assert garbled.status_code == 400 and b"Unknown language" in garbled.content
    assert english_admin.post(REPORT + "scope/", {"group": "not json"}).status_code == 400
    no_query = english_admin.get(REPORT + "keyword/")
    assert no_query.status_code == 400 and b"None was given" in no_query.content
    assert not HandledQuery.objects.exists()


def test_the_shown_column_says_what_the_assistant_answers(english_admin):
    make_faq(
        slug="roaming",
        question_en="How do I switch on roaming abroad?",
        keywords_en="roaming, abroad",
    )
    make_rule(
        target="",
        name="Transport cards",
        outcome=AnswerRule.OUT_OF_SCOPE,
        phrases_en="troika",
        message_en="Transport cards are not ours.",
    )
    searched("roaming in china", "en", none=3)
    searched("troika top up", "en", none=2)
    searched("qwxz", "en", none=1)
    decision = ask("roaming in china", language="en")
    page = english_admin.get(REPORT)
    roaming, troika, nothing = cells(page, "unanswered-shown")
    expected = "Answered by search now" if decision.confident else "No confident answer"
    assert roaming.startswith(expected)
    assert f"How do I switch on roaming abroad? {decision.ranking[0].score:.2f}" in roaming
    assert troika.startswith("Declined as out of scope (rule “Transport cards”)")
    assert nothing == "No confident answer nothing matched"


def test_add_as_keyword_preselects_the_item_search_ranks_first_and_keeps_the_rest(english_admin):
    make_faq(slug="balance", question_en="How do I check my balance?", keywords_en="balance")
    make_faq(slug="roaming", question_en="Roaming in other countries", keywords_en="roaming")
    searched("roaming in china 2026", "en", none=2)
    searched("roaming in china 2025", "en")
    token = checkboxes(english_admin.get(REPORT))["roaming in china 2026"]
    page = english_admin.get(REPORT + "keyword/", {"group": token})
    form = page.context["form"]
    assert form["target"].value() == "faq:roaming"
    assert re.search(r'<option value="faq:roaming" selected>', page.content.decode())
    every = {key for _group, items in form.fields["target"].choices[1:] for key, _l in items}
    assert {"faq:balance", "faq:roaming"} <= every

    response = english_admin.post(
        REPORT + "keyword/", {"group": token, "target": "faq:roaming", "next": REPORT}
    )
    assert response.status_code == 302
    assert Faq.objects.get(slug="roaming").keywords_en == "roaming, roaming in china 2026"
    assert HandledQuery.objects.filter(how="keyword").count() == 2  # both variants
    assert unanswered_groups(language="en") == []


def test_a_group_draft_has_each_languages_query_in_its_keywords_and_no_question(english_admin):
    token = members_token([("en", "top up 100 rub"), ("en", "top up 200 rub"), ("ru", "тройка")])
    response = english_admin.post(REPORT + "draft/", {"group": token})
    assert parse_qs(urlsplit(response["Location"]).query) == {
        "keywords_en": ["top up 100 rub"],
        "keywords_ru": ["тройка"],
    }
    assert HandledQuery.objects.count() == 3


def test_the_bulk_actions_need_the_same_permissions_as_one(client, django_user_model):
    searched("esim", "en")
    token = members_token([("en", "esim")])
    staff = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_searchlog"))
    client.force_login(staff)
    assert client.get(REPORT).status_code == 200
    assert client.post(REPORT + "handled/", {"group": [token]}).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="add_handledquery"))
    staff = django_user_model.objects.get(pk=staff.pk)  # permissions are cached per instance
    client.force_login(staff)
    assert client.post(REPORT + "scope/", {"group": [token]}).status_code == 403  # no rule perm
    assert not HandledQuery.objects.exists()
    assert client.post(REPORT + "handled/", {"group": [token]}).status_code == 302
    assert HandledQuery.objects.get().how == "handled"


def test_the_report_pages_its_groups_each_with_what_was_shown(english_admin):
    for n in range(30):
        searched(f"question {'x' * n}", "en", none=100 - n)
    first = english_admin.get(REPORT).context
    assert len(first["groups"]) == 25 and first["page"].paginator.num_pages == 2
    assert all(group.shown is not None for group in first["groups"])
    second = english_admin.get(REPORT, {"page": 2}).context["groups"]
    assert [g.query for g in second] == [f"question {'x' * n}" for n in range(25, 30)]
