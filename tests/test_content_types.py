"""A content type is one entry in SIMHELP_CONTENT_TYPES: a fourth one joins search, the API,
answers, links and votes without another module knowing of it."""

import pytest
from django.urls import reverse

from assistant.index import index
from faq.models import Faq
from simhelp.content import Entry, texts
from tests.builders import make_category, make_faq, same

pytestmark = pytest.mark.django_db


def notice_entries():
    """The test's fourth type: notices, kept as FAQs of the category "notices" (so the test needs
    no table of its own), searched and shown as items of their own type."""
    for notice in Faq.objects.published().filter(category__slug="notices"):
        yield Entry(
            type="notice",
            slug=notice.slug,
            title=texts(notice, "question"),
            keywords=texts(notice, "keywords"),
            answer=texts(notice, "answer"),
            category="notices",
        )


@pytest.fixture
def notices(settings, django_capture_on_commit_callbacks):
    settings.SIMHELP_CONTENT_TYPES = {
        **settings.SIMHELP_CONTENT_TYPES,
        "notice": {
            "model": "faq.Faq",
            "route": "site:faq",
            "source": "tests.test_content_types.notice_entries",
            "label": "Notice",
            "label_plural": "Notices",
        },
    }
    with django_capture_on_commit_callbacks(execute=True):
        make_faq(
            slug="ferry-timetable",
            category=make_category(slug="notices"),
            **same("question", "Winter ferry timetable"),
            **same("answer", "The ferry sails twice a day."),
            **same("keywords", "ferry, boat"),
        )
        make_faq(slug="links-to-notice", **same("answer", "Read [it](notice:ferry-timetable)."))
    index.reset()


def test_a_fourth_type_is_searched_and_filtered_by_the_api(client, notices):
    found = client.get(reverse("api:search"), {"q": "ferry timetable", "lang": "en"}).json()
    assert ("notice", "ferry-timetable") in [(r["type"], r["slug"]) for r in found["results"]]
    only = client.get(reverse("api:search"), {"q": "ferry", "type": "notice", "lang": "en"})
    assert only.status_code == 200
    assert {r["type"] for r in only.json()["results"]} == {"notice"}


def test_a_fourth_type_answers_links_and_takes_votes(client, notices):
    asked = client.get(reverse("api:ask"), {"q": "winter ferry timetable", "lang": "en"}).json()
    assert asked["source"] == "search" and asked["answer"]["url"] == "/en/faq/ferry-timetable/"
    page = client.get(reverse("api:faq", args=["links-to-notice"]), {"lang": "en"}).json()
    assert 'href="/en/faq/ferry-timetable/"' in page["answer_html"]
    vote = {"target": "notice:ferry-timetable", "helpful": True}
    assert (
        client.post(reverse("api:feedback"), vote, content_type="application/json").status_code
        == 201
    )
    unknown = {"target": "bulletin:ferry-timetable", "helpful": True}
    assert (
        client.post(reverse("api:feedback"), unknown, content_type="application/json").status_code
        == 400
    )


def test_the_search_page_lists_a_fourth_type_under_its_own_label(
    client, notices, django_capture_on_commit_callbacks
):
    # The FAQ and the notice are one text; of equals, the item more answers link to is the
    # best answer (two link to the FAQ, one to the notice), and the other is listed by type.
    with django_capture_on_commit_callbacks(execute=True):
        for slug in ("first-link", "second-link"):
            make_faq(slug=slug, **same("answer", "See [the timetable](faq:ferry-timetable)."))
    index.reset()
    page = client.get("/en/search/", {"q": "winter ferry timetable"}).content.decode()
    listed = page[page.index('<h2 id="g-notice">Notices</h2>') :]
    assert "/en/faq/ferry-timetable/" in listed
