"""The admin under its Content-Security-Policy: log-in, the language switch, no violation."""

from django.contrib.auth import get_user_model

from faq.models import Faq


def test_the_admin_works_under_its_policy_with_no_violation(site, browser):
    get_user_model().objects.create_superuser("editor", "", "a-long-local-password")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security" in m.text else None,
    )
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-local-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
    faq = Faq.objects.get(slug="reset-password")
    page.goto(f"{site}/admin/faq/faq/{faq.pk}/change/")
    tabs = page.locator(".language-switch button")
    tabs.first.wait_for()
    labels = [tabs.nth(i).inner_text().lower() for i in range(tabs.count())]
    assert any("zh" in label for label in labels) and any("ru" in label for label in labels)
    assert violations == []
    context.close()
