"""What the widget frame page needs: its configuration, its strings and its security policy.

The frame is served by SimHelp inside a site owner's page. Its `Content-Security-Policy`
names the site's allowed origins in `frame-ancestors`, so a browser refuses to show it
anywhere else; everything it shows comes from the JSON API, same-origin.
"""

import re
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.csp import CSP, build_policy
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext_lazy as _

from assistant.index import index
from insights.popular import helpful_entries, troubleshooter_entries
from simhelp.content_types import content_types, item_key_pattern
from simhelp.context_processors import LANGUAGE_NAMES
from widget.models import EmbedSite
from widget.validators import contact_normalize, origin_normalize

_PRINTABLE = re.compile(r"^[\x21-\x7e]+$")
MAX_PAGE_URL = 1000
MAX_PATH = 50
_NODE_KEY = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
MAX_QUERY = settings.SIMHELP_SEARCH_MAX_QUERY_LENGTH

# The frame's own policy: its scripts, styles and API calls come from SimHelp alone. Trusted
# Types make the one innerHTML sink (the server-sanitized answer HTML) the only one possible.
FRAME_POLICY = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *settings.MEDIA_ORIGINS],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "require-trusted-types-for": ["'script'"],
    "trusted-types": ["simhelp-answer"],
}
NOT_FOUND_POLICY = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

# Text the frame's script shows, translated on the server like every other label.
STRINGS = {
    "best": _("Best answer"),
    "more": _("Related answers"),
    "onPage": _("Suggested for this page"),
    "none": _("No good answer yet. Try other words, or find the cause step by step:"),
    "searching": _("Searching…"),
    "error": _("Something went wrong. Please try again."),
    "helpful": _("Was this helpful?"),
    "solved": _("Did this solve it?"),
    "yes": _("Yes"),
    "no": _("No"),
    "thanks": _("Thank you for your feedback!"),
    "contactIntro": _("Still need help?"),
    "contact": _("Contact %(site)s"),
    "openSite": _("Open on the help site"),
    "back": _("Back"),
    "startOver": _("Start over"),
    "start": _("Find the cause step by step"),
    "step": _("Step %(n)s"),
    "tryThis": _("Try this: %(step)s"),
    "shownIn": _("Shown in %(language)s: not yet translated."),
    "launcher": _("Help"),
    "mostHelpful": _("Most helpful questions"),
    "troubleshooters": _("Something went wrong?"),
    "whatWrong": _("What was wrong? (optional)"),
    "send": _("Send"),
    "commentSent": _("Your comment has been sent. We read every one."),
    "frameTitle": _("SimHelp: answers and help"),
    "copy": _("Copy"),
    "copyCode": _("Copy %(code)s"),
    "copied": _("Copied"),
}


def frame_policy(*, origins: list[str]) -> str:
    """The frame's Content-Security-Policy: only `origins` may embed it."""
    return build_policy({**FRAME_POLICY, "frame-ancestors": origins or [CSP.NONE]})


def not_found_policy() -> str:
    return build_policy(NOT_FOUND_POLICY)


def page_url_clean(*, url: str, origins: list[str]) -> str:
    """The host page's address if it is on one of `origins` (else ""), without its fragment."""
    if not url or len(url) > MAX_PAGE_URL:
        return ""
    try:
        parts = urlsplit(url)
        if origin_normalize(f"{parts.scheme}://{parts.netloc}") not in origins:
            return ""
    except (ValueError, ValidationError):
        return ""
    cleaned = iri_to_uri(
        urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
    )
    return cleaned if _PRINTABLE.match(cleaned) and len(cleaned) <= MAX_PAGE_URL else ""


def _contact(value: str) -> str:
    # Cleaned again: a value stored without the admin's validation is never shown as a link.
    try:
        return contact_normalize(value)
    except ValidationError:
        return ""


def frame_language(*, site: EmbedSite, requested: str) -> str:
    supported = [code for code, _name in settings.LANGUAGES]
    return requested if requested in supported else site.default_language


def frame_config(*, site: EmbedSite, params, language: str) -> dict:
    """Everything the frame's script needs, from the site and the (untrusted) query string."""
    origins = site.origins
    snapshot = index.snapshot()
    vocabulary = snapshot.vocabulary

    def known(name: str, value: str) -> str:
        # An unknown carrier would make every API call a 400; the widget just ignores it.
        return value if value in vocabulary.get(name, ()) else ""

    key = params.get("open", "")
    key = key if re.match(item_key_pattern(), key) else ""
    # Where a troubleshooter was when the reader switched language: node keys, the same in
    # every language.
    path = params.get("path", "").split(",") if key.startswith("troubleshooter:") else []
    path = path if 0 < len(path) <= MAX_PATH and all(map(_NODE_KEY.match, path)) else []

    def items(entries) -> list[dict]:
        return [
            {"type": e.type, "slug": e.slug, "title": e.pick(e.title, e.language_for(language))}
            for e in entries
        ]

    return {
        "key": site.public_key,
        "site": site.name,
        "lang": language,
        "languages": [
            {"code": code, "name": LANGUAGE_NAMES.get(code, str(name))}
            for code, name in settings.LANGUAGES
        ],
        "carrier": known("carrier", params.get("carrier", "")),
        "cardType": known("card_type", params.get("card_type", "")),
        "page": page_url_clean(url=params.get("page", ""), origins=origins),
        "mode": "inline" if params.get("mode") == "inline" else "floating",
        "q": params.get("q", "")[:MAX_QUERY],
        "open": key,
        "path": path,
        # What the panel shows until the reader types.
        "home": {
            "helpful": items(helpful_entries(entries=snapshot.entries)),
            "troubleshooters": items(troubleshooter_entries(entries=snapshot.entries)),
        },
        "contact": _contact(site.contact),
        "accent": site.accent_color,
        "origins": origins,
        "api": reverse("api:ask")[: -len("ask/")],
        "strings": {
            **{name: str(text) for name, text in STRINGS.items()},
            # The type of an item, by its key's prefix ("faq": "Question").
            **{kind: str(type_.label) for kind, type_ in content_types().items()},
        },
    }
