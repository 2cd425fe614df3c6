"""A link between items leads to a published item or is plain text: in the API, /ask, the
help site and (through the API's ask) the widget alike."""

import pytest
from django.urls import reverse

from faq.models import Status
from guides.models import GuideStep, Node
from tests.builders import make_faq, make_guide, make_tree, same

pytestmark = pytest.mark.django_db

LINKS = "See [the draft](faq:draft-one) or [the published one](faq:published-two)."


@pytest.fixture
def linking(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_faq(slug="draft-one", status=Status.DRAFT)
        make_faq(slug="published-two")
        source = make_faq(
            slug="links-source",
            **same("question", "Where do the links lead"),
            **same("answer", LINKS),
        )
        guide = make_guide(slug="linking-guide", steps=1)
        GuideStep.objects.filter(guide=guide).update(**same("body", LINKS))
        tree = make_tree(edges={"start": ["done"]}, solutions={"done"}, slug="linking-tree")
        Node.objects.filter(troubleshooter=tree, key="start").update(**same("body", LINKS))
    return source


def assert_only_the_published_item_links(html: str) -> None:
    assert 'href="/en/faq/published-two/"' in html
    assert "the draft" in html and "draft-one" not in html


def test_the_api_links_published_items_only(client, linking):
    faq = client.get(reverse("api:faq", args=["links-source"]), {"lang": "en"}).json()
    assert_only_the_published_item_links(faq["answer_html"])
    guide = client.get(reverse("api:guide", args=["linking-guide"]), {"lang": "en"}).json()
    assert_only_the_published_item_links(guide["steps"][0]["body_html"])
    tree = client.get(reverse("api:troubleshooter", args=["linking-tree"]), {"lang": "en"}).json()
    assert_only_the_published_item_links(tree["start"]["body_html"])
    node = client.get(reverse("api:node", args=["linking-tree", "start"]), {"lang": "en"}).json()
    assert_only_the_published_item_links(node["node"]["body_html"])


def test_ask_and_so_the_widget_link_published_items_only(client, linking):
    asked = client.get(reverse("api:ask"), {"q": "where do the links lead", "lang": "en"}).json()
    assert asked["answer"]["slug"] == "links-source"
    assert_only_the_published_item_links(asked["answer"]["html"])


def test_the_help_site_links_published_items_only(client, linking):
    page = client.get("/en/faq/links-source/").content.decode()
    assert_only_the_published_item_links(page)
    walk = client.get("/en/troubleshoot/linking-tree/").content.decode()
    assert_only_the_published_item_links(walk)
