"""Validation and normalization of what a site owner types: origins, contact, accent colour.

Origins end up in a `Content-Security-Policy` header and in CORS decisions, so they are
rebuilt from parsed parts (never copied as typed): an accepted value can hold nothing but a
scheme, a host and a port.
"""

import ipaddress
import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

DEFAULT_PORTS = {"http": 80, "https": 443}
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def origin_normalize(value: str) -> str:
    """`value` as a browser writes an origin (`https://shop.example:8443`), or ValidationError."""
    raw = value.strip()
    example = _("Write an origin as scheme://host[:port], for example https://shop.example.")
    if "*" in raw:
        raise ValidationError(_("“%(value)s”: wildcards are not allowed.") % {"value": raw})
    if any(ch.isspace() for ch in raw) or any(ch in raw for ch in ";,'\"\\"):
        raise ValidationError(_("“%(value)s” is not an origin.") % {"value": raw} + " " + example)
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not an origin.") % {"value": raw} + " " + example
        ) from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.netloc:
        raise ValidationError(_("“%(value)s” is not an origin.") % {"value": raw} + " " + example)
    if parts.username is not None or parts.password is not None:
        raise ValidationError(_("“%(value)s”: no user name or password.") % {"value": raw})
    if parts.path not in ("", "/") or parts.query or parts.fragment or raw.endswith(("?", "#")):
        raise ValidationError(
            _("“%(value)s”: an origin has no path, query or fragment.") % {"value": raw}
            + " "
            + example
        )
    if port == 0:
        raise ValidationError(_("“%(value)s” is not an origin.") % {"value": raw} + " " + example)
    host = _host(parts.hostname or "", raw)
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return f"{scheme}://{netloc}"


def _host(hostname: str, raw: str) -> str:
    invalid = ValidationError(_("“%(value)s” has no valid host name.") % {"value": raw})
    if ":" in hostname:
        try:
            return f"[{ipaddress.IPv6Address(hostname).compressed}]"
        except ValueError:
            raise invalid from None
    try:
        host = hostname.encode("idna").decode("ascii")  # пример.рф → xn--e1afmkfd.xn--p1ai
    except UnicodeError:
        raise invalid from None
    if not _HOST.match(host):
        raise invalid
    return host


def origins_parse(text: str) -> list[str]:
    """Every origin in `text` (one a line), normalized, without repeats; ValidationError lists
    every bad line."""
    origins, errors = [], []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        try:
            origin = origin_normalize(line)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        if origin not in origins:
            origins.append(origin)
    if errors:
        raise ValidationError(errors)
    return origins


def origins_valid(text: str) -> list[str]:
    """The valid origins in `text`, skipping bad lines (for stored values never cleaned)."""
    found = []
    for line in (text or "").splitlines():
        try:
            origin = origin_normalize(line) if line.strip() else ""
        except ValidationError:
            continue
        if origin and origin not in found:
            found.append(origin)
    return found


def contact_normalize(value: str) -> str:
    """An https:// URL or a mailto: address ("help@shop.example" becomes a mailto: link)."""
    raw = (value or "").strip()
    if not raw:
        return ""
    if raw.lower().startswith("mailto:") or ("@" in raw and ":" not in raw):
        address = raw[len("mailto:") :] if raw.lower().startswith("mailto:") else raw
        try:
            EmailValidator()(address)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not an e-mail address.") % {"value": address}
            ) from None
        return f"mailto:{address}"
    try:
        URLValidator(schemes=["https"])(raw)
    except ValidationError:
        raise ValidationError(
            _("Give an https:// address or an e-mail address (mailto:).")
        ) from None
    return raw


def colour_normalize(value: str) -> str:
    """A colour as #rrggbb in lower case."""
    raw = (value or "").strip()
    if not _COLOUR.match(raw):
        raise ValidationError(_("Give the colour as #rrggbb, for example #0b5fd6."))
    return raw.lower()
