"""The dashboard's chart panels: each a title, an SVG chart and the same numbers as a table."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from insights import charts, timeseries
from insights.ranges import DateRange


@dataclass(frozen=True)
class Panel:
    id: str
    title: str
    svg: SafeString
    columns: list[str]
    rows: list[list]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def dashboard_panels(span: DateRange) -> list[Panel]:
    """Five charts for the range: searches, confident answers, votes, page views, unanswered."""
    languages = dict(settings.LANGUAGES)
    panels = []

    searches = timeseries.searches_per_day(span)
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

    rate = timeseries.confident_rate_per_day(span, list(languages))
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
