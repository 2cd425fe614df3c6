"""Each FAQ's, guide's and troubleshooter's change form: its page views and votes per day, as
two small charts and the same numbers as a table."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insights.models import Feedback, PageView
from insights.statistics import item_activity
from tests.admin_forms import change_page_data
from tests.builders import make_faq, make_guide, make_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


def _vote(target: str, day, helpful: bool, node: str = "") -> None:
    number = Feedback.objects.count()
    Feedback.objects.create(
        target=target, node=node, helpful=helpful, language="en", day=day, client=f"c{number}"
    )


def _change_page(client, item) -> str:
    opts = item._meta
    response = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    )
    assert response.status_code == 200
    return response.content.decode()


def _panel(html: str) -> str:
    assert 'id="item-activity"' in html
    return html.split('id="item-activity"')[1].split('<div class="submit-row"')[0]


def _table(panel: str) -> dict[str, list[int]]:
    """The panel's table: day → [views, helpful, not helpful]."""
    rows = re.findall(r'<tr><th scope="row">([\d-]+)</th>(.*?)</tr>', panel)
    return {day: [int(n) for n in re.findall(r">(\d+)</td>", cells)] for day, cells in rows}


def test_the_faq_form_charts_its_views_and_votes_per_day(english_admin, today):
    faq = make_faq(slug="check-balance")
    target = "faq:check-balance"
    PageView.objects.create(target=target, day=today, count=12)
    PageView.objects.create(target=target, day=today - timedelta(days=3), count=5)
    PageView.objects.create(target=target, day=today - timedelta(days=30), count=99)  # too old
    PageView.objects.create(target="faq:another", day=today, count=40)
    _vote(target, today, helpful=True)
    _vote(target, today, helpful=False)
    _vote(target, today - timedelta(days=3), helpful=True)
    _vote(target, today - timedelta(days=31), helpful=False)  # too old
    _vote("faq:another", today, helpful=False)

    panel = _panel(_change_page(english_admin, faq))
    assert "<figure>" in panel and "<figcaption>" in panel
    caption = panel.split("<figcaption>")[1].split("</figcaption>")[0]
    assert "In all: 17 page views, 2 helpful, 1 not helpful." in caption
    assert panel.count('class="pygal-chart"') == 2 and panel.count('role="img"') == 2
    assert "<script" not in panel
    table = _table(panel)
    assert len(table) == 30
    assert table[f"{today:%Y-%m-%d}"] == [12, 1, 1]
    assert table[f"{today - timedelta(days=3):%Y-%m-%d}"] == [5, 1, 0]
    assert table[f"{today - timedelta(days=29):%Y-%m-%d}"] == [0, 0, 0]
    assert sum(sum(row) for row in table.values()) == 17 + 3


def test_guides_and_troubleshooters_have_the_chart_too(english_admin, today):
    guide = make_guide(slug="renew-mts")
    tree = make_tree(slug="no-signal", edges={"start": ["restart"]}, solutions={"restart"})
    PageView.objects.create(target="guide:renew-mts", day=today, count=7)
    PageView.objects.create(target="troubleshooter:no-signal", day=today, count=4)
    PageView.objects.create(target="troubleshooter:no-signal", node="restart", day=today, count=9)
    _vote("troubleshooter:no-signal", today, helpful=False, node="restart")

    assert _table(_panel(_change_page(english_admin, guide)))[f"{today:%Y-%m-%d}"] == [7, 0, 0]
    tree_page = _change_page(english_admin, tree)
    # The tree's own page views; votes on its solutions count for the tree, as in the list.
    assert _table(_panel(tree_page))[f"{today:%Y-%m-%d}"] == [4, 0, 1]
    assert 'id="solution-stats"' in tree_page  # the tree's own panel is still there


def test_an_item_without_views_or_votes_says_so_instead_of_an_empty_chart(english_admin, today):
    faq = make_faq()
    PageView.objects.create(target=f"faq:{faq.slug}", day=today - timedelta(days=45), count=3)
    panel = _panel(_change_page(english_admin, faq))
    assert "No page views or votes in the last 30 days." in panel
    assert "pygal-chart" not in panel and "<table" not in panel


def test_the_add_form_has_no_chart(english_admin):
    html = english_admin.get(reverse("admin:faq_faq_add")).content.decode()
    assert 'id="item-activity"' not in html


