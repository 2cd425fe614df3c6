"""Small helpers the API tests share."""

from django.urls import reverse

LANGS = ["zh-hans", "en", "ru"]


def get(client, name, *args, **params):
    return client.get(reverse(f"api:{name}", args=args), params)


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def vote(client, **body):
    return client.post(
        reverse("api:feedback"),
        body,
        content_type="application/json",
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="test",
    )
