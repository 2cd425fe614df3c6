"""Staff insight: what people searched and did not find, how items are rated and viewed, which
translations are missing or outdated, and which items are due for review.

Reads (reports) and the few writes behind the reports' actions. Content types are found through
`SIMHELP_CONTENT_TYPES`, so this module never imports `guides`.

The stamps that say a translation is outdated, and review dates, are kept with the content
(`faq.freshness`); page views and votes per item are in `insights.statistics`.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models, transaction
from django.db.models import Exists, Max, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from assistant.models import SynonymGroup
from faq.freshness import (
    SOURCE_LANGUAGE,
    TRANSLATION_STAMPS,
    TRANSLATIONS,
    outdated_q,
    review_due_q,
    translated_fields,
)
from faq.models import Status
from insights.models import HandledQuery, SearchLog
from insights.statistics import _today, _window
from simhelp.content import as_phrase, languages, listed_phrases, with_phrase
from simhelp.content_types import content_types

WEEK_DAYS, MONTH_DAYS = 7, 30
SYNONYMS = "synonyms"


def content_models() -> dict[str, type[models.Model]]:
    """FAQ, guide, troubleshooter models by the prefix of their keys ("faq:slug")."""
    return {kind: content_type.get_model() for kind, content_type in content_types().items()}


@dataclass(frozen=True)
class ItemRow:
    """An item as a report lists it, with a link to its admin page."""

    key: str
    title: str
    status: str
    app_label: str
    model_name: str
    pk: int
    detail: tuple[str, ...] = ()
    since: datetime | None = None

    @property
    def admin_url(self) -> str:
        return reverse(f"admin:{self.app_label}_{self.model_name}_change", args=[self.pk])


def _title(row: dict, model, language: str) -> str:
    # The first translated field is the item's title (question or title).
    name = translated_fields(model)[0]
    for candidate in (language, SOURCE_LANGUAGE, *languages()):
        value = row.get(build_localized_fieldname(name, candidate)) or ""
        if value.strip():
            return value
    return row["slug"]


def _title_columns(model) -> list[str]:
    name = translated_fields(model)[0]
    return [build_localized_fieldname(name, language) for language in languages()]


def _item_row(kind: str, model, row: dict, language: str, **extra) -> ItemRow:
    return ItemRow(
        key=f"{kind}:{row['slug']}",
        title=_title(row, model, language),
        status=str(Status(row["status"]).label),
        app_label=model._meta.app_label,
        model_name=model._meta.model_name,
        pk=row["pk"],
        **extra,
    )


def review_due(*, language: str, now: datetime | None = None) -> list[ItemRow]:
    """Published items due for review, the longest unreviewed first (one query per type)."""
    found = []
    for kind, model in content_models().items():
        rows = (
            model.objects.filter(review_due_q(now=now))
            .annotate(last_reviewed=Coalesce("reviewed_at", "created_at"))
            .values("pk", "slug", "status", "reviewed_at", "last_reviewed", *_title_columns(model))
        )
        found += [
            (row["last_reviewed"], _item_row(kind, model, row, language, since=row["reviewed_at"]))
            for row in rows
        ]
    return [item for _last, item in sorted(found, key=lambda pair: (pair[0], pair[1].key))]


# --- translation coverage ---------------------------------------------------------------------


def _parts(model) -> list[type[models.Model]]:
    """Translated models whose rows belong to an item of `model` (guide steps, nodes, options)."""
    return [
        relation.related_model
        for relation in model._meta.related_objects
        if relation.one_to_many
        and getattr(relation.related_model, "translation_owner", "") == relation.field.name
    ]


def _gaps(row: dict, model, prefix: str = "") -> dict[str, list[str]]:
    """{language: [fields]} the row leaves empty while another language has them."""
    missing: dict[str, list[str]] = defaultdict(list)
    for name in translated_fields(model):
        values = {
            language: (row.get(build_localized_fieldname(name, language)) or "").strip()
            for language in languages()
        }
        if any(values.values()):
            label = f"{prefix}{model._meta.get_field(name).verbose_name}"
            for language, value in values.items():
                if not value:
                    missing[language].append(label)
    return missing


def translation_gaps(*, language: str) -> dict[str, list[ItemRow]]:
    """For each language, the items with a text left empty there but written in another.

    A fixed number of queries: one per content type and one per part type.
    """
    found: dict[str, list[ItemRow]] = {code: [] for code in languages()}
    for kind, model in content_models().items():
        columns = [
            build_localized_fieldname(name, code)
            for name in translated_fields(model)
            for code in languages()
        ]
        items = {row["pk"]: row for row in model.objects.values("pk", "slug", "status", *columns)}
        missing = {pk: _gaps(row, model) for pk, row in items.items()}
        for part in _parts(model):
            owner = part.translation_owner
            part_columns = [
                build_localized_fieldname(name, code)
                for name in translated_fields(part)
                for code in languages()
            ]
            for row in part.objects.order_by(owner, "pk").values(
                owner, *part.translation_label, *part_columns
            ):
                label = "/".join(str(row[name]) for name in part.translation_label)
                gaps = _gaps(row, part, prefix=f"{part._meta.verbose_name} {label}: ")
                for code, fields in gaps.items():
                    missing.setdefault(row[owner], defaultdict(list))[code].extend(fields)
        for pk, gaps in missing.items():
            for code, fields in gaps.items():
                if fields and pk in items:
                    found[code].append(
                        _item_row(kind, model, items[pk], language, detail=tuple(fields))
                    )
    return found


def translations_outdated(*, language: str) -> dict[str, list[ItemRow]]:
    """For each translation language, the items whose translation is older than the source."""
    found: dict[str, list[ItemRow]] = {code: [] for code in TRANSLATIONS}
    for kind, model in content_models().items():
        any_outdated = Q()
        for code in TRANSLATIONS:
            any_outdated |= outdated_q(language=code)
        rows = model.objects.filter(any_outdated).values(
            "pk",
            "slug",
            "status",
            *TRANSLATION_STAMPS.values(),
            *_title_columns(model),
        )
        for row in rows:
            for code in TRANSLATIONS:
                stamp = row[TRANSLATION_STAMPS[code]]
                if stamp and row["source_changed_at"] > stamp:
                    found[code].append(
                        _item_row(kind, model, row, language, since=row["source_changed_at"])
                    )
    return found


# --- keywords shared by several items -------------------------------------------------------


@dataclass(frozen=True)
class SharedKeyword:
    phrase: str  # as the first item (by key) spells it
    items: tuple[ItemRow, ...]  # by key


def shared_keywords(*, language: str) -> dict[str, list[SharedKeyword]]:
    """Per language: the keyword phrases that two or more items list (drafts included), those
    most items share first (one query per content type).

    Search tells such items apart by their titles and texts only, so a phrase several items
    claim answers with whichever of them says the rest of the question. Staff keep a phrase on
    the item that answers it: a troubleshooter's keywords name the symptom it starts from, the
    FAQ on one cause names that cause. Phrases match whatever their case, spacing and ё/е.
    """
    rows = []
    for kind, model in content_models().items():
        if "keywords" not in translated_fields(model):
            continue
        columns = [build_localized_fieldname("keywords", code) for code in languages()]
        for row in model.objects.values("pk", "slug", "status", *_title_columns(model), *columns):
            rows.append((_item_row(kind, model, row, language), row))
    rows.sort(key=lambda pair: pair[0].key)
    found: dict[str, list[SharedKeyword]] = {}
    for code in languages():
        column = build_localized_fieldname("keywords", code)
        owners: dict[str, dict[str, ItemRow]] = defaultdict(dict)
        spelled: dict[str, str] = {}
        for item, row in rows:
            for phrase in listed_phrases(row[column]):
                same = " ".join(phrase.lower().replace("ё", "е").split())
                owners[same].setdefault(item.key, item)
                spelled.setdefault(same, phrase)
        shared = [
            SharedKeyword(phrase=spelled[same], items=tuple(items.values()))
            for same, items in owners.items()
            if len(items) > 1
        ]
        found[code] = sorted(shared, key=lambda entry: (-len(entry.items), entry.phrase.lower()))
    return found


# --- searches ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnansweredQuery:
    query: str
    language: str
    week: int  # searches without a confident answer, last 7 days
    month: int  # the same, last 30 days
    searches: int  # all searches of the query, last 30 days
    best_score: float | None
    last_day: date


def unanswered_queries(
    *, language: str | None, days: int = WEEK_DAYS, limit: int = 20, today: date | None = None
) -> list[UnansweredQuery]:
    """The queries searched most often without a confident answer (one query).

    A query staff marked handled is left out for the days up to the day it was handled; if it
    goes unanswered again later, it comes back.
    """
    today = _today(today)
    handled = HandledQuery.objects.filter(
        query=OuterRef("query"), language=OuterRef("language"), handled_on__gte=OuterRef("day")
    )
    logs = SearchLog.objects.filter(day__gte=_window(today, MONTH_DAYS), day__lte=today)
    if language:
        logs = logs.filter(language=language)
    ranked = "week" if days <= WEEK_DAYS else "month"
    rows = (
        logs.filter(~Exists(handled))
        .values("query", "language")
        .annotate(
            week=Coalesce(
                Sum("none_count", filter=Q(day__gte=_window(today, WEEK_DAYS))), Value(0)
            ),
            month=Sum("none_count"),
            searches=Sum("count"),
            best=Max("best_score"),
            last_day=Max("day"),
        )
        .filter(**{f"{ranked}__gt": 0})
        .order_by(f"-{ranked}", "-month", "query", "language")[:limit]
    )
    return [
        UnansweredQuery(
            query=row["query"],
            language=row["language"],
            week=row["week"],
            month=row["month"],
            searches=row["searches"],
            best_score=row["best"],
            last_day=row["last_day"],
        )
        for row in rows
    ]


def query_mark_handled(*, query: str, language: str, how: str, note: str = "") -> HandledQuery:
    """Hide a query from the unanswered report, up to today."""
    handled, _created = HandledQuery.objects.update_or_create(
        query=query,
        language=language,
        defaults={"handled_on": timezone.localdate(), "how": how, "note": note[:200]},
    )
    return handled


class KeywordTargetError(ValueError):
    pass


def keyword_target_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for "add as keyword / synonym to …": every item and synonym group."""
    groups = []
    for kind, model in content_models().items():
        rows = model.objects.order_by("slug").values("slug", "status", *_title_columns(model))
        items = []
        for row in rows:
            draft = "" if row["status"] == Status.PUBLISHED else f" ({Status.DRAFT.label})"
            items.append(
                (f"{kind}:{row['slug']}", f"{row['slug']} — {_title(row, model, '')}{draft}")
            )
        groups.append((str(model._meta.verbose_name_plural), items))
    synonyms = [
        (f"{SYNONYMS}:{slug}", slug)
        for slug in SynonymGroup.objects.order_by("slug").values_list("slug", flat=True)
    ]
    groups.append((str(SynonymGroup._meta.verbose_name_plural), synonyms))
    return groups


def query_add_as_keyword(*, query: str, language: str, target: str) -> models.Model:
    """Append `query` to the keywords (or a synonym group's terms) in `language`, then mark it
    handled. Saved normally, so history records it and search picks it up."""
    kind, _sep, slug = target.partition(":")
    if kind == SYNONYMS:
        model, name = SynonymGroup, "terms"
    elif kind in content_models():
        model, name = content_models()[kind], "keywords"
    else:
        raise KeywordTargetError(_("Unknown target “%(target)s”.") % {"target": target})
    item = model.objects.filter(slug=slug).first()
    if item is None:
        raise KeywordTargetError(_("There is no %(target)s.") % {"target": target})
    column = build_localized_fieldname(name, language)
    # A comma (or 、) inside the query would split it in two.
    term = as_phrase(query)
    listed = getattr(item, column) or ""
    with transaction.atomic():
        if term.casefold() not in {t.casefold() for t in listed_phrases(listed)}:
            setattr(item, column, with_phrase(listed, term))
            item.save()
        query_mark_handled(
            query=query, language=language, how=HandledQuery.How.KEYWORD, note=target
        )
    return item
