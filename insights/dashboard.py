"""This week's key numbers for staff, each leading to its report (the admin's insights page)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce

from faq.freshness import review_due_q
from insights.counters import counters_flush, counters_stats
from insights.models import DialTap, Feedback, PageView
from insights.ranges import DateRange
from insights.reports import (
    WEEK_DAYS,
    UnansweredQuery,
    content_models,
    translation_gaps,
    translations_outdated,
    unanswered_queries,
)
from insights.statistics import _today, _window
from insights.timeseries import SearchCounts, search_counts


@dataclass(frozen=True)
class Dashboard:
    since: date
    until: date
    searches: int
    confident: int
    by_source: dict[str, int]
    top_unanswered: list[UnansweredQuery]
    votes: int
    helpful: int
    page_views: int
    missing_translations: dict[str, int]
    outdated_translations: dict[str, int]
    due_for_review: int
    dropped_batches: int
    search_counts: SearchCounts  # per day, interface and language: the charts draw them
    tapped: list[tuple[str, int]]  # (code, taps) of codes to dial, most tapped first

    @property
    def confident_share(self) -> float | None:
        return self.confident / self.searches if self.searches else None

    @property
    def helpful_ratio(self) -> float | None:
        return self.helpful / self.votes if self.votes else None


def dashboard(
    *, language: str, today: date | None = None, span: DateRange | None = None
) -> Dashboard:
    """The key numbers of `span` (default: the last 7 days, today included), each backed by a
    report. The searches come from one grouped query (`search_counts`), kept for the charts."""
    counters_flush()  # this process's pending counts, so the numbers include them
    today = _today(today)
    since = _window(today, WEEK_DAYS)
    if span is not None:
        since, today = span.since, span.until
    counts = search_counts(DateRange(since=since, until=today))
    votes = Feedback.objects.filter(day__gte=since, day__lte=today).aggregate(
        votes=Count("pk"), helpful=Count("pk", filter=Q(helpful=True))
    )
    views = PageView.objects.filter(day__gte=since, day__lte=today).aggregate(
        n=Coalesce(Sum("count"), Value(0))
    )["n"]
    gaps = translation_gaps(language=language)
    outdated = translations_outdated(language=language)
    due = sum(model.objects.filter(review_due_q()).count() for model in content_models().values())
    return Dashboard(
        since=since,
        until=today,
        searches=counts.searches,
        confident=counts.confident,
        by_source=counts.by_source(),
        top_unanswered=unanswered_queries(language=None, days=WEEK_DAYS, limit=5, today=today),
        votes=votes["votes"],
        helpful=votes["helpful"],
        page_views=views,
        missing_translations={code: len(items) for code, items in gaps.items()},
        outdated_translations={code: len(items) for code, items in outdated.items()},
        due_for_review=due,
        dropped_batches=sum(stats.dropped_batches for stats in counters_stats().values()),
        search_counts=counts,
        tapped=tapped_codes(since=since, until=today),
    )


def tapped_codes(*, since: date, until: date) -> list[tuple[str, int]]:
    """How often each code to dial was tapped (link or copy button) from `since` to `until`,
    every language and interface together, most tapped first."""
    return list(
        DialTap.objects.filter(day__gte=since, day__lte=until)
        .values("code")
        .annotate(taps=Sum("count"))
        .order_by("-taps", "code")
        .values_list("code", "taps")
    )


def dashboard_lines(board: Dashboard) -> list[str]:
    """The dashboard as plain text (the `insights_demo` command prints it)."""

    def percent(value: float | None) -> str:
        return "—" if value is None else f"{value:.0%}"

    lines = [
        f"week {board.since} … {board.until}",
        f"searches: {board.searches} "
        + "("
        + ", ".join(f"{source} {n}" for source, n in board.by_source.items())
        + ")",
        f"answered confidently: {board.confident} of {board.searches} "
        f"({percent(board.confident_share)})",
        "top unanswered queries:",
        *[
            f"  {row.week:>3}× [{row.language}] {row.query}"
            + (f"  (best score {row.best_score:.2f})" if row.best_score is not None else "")
            for row in board.top_unanswered
        ],
        f"votes: {board.votes}, helpful {board.helpful} ({percent(board.helpful_ratio)})",
        f"page views: {board.page_views}",
        "tapped codes and numbers: "
        + (", ".join(f"{code} {taps}" for code, taps in board.tapped) or "none"),
        "items with missing translations: "
        + ", ".join(f"{code} {n}" for code, n in board.missing_translations.items()),
        "items with outdated translations: "
        + ", ".join(f"{code} {n}" for code, n in board.outdated_translations.items()),
        f"items due for review (not reviewed for {settings.REVIEW_AFTER_DAYS} days): "
        f"{board.due_for_review}",
        f"dropped counter batches (this process): {board.dropped_batches}",
    ]
    return lines
