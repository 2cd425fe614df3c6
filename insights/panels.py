"""Chart panels: each a title, SVG charts and the same numbers as a table; the dashboard's,
and the small one on each item's change form."""

from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from insights import charts, timeseries
from insights.ranges import PRESETS, DateRange, RangeForm


@dataclass(frozen=True)
class Panel:
    id: str
    title: str
    svg: SafeString
    columns: list[str]
    rows: list[list]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def dashboard_panels(span: DateRange, counts: timeseries.SearchCounts | None = None) -> list[Panel]:
    """Five charts for the range: searches, confident answers, votes, page views, unanswered.

    `counts`: the range's search counts when the caller has them (the dashboard's key numbers
    are read from the same rows)."""
    languages = dict(settings.LANGUAGES)
    panels = []
    counts = counts or timeseries.search_counts(span)

    searches = timeseries.searches_per_day(counts)
    sources = {"site": _("Help site"), "api": _("API"), "widget": _("Widget")}
    title = _("Searches per day, by interface")
    panels.append(
        Panel(
            id="chart-searches",
            title=title,
            svg=charts.stacked_bars(searches, label=title, names=sources),
            columns=[_("Day"), *(sources.get(s, s) for s in searches.values)],
            rows=[[day, *values] for day, values in searches.rows()],
        )
    )

    rate = timeseries.confident_rate_per_day(counts, list(languages))
    title = _("Share answered confidently per day, by language")
    panels.append(
        Panel(
            id="chart-confident",
            title=title,
            svg=charts.lines(rate, label=title, names=languages, percent=True),
            columns=[_("Day"), *(str(languages[code]) for code in rate.values)],
            rows=[[day, *map(_percent, values)] for day, values in rate.rows()],
        )
    )

    votes = timeseries.votes_per_week(span)
    title = _("Votes per week, and how many were helpful")
    panels.append(
        Panel(
            id="chart-votes",
            title=title,
            svg=charts.votes_chart(
                votes, label=title, names={"votes": _("Votes"), "helpful": _("Helpful")}
            ),
            columns=[_("Week of"), _("Votes"), _("Helpful"), _("Helpful share")],
            rows=[[week, v, h, _percent(r)] for week, (v, h, r) in votes.rows()],
        )
    )

    views = timeseries.page_views_per_day(span)
    title = _("Page views per day")
    panels.append(
        Panel(
            id="chart-views",
            title=title,
            svg=charts.stacked_bars(views, label=title, names={"views": _("Page views")}),
            columns=[_("Day"), _("Page views")],
            rows=[[day, *values] for day, values in views.rows()],
        )
    )

    unanswered = timeseries.unanswered_trend(span, limit=10)
    title = _("Top unanswered queries per day")
    trend = {"up": _("rising"), "down": _("falling"), "flat": _("steady")}
    panels.append(
        Panel(
            id="chart-unanswered",
            title=title,
            svg=charts.unanswered_chart(unanswered, span.dates(), label=title),
            columns=[
                _("Query"),
                _("Language"),
                _("Unanswered"),
                _("First half"),
                _("Second half"),
                _("Trend"),
            ],
            rows=[
                [r.query, r.language, r.total, r.first_half, r.second_half, trend[r.trend]]
                for r in unanswered
            ],
        )
    )
    return panels


ITEM_DAYS = 30  # an item's change form shows its last 30 days unless the query asks otherwise


@dataclass(frozen=True)
class ItemActivity:
    """One item's page views and votes per day over a range: two small charts, the numbers
    as a table, and links to the other preset ranges (the change form's query string)."""

    span: DateRange
    recent: bool  # the range ends today: "the last N days"
    range_errors: list[str]
    ranges: list[tuple[str, str, bool]]  # (link, label, current)
    charts: list[SafeString]
    columns: list[str]
    rows: list[list]
    totals: list[int]

    @property
    def empty(self) -> bool:
        return not any(self.totals)


def item_activity(*, target: str, query: QueryDict | None = None, today=None) -> ItemActivity:
    """The item `target` ("faq:slug") over the range of `query` (`days`, or `since` and
    `until`; the last 30 days by default): two queries, whatever the range."""
    form = RangeForm(query or None, today=today, default_days=ITEM_DAYS)
    span = form.date_range()
    series = timeseries.item_per_day(target, span)
    names = {"views": _("Page views"), "helpful": _("Helpful"), "unhelpful": _("Not helpful")}
    drawn = []
    if any(any(values) for values in series.values.values()):
        drawn = [
            charts.item_views_chart(series, label=_("Page views per day"), name=names["views"]),
            charts.item_votes_chart(series, label=_("Votes per day"), names=names),
        ]
    return ItemActivity(
        span=span,
        recent=span.until == form.today,
        range_errors=[str(e) for errors in form.errors.values() for e in errors],
        ranges=_range_links(query, span, today=form.today),
        charts=drawn,
        columns=[_("Day"), *(names[key] for key in series.values)],
        rows=[[day, *values] for day, values in series.rows()],
        totals=[sum(values) for values in series.values.values()],
    )


def _range_links(query: QueryDict | None, span: DateRange, *, today) -> list[tuple[str, str, bool]]:
    """`?days=N` for each preset, keeping the rest of the query (the changelist's filters)."""
    links = []
    for days in PRESETS:
        changed = query.copy() if query is not None else QueryDict(mutable=True)
        for name in ("since", "until", "days"):
            changed.pop(name, None)
        changed["days"] = str(days)
        current = span.days == days and span.until == today
        links.append(("?" + changed.urlencode(), _("Last %(days)s days") % {"days": days}, current))
    return links
