"""A troubleshooter's admin page shows its tree as a diagram whose nodes open their forms."""

import os
from pathlib import Path

from guides.models import Troubleshooter
from tests.builders import make_tree
from tests.e2e.conftest import sign_in_staff


def test_the_diagram_shows_every_node_and_a_click_opens_its_form(site, browser):
    page = sign_in_staff(browser, site)
    tree = Troubleshooter.objects.get(slug="payment-failed")
    page.goto(f"{site}/admin/guides/troubleshooter/{tree.pk}/change/?lang=en")
    for node in tree.nodes.all():
        assert page.locator(f"#tree-diagram g#diagram-{node.key}").is_visible()
    page.locator("#tree-diagram g#diagram-card-type a").click()
    assert page.url.endswith("#nodes-6")
    form = page.locator("#nodes-6")
    assert form.locator("input[name='nodes-6-key']").input_value() == "card-type"
    assert form.is_visible()
    page.context.close()


def test_a_wide_tree_opens_with_its_start_question_in_view(site, browser):
    """payment-failed is wider than a 1024 px screen's diagram box: the box opens scrolled so
    the start question is in it, and the box takes the keyboard's focus to scroll."""
    page = sign_in_staff(browser, site, width=1024)
    tree = Troubleshooter.objects.get(slug="payment-failed")
    page.goto(f"{site}/admin/guides/troubleshooter/{tree.pk}/change/?lang=zh-hans")
    box = page.locator("#tree-diagram .diagram-svg")
    assert page.evaluate("b => b.scrollWidth > b.clientWidth", box.element_handle())
    page.wait_for_function(
        "() => document.querySelector('#tree-diagram .diagram-svg').scrollLeft > 0"
    )
    inside, start = box.bounding_box(), page.locator(f"g#diagram-{tree.root.key}").bounding_box()
    centre = start["x"] + start["width"] / 2
    assert inside["x"] < centre < inside["x"] + inside["width"]
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
    page.context.close()


def test_an_unreachable_node_is_red_with_the_reason(site, browser):
    tree = make_tree(edges={"start": ["fix"], "lost": ["fix"]}, solutions={"fix"})
    page = sign_in_staff(browser, site)
    page.goto(f"{site}/admin/guides/troubleshooter/{tree.pk}/change/?lang=en")
    lost = page.locator("#tree-diagram g#diagram-lost")
    assert lost.locator("polygon, path").first.get_attribute("fill") == "#fde2e1"
    assert "cannot be reached from the first question" in " ".join(lost.text_content().split())
    page.context.close()


def test_screenshots_of_the_diagram(site, browser):
    """Screenshots for review (zh-hans and ru, phone and desktop) when DIAGRAM_SHOTS names a
    folder."""
    folder = os.environ.get("DIAGRAM_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    tree = Troubleshooter.objects.get(slug="payment-failed")
    for width in (390, 1440):
        page = sign_in_staff(browser, site, width=width)
        for language in ("zh-hans", "ru"):
            page.goto(
                f"{site}/admin/guides/troubleshooter/{tree.pk}/change/?lang={language}#tree-diagram"
            )
            page.locator("#tree-diagram").screenshot(
                path=f"{folder}/payment-failed-{language}-{width}.png"
            )
        page.context.close()


def test_an_option_with_a_new_solution_is_added_from_the_outline(site, browser):
    """Without leaving the page: the form in the outline posts, and the page comes back at the
    question with the new solution in the outline and in the diagram, under the admin's CSP."""
    page = sign_in_staff(browser, site)
    tree = Troubleshooter.objects.get(slug="payment-failed")
    start = tree.nodes.get(key="start")
    page.goto(f"{site}/admin/guides/troubleshooter/{tree.pk}/change/?lang=en")

    adder = page.locator(f"#outline-node-{start.pk} > details > details.outline-add")
    adder.locator("summary").click()
    form = adder.locator("form")
    form.locator("input[name=label_zh_hans]").fill("卡被运营商锁了")
    form.locator("input[name=label_en]").fill("The carrier blocked the card")
    form.locator("input[name=label_ru]").fill("Оператор заблокировал карту")
    form.locator("select[name=target]").select_option("new-solution")
    form.locator("input[name=key]").fill("carrier-block")
    form.locator("input[name=text_zh_hans]").fill("带护照去营业厅解锁")
    form.locator("input[name=text_en]").fill("Take your passport to a store to unblock it")
    form.locator("input[name=text_ru]").fill("Возьмите паспорт и разблокируйте карту в салоне")
    form.locator("button[type=submit]").click()

    page.wait_for_url(f"**/change/?lang=en#outline-node-{start.pk}")
    note = page.locator(f"#outline-node-{start.pk} > details > .outline-messages")
    assert "The carrier blocked the card" in note.inner_text()
    assert note.is_visible()
    added = page.locator(
        "#outline li.outline-solution", has=page.locator("a", has_text="carrier-block")
    )
    assert added.is_visible()
    assert "Take your passport to a store to unblock it" in added.inner_text()
    assert page.locator("#tree-diagram g#diagram-carrier-block").is_visible()
    assert page.csp_errors == []
    page.context.close()
