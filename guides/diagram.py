"""A troubleshooter drawn for staff: a Graphviz diagram (SVG) and the same tree as an outline.

Questions are boxes, solutions rounded green boxes, options labelled arrows (dashed when they
apply only to a carrier or card type). Each node links to its form on the change page. Nodes
that `tree_validate` rejects are drawn red, the reason in their label. With reader statistics
(`walks`, see `insights.statistics.path_stats`) each node also shows its reach, drop-off and
solved-rate. Every text is staff-written: it is escaped for DOT and plain labels only (never
HTML-like labels), and `dot` escapes it again for XML, so it cannot add markup to the SVG.
Without the `dot` program the page falls back to the outline and says why.
"""

import textwrap
from dataclasses import dataclass, field

import graphviz
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from faq.admin import item_statistics
from guides.models import NodeKind, Troubleshooter
from guides.selectors import troubleshooter_tree_spec
from guides.trees import tree_validate

WRAP = 26  # characters per label line


@dataclass
class DiagramNode:
    key: str
    kind: str
    text: str
    anchor: str  # id of the node's inline form on the change page
    pk: int | None = None
    problems: list[str] = field(default_factory=list)
    stats: dict | None = None
    # label, key of the target, conditional, id of the option
    children: list[tuple[str, str, bool, int | None]] = field(default_factory=list)
    notes: list = field(default_factory=list)  # messages of an outline change made here


@dataclass
class Diagram:
    root: str | None
    nodes: dict[str, DiagramNode]
    svg: str | None = None
    unavailable: str = ""  # why there is no SVG (no `dot`)

    def outline(self) -> list[dict]:
        """The tree from its first question, then any node the walk cannot reach, as nested
        dicts (node, options: [{id, label, conditional, child}]); a node met again is not
        unfolded."""
        seen: set[str] = set()

        def unfold(key: str) -> dict:
            node = self.nodes[key]
            again = key in seen
            seen.add(key)
            options = []
            if not again:
                for label, target, conditional, pk in node.children:
                    child = unfold(target) if target in self.nodes else None
                    options.append(
                        {"id": pk, "label": label, "conditional": conditional, "child": child}
                    )
            return {"node": node, "again": again, "options": options}

        roots = [self.root] if self.root in self.nodes else []
        tree = [unfold(key) for key in roots]
        tree += [unfold(key) for key in self.nodes if key not in seen]
        return tree

    def dead_ends(self) -> list[tuple[DiagramNode, str]]:
        """Where walks go wrong, worst first: questions at least a quarter of whose views ended
        there, and solutions voted unhelpful more often than helpful."""
        found = []
        for node in self.nodes.values():
            figures = node.stats or {}
            if node.kind == NodeKind.SOLUTION:
                if figures.get("not_helped", 0) > figures.get("helped", 0):
                    reason = _("voted unhelpful %(no)d times, helpful %(yes)d") % {
                        "no": figures["not_helped"],
                        "yes": figures["helped"],
                    }
                    found.append((figures["not_helped"], node, reason))
            elif figures.get("stopped") and figures["drop_off"] >= 25:
                reason = _("%(stopped)d walks stopped here (%(rate)d%% of its views)") % {
                    "stopped": figures["stopped"],
                    "rate": figures["drop_off"],
                }
                found.append((figures["stopped"], node, reason))
        found.sort(key=lambda row: -row[0])
        return [(node, reason) for _count, node, reason in found]


def _text(obj, name: str, language: str) -> str:
    value = getattr(obj, build_localized_fieldname(name, language), "") or ""
    return value or getattr(obj, name, "") or ""


def _figures(stats, started: int) -> dict:
    """Reach (% of walks started), drop-off (% of views that ended there) and solved-rate (%
    of votes saying it helped) of one node; `stats` None: the node was never shown."""
    views, stopped = (stats.views, stats.stopped) if stats else (0, 0)
    helped, not_helped = (stats.helped, stats.not_helped) if stats else (0, 0)
    figures = {
        "views": views,
        "stopped": stopped,
        "reach": round(100 * views / started) if started else None,
        "drop_off": round(100 * stopped / views) if views else None,
        "helped": helped,
        "not_helped": not_helped,
    }
    votes = helped + not_helped
    figures["solved"] = round(100 * stats.helped / votes) if votes else None
    return figures


