"""The troubleshooter diagram on its admin page: every node drawn and linked to its form, the
problems validation finds drawn red with the reason, staff text kept out of the SVG's markup."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils.html import escape

from guides.models import Node, NodeKind, Troubleshooter
from tests.builders import make_tree

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def svg_of(html: str) -> ET.Element:
    start = html.index("<svg", html.index('class="diagram-svg"'))
    return ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])


def drawn(svg: ET.Element) -> dict[str, dict]:
    """Each drawn node by key: its label text (lines joined by spaces), link and fill colour."""
    nodes = {}
    for group in svg.iter(f"{SVG}g"):
        key = group.get("id", "")
        if not key.startswith("diagram-") or "node" not in group.get("class", ""):
            continue
        link = next(group.iter(f"{SVG}a"))
        shape = next(s for s in group.iter() if s.tag in (f"{SVG}polygon", f"{SVG}path"))
        nodes[key.removeprefix("diagram-")] = {
            "text": " ".join(t.text or "" for t in group.iter(f"{SVG}text")),
            "href": link.get(XLINK),
            "fill": shape.get("fill"),
        }
    return nodes


def page(admin_client, tree, **params):
    url = reverse("admin:guides_troubleshooter_change", args=[tree.pk])
    return admin_client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")


def test_the_change_page_draws_every_node_linked_to_its_form(admin_client, demo_content):
    tree = Troubleshooter.objects.get(slug="payment-failed")
    response = page(admin_client, tree, lang="ru")
    html = response.content.decode()
    nodes = drawn(svg_of(html))

    keys = list(tree.nodes.order_by("order", "pk").values_list("key", flat=True))
    assert sorted(nodes) == sorted(keys)
    assert "Что произошло с платежом?" in nodes["start"]["text"]
    for index, key in enumerate(keys):
        assert nodes[key]["href"] == f"#nodes-{index}"
        assert f'id="nodes-{index}"' in html  # the inline form the link leads to
    assert all(node["fill"] != "#fde2e1" for node in nodes.values())  # a sound tree: no red


def test_the_diagram_follows_the_language_asked_for(admin_client, demo_content):
    tree = Troubleshooter.objects.get(slug="payment-failed")
    chinese = drawn(svg_of(page(admin_client, tree, lang="zh-hans").content.decode()))
    assert "付款时发生了什么？" in chinese["start"]["text"]


def test_an_unreachable_node_and_a_question_without_options_are_red_with_the_reason(
    admin_client,
):
    tree = make_tree(edges={"start": ["a", "fix"], "lost": ["fix"]}, solutions={"fix"})
    nodes = drawn(svg_of(page(admin_client, tree, lang="en").content.decode()))

    assert nodes["lost"]["fill"] == "#fde2e1"
    assert "cannot be reached from the first question" in nodes["lost"]["text"]
    assert nodes["a"]["fill"] == "#fde2e1"
    assert "has no option leading on" in nodes["a"]["text"]
    assert nodes["fix"]["fill"] != "#fde2e1" and nodes["start"]["fill"] != "#fde2e1"


def test_staff_text_cannot_add_markup_to_the_svg(admin_client):
    tree = make_tree(edges={"start": ["fix"]}, solutions={"fix"})
    Node.objects.filter(troubleshooter=tree, key="fix").update(
        text_en='<script>alert(1)</script> \\N "x" & <b>y</b>'
    )
    html = page(admin_client, tree, lang="en").content.decode()
    svg = svg_of(html)  # still well-formed XML

    assert not list(svg.iter(f"{SVG}script")) and not list(svg.iter(f"{SVG}b"))
    assert '<script>alert(1)</script> \\N "x" & <b>y</b>' in drawn(svg)["fix"]["text"]


def test_the_diagram_alone_as_svg_and_as_a_page(admin_client, demo_content):
    tree = Troubleshooter.objects.get(slug="payment-failed")
    url = reverse("admin:guides_troubleshooter_diagram", args=[tree.pk])
    alone = admin_client.get(url, {"format": "svg", "lang": "en"})
    assert alone["Content-Type"] == "image/svg+xml"
    nodes = drawn(ET.fromstring(alone.content))
    change = reverse("admin:guides_troubleshooter_change", args=[tree.pk])
    assert nodes["start"]["href"] == f"{change}#nodes-0"
    assert (
        "What happened with the payment?" in admin_client.get(url, {"lang": "en"}).content.decode()
    )


def test_without_graphviz_the_page_shows_the_outline_and_says_why(
    admin_client, demo_content, monkeypatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` on the path
    tree = Troubleshooter.objects.get(slug="payment-failed")
    html = page(admin_client, tree, lang="en").content.decode()

    assert 'class="diagram-svg"' not in html
    assert "needs Graphviz" in html
    outline = html[html.index('class="tree-outline"') :]
    for node in tree.nodes.all():
        # A question is the summary of its folding block, a solution a link to its form.
        shown = f"<summary>{node.key}: " if node.kind == NodeKind.QUESTION else f">{node.key}</a>: "
        assert shown + escape(node.text_en) in outline
    solutions = tree.nodes.filter(kind=NodeKind.SOLUTION).count()
    assert outline.count('class="outline-solution') == solutions
