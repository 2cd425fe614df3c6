"""The dashboard's series over a date range: one aggregate query each, grouped by day (or week)
in the database, so the cost grows with the rows in the range, not with Python loops."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncWeek

from insights.models import Feedback, HandledQuery, PageView, SearchLog
from insights.ranges import DateRange


@dataclass(frozen=True)
class Series:
    """Values per label (day or week), one list per series name, aligned with `labels`."""

    labels: list[date]
    values: dict[str, list[float | None]]

    def rows(self) -> list[tuple[date, list[float | None]]]:
        """The table alternative: one row per label, one column per series."""
        return [
            (label, [values[i] for values in self.values.values()])
            for i, label in enumerate(self.labels)
        ]


def _logs(span: DateRange):
    return SearchLog.objects.filter(day__gte=span.since, day__lte=span.until)


@dataclass(frozen=True)
class SearchCounts:
    """A range's searches per day, interface and language, and how many were answered
    confidently: one grouped query, a few hundred rows for 90 days, from which the key numbers
    and the first two charts are all folded (each of them scanning the log was the dashboard's
    cost at volume)."""

    span: DateRange
    rows: list[tuple[date, str, str, int, int]]  # day, source, language, searches, confident

    @property
    def searches(self) -> int:
        return sum(row[3] for row in self.rows)

    @property
    def confident(self) -> int:
        return sum(row[4] for row in self.rows)

    def by_source(self) -> dict[str, int]:
        """Searches per interface, in the interfaces' alphabetical order."""
        totals: dict[str, int] = defaultdict(int)
        for _day, source, _language, searches, _confident in self.rows:
            totals[source] += searches
        return dict(sorted(totals.items()))


def search_counts(span: DateRange) -> SearchCounts:
    rows = (
        _logs(span)
        .values("day", "source", "language")
        .annotate(n=Sum("count"), confident=Sum(F("rule_count") + F("search_count")))
        .order_by()
        .values_list("day", "source", "language", "n", "confident")
    )
    return SearchCounts(span=span, rows=list(rows))


def searches_per_day(counts: SearchCounts) -> Series:
    """Searches per day, one series per interface (site, api, widget)."""
    found: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for day, source, _language, searches, _confident in counts.rows:
        found[source][day] += searches
    days = counts.span.dates()
    return Series(
        labels=days,
        values={source: [found[source].get(day, 0) for day in days] for source in sorted(found)},
    )


def confident_rate_per_day(counts: SearchCounts, languages: list[str]) -> Series:
    """The share of searches answered confidently (a rule or a search hit), per day and
    language; None on a day without searches in that language."""
    found: dict[tuple[str, date], list[int]] = defaultdict(lambda: [0, 0])
    for day, _source, language, searches, confident in counts.rows:
        found[language, day][0] += confident
        found[language, day][1] += searches
    days = counts.span.dates()

    def rate(language: str, day: date) -> float | None:
        confident, total = found.get((language, day), (0, 0))
        return round(confident / total, 4) if total else None

    return Series(
        labels=days,
        values={language: [rate(language, day) for day in days] for language in languages},
    )


def votes_per_week(span: DateRange) -> Series:
    """Votes per week (weeks start on Monday) and the share of them marked helpful."""
    rows = (
        Feedback.objects.filter(day__gte=span.since, day__lte=span.until)
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(votes=Count("pk"), helpful=Count("pk", filter=Q(helpful=True)))
        .order_by("week")
    )
    found = {_as_date(row["week"]): (row["votes"], row["helpful"]) for row in rows}
    first = span.since - timedelta(days=span.since.weekday())
    weeks = [first + timedelta(weeks=n) for n in range((span.until - first).days // 7 + 1)]
    votes = [found.get(week, (0, 0))[0] for week in weeks]
    helpful = [found.get(week, (0, 0))[1] for week in weeks]
    return Series(
        labels=weeks,
        values={
            "votes": votes,
            "helpful": helpful,
            "helpful_rate": [
                round(h / v, 4) if v else None for v, h in zip(votes, helpful, strict=True)
            ],
        },
    )


def _as_date(value) -> date:
    # TruncWeek of a DateField is a date on PostgreSQL and SQLite alike; a datetime elsewhere.
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def page_views_per_day(span: DateRange) -> Series:
    rows = (
        PageView.objects.filter(day__gte=span.since, day__lte=span.until)
        .values("day")
        .annotate(n=Sum("count"))
        .order_by()
    )
    found = {row["day"]: row["n"] for row in rows}
    days = span.dates()
    return Series(labels=days, values={"views": [found.get(day, 0) for day in days]})


@dataclass(frozen=True)
class UnansweredTrend:
    query: str
    language: str
    total: int  # searches without a confident answer in the range
    first_half: int
    second_half: int
    per_day: list[int]

    @property
    def trend(self) -> str:
        """ "up", "down" or "flat": the second half of the range against the first."""
        if self.second_half > self.first_half:
            return "up"
        return "down" if self.second_half < self.first_half else "flat"


def unanswered_trend(span: DateRange, *, limit: int = 10) -> list[UnansweredTrend]:
    """The queries most often searched without a confident answer in the range (not handled
    since), with their count per day (two queries)."""
    handled = HandledQuery.objects.filter(
        query=OuterRef("query"), language=OuterRef("language"), handled_on__gte=OuterRef("day")
    )
    logs = _logs(span).filter(~Exists(handled), none_count__gt=0)
    top = list(
        logs.values("query", "language")
        .annotate(total=Sum("none_count"))
        .order_by("-total", "query", "language")[:limit]
    )
    if not top:
        return []
    keys = {(row["query"], row["language"]) for row in top}
    per_day: dict[tuple[str, str], dict[date, int]] = defaultdict(dict)
    rows = (
        logs.filter(query__in={query for query, _language in keys})
        .values("query", "language", "day")
        .annotate(n=Sum("none_count"))
        .order_by()
    )
    for row in rows:
        if (row["query"], row["language"]) in keys:
            per_day[row["query"], row["language"]][row["day"]] = row["n"]
    days = span.dates()
    middle = len(days) // 2
    found = []
    for row in top:
        counts = [per_day[row["query"], row["language"]].get(day, 0) for day in days]
        found.append(
            UnansweredTrend(
                query=row["query"],
                language=row["language"],
                total=row["total"],
                first_half=sum(counts[:middle]),
                second_half=sum(counts[len(counts) - middle :]),
                per_day=counts,
            )
        )
    return found


def item_per_day(target: str, span: DateRange) -> Series:
    """One item's page views, helpful and not-helpful votes per day (two queries).

    Views are of the item's own page (a troubleshooter's solutions are counted apart); votes
    are every vote on the item, its solutions' included, as in the changelist's columns.
    """
    views = dict(
        PageView.objects.filter(target=target, node="", day__gte=span.since, day__lte=span.until)
        .values("day")
        .annotate(n=Sum("count"))
        .order_by()
        .values_list("day", "n")
    )
    votes = {
        row["day"]: (row["up"], row["down"])
        for row in Feedback.objects.filter(target=target, day__gte=span.since, day__lte=span.until)
        .values("day")
        .annotate(up=Count("pk", filter=Q(helpful=True)), down=Count("pk", filter=Q(helpful=False)))
        .order_by()
    }
    days = span.dates()
    return Series(
        labels=days,
        values={
            "views": [views.get(day, 0) for day in days],
            "helpful": [votes.get(day, (0, 0))[0] for day in days],
            "unhelpful": [votes.get(day, (0, 0))[1] for day in days],
        },
    )
