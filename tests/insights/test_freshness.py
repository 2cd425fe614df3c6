"""Reviewed dates: the "mark reviewed" action and the due-for-review report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from faq.models import Faq, Status
from guides.models import Guide
from insights.reports import review_due
from tests.builders import make_faq, make_guide

pytestmark = pytest.mark.django_db


def aged(item, *, created_days: int, reviewed_days: int | None = None):
    now = timezone.now()
    type(item).objects.filter(pk=item.pk).update(
        created_at=now - datetime.timedelta(days=created_days),
        reviewed_at=None if reviewed_days is None else now - datetime.timedelta(days=reviewed_days),
    )
    return item


def due() -> list[str]:
    return [item.key for item in review_due(language="en")]


def test_the_mark_reviewed_action_sets_reviewed_at(english_admin):
    faq = aged(make_faq(), created_days=400)
    before = timezone.now()
    response = english_admin.post(
        reverse("admin:faq_faq_changelist"),
        {"action": "mark_reviewed", "_selected_action": [faq.pk]},
    )
    assert response.status_code == 302
    faq.refresh_from_db()
    assert faq.reviewed_at >= before
    assert faq.history.count() == 1  # a review is not a content change


def test_published_items_not_reviewed_for_the_set_number_of_days_are_due(settings):
    settings.REVIEW_AFTER_DAYS = 180
    aged(make_faq(slug="old-never-reviewed"), created_days=200)
    aged(make_faq(slug="old-reviewed-long-ago"), created_days=900, reviewed_days=365)
    aged(make_faq(slug="old-reviewed-lately"), created_days=900, reviewed_days=30)
    aged(make_faq(slug="new"), created_days=10)
    aged(make_faq(slug="old-draft", status=Status.DRAFT), created_days=900)
    aged(make_guide(slug="old-guide"), created_days=181)

    # The longest unreviewed first (never reviewed: counted from creation).
    assert due() == ["faq:old-reviewed-long-ago", "faq:old-never-reviewed", "guide:old-guide"]
    settings.REVIEW_AFTER_DAYS = 300
    assert due() == ["faq:old-reviewed-long-ago"]


def test_reviewing_an_item_takes_it_off_the_report(english_admin):
    guide = aged(make_guide(slug="old-guide"), created_days=400)
    assert due() == ["guide:old-guide"]
    english_admin.post(
        reverse("admin:guides_guide_changelist"),
        {"action": "mark_reviewed", "_selected_action": [guide.pk]},
    )
    assert due() == []


def test_the_report_page_and_the_list_filter(english_admin):
    aged(make_faq(slug="stale"), created_days=400)
    make_faq(slug="fresh")
    page = english_admin.get(reverse("admin:insights_review"))
    assert page.status_code == 200 and "faq:stale" in page.content.decode()
    changelist = english_admin.get(reverse("admin:faq_faq_changelist"), {"review": "due"})
    assert [item.slug for item in changelist.context["cl"].result_list] == ["stale"]
    column = changelist.context["cl"].model_admin.reviewed_column
    assert column(Faq.objects.get(slug="stale")) == "never"


def test_the_mark_reviewed_action_exists_on_guides_and_troubleshooters(english_admin):
    for model in ("guide", "troubleshooter"):
        page = english_admin.get(reverse(f"admin:guides_{model}_changelist"))
        assert "mark_reviewed" in dict(page.context["action_form"].fields["action"].choices)
    assert Guide.objects.count() == 0
