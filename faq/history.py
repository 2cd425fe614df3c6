"""The admin history page's "Changes" column for translated models: one row per language that
changed, with the whole old and new text and the changed words marked.

django-simple-history diffs every column, base column included: for a translated field
(`answer`) modeltranslation stores in it the text of whichever language was active when the item
was saved, so an agent working in English who changed only `answer_en` saw `answer` listed as
changed from the Chinese text to the English one. And it shortens long values to about 100
characters around the first difference, which hides most of an edited answer. Here the base
columns are left out (each language has its own row) and a translated text is shown in full.
"""

import re
from difflib import SequenceMatcher
from typing import Any

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import ModelDelta
from simple_history.template_utils import HistoricalRecordContextHelper

from faq import freshness

# A word of Latin or Cyrillic script, one CJK character (Chinese has no spaces between words),
# a run of spaces, or any other single character: the units a change is marked in.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+|\s+|.", re.DOTALL)


def translated_columns(model) -> dict[str, tuple[str, str]]:
    """Each language column of the model's translated fields: `answer_en` → (`answer`, `en`)."""
    return {
        build_localized_fieldname(name, language): (name, language)
        for name in freshness.translated_fields(model)
        for language in settings.MODELTRANSLATION_LANGUAGES
    }


def marked_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """The old text with what was removed in `<del>` and the new one with what was added in
    `<ins>`, both HTML-escaped and whole.

    Lines are compared first, so that an edit in a long Markdown answer costs the work of the
    lines it touched; the changed lines are then compared word by word (character by character
    in Chinese).
    """
    old_parts, new_parts = [], []
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "equal":
            old_parts.append(escape(before))
            new_parts.append(escape(after))
        elif tag == "replace":
            old_marked, new_marked = _marked_words(before, after)
            old_parts.append(old_marked)
            new_parts.append(new_marked)
        else:
            old_parts.append(_marked("del", before))
            new_parts.append(_marked("ins", after))
    # Every part is escaped text or escaped text inside a tag of our own.
    return mark_safe("".join(old_parts)), mark_safe("".join(new_parts))  # nosec


def _marked_words(old: str, new: str) -> tuple[str, str]:
    old_words, new_words = _TOKEN.findall(old), _TOKEN.findall(new)
    old_parts, new_parts = [], []
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_words[i1:i2]), "".join(new_words[j1:j2])
        if tag == "equal":
            old_parts.append(escape(before))
            new_parts.append(escape(after))
        else:
            old_parts.append(_marked("del", before))
            new_parts.append(_marked("ins", after))
    return "".join(old_parts), "".join(new_parts)


_MARKS = {"del": "<del>{}</del>", "ins": "<ins>{}</ins>"}


def _marked(tag: str, text: str) -> str:
    return format_html(_MARKS[tag], text) if text else ""


class TranslatedHistoryContextHelper(HistoricalRecordContextHelper):
    """Formats one history record's changes: per language for translated fields, as
    simple-history does for the others (status, slug, category…)."""

    def context_for_delta_changes(self, delta: ModelDelta) -> list[dict[str, Any]]:
        columns = translated_columns(self.model)
        base_columns = {name for name, _language in columns.values()}
        order = {field.name: position for position, field in enumerate(self.model._meta.fields)}
        rows = []
        for change in delta.changes:
            if change.field in columns:
                name, language = columns[change.field]
                if _text(change.old) == _text(change.new):
                    continue  # only the line endings differ (see _text)
                place = (
                    order.get(name, len(order)),
                    settings.MODELTRANSLATION_LANGUAGES.index(language),
                )
                rows.append((place, self._language_row(name, language, change)))
            elif change.field not in base_columns:
                formatted = self.format_delta_change(change)
                row = {"field": formatted.field, "old": formatted.old, "new": formatted.new}
                rows.append(((order.get(change.field, len(order)), 0), row))
        # Fields in the form's order, each field's languages in the settings' order.
        return [row for _place, row in sorted(rows, key=lambda pair: pair[0])]

    def _language_row(self, name: str, language: str, change) -> dict[str, Any]:
        old, new = _text(change.old), _text(change.new)
        old_marked, new_marked = marked_diff(old, new)
        field = capfirst(self.model._meta.get_field(name).verbose_name)
        return {
            "field": _("%(field)s — %(language)s")
            % {"field": field, "language": dict(settings.LANGUAGES)[language]},
            "language": language,
            "old": old_marked,
            "new": new_marked,
            "old_empty": not old,
            "new_empty": not new,
        }


def _text(value) -> str:
    """The value as text with Unix line endings: a browser sends every textarea with CRLF, so
    the first admin save of an imported text changes all its languages' line endings, which
    nobody sees and which is no edit to list."""
    text = "" if value is None else str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n")
