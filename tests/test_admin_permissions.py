"""Every custom admin page checks a permission, not only that the user is staff."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from faq.models import Status
from tests.builders import make_faq

pytestmark = pytest.mark.django_db
NUMBERS = itertools.count()


def staff_with(*perms: str) -> Client:
    user = get_user_model().objects.create_user(f"editor-{next(NUMBERS)}", is_staff=True)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


CONTENT_VIEW = ["faq.view_faq", "guides.view_guide", "guides.view_troubleshooter"]


@pytest.mark.parametrize(
    "report",
    ["admin:insights_translations", "admin:insights_review", "admin:insights_shared_keywords"],
)
def test_item_reports_need_the_right_to_view_the_items_not_only_the_search_log(report):
    make_faq(slug="secret-draft", status=Status.DRAFT, question_en="Unannounced price rise")
    search_log_only = staff_with("insights.view_searchlog").get(reverse(report))
    assert search_log_only.status_code == 403
    assert "Unannounced" not in search_log_only.content.decode()
    assert (
        staff_with("insights.view_searchlog", *CONTENT_VIEW).get(reverse(report)).status_code == 200
    )


def test_the_dashboard_still_needs_only_the_search_log():
    assert (
        staff_with("insights.view_searchlog").get(reverse("admin:insights_dashboard")).status_code
        == 200
    )


def test_try_a_question_needs_the_right_to_view_answer_rules():
    url = reverse("admin:assistant_answerrule_try")
    assert staff_with().get(url, {"query": "余额", "language": "en"}).status_code == 403
    allowed = staff_with("assistant.view_answerrule").get(url, {"query": "余额", "language": "en"})
    assert allowed.status_code == 200


def support_agent() -> Client:
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(f"agent-{next(NUMBERS)}", is_staff=True)
    user.groups.add(Group.objects.get(name="Support agent"))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_a_support_agent_edits_content_and_reads_insights():
    agent = support_agent()
    for name in [
        "admin:faq_faq_add",
        "admin:faq_category_changelist",
        "admin:guides_guide_add",
        "admin:guides_troubleshooter_changelist",
        "admin:assistant_answerrule_changelist",
        "admin:insights_dashboard",
    ]:
        assert agent.get(reverse(name)).status_code == 200, name


def test_a_support_agent_is_kept_out_of_the_technical_sections():
    agent = support_agent()
    for name in [
        "admin:auth_user_changelist",
        "admin:auth_group_changelist",
        "admin:axes_accessattempt_changelist",
        "admin:widget_embedsite_changelist",
        "admin:widget_embedsite_add",
    ]:
        assert agent.get(reverse(name)).status_code == 403, name
    home = agent.get(reverse("admin:index")).content.decode()
    assert "/admin/faq/faq/" in home and "/admin/insights/" in home
    for section in ["/admin/auth/", "/admin/axes/", "/admin/widget/", "/admin/otp_totp/"]:
        assert section not in home, section
