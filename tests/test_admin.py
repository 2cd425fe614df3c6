import pytest
from django.contrib import admin
from django.urls import reverse
from modeltranslation.translator import translator

from faq.models import Status
from guides.models import Node, Option, Troubleshooter
from tests.admin_forms import change_page_data
from tests.builders import (
    make_card_type,
    make_carrier,
    make_category,
    make_faq,
    make_guide,
    make_tree,
)

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    m
    for m in admin.site._registry
    if m._meta.app_label in ("faq", "guides") and m in translator.get_registered_models()
]


@pytest.fixture
def one_of_each():
    carrier, card_type = make_carrier(), make_card_type()
    faq = make_faq()
    faq.carriers.add(carrier)
    faq.card_types.add(card_type)
    make_guide(carrier=carrier, card_type=card_type)
    make_tree(edges={"start": ["a", "b"]}, solutions={"a", "b"})
    from assistant.models import SynonymGroup

    SynonymGroup.objects.create(
        slug="renew", terms_zh_hans="续费, 充值", terms_en="renew", terms_ru="продлить"
    )
    from assistant.models import AnswerRule

    AnswerRule.objects.create(name="balance", phrases_en="balance", target=f"faq:{faq.slug}")


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m._meta.label)
def test_every_admin_page_renders_with_language_tabs(admin_client, one_of_each, model):
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == 200
    instance = model.objects.first()
    change = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
    )
    assert change.status_code == 200
    html = change.content.decode()
    assert "tabbed_translation_fields.js" in html
    assert "jquery-ui-1.14.2.min.js" in html and "googleapis" not in html
    for language in ("zh_hans", "en", "ru"):
        assert f"_{language}" in html
    history = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[instance.pk])
    )
    assert history.status_code == 200


def test_the_faq_changelist_filters_by_status_category_carrier_and_card_type(admin_client):
    carrier = make_carrier()
    shown = make_faq(question_en="Shown question")
    shown.carriers.add(carrier)
    make_faq(question_en="Hidden question", status=Status.DRAFT)
    url = reverse("admin:faq_faq_changelist")
    response = admin_client.get(
        url, {"status__exact": "published", "carriers__id__exact": carrier.pk}
    )
    assert response.status_code == 200
    assert [faq.pk for faq in response.context["cl"].result_list] == [shown.pk]


def test_publish_and_unpublish_actions(admin_client):
    faq = make_faq(status=Status.DRAFT)
    url = reverse("admin:faq_faq_changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [faq.pk]})
    faq.refresh_from_db()
    assert faq.status == Status.PUBLISHED
    admin_client.post(url, {"action": "unpublish", "_selected_action": [faq.pk]})
    faq.refresh_from_db()
    assert faq.status == Status.DRAFT


def _tree_page(admin_client, tree):
    url = reverse("admin:guides_troubleshooter_change", args=[tree.pk])
    return url, admin_client.get(url)


def test_a_tree_with_a_cycle_cannot_be_saved_and_the_page_says_why(admin_client):
    tree = make_tree(edges={"start": ["a", "end"], "a": ["end"]}, solutions={"end"})
    url, page = _tree_page(admin_client, tree)
    data = change_page_data(page)
    # Point the option a → end back at the first question: start → a → start.
    option = Option.objects.get(from_node__key="a")
    index = next(
        k
        for k, v in data.items()
        if k.startswith("options-") and k.endswith("-id") and v == option.pk
    )
    prefix = index[: -len("-id")]
    data[f"{prefix}-to_node"] = Node.objects.get(troubleshooter=tree, key="start").pk

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "The tree loops: start → a → start." in response.content.decode()
    assert Option.objects.get(pk=option.pk).to_node.key == "end"


def test_a_draft_still_being_built_may_be_saved_but_not_published(admin_client):
    tree = make_tree(edges={"start": ["a", "end"]}, solutions={"end"}, status=Status.DRAFT)
    url, page = _tree_page(admin_client, tree)
    data = change_page_data(page)
    data["intro_en"] = "Still a draft"

    assert admin_client.post(url, data).status_code == 302  # "a" is a dead end: fine in a draft
    tree.refresh_from_db()
    assert tree.intro_en == "Still a draft"

    data["status"] = Status.PUBLISHED
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Question “a” has no option leading on" in response.content.decode()
    assert Troubleshooter.objects.get(pk=tree.pk).status == Status.DRAFT


def test_a_sound_tree_saves_through_the_admin(admin_client):
    tree = make_tree(edges={"start": ["a", "b"]}, solutions={"a", "b"})
    url, page = _tree_page(admin_client, tree)
    data = change_page_data(page)
    data["title_ru"] = "Новое название"
    assert admin_client.post(url, data).status_code == 302
    tree.refresh_from_db()
    assert tree.title_ru == "Новое название"


def test_the_first_question_can_only_be_a_node_of_the_same_tree(admin_client):
    tree = make_tree(edges={"start": ["end"]}, solutions={"end"})
    other = make_tree(edges={"start": ["end"]}, solutions={"end"})
    url, page = _tree_page(admin_client, tree)
    data = change_page_data(page)
    data["root"] = other.root_id
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "root" in response.context["adminform"].form.errors


def test_a_category_in_use_cannot_be_deleted_by_accident(admin_client):
    category = make_category()
    make_faq(category=category)
    url = reverse("admin:faq_category_delete", args=[category.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200  # Django lists the protected FAQs instead of deleting
    from faq.models import Category

    assert Category.objects.filter(pk=category.pk).exists()