def diagram_build(
    *, troubleshooter: Troubleshooter, language: str, walks=None, link: str = ""
) -> Diagram:
    """The tree of `troubleshooter` in `language`, with its validation problems and `walks`
    figures; rendered to SVG whose node links are `link` + "#" + the node form's id."""
    spec = troubleshooter_tree_spec(troubleshooter=troubleshooter)
    problems: dict[str, list[str]] = {}
    for error in tree_validate(tree=spec, languages=settings.MODELTRANSLATION_LANGUAGES):
        if error.node:
            problems.setdefault(error.node, []).append(error.message)
    nodes: dict[str, DiagramNode] = {}
    for index, node in enumerate(troubleshooter.nodes.all()):
        nodes[node.key] = DiagramNode(
            key=node.key,
            kind=node.kind,
            text=_text(node, "text", language),
            anchor=f"nodes-{index}",
            pk=node.pk,
            problems=problems.get(node.key, []),
            stats=_figures(walks.nodes.get(node.key), walks.started) if walks else None,
        )
    for option in troubleshooter.options.all():
        source = nodes.get(getattr(option.from_node, "key", None))
        if source is not None:
            conditional = bool(option.condition_carrier_id or option.condition_card_type_id)
            target = option.to_node.key if option.to_node_id else ""
            label = _text(option, "label", language)
            source.children.append((label, target, conditional, option.pk))
    root = troubleshooter.root.key if troubleshooter.root_id else None
    diagram = Diagram(root=root, nodes=nodes)
    try:
        diagram.svg = diagram_svg(diagram, link=link)
    except graphviz.ExecutableNotFound:
        diagram.unavailable = _(
            "The diagram needs Graphviz (the “dot” program), which is not installed here "
            "(apt-get install graphviz). The tree is shown as an outline instead."
        )
    return diagram


def _label(*lines: str) -> str:
    """A plain DOT label from staff text: backslashes and <…> lose their DOT meaning."""
    wrapped = [part for line in lines if line for part in textwrap.wrap(line, WRAP) or [""]]
    return graphviz.nohtml("\\n".join(graphviz.escape(line) for line in wrapped))


def _stats_line(node: DiagramNode) -> str:
    figures = node.stats
    if figures is None:
        return ""
    parts = [
        _("reach %s") % ("—" if figures["reach"] is None else f"{figures['reach']}%"),
    ]
    if node.kind == NodeKind.SOLUTION:
        solved = "—" if figures["solved"] is None else f"{figures['solved']}%"
        parts.append(
            _("solved %(rate)s (%(yes)d/%(votes)d)")
            % {
                "rate": solved,
                "yes": figures["helped"],
                "votes": figures["helped"] + figures["not_helped"],
            }
        )
    else:
        drop = "—" if figures["drop_off"] is None else f"{figures['drop_off']}%"
        parts.append(_("drop-off %s") % drop)
    return " · ".join(parts)


def diagram_svg(diagram: Diagram, *, link: str = "") -> str:
    """The diagram as an SVG document (raises graphviz.ExecutableNotFound without `dot`)."""
    graph = graphviz.Digraph(
        graph_attr={"rankdir": "TB", "nodesep": "0.3", "ranksep": "0.45", "bgcolor": "white"},
        node_attr={"fontname": "sans-serif", "fontsize": "11", "margin": "0.12,0.06"},
        edge_attr={"fontname": "sans-serif", "fontsize": "10", "color": "#555555"},
    )
    for node in diagram.nodes.values():
        solution = node.kind == NodeKind.SOLUTION
        lines = [node.text, _stats_line(node)]
        attrs = {
            "shape": "box",
            "style": "rounded,filled" if solution else "filled",
            "fillcolor": "#e3f4e1" if solution else "#eef3f8",
            "color": "#2e7d32" if solution else "#41627e",
        }
        if node.key == diagram.root:
            attrs["penwidth"] = "2"
        if node.problems:
            lines += node.problems
            attrs.update(fillcolor="#fde2e1", color="#c62828", fontcolor="#8e0000", penwidth="2")
        graph.node(
            node.key,
            label=_label(*lines),
            URL=f"{link}#{node.anchor}",
            target="_top",
            tooltip=graphviz.escape(" ".join(node.problems) or node.text),
            id=f"diagram-{node.key}",
            **attrs,
            **{
                "class": " ".join(
                    ["diagram-node"]
                    + (["diagram-root"] if node.key == diagram.root else [])
                    + (["diagram-problem"] if node.problems else [])
                )
            },
        )
    for node in diagram.nodes.values():
        for label, target, conditional, _pk in node.children:
            if target in diagram.nodes:
                graph.edge(
                    node.key,
                    target,
                    label=_label(("⚑ " if conditional else "") + label),
                    style="dashed" if conditional else "solid",
                )
    svg = graph.pipe(format="svg", encoding="utf-8")
    return svg[svg.index("<svg") :]  # drop the XML prolog and doctype: it is inlined in HTML


DAYS = (7, 30, 90)


def diagram_context(request, troubleshooter: Troubleshooter, *, link: str) -> dict:
    """Template context for the diagram of `troubleshooter`: in the language of `?lang=` (else
    the admin's), with readers' walks over `?days=` (7, 30 or 90; 30 by default)."""
    languages = list(settings.MODELTRANSLATION_LANGUAGES)
    language = request.GET.get("lang")
    if language not in languages:
        current = get_language()
        language = current if current in languages else languages[0]
    days = int(request.GET["days"]) if request.GET.get("days") in {str(d) for d in DAYS} else 30
    walks = item_statistics().path_stats(troubleshooter=troubleshooter.slug, days=days)
    diagram = diagram_build(
        troubleshooter=troubleshooter, language=language, walks=walks, link=link
    )
    return {
        "diagram": diagram,
        "diagram_language": language,
        "diagram_languages": languages,
        "diagram_days": days,
        "diagram_day_choices": DAYS,
        "diagram_walks": walks,
    }