def test_the_range_follows_the_query_and_keeps_the_list_filters(english_admin, today):
    faq = make_faq()
    PageView.objects.create(target=f"faq:{faq.slug}", day=today - timedelta(days=60), count=3)
    url = reverse("admin:faq_faq_change", args=[faq.pk])
    filters = quote("status__exact=published")

    quarter = _panel(
        english_admin.get(f"{url}?_changelist_filters={filters}&days=90").content.decode()
    )
    table = _table(quarter)
    assert len(table) == 90 and table[f"{today - timedelta(days=60):%Y-%m-%d}"] == [3, 0, 0]
    links = re.findall(r'<a href="([^"]+)"', quarter.split("item-activity-ranges")[1])[:3]
    assert [link.endswith(f"days={n}") for n in (7, 30, 90) for link in links].count(True) == 3
    assert all(f"_changelist_filters={filters}" in link for link in links)
    assert 'aria-current="true">Last 90 days<' in quarter

    week = _panel(english_admin.get(url, {"days": "7"}).content.decode())
    assert "No page views or votes in the last 7 days." in week


def test_a_bad_range_is_explained_and_the_last_30_days_shown(english_admin, today):
    faq = make_faq()
    PageView.objects.create(target=f"faq:{faq.slug}", day=today, count=2)
    url = reverse("admin:faq_faq_change", args=[faq.pk])
    response = english_admin.get(url, {"since": "2026-02-10", "until": "2026-02-01"})
    assert response.status_code == 200
    panel = _panel(response.content.decode())
    assert 'class="errornote"' in panel and "comes after" in panel
    assert "Showing the last 30 days." in panel and len(_table(panel)) == 30


def test_the_chart_costs_two_queries_whatever_the_range_or_the_data(english_admin, today):
    quiet, busy = make_faq(), make_faq()
    for back in range(90):
        day = today - timedelta(days=back)
        PageView.objects.create(target=f"faq:{busy.slug}", day=day, count=back + 1)
        _vote(f"faq:{busy.slug}", day, helpful=back % 2 == 0)
    for days in ("7", "90"):
        with CaptureQueriesContext(connection) as queries:
            activity = item_activity(target=f"faq:{busy.slug}", query=QueryDict(f"days={days}"))
        assert len(queries) == 2 and len(activity.rows) == int(days)

    counts = []
    for item in (quiet, busy):
        with CaptureQueriesContext(connection) as queries:
            _change_page(english_admin, item)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_editor_without_insights_permissions_sees_the_items_numbers():
    """The rule of the changelist's views and votes columns: whoever may open the item sees
    its numbers, without rights on the insights models."""
    faq = make_faq()
    PageView.objects.create(target=f"faq:{faq.slug}", day=timezone.localdate(), count=6)
    user = get_user_model().objects.create_user("editor", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="faq", codename="view_faq")
    )
    assert not any(p.startswith("insights.") for p in user.get_all_permissions())
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    assert sum(row[0] for row in _table(_panel(_change_page(client, faq))).values()) == 6


@pytest.mark.parametrize(
    ("language", "empty", "caption"),
    [
        ("ru", "Ни просмотров, ни оценок за последние 30 дней.", "Всего: просмотров — 5"),
        ("zh-hans", "最近 30 天内没有页面浏览，也没有评价。", "合计：浏览 5 次"),
    ],
)
def test_the_panel_speaks_russian_and_chinese(admin_client, today, language, empty, caption):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    quiet, read = make_faq(), make_faq()
    PageView.objects.create(target=f"faq:{read.slug}", day=today, count=5)
    assert empty in _panel(_change_page(admin_client, quiet))
    assert caption in _panel(_change_page(admin_client, read))


def test_after_a_refused_save_the_chart_is_still_the_stored_items(english_admin, today):
    faq = make_faq(slug="check-balance")
    PageView.objects.create(target="faq:check-balance", day=today, count=8)
    url = reverse("admin:faq_faq_change", args=[faq.pk])
    data = change_page_data(english_admin.get(url))
    data.update(slug="renamed-but-refused", answer_ru="")  # a published FAQ needs every text

    response = english_admin.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "A published item needs this text in every language." in html
    assert _table(_panel(html))[f"{today:%Y-%m-%d}"] == [8, 0, 0]
