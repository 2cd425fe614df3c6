"""Template context every help-site page needs: languages, the switcher, canonical links and
the OpenGraph locales."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

LANGUAGE_NAMES = {"zh-hans": "简体中文", "en": "English", "ru": "Русский"}
HREFLANG = {"zh-hans": "zh-Hans", "en": "en", "ru": "ru"}
# OpenGraph names a language with its usual country, the way link previews expect it.
OG_LOCALE = {"zh-hans": "zh_CN", "en": "en_US", "ru": "ru_RU"}


def absolute_url(request, path: str) -> str:
    """`path` on the configured SITE_URL; from the request's host only when none is set."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def site(request) -> dict:
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    alternates = []
    for code, _name in settings.LANGUAGES:
        path = translate_url(request.path, code)
        alternates.append(
            {
                "code": code,
                "hreflang": HREFLANG.get(code, code),
                "name": LANGUAGE_NAMES.get(code, code),
                "url": absolute_url(request, path),
                "switch_url": path + (f"?{query}" if query else ""),
                "current": code == current,
            }
        )
    return {
        "site_languages": alternates,
        "canonical_url": absolute_url(request, request.path),
        "html_lang": HREFLANG.get(current, current),
        "og_locale": OG_LOCALE.get(current, current),
        "og_locale_alternates": [
            OG_LOCALE.get(code, code) for code, _name in settings.LANGUAGES if code != current
        ],
        # The longest question a search box takes: what the API accepts and search reads.
        "search_max_length": settings.SIMHELP_SEARCH_MAX_QUERY_LENGTH,
    }
