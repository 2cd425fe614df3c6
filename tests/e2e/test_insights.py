"""Staff insights in a real browser: the charts of a 90-day history and their range switch, a CSV
download, and the live Markdown preview of an answer; axe-core on both pages."""

import csv
import io
from datetime import timedelta

from django.utils import timezone

from faq.models import Faq
from insights.history import seed_history
from insights.models import Feedback, PageView, SearchLog
from tests.e2e.conftest import save_screenshot, serious_violations

ANSWER = """## How to renew

- open the operator's app
- pay by card

See [the balance](faq:check-remaining-balance) and [this](faq:not-an-item).

<script>document.title = "pwned"</script>
"""


def test_the_dashboard_charts_a_90_day_history_and_exports_it(site, staff_page, axe_source):
    page = staff_page
    seed_history(days=90, searches_per_day=300, rows_per_day=30)
    page.goto(f"{site}/admin/insights/searchlog/dashboard/?days=90")
    charts = page.locator(".insights-chart svg.pygal-chart")
    assert charts.count() == 5
    assert charts.first.bounding_box()["height"] > 100  # drawn, not an empty box
    bars_90 = page.locator("#chart-searches svg rect.rect").count()
    assert "90 days" in page.locator("#insights-span").inner_text()
    save_screenshot(page, "insights-dashboard-90-days.png")
    assert serious_violations(page, axe_source) == []

    page.select_option("#id_days", "30")
    page.click("#insights-range button[type=submit]")
    page.wait_for_url("**days=30**")
    assert "30 days" in page.locator("#insights-span").inner_text()
    assert 0 < page.locator("#chart-searches svg rect.rect").count() < bars_90

    today = timezone.localdate()
    with page.expect_download() as download:
        page.click(".insights-exports a[href*='searchlog']")
    path = download.value.path()
    assert download.value.suggested_filename == (
        f"simhelp-searchlog-{today - timedelta(days=29):%Y-%m-%d}_{today:%Y-%m-%d}.csv"
    )
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    expected = SearchLog.objects.filter(day__gte=today - timedelta(days=29)).count()
    assert rows[0][0] == "Day" and len(rows) - 1 == expected > 0
    assert page.csp_errors == []


def test_the_answer_preview_shows_what_readers_will_see(site, staff_page, axe_source):
    page = staff_page
    faq = Faq.objects.get(slug="reset-password")
    page.goto(f"{site}/admin/faq/faq/{faq.pk}/change/")
    page.locator(".language-switch button", has_text="en").first.click()
    page.fill("#id_answer_en", ANSWER)
    preview = page.locator("#id_answer_en-preview")
    preview.locator("h3", has_text="How to renew").wait_for()
    body = preview.locator(".markdown-preview-body")
    assert body.locator("li").all_inner_texts() == ["open the operator's app", "pay by card"]
    link = body.locator("a", has_text="the balance")
    assert link.get_attribute("href") == "/en/faq/check-remaining-balance/"
    assert body.locator("script").count() == 0 and page.title() != "pwned"
    flagged = preview.locator(".markdown-preview-problems li.unknown")
    assert flagged.get_attribute("data-target") == "faq:not-an-item"
    save_screenshot(page, "admin-markdown-preview.png")
    # The form around it has Django admin's and modeltranslation's own findings (help-tooltip
    # aria-label, the language tabs, the language switch): printed, the preview's are none.
    print("\n".join(["on the FAQ change form:", *serious_violations(page, axe_source)]))
    assert serious_violations(page, axe_source, within="#id_answer_en-preview") == []
    assert page.csp_errors == []


