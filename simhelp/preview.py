"""The admin's live Markdown preview: a staff-only POST that renders a text with the very function
the site uses (`simhelp.markdown.markdown_to_html`, markdown-it + nh3), so the preview and the
published page cannot differ, and reports the links the site would not keep.

Links to items (`faq:slug`, `guide:slug`, …) are checked against every item, drafts included:
an unknown target is flagged, a draft one is noted (the site shows it as text until it is
published), and a link of another kind (a relative path, `http:`) is flagged as dropped.
"""

import json

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simhelp.content import languages, link_resolver
from simhelp.content_types import content_types, published_among
from simhelp.markdown import INTERNAL_LINK, link_targets, markdown_to_html

MAX_LENGTH = 50_000


def existing_among(keys) -> set[str]:
    """The keys among `keys` that name an item, published or not (one query per type named)."""
    by_kind: dict[str, set[str]] = {}
    for key in keys:
        kind, _sep, slug = key.partition(":")
        by_kind.setdefault(kind, set()).add(slug)
    registry, found = content_types(), set()
    for kind, slugs in by_kind.items():
        if kind in registry:
            model = registry[kind].get_model()
            rows = model._default_manager.filter(slug__in=slugs).values_list("slug", flat=True)
            found.update(f"{kind}:{slug}" for slug in rows)
    return found


def markdown_preview(text: str, *, language: str) -> dict:
    """The HTML a reader of `language` would see, and the problems with the text's links."""
    targets = list(dict.fromkeys(link_targets(text)))
    internal = [target for target in targets if INTERNAL_LINK.match(target)]
    existing = existing_among(internal)
    published = published_among(internal) if internal else set()
    html = markdown_to_html(text, resolver=link_resolver(language=language, published=published))
    problems = []
    for target in targets:
        if target in internal and target not in existing:
            problems.append(
                {"target": target, "problem": "unknown", "message": _("No such item: %s") % target}
            )
        elif target in internal and target not in published:
            problems.append(
                {
                    "target": target,
                    "problem": "draft",
                    "message": _("Not published yet, shown as plain text: %s") % target,
                }
            )
        elif target not in internal and not target.lower().startswith(("https://", "mailto:")):
            problems.append(
                {
                    "target": target,
                    "problem": "dropped",
                    "message": _("Only https:, mailto: and item links are kept: %s") % target,
                }
            )
    return {"html": html, "problems": problems}


@staff_member_required
@require_POST
def markdown_preview_view(request):
    """POST `text` (and `language`, default the admin's): JSON with `html` and `problems`."""
    text = request.POST.get("text", "")
    if len(text) > MAX_LENGTH:
        return HttpResponseBadRequest(json.dumps({"error": "too long"}))
    language = request.POST.get("language", "")
    if language not in languages():
        language = request.LANGUAGE_CODE if request.LANGUAGE_CODE in languages() else "en"
    response = JsonResponse(markdown_preview(text, language=language))
    response["Cache-Control"] = "private, no-store"
    return response
