"""The dashboard's charts: server-rendered SVG (pygal), inlined in the page.

pygal writes a configuration <script> into every chart even with `js=[]`; it is removed, so a
chart is markup and a <style> scoped to its own id, nothing that runs. Each chart carries
role="img" and a label; the page puts a table with the same numbers after it.
"""

from datetime import date
from xml.etree import ElementTree

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.etree import etree as pygal_etree
from pygal.style import Style

from insights.timeseries import Series, UnansweredTrend

# pygal builds lxml trees whenever lxml is importable (another package may install it); the
# charts are cleaned and serialized with the standard library's ElementTree, so pygal uses that.
pygal_etree.to_etree()

# Django admin's palette; readable on its light and dark themes.
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#555",
    foreground_strong="#333",
    foreground_subtle="#ccc",
    font_family="-apple-system, 'Segoe UI', system-ui, Roboto, sans-serif",
    colors=("#417690", "#e08a2b", "#5b9e4d", "#b34b4b", "#8a6bb5", "#6c757d"),
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=12,
    value_font_size=11,
)


def _config(**options) -> dict:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": STYLE,
        "width": 820,
        "height": 300,
        "explicit_size": False,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 4,
        "x_label_rotation": 30,
        "show_minor_x_labels": False,
        "truncate_legend": 40,
        "print_values": False,
        **options,
    }


def _day_labels(labels: list[date]) -> tuple[list[str], list[str]]:
    text = [f"{day:%m-%d}" for day in labels]
    step = max(1, len(labels) // 12)  # about a dozen labels, whatever the range
    return text, text[::step]


def _render(chart, *, label: str) -> SafeString:
    tree = chart.render_tree()
    for parent in tree.iter():
        for child in list(parent):
            if child.tag == "script":
                parent.remove(child)
    tree.set("role", "img")
    tree.set("aria-label", label)
    tree.set("focusable", "false")
    # Readers' queries become legend text: ElementTree escapes every text and attribute.
    return mark_safe(ElementTree.tostring(tree, encoding="unicode"))


def _chart(kind, series: Series, *, label: str, names: dict[str, str], **options) -> SafeString:
    chart = kind(**_config(**options))
    chart.x_labels, chart.x_labels_major = _day_labels(series.labels)
    for key, values in series.values.items():
        chart.add(str(names.get(key, key)), values)
    return _render(chart, label=label)


def stacked_bars(series: Series, *, label: str, names: dict[str, str]) -> SafeString:
    return _chart(pygal.StackedBar, series, label=label, names=names)


def lines(series: Series, *, label: str, names: dict[str, str], percent=False) -> SafeString:
    options = {"range": (0, 1), "value_formatter": lambda v: f"{v:.0%}"} if percent else {}
    return _chart(pygal.Line, series, label=label, names=names, allow_interruptions=True, **options)


def votes_chart(series: Series, *, label: str, names: dict[str, str]) -> SafeString:
    """Votes per week and the helpful ones, side by side (the table gives the share)."""
    chart = pygal.Bar(**_config())
    chart.x_labels, chart.x_labels_major = _day_labels(series.labels)
    chart.add(str(names["votes"]), series.values["votes"])
    chart.add(str(names["helpful"]), series.values["helpful"])
    return _render(chart, label=label)


def unanswered_chart(
    rows: list[UnansweredTrend], labels: list[date], *, label: str, top: int = 5
) -> SafeString:
    chart = pygal.Line(**_config(show_dots=len(labels) <= 31))
    chart.x_labels, chart.x_labels_major = _day_labels(labels)
    for row in rows[:top]:
        chart.add(f"{row.query} [{row.language}]", row.per_day)
    return _render(chart, label=label)
