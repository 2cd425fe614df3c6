"""The report of keyword phrases several items list: what staff read to keep each phrase on the
item that answers it."""

import pytest
from django.urls import reverse

from faq.models import Status
from insights.reports import shared_keywords
from tests.builders import make_faq, make_tree

pytestmark = pytest.mark.django_db


def test_a_phrase_two_items_list_is_reported_with_both_whatever_its_case_and_spacing():
    make_faq(slug="card-limit", keywords_en="card limit, limit exceeded", keywords_ru="лимит")
    make_faq(slug="foreign", keywords_en="foreign card, Visa", keywords_ru="иностранная карта")
    make_tree(
        edges={"start": ["fix"]},
        solutions={"fix"},
        slug="payment-failed",
        keywords_en="payment failed, Card  Limit, visa",
        keywords_ru="не проходит оплата, лимит",
        keywords_zh_hans="付款失败，限额",
        status=Status.DRAFT,
    )
    make_faq(slug="quota", keywords_zh_hans="限额、额度")
    shared = shared_keywords(language="en")
    english = {entry.phrase: [item.key for item in entry.items] for entry in shared["en"]}
    assert english == {
        "card limit": ["faq:card-limit", "troubleshooter:payment-failed"],
        "Visa": ["faq:foreign", "troubleshooter:payment-failed"],
    }
    russian = {entry.phrase: [item.key for item in entry.items] for entry in shared["ru"]}
    assert russian == {"лимит": ["faq:card-limit", "troubleshooter:payment-failed"]}
    # Chinese lists are cut at Chinese commas too.
    chinese = {entry.phrase: [item.key for item in entry.items] for entry in shared["zh-hans"]}
    assert chinese == {"限额": ["faq:quota", "troubleshooter:payment-failed"]}


def test_the_phrases_most_items_share_come_first():
    for slug in ("a", "b", "c"):
        make_faq(slug=slug, keywords_en=f"top up, {slug} only")
    make_faq(slug="d", keywords_en="balance")
    make_faq(slug="e", keywords_en="balance, top up")
    shared = shared_keywords(language="en")["en"]
    assert [(entry.phrase, len(entry.items)) for entry in shared] == [
        ("top up", 4),
        ("balance", 2),
    ]


def test_the_report_page_links_every_item_and_marks_drafts(english_admin):
    first = make_faq(slug="first", keywords_en="no sms code")
    make_faq(slug="second", keywords_en="no SMS code", status=Status.DRAFT)
    response = english_admin.get(reverse("admin:insights_shared_keywords"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keywords shared by several items" in html
    assert "no sms code" in html and "faq:second</a> (Draft)" in html
    assert reverse("admin:faq_faq_change", args=[first.pk]) in html
    index = english_admin.get(reverse("admin:index")).content.decode()
    assert reverse("admin:insights_shared_keywords") in index


def test_the_report_costs_one_query_per_content_type(django_assert_num_queries):
    for slug in ("a", "b"):
        make_faq(slug=slug, keywords_en="top up")
    make_tree(edges={"start": ["fix"]}, solutions={"fix"})
    with django_assert_num_queries(3):  # FAQs, guides, troubleshooters
        shared_keywords(language="en")
