"""The dashboard: this week's numbers after a scripted run of 50 searches and 10 votes."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from insights.management.commands.insights_demo import insights_demo_run

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_numbers_of_50_searches_and_10_votes(
    client, english_admin, demo_content
):
    sent = insights_demo_run(client=client)
    assert sent == {"site": 10, "api": 20, "widget": 20, "votes": 10}

    response = english_admin.get(reverse("admin:insights_dashboard"))
    assert response.status_code == 200
    board = response.context["board"]
    print(
        f"\nsearches {board.searches} {board.by_source}, confident {board.confident} "
        f"({board.confident_share:.0%}), votes {board.votes}, helpful {board.helpful}, "
        f"top unanswered {[(r.query, r.language, r.week) for r in board.top_unanswered]}"
    )
    assert board.searches == 50
    assert board.by_source == {"api": 20, "site": 10, "widget": 20}
    assert 0 < board.confident < 50
    assert (board.votes, board.helpful) == (10, 7)
    assert len(board.top_unanswered) == 5
    assert board.top_unanswered[0].week >= board.top_unanswered[-1].week > 0
    assert board.missing_translations == {"zh-hans": 0, "en": 0, "ru": 0}
    assert board.due_for_review == 0 and board.dropped_batches == 0

    html = response.content.decode()
    assert 'data-number="searches">50<' in html and 'data-number="votes">10<' in html
    for report in ("unanswered", "feedback_items", "translations", "review"):
        assert reverse(f"admin:insights_{report}") in html


def test_the_admin_index_links_the_dashboard(english_admin):
    html = english_admin.get(reverse("admin:index")).content.decode()
    assert reverse("admin:insights_dashboard") in html
    assert reverse("admin:faq_faq_changelist") in html  # the app list is still there


def test_the_insights_app_page_is_the_dashboard(english_admin):
    response = english_admin.get("/admin/insights/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:insights_dashboard")
    assert "Staff insights" in response.content.decode()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "/admin/faq/searchlog/unanswered/?days=30",
            "/admin/insights/searchlog/unanswered/?days=30",
        ),
        ("/admin/faq/feedback/", "/admin/insights/feedback/"),
        ("/admin/faq/answerrule/try/", "/admin/assistant/answerrule/try/"),
    ],
)
def test_bookmarks_of_the_first_layout_lead_to_the_moved_pages(english_admin, old, new):
    response = english_admin.get(old)
    assert response.status_code == 301 and response["Location"] == new
    assert english_admin.get(new).status_code == 200


def test_the_demo_command_prints_the_numbers(demo_content, settings):
    out = io.StringIO()
    call_command("insights_demo", stdout=out)
    text = out.getvalue()
    print("\n" + text)
    assert "sent: 10 site searches, 20 API searches, 20 widget searches, 10 votes" in text
    assert "searches: 50 (api 20, site 10, widget 20)" in text
    assert "votes: 10, helpful 7 (70%)" in text
