"""The admin's live Markdown preview: the site's pipeline, links checked, staff only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from faq.models import Faq, Status

pytestmark = pytest.mark.django_db

TEXT = """# Renewing

- open the app
- pay by card

See [checking the balance](faq:check-remaining-balance) or [nothing](faq:no-such-item).
<script>alert("x")</script>
"""


def _preview(client, text, language="en"):
    return client.post(reverse("markdown-preview"), {"text": text, "language": language})


def test_the_preview_is_the_sites_rendering(admin_client, demo_content):
    response = _preview(admin_client, TEXT)
    assert response.status_code == 200
    data = response.json()
    html = data["html"]
    assert "<h3>Renewing</h3>" in html  # headings demoted, as on the site
    assert "<li>open the app</li>" in html
    assert '<a href="/en/faq/check-remaining-balance/"' in html
    assert "<script" not in html  # raw HTML is off: the tag is text, never an element
    assert [p["target"] for p in data["problems"]] == ["faq:no-such-item"]
    assert data["problems"][0]["problem"] == "unknown"
    assert "nothing" in html and 'href="faq:no-such-item"' not in html  # shown as plain text


def test_the_links_follow_the_fields_language(admin_client, demo_content):
    html = _preview(admin_client, "[x](faq:check-remaining-balance)", "ru").json()["html"]
    assert 'href="/ru/faq/check-remaining-balance/"' in html


def test_a_draft_target_and_a_dropped_link_are_noted(admin_client, demo_content):
    Faq.objects.filter(slug="check-remaining-balance").update(status=Status.DRAFT)
    data = _preview(
        admin_client, "[a](faq:check-remaining-balance) [b](http://x.ru) [c](/x)"
    ).json()
    assert [(p["target"], p["problem"]) for p in data["problems"]] == [
        ("faq:check-remaining-balance", "draft"),
        ("http://x.ru", "dropped"),
        ("/x", "dropped"),
    ]
    assert "<a " not in data["html"]


def test_only_staff_may_preview(client, db):
    url = reverse("markdown-preview")
    assert client.post(url, {"text": "x"}).status_code == 302  # to the admin login
    client.force_login(get_user_model().objects.create_user("reader"))
    response = client.post(url, {"text": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_preview_needs_a_post_with_a_csrf_token(admin_user, client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)
    assert strict.post(reverse("markdown-preview"), {"text": "x"}).status_code == 403
    assert strict.get(reverse("markdown-preview")).status_code == 405


def test_change_forms_load_the_preview_script(admin_client, demo_content):
    faq = Faq.objects.get(slug="check-remaining-balance")
    html = admin_client.get(reverse("admin:faq_faq_change", args=[faq.pk])).content.decode()
    assert "simhelp/admin/markdown-preview.js" in html
    assert f'data-url="{reverse("markdown-preview")}"' in html
