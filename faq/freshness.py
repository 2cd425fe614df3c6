"""Translation stamps and review dates of content: which translations are outdated, which items
are due for review.

The rule: each FAQ, guide and troubleshooter keeps three stamps, updated whenever a save changes
its texts or the texts of its parts (guide steps, troubleshooter nodes and options): when the
zh-hans source last changed (`source_changed_at`) and when the English and the Russian text last
changed (`en_translated_at`, `ru_translated_at`). A translation is outdated when the source
changed later than it did (stamps in whole seconds, so texts changed together in one admin save
count as updated together). Editing any text of that language, or the "confirm translations"
action, clears it. Keywords are not tracked: they are search aids written for each language,
not translations of each other.
"""

import functools
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from faq.models import Status

SOURCE_LANGUAGE = "zh-hans"
# The stamp each language's changes update (see the module docstring).
TRANSLATION_STAMPS = {
    "zh-hans": "source_changed_at",
    "en": "en_translated_at",
    "ru": "ru_translated_at",
}
TRANSLATIONS = tuple(language for language in TRANSLATION_STAMPS if language != SOURCE_LANGUAGE)
UNTRACKED_FIELDS = frozenset({"keywords"})

# --- translation stamps (kept by faq.models.TranslationTracked) -------------------------------


@functools.cache
def translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The model's translated fields in declaration order (the first is its title)."""
    names = set(translator.get_options_for_model(model).fields)
    return tuple(field.name for field in model._meta.fields if field.name in names)


def translations_missing(
    *, text_of: Callable[[str], object], names: Iterable[str]
) -> list[tuple[str, str]]:
    """Each (field, language) whose text is empty; `text_of` reads one column (`question_ru`).

    What a published item must have: `check_content` reads saved items with it and the admin's
    forms read the submitted values, so publishing asks for exactly what the check requires.
    """
    return [
        (name, language)
        for name in names
        for language in settings.MODELTRANSLATION_LANGUAGES
        if not str(text_of(build_localized_fieldname(name, language)) or "").strip()
    ]


def tracked_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The translated fields whose changes stamp a language (the translated ones but keywords)."""
    return tuple(name for name in translated_fields(model) if name not in UNTRACKED_FIELDS)


@functools.cache
def _tracked_columns(model: type[models.Model]) -> dict[str, tuple[str, ...]]:
    """The columns of each language whose changes stamp that language, keywords left out."""
    names = tracked_fields(model)
    return {
        language: tuple(build_localized_fieldname(name, language) for name in names)
        for language in TRANSLATION_STAMPS
    }


def translation_texts_loaded(*, instance) -> dict[str, str]:
    """The tracked texts the instance holds now (deferred columns are left out, not loaded)."""
    loaded = instance.__dict__
    # Stripped: adding a trailing space or newline does not change a text for a translator.
    return {
        column: (loaded[column] or "").strip()
        for columns in _tracked_columns(type(instance)).values()
        for column in columns
        if column in loaded
    }


def translation_changed_languages(*, instance) -> set[str]:
    """Languages whose tracked texts this save changes (for a new row: those it fills in)."""
    # What this object last saved, else the stored row (read now rather than at every load).
    before = getattr(instance, "_texts_loaded", None)
    columns = _tracked_columns(type(instance))
    if before is None:
        before = {}
        if instance.pk is not None:
            all_columns = [column for names in columns.values() for column in names]
            before = (
                type(instance)._base_manager.filter(pk=instance.pk).values(*all_columns).first()
            )
            before = {k: (v or "").strip() for k, v in (before or {}).items()}
    now = translation_texts_loaded(instance=instance)
    return {
        language
        for language, names in columns.items()
        if any(column in now and now[column] != before.get(column, "") for column in names)
    }


def translation_stamp(*, instance, languages: set[str]) -> None:
    """After a save: stamp the languages it changed on the item the texts belong to."""
    if languages:
        now = timezone.now().replace(microsecond=0)
        stamps = {TRANSLATION_STAMPS[language]: now for language in languages}
        if instance.translation_owner:
            owner = instance._meta.get_field(instance.translation_owner)
            model, pk = owner.related_model, getattr(instance, owner.attname)
        else:
            model, pk = type(instance), instance.pk
            for name, value in stamps.items():
                setattr(instance, name, value)
        # An UPDATE, not a save: a stamp is bookkeeping, neither a content change (no new index
        # build, no history entry) nor a reason to stamp again.
        model._base_manager.filter(pk=pk).update(**stamps)
    instance._texts_loaded = translation_texts_loaded(instance=instance)


def outdated_languages(*, item) -> list[str]:
    """The languages whose translation of `item` is older than its zh-hans source."""
    source = item.source_changed_at
    return [
        language
        for language in TRANSLATIONS
        if source
        and getattr(item, TRANSLATION_STAMPS[language])
        and source > getattr(item, TRANSLATION_STAMPS[language])
    ]


def outdated_q(*, language: str) -> Q:
    """The same rule as `outdated_languages`, for filtering a queryset."""
    return Q(source_changed_at__gt=F(TRANSLATION_STAMPS[language]))


def translations_confirm(*, queryset, languages: Iterable[str] = TRANSLATIONS) -> int:
    """Staff checked the translations (all, or those of `languages`) of these items: they are up
    to date as of now."""
    if unknown := set(languages) - set(TRANSLATIONS):
        raise ValueError(f"not a translation language: {', '.join(sorted(unknown))}")
    now = timezone.now().replace(microsecond=0)
    return queryset.update(**{TRANSLATION_STAMPS[language]: now for language in languages})


# --- freshness --------------------------------------------------------------------------------


def review_cutoff(*, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.REVIEW_AFTER_DAYS)


def review_due_q(*, now: datetime | None = None) -> Q:
    """Published and not reviewed for REVIEW_AFTER_DAYS (never reviewed: counted from creation)."""
    cutoff = review_cutoff(now=now)
    return Q(status=Status.PUBLISHED) & (
        Q(reviewed_at__lt=cutoff) | Q(reviewed_at__isnull=True, created_at__lt=cutoff)
    )


def items_mark_reviewed(*, queryset) -> int:
    """Staff confirmed these items are still correct (an UPDATE: no history, no index build)."""
    return queryset.update(reviewed_at=timezone.now())
