"""Readers' walks through a troubleshooter, counted per node after the response and shown on
its admin diagram as reach, drop-off and solved-rate."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from guides.models import Option, Troubleshooter
from insights.counters import counters_flush
from insights.models import WalkCount
from tests.guides.test_diagram import drawn, page, svg_of

pytestmark = pytest.mark.django_db
TREE = "payment-failed"


def option(source: str, target: str) -> int:
    return Option.objects.get(
        troubleshooter__slug=TREE, from_node__key=source, to_node__key=target
    ).pk


def node_api(client, key: str, path: str, chosen: int):
    url = reverse("api:node", kwargs={"slug": TREE, "key": key})
    response = client.get(url, {"path": path, "option": chosen})
    assert response.status_code == 200
    return response.json()


def site_step(client, *keys: str):
    with translation.override("en"):
        if keys:
            url = reverse("site:troubleshooter-step", kwargs={"slug": TREE, "path": "/".join(keys)})
        else:
            url = reverse("site:troubleshooter", kwargs={"slug": TREE})
    assert client.get(url).status_code == 200


def test_three_walks_show_reach_drop_off_and_solved_on_the_diagram(
    client, admin_client, demo_content
):
    # 1. API: start → charged-when → wait-and-check, voted "solved".
    with CaptureQueriesContext(connection) as queries:
        detail = client.get(reverse("api:troubleshooter", kwargs={"slug": TREE}))
        assert detail.json()["start"]["key"] == "start"
        node_api(client, "start", "start", option("start", "charged-when"))
        last = node_api(
            client, "charged-when", "start,charged-when", option("charged-when", "wait-and-check")
        )
    assert last["next"]["key"] == "wait-and-check"
    assert not [q for q in queries if "walkcount" in q["sql"].lower()]  # counted after, batched
    vote = {"target": f"troubleshooter:{TREE}", "node": "wait-and-check", "helpful": True}
    assert (
        client.post(reverse("api:feedback"), vote, content_type="application/json").status_code
        == 201
    )
    # 2. Site: start → card-type → foreign-card, voted "solved" with the page's form.
    site_step(client)
    site_step(client, "start", "card-type")
    site_step(client, "start", "card-type", "foreign-card")
    with translation.override("en"):
        voted = client.post(
            reverse("site:feedback"),
            {"target": f"troubleshooter:{TREE}", "node": "foreign-card", "helpful": "yes"},
        )
    assert voted.status_code == 302
    # 3. Site: start → card-type, then the reader gives up.
    site_step(client)
    site_step(client, "start", "card-type")

    counters_flush()
    assert {row.source for row in WalkCount.objects.all()} == {"api", "site"}

    tree = Troubleshooter.objects.get(slug=TREE)
    html = page(admin_client, tree, lang="en", days="7").content.decode()
    nodes = drawn(svg_of(html))
    assert "3 walks started" in html
    assert "reach 100% · drop-off 0%" in nodes["start"]["text"]
    assert "reach 33% · drop-off 0%" in nodes["charged-when"]["text"]
    assert "reach 67% · drop-off 50%" in nodes["card-type"]["text"]
    assert "reach 33% · solved 100% (1/1)" in nodes["wait-and-check"]["text"]
    assert "reach 33% · solved 100% (1/1)" in nodes["foreign-card"]["text"]
    assert "reach 0% · drop-off —" in nodes["decline-reason"]["text"]
    dead_ends = html[html.index('class="dead-ends"') :]
    assert "card-type</a>" in dead_ends and "1 walks stopped here (50% of its views)" in dead_ends
    assert "charged-when</a>" not in dead_ends.split("</ul>")[0]
