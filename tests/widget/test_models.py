import pytest
from django.core.exceptions import ValidationError

from widget.models import EmbedSite
from widget.selectors import KEY_PATTERN
from widget.validators import origin_normalize

pytestmark = pytest.mark.django_db  # full_clean checks that the key is unique


def site(**fields) -> EmbedSite:
    values = {"name": "Shop", "allowed_origins": "https://shop.example"}
    values.update(fields)
    return EmbedSite(**values)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://shop.example", "https://shop.example"),
        ("  HTTPS://Shop.Example/  ", "https://shop.example"),
        ("https://shop.example:443", "https://shop.example"),
        ("http://shop.example:80", "http://shop.example"),
        ("https://shop.example:8443", "https://shop.example:8443"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("https://пример.рф", "https://xn--e1afmkfd.xn--p1ai"),
    ],
)
def test_an_origin_is_stored_as_a_browser_writes_it(typed, stored):
    assert origin_normalize(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "shop.example",
        "//shop.example",
        "https://*.shop.example",
        "*",
        "https://shop.example/help",
        "https://shop.example/?x=1",
        "https://shop.example#top",
        "https://user:pw@shop.example",
        "ftp://shop.example",
        "javascript:alert(1)",
        "https://shop.example; script-src *",
        "https://shop.example https://evil.example",
        "https://shop.example:99999",
        "https://shop.example:0",
        "https://-shop.example",
        "https://shop..example",
        "https://",
        "'self'",
        "https://[::zz]",
    ],
)
def test_anything_but_an_origin_is_refused(typed):
    with pytest.raises(ValidationError):
        origin_normalize(typed)


def test_origins_are_normalized_one_per_line_without_repeats():
    embed = site(
        allowed_origins="https://shop.example\n\nHTTPS://SHOP.EXAMPLE:443\nhttp://localhost:8000\n"
    )
    embed.full_clean()
    assert embed.allowed_origins == "https://shop.example\nhttp://localhost:8000"
    assert embed.origins == ["https://shop.example", "http://localhost:8000"]


def test_every_bad_origin_is_named_in_the_error():
    embed = site(
        allowed_origins="https://shop.example\nhttps://*.shop.example\nhttps://a.example/x"
    )
    with pytest.raises(ValidationError) as error:
        embed.full_clean()
    messages = error.value.message_dict["allowed_origins"]
    assert len(messages) == 2
    assert "*.shop.example" in messages[0] and "a.example/x" in messages[1]


def test_a_site_needs_at_least_one_origin():
    with pytest.raises(ValidationError) as error:
        site(allowed_origins=" \n ").full_clean()
    assert "allowed_origins" in error.value.message_dict


def test_a_stored_value_that_is_not_an_origin_never_reaches_the_policy():
    # Written through the ORM, without the admin's validation.
    embed = site(allowed_origins="https://shop.example\nhttps://x.example; script-src *\n*")
    assert embed.origins == ["https://shop.example"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", ""),
        ("https://shop.example/contact", "https://shop.example/contact"),
        ("mailto:help@shop.example", "mailto:help@shop.example"),
        ("help@shop.example", "mailto:help@shop.example"),
    ],
)
def test_contact_is_an_https_address_or_an_email(typed, stored):
    embed = site(contact=typed)
    embed.full_clean()
    assert embed.contact == stored


@pytest.mark.parametrize(
    "typed",
    [
        "http://shop.example/contact",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "mailto:not-an-address",
        "mailto:help@shop.example?bcc=all@example.com",
        "shop.example/contact",
        "tel:+7900",
    ],
)
def test_any_other_contact_is_refused(typed):
    with pytest.raises(ValidationError) as error:
        site(contact=typed).full_clean()
    assert "contact" in error.value.message_dict


@pytest.mark.parametrize(("typed", "stored"), [("#0B5FD6", "#0b5fd6"), ("#a1b2c3", "#a1b2c3")])
def test_the_accent_colour_is_stored_as_lowercase_rrggbb(typed, stored):
    embed = site(accent_color=typed)
    embed.full_clean()
    assert embed.accent_color == stored


@pytest.mark.parametrize("typed", ["0b5fd6", "#0b5", "#0b5fd6ff", "red", "#gggggg", "#0b5fd6;"])
def test_any_other_colour_is_refused(typed):
    with pytest.raises(ValidationError) as error:
        site(accent_color=typed).full_clean()
    assert "accent_color" in error.value.message_dict


def test_each_site_gets_its_own_random_url_safe_key_on_create():
    first, second = site(), site(name="Other")
    first.save()
    second.save()
    assert first.public_key != second.public_key
    assert KEY_PATTERN.match(first.public_key) and len(first.public_key) == 24
    key = first.public_key
    first.name = "Renamed"
    first.save()
    first.refresh_from_db()
    assert first.public_key == key


def test_changes_to_a_site_are_kept_in_its_history():
    embed = site()
    embed.save()
    embed.allowed_origins = "https://shop.example\nhttps://www.shop.example"
    embed.save()
    assert embed.history.count() == 2
    assert embed.history.earliest().allowed_origins == "https://shop.example"
