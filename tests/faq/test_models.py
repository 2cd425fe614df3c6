import pytest
from django.db import IntegrityError

from faq.models import Faq, Status
from simhelp.versioning import content_version_get
from tests.builders import make_category, make_faq, make_tree

pytestmark = pytest.mark.django_db


def test_a_faq_reads_as_its_question_in_the_active_language():
    faq = make_faq(
        question_zh_hans="怎么续费", question_en="How to renew", question_ru="Как продлить"
    )
    from django.utils import translation

    with translation.override("ru"):
        assert str(faq) == "Как продлить"
    with translation.override("en"):
        assert str(faq) == "How to renew"


def test_a_missing_translation_falls_back_to_simplified_chinese():
    faq = make_faq(question_zh_hans="怎么续费", question_en="", question_ru="")
    from django.utils import translation

    with translation.override("ru"):
        assert faq.question == "怎么续费"


def test_slugs_are_unique_per_type():
    make_faq(slug="renew")
    with pytest.raises(IntegrityError):
        make_faq(slug="renew")


def test_the_same_slug_may_name_a_faq_and_a_troubleshooter():
    make_faq(slug="login-failed")
    tree = make_tree(edges={"start": ["end"]}, solutions={"end"}, slug="login-failed")
    assert tree.slug == "login-failed"


def test_only_published_items_are_listed_as_published():
    shown = make_faq()
    make_faq(status=Status.DRAFT)
    assert list(Faq.objects.published()) == [shown]


def test_saving_or_deleting_content_bumps_the_content_version(django_capture_on_commit_callbacks):
    category = make_category()
    before = content_version_get()
    with django_capture_on_commit_callbacks(execute=True):
        faq = make_faq(category=category)
    after_save = content_version_get()
    with django_capture_on_commit_callbacks(execute=True):
        faq.delete()
    assert before < after_save < content_version_get()
