"""The admin under its Content-Security-Policy: log-in, the language switch, no violation."""

from faq.models import Faq
from tests.e2e.conftest import sign_in_staff


def test_the_admin_works_under_its_policy_with_no_violation(site, browser):
    page = sign_in_staff(browser, site)
    faq = Faq.objects.get(slug="reset-password")
    page.goto(f"{site}/admin/faq/faq/{faq.pk}/change/")
    tabs = page.locator(".language-switch button")
    tabs.first.wait_for()
    labels = [tabs.nth(i).inner_text().lower() for i in range(tabs.count())]
    assert any("zh" in label for label in labels) and any("ru" in label for label in labels)
    assert page.csp_errors == []
    page.context.close()
