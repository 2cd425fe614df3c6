"""After "No" on an answer, the reader is asked what was wrong, offered troubleshooters and
shown how to reach a person: as plain forms and links without JavaScript."""

import re

import pytest

from insights.models import Feedback

pytestmark = pytest.mark.django_db
PAGE = "/en/faq/foreign-card-declined/"


def _vote(client, **fields):
    data = {"target": "faq:foreign-card-declined", "next": PAGE}
    return client.post("/en/feedback/", {**data, **fields}, HTTP_SEC_FETCH_SITE="same-origin")


def test_no_leads_to_a_comment_box_troubleshooters_and_a_person(client, demo_content):
    response = _vote(client, helpful="no")
    assert response["Location"] == f"{PAGE}?voted=no#feedback"
    html = client.get(response["Location"]).content.decode()
    follow_up = html[html.index("data-not-helpful") : html.index("</section>")]
    assert "hidden" not in follow_up[: follow_up.index(">")]
    assert "What was wrong? (optional)" in follow_up and '<textarea id="fb-comment"' in follow_up
    assert "/en/troubleshoot/payment-failed/" in follow_up  # this answer's topic comes first
    assert 'href="/en/faq/contact-carrier/"' in follow_up and "Talk to a person" in follow_up
    # the comment goes back to the page as it was, not to "?voted=no"
    assert f'name="next" value="{PAGE}"' in follow_up


def test_the_comment_is_kept_with_the_same_vote(client, demo_content):
    _vote(client, helpful="no")
    response = _vote(client, helpful="no", comment="My card is a UnionPay card, not Visa.")
    assert response["Location"] == f"{PAGE}?voted=commented#feedback"
    vote = Feedback.objects.get()
    assert (vote.helpful, vote.comment) == (False, "My card is a UnionPay card, not Visa.")
    html = client.get(response["Location"]).content.decode()
    assert "Your comment has been sent" in html and "<textarea" not in html
    assert "Talk to a person" in html


def test_yes_is_thanked_without_the_follow_up(client, demo_content):
    html = client.get(_vote(client, helpful="yes")["Location"]).content.decode()
    assert "Thank you for your feedback!" in html and "Talk to a person" not in html


def test_before_voting_the_follow_up_is_there_for_the_script_but_hidden(client, demo_content):
    html = client.get(PAGE).content.decode()
    assert re.search(r'<div class="not-helpful" data-not-helpful hidden>', html)


def test_a_troubleshooter_solution_offers_other_troubleshooters(client, demo_content):
    url = "/ru/troubleshoot/payment-failed/"
    while option := re.search(
        r'<a class="option" href="([^"]+)"', client.get(url).content.decode()
    ):
        url = option[1]
    html = client.get(f"{url}?voted=no").content.decode()
    follow_up = html[html.index("data-not-helpful") :]
    assert 'href="/ru/troubleshoot/payment-failed/"' not in follow_up
    assert 'href="/ru/troubleshoot/' in follow_up and "/ru/faq/contact-carrier/" in follow_up
