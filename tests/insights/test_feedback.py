"""Feedback in the admin: the read-only list, votes per item, the changelists' views and helpful
columns, and how each troubleshooter solution did."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from insights.models import Feedback, PageView
from insights.statistics import feedback_by_item
from tests.builders import make_faq, make_guide, make_tree

pytestmark = pytest.mark.django_db
_clients = itertools.count(1)


def vote(target: str, helpful: bool, *, node: str = "", comment: str = "") -> Feedback:
    return Feedback.objects.create(
        target=target,
        node=node,
        helpful=helpful,
        comment=comment,
        language="ru",
        source="site",
        day=timezone.localdate(),
        client=f"client-{next(_clients)}",
    )


def viewed(target: str, count: int, *, node: str = "", days_ago: int = 0) -> None:
    PageView.objects.create(
        target=target,
        node=node,
        count=count,
        day=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


def test_the_feedback_list_is_read_only_filtered_and_searchable(english_admin):
    vote("faq:balance", True, comment="Помогло, спасибо")
    vote("faq:balance", False, comment="Не работает *100#")
    url = reverse("admin:insights_feedback_changelist")
    page = english_admin.get(url)
    assert page.status_code == 200 and page.context["cl"].result_count == 2
    assert english_admin.get(url, {"helpful__exact": "0"}).context["cl"].result_count == 1
    assert english_admin.get(url, {"q": "100#"}).context["cl"].result_count == 1
    assert english_admin.get(url, {"q": "faq:balance"}).context["cl"].result_count == 2
    assert english_admin.get(reverse("admin:insights_feedback_add")).status_code == 403
    change = english_admin.get(
        reverse("admin:insights_feedback_change", args=[Feedback.objects.first().pk])
    )
    assert change.status_code == 200 and "_save" not in change.content.decode()


def test_votes_per_item_with_counts_ratio_and_views():
    vote("faq:balance", True)
    vote("faq:balance", True)
    vote("faq:balance", False)
    vote("troubleshooter:wifi", False, node="restart")
    viewed("faq:balance", 12)
    viewed("faq:balance", 50, days_ago=40)  # older than the 30 days shown
    rows = {
        (r.target, r.node): (r.helpful, r.unhelpful, r.ratio, r.views) for r in feedback_by_item()
    }
    assert rows == {
        ("faq:balance", ""): (2, 1, 2 / 3, 12),
        ("troubleshooter:wifi", "restart"): (0, 1, 0.0, 0),
    }
    assert [r.target for r in feedback_by_item()] == ["faq:balance", "troubleshooter:wifi"]


def test_the_votes_per_item_page_renders(english_admin):
    vote("faq:balance", False)
    page = english_admin.get(reverse("admin:insights_feedback_items"))
    assert page.status_code == 200 and "faq:balance" in page.content.decode()


def test_the_changelists_show_views_and_the_helpful_ratio(english_admin):
    faq = make_faq(slug="balance")
    make_faq(slug="quiet")
    vote("faq:balance", True)
    vote("faq:balance", True)
    vote("faq:balance", True)
    vote("faq:balance", False)
    vote("guide:balance", False)  # another type with the same slug
    viewed("faq:balance", 7)
    viewed("faq:balance", 3, days_ago=1)
    cl = english_admin.get(reverse("admin:faq_faq_changelist")).context["cl"]
    admin_ = cl.model_admin
    shown = {
        item.slug: (admin_.views_column(item), admin_.helpful_column(item))
        for item in cl.result_list
    }
    assert shown == {"balance": (10, "75% (3/4)"), "quiet": (0, "—")}
    by_views = english_admin.get(reverse("admin:faq_faq_changelist"), {"o": "-7"}).context["cl"]
    assert by_views.result_list[0].pk == faq.pk


@pytest.mark.parametrize("name", ["faq", "guide", "troubleshooter"])
def test_a_changelist_costs_the_same_queries_however_many_items(
    english_admin, django_assert_max_num_queries, name
):
    make = {
        "faq": make_faq,
        "guide": make_guide,
        "troubleshooter": lambda: make_tree(edges={"start": ["a"]}, solutions={"a"}),
    }[name]
    app = "faq" if name == "faq" else "guides"
    url = reverse(f"admin:{app}_{name}_changelist")
    make()
    english_admin.get(url)  # sessions, content types: warmed up
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        english_admin.get(url)
    for _ in range(5):
        item = make()
        vote(f"{name}:{item.slug}", True)
        viewed(f"{name}:{item.slug}", 3)
    with django_assert_max_num_queries(len(one.captured_queries)):
        english_admin.get(url)


def test_the_troubleshooter_page_shows_how_often_each_solution_was_reached_and_failed(
    english_admin,
):
    tree = make_tree(edges={"start": ["restart", "call"]}, solutions={"restart", "call"})
    key = f"troubleshooter:{tree.slug}"
    viewed(key, 9, node="restart")
    viewed(key, 2, node="call")
    vote(key, False, node="restart")
    vote(key, False, node="restart")
    vote(key, True, node="restart")
    page = english_admin.get(reverse("admin:guides_troubleshooter_change", args=[tree.pk]))
    assert page.status_code == 200
    rows = {
        row.key: (row.reached, row.helped, row.not_helped) for row in page.context["solution_stats"]
    }
    assert rows == {"restart": (9, 1, 2), "call": (2, 0, 0)}
    assert "How the solutions did" in page.content.decode()