def test_an_agent_works_the_grouped_unanswered_report(site, staff_page):
    page = staff_page
    day = timezone.localdate()
    for query, none in [
        ("top up 100 rub", 3),
        ("Top  up 200 RUB", 1),
        ("esim in china", 2),
        ("check balance 2026", 1),
    ]:
        SearchLog.objects.create(
            query=query, language="en", day=day, source="api", count=none, none_count=none
        )
    page.goto(f"{site}/admin/insights/searchlog/unanswered/?language=en")
    rows = page.locator("tr.unanswered-group")
    assert rows.count() == 3
    assert "2 variants" in rows.nth(0).inner_text()
    assert rows.nth(0).locator(".unanswered-shown").inner_text().strip() != ""
    save_screenshot(page, "insights-unanswered-grouped.png")

    rows.nth(0).locator("input[type=checkbox]").check()
    rows.nth(1).locator("input[type=checkbox]").check()
    page.locator(".unanswered-bulk-actions button", has_text="Mark handled").click()
    page.locator(".messagelist", has_text="3 queries marked handled.").wait_for()
    assert rows.count() == 1 and "check balance 2026" in rows.first.inner_text()

    rows.first.locator("a", has_text="Add as keyword / synonym…").click()
    target = page.locator("#id_target")
    best = target.locator("optgroup").first.locator("option").first
    assert target.input_value() == best.get_attribute("value") != ""
    page.click("input[type=submit][value=Add]")
    page.locator(".messagelist", has_text="added to").wait_for()
    assert "Nothing unanswered." in page.content()


def test_an_items_change_form_charts_its_views_and_votes(site, staff_page, axe_source):
    page = staff_page
    faq = Faq.objects.get(slug="reset-password")
    today = timezone.localdate()
    for back in range(0, 30, 3):
        day = today - timedelta(days=back)
        PageView.objects.create(target="faq:reset-password", day=day, count=10 + back)
        Feedback.objects.create(
            target="faq:reset-password",
            helpful=back % 2 == 0,
            language="en",
            day=day,
            client=f"{back}",
        )
    page.goto(f"{site}/admin/faq/faq/{faq.pk}/change/")
    panel = page.locator("#item-activity")
    charts = panel.locator("figure svg.pygal-chart")
    assert charts.count() == 2
    assert all(charts.nth(n).bounding_box()["height"] > 60 for n in range(2))  # drawn
    assert (
        "In all: 235 page views, 5 helpful, 5 not helpful."
        in panel.locator("figcaption").inner_text()
    )
    table = panel.locator("details table")
    assert not table.is_visible()
    panel.locator("details summary").click()
    assert table.locator("tbody tr").count() == 30
    save_screenshot(page, "admin-item-activity.png")
    assert serious_violations(page, axe_source, within="#item-activity") == []

    panel.get_by_role("link", name="Last 7 days").click()
    page.wait_for_url("**days=7**")
    assert page.locator("#item-activity details table tbody tr").count() == 7
    assert page.csp_errors == []


def test_the_content_change_forms_have_no_serious_accessibility_finding(
    site, staff_page, axe_source
):
    """axe-core on the change forms staff spend their day in: an FAQ (carriers and card types),
    a guide (its steps' picture boxes) and a troubleshooter (the options' table, the outline)."""
    from guides.models import Guide, Troubleshooter

    page = staff_page
    forms = {
        "faq": f"/admin/faq/faq/{Faq.objects.get(slug='reset-password').pk}/change/",
        "guide": f"/admin/guides/guide/{Guide.objects.get(slug='renew-in-app').pk}/change/",
        "troubleshooter": "/admin/guides/troubleshooter/"
        f"{Troubleshooter.objects.get(slug='payment-failed').pk}/change/",
    }
    findings = {}
    for name, path in forms.items():
        page.goto(site + path)
        page.wait_for_load_state("load")
        # The picture boxes are built by select2 after the page's ready handlers; named once built.
        page.wait_for_function(
            "() => [...document.querySelectorAll('.select2-selection[role=combobox]')]"
            ".every(box => (box.getAttribute('aria-labelledby') || '').includes('-label'))"
        )
        findings[name] = serious_violations(page, axe_source)
    assert findings == {name: [] for name in forms}
    assert page.csp_errors == []
