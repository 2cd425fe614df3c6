"""CSV exports of the reports, for a date range: streamed row by row (the search log of 90 days
can be millions of rows), with formula-looking cells defused for spreadsheets.

The search log, unanswered searches, votes per item and tapped codes cover the range.
Translations and review dates are the content's state now, not a history: those exports list
the current state and name the range only in the file name (the day they were taken is its
last day).
"""

import csv
from collections.abc import Iterable, Iterator

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _

from insights import reports
from insights.models import DialTap, Feedback, HandledQuery, PageView, SearchLog
from insights.ranges import DateRange

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # so spreadsheet programs read the Chinese and Russian text as UTF-8


def defuse(value) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(name: str, span: DateRange, header: list[str], rows: Iterable) -> object:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield BOM + writer.writerow(header)
        for row in rows:
            yield writer.writerow([defuse(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"simhelp-{name}-{span.slug()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _logs(span: DateRange):
    return SearchLog.objects.filter(day__gte=span.since, day__lte=span.until)


def search_log_rows(span: DateRange) -> tuple[list[str], Iterator]:
    header = [
        _("Day"),
        _("Query"),
        _("Language"),
        _("Interface"),
        _("Searches"),
        _("Answered by a rule"),
        _("Answered by search"),
        _("No confident answer"),
        _("Best score"),
    ]
    rows = (
        _logs(span)
        .order_by("day", "language", "source", "query")
        .values_list(
            "day",
            "query",
            "language",
            "source",
            "count",
            "rule_count",
            "search_count",
            "none_count",
            "best_score",
        )
        .iterator(chunk_size=5000)
    )
    return header, rows


def unanswered_rows(span: DateRange) -> tuple[list[str], Iterator]:
    """Every query searched without a confident answer in the range (not handled since)."""
    handled = HandledQuery.objects.filter(
        query=OuterRef("query"), language=OuterRef("language"), handled_on__gte=OuterRef("day")
    )
    header = [
        _("Query"),
        _("Language"),
        _("Unanswered"),
        _("Searches"),
        _("Best score"),
        _("Last day"),
    ]
    rows = (
        _logs(span)
        .filter(~Exists(handled))
        .values("query", "language")
        .annotate(none=Sum("none_count"), n=Sum("count"), best=Max("best_score"), last=Max("day"))
        .filter(none__gt=0)
        .order_by("-none", "query", "language")
        .values_list("query", "language", "none", "n", "best", "last")
        .iterator(chunk_size=5000)
    )
    return header, rows


def votes_rows(span: DateRange) -> tuple[list[str], list]:
    """Votes per item (and troubleshooter solution) in the range, with its page views."""
    header = [
        _("Item"),
        _("Troubleshooter step"),
        _("Helpful"),
        _("Not helpful"),
        _("Helpful share"),
        _("Page views"),
    ]
    votes = (
        Feedback.objects.filter(day__gte=span.since, day__lte=span.until)
        .values("target", "node")
        .annotate(up=Count("pk", filter=Q(helpful=True)), down=Count("pk", filter=Q(helpful=False)))
        .order_by("-down", "-up", "target", "node")
    )
    views = dict(
        (((row["target"], row["node"]), row["n"]))
        for row in PageView.objects.filter(day__gte=span.since, day__lte=span.until)
        .values("target", "node")
        .annotate(n=Sum("count"))
        .order_by()
    )
    rows = [
        [
            row["target"],
            row["node"],
            row["up"],
            row["down"],
            f"{row['up'] / (row['up'] + row['down']):.2f}",
            views.get((row["target"], row["node"]), 0),
        ]
        for row in votes
    ]
    return header, rows


def taps_rows(span: DateRange) -> tuple[list[str], Iterator]:
    """Taps on codes to dial in the range, per day, code, language and interface."""
    header = [_("Day"), _("Code or number"), _("Language"), _("Interface"), _("Taps")]
    rows = (
        DialTap.objects.filter(day__gte=span.since, day__lte=span.until)
        .order_by("day", "code", "language", "source")
        .values_list("day", "code", "language", "source", "count")
        .iterator(chunk_size=5000)
    )
    return header, rows


def translations_rows(language: str) -> tuple[list[str], list]:
    header = [_("Language"), _("State"), _("Item"), _("Title"), _("Detail"), _("Source changed")]
    rows = []
    for code, items in reports.translation_gaps(language=language).items():
        rows += [[code, "missing", i.key, i.title, "; ".join(i.detail), ""] for i in items]
    for code, items in reports.translations_outdated(language=language).items():
        rows += [[code, "outdated", i.key, i.title, "", i.since] for i in items]
    return header, rows


def review_rows(language: str) -> tuple[list[str], list]:
    header = [_("Item"), _("Title"), _("Status"), _("Last reviewed")]
    return header, [
        [i.key, i.title, i.status, i.since or ""] for i in reports.review_due(language=language)
    ]


EXPORTS = ("searchlog", "unanswered", "votes", "taps", "translations", "review")


def export(name: str, span: DateRange, *, language: str):
    if name == "searchlog":
        header, rows = search_log_rows(span)
    elif name == "unanswered":
        header, rows = unanswered_rows(span)
    elif name == "votes":
        header, rows = votes_rows(span)
    elif name == "taps":
        header, rows = taps_rows(span)
    elif name == "translations":
        header, rows = translations_rows(language)
    elif name == "review":
        header, rows = review_rows(language)
    else:
        raise KeyError(name)
    return csv_response(name, span, header, rows)
