"""The unanswered-searches report and its three actions: FAQ draft, keyword/synonym, handled."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from assistant.models import SynonymGroup
from faq.models import Faq
from insights.models import HandledQuery, SearchLog
from insights.reports import unanswered_queries
from tests.builders import make_faq, make_guide

pytestmark = pytest.mark.django_db
REPORT = "/admin/insights/searchlog/unanswered/"


def searched(query: str, language: str = "ru", *, days_ago: int = 0, none: int = 1, found=0):
    """Search-log rows as the counters write them."""
    return SearchLog.objects.create(
        query=query,
        language=language,
        day=timezone.localdate() - datetime.timedelta(days=days_ago),
        source="api",
        count=none + found,
        search_count=found,
        none_count=none,
        best_score=0.3,
    )


def ranked(language: str | None = "ru", days: int = 7) -> list[tuple[str, int, int]]:
    return [(r.query, r.week, r.month) for r in unanswered_queries(language=language, days=days)]


def test_it_ranks_queries_by_unanswered_searches_in_the_last_7_or_30_days():
    searched("роуминг в китае", none=2)
    searched("роуминг в китае", days_ago=3)
    searched("esim", days_ago=1, none=1)
    searched("esim", days_ago=20, none=5)
    searched("старый запрос", days_ago=40, none=9)  # older than 30 days
    searched("баланс", found=4, none=0)  # always answered

    assert ranked(days=7) == [("роуминг в китае", 3, 3), ("esim", 1, 6)]
    assert ranked(days=30) == [("esim", 1, 6), ("роуминг в китае", 3, 3)]


def test_it_keeps_languages_apart():
    searched("esim", "ru", none=2)
    searched("esim", "en", none=1)
    assert ranked("ru") == [("esim", 2, 2)]
    assert ranked("en") == [("esim", 1, 1)]
    assert [(r.query, r.language) for r in unanswered_queries(language=None)] == [
        ("esim", "ru"),
        ("esim", "en"),
    ]


def test_the_report_page_lists_every_language_or_one_with_its_actions(english_admin):
    searched("роуминг в китае", none=3)
    searched("roaming in china", "en")
    response = english_admin.get(REPORT)
    assert response.status_code == 200
    lines = [(g.query, g.languages) for g in response.context["groups"]]
    assert lines == [("роуминг в китае", ["ru"]), ("roaming in china", ["en"])]
    html = response.content.decode()
    for action in ("Create FAQ draft", "Add as keyword / synonym…", "Mark handled"):
        assert action in html
    assert english_admin.get(REPORT, {"days": "30"}).context["days"] == 30
    english = english_admin.get(REPORT, {"language": "en"}).context["groups"]
    assert [g.query for g in english] == ["roaming in china"]
    assert not english_admin.get(REPORT, {"language": "zh-hans"}).context["groups"]


def test_mark_handled_hides_the_query_until_it_goes_unanswered_again_on_a_later_day(
    english_admin,
):
    searched("роуминг в китае", days_ago=2)
    searched("esim")
    response = english_admin.post(
        REPORT + "handled/", {"query": "роуминг в китае", "language": "ru", "next": REPORT}
    )
    assert response.status_code == 302 and response["Location"] == REPORT
    assert ranked() == [("esim", 1, 1)]
    handled = HandledQuery.objects.get()
    assert (handled.how, handled.handled_on) == ("handled", timezone.localdate())

    HandledQuery.objects.update(handled_on=timezone.localdate() - datetime.timedelta(days=1))
    searched("роуминг в китае")  # today, after it was handled
    assert ranked() == [("esim", 1, 1), ("роуминг в китае", 1, 1)]


def test_create_faq_draft_puts_the_query_in_the_keywords_and_leaves_the_question_empty(
    english_admin,
):
    searched("роуминг в китае")
    response = english_admin.post(REPORT + "draft/", {"query": "роуминг в китае", "language": "ru"})
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("admin:faq_faq_add")
    assert parse_qs(location.query) == {"keywords_ru": ["роуминг в китае"]}
    form = english_admin.get(response["Location"]).context["adminform"].form
    assert form.initial["keywords_ru"] == "роуминг в китае"
    # The agent writes the question; a raw query is rarely one.
    assert not any(form.initial.get(f"question_{code}") for code in ("ru", "en", "zh_hans"))
    assert HandledQuery.objects.get().how == "draft"
    assert ranked() == []
    assert not Faq.objects.exists()  # only a form: staff write and save the draft


def test_add_as_keyword_appends_to_the_items_keywords_in_that_language(english_admin):
    faq = make_faq(slug="roaming", keywords_ru="роуминг, за границей", keywords_en="roaming")
    searched("роуминг в китае")
    form_page = english_admin.get(
        REPORT + "keyword/", {"query": "роуминг в китае", "language": "ru"}
    )
    assert form_page.status_code == 200
    choices = dict(form_page.context["form"].fields["target"].choices)
    assert "faq:roaming" in dict(choices["FAQs"])

    response = english_admin.post(
        REPORT + "keyword/",
        {"query": "роуминг в китае", "language": "ru", "target": "faq:roaming", "next": REPORT},
    )
    assert response.status_code == 302
    faq.refresh_from_db()
    assert faq.keywords_ru == "роуминг, за границей, роуминг в китае"
    assert faq.keywords_en == "roaming"
    assert faq.history.count() == 2  # saved normally: history has the change
    assert (HandledQuery.objects.get().how, HandledQuery.objects.get().note) == (
        "keyword",
        "faq:roaming",
    )
    assert ranked() == []


def test_a_keyword_already_there_is_not_added_twice():
    from insights.reports import query_add_as_keyword

    guide = make_guide(slug="renew-mts", keywords_en="Top Up MTS")
    query_add_as_keyword(query="top up mts", language="en", target="guide:renew-mts")
    guide.refresh_from_db()
    assert guide.keywords_en == "Top Up MTS"


def test_add_as_synonym_appends_to_a_synonym_group_in_that_language(english_admin):
    group = SynonymGroup.objects.create(slug="top-up", terms_ru="пополнить, положить деньги")
    response = english_admin.post(
        REPORT + "keyword/",
        {"query": "закинуть, денег", "language": "ru", "target": "synonyms:top-up"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    # A comma would split the term in two.
    assert group.terms_ru == "пополнить, положить деньги, закинуть денег"


def test_the_keyword_form_refuses_an_unknown_target(english_admin):
    response = english_admin.post(
        REPORT + "keyword/", {"query": "esim", "language": "en", "target": "faq:nope"}
    )
    assert response.status_code == 200 and response.context["form"].errors["target"]
    assert not HandledQuery.objects.exists()


def test_the_actions_need_a_post_and_staff_permissions(client, english_admin, django_user_model):
    assert english_admin.get(REPORT + "handled/").status_code == 405
    assert client.get(REPORT).status_code == 302  # to the login page
    staff = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(REPORT).status_code == 403
    assert client.post(REPORT + "handled/", {"query": "q", "language": "en"}).status_code == 403


def test_add_as_keyword_reads_a_chinese_list_as_staff_wrote_it_and_keeps_its_separators():
    """、 and ， separate phrases as commas do: a phrase already there is not added again, and a
    new one goes at the end without rewriting what was there."""
    from insights.reports import query_add_as_keyword

    faq = make_faq(slug="limit", keywords_zh_hans="限额、额度，单日限额")
    query_add_as_keyword(query="额度", language="zh-hans", target="faq:limit")
    faq.refresh_from_db()
    assert faq.keywords_zh_hans == "限额、额度，单日限额"
    query_add_as_keyword(query="超限、被拒", language="zh-hans", target="faq:limit")
    faq.refresh_from_db()
    assert faq.keywords_zh_hans == "限额、额度，单日限额, 超限 被拒"
