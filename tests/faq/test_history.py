import pytest
from django.urls import reverse

from tests.builders import make_faq

pytestmark = pytest.mark.django_db


def _form_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    return data


def test_reverting_a_russian_edit_through_history_restores_it(admin_client):
    faq = make_faq(answer_ru="Первоначальный ответ.")
    first = faq.history.earliest()
    faq.answer_ru = "Ошибочная правка."
    faq.save()
    assert faq.history.count() == 2

    url = reverse("admin:faq_faq_simple_history", args=[faq.pk, first.history_id])
    page = admin_client.get(url)
    assert page.status_code == 200
    data = _form_data(page.context["adminform"].form)
    assert data["answer_ru"] == "Первоначальный ответ."

    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    faq.refresh_from_db()
    assert faq.answer_ru == "Первоначальный ответ."
    assert faq.history.count() == 3
