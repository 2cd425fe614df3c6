"""Reader statistics per item: page views and votes, for the content admin's columns, the votes
report, each troubleshooter solution, the walks through each troubleshooter node and each
item's chart of views and votes per day (named in `SIMHELP_ITEM_STATISTICS`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import Count, F, FloatField, Max, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.http import QueryDict
from django.utils import timezone

from insights import panels
from insights.models import Feedback, PageView, WalkCount

VIEWS_DAYS = 30


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _window(today: date, days: int) -> date:
    return today - timedelta(days=days - 1)


def _key_of(kind: str):
    return Concat(Value(f"{kind}:"), OuterRef("slug"), output_field=models.CharField())


def content_insights_annotate(queryset, *, kind: str, today: date | None = None):
    """Annotate an item queryset with its page views (30 days) and votes, as subqueries.

    `views`, `votes`, `helpful_votes` and `helpful_ratio` (None without votes): one query for
    the whole page, whatever its length.
    """
    since = _window(_today(today), VIEWS_DAYS)
    views = (
        PageView.objects.filter(target=_key_of(kind), node="", day__gte=since)
        .order_by()
        .values("target")
        .annotate(n=Sum("count"))
        .values("n")
    )
    votes = Feedback.objects.filter(target=_key_of(kind)).order_by().values("target")
    return queryset.annotate(
        views=Coalesce(Subquery(views, output_field=models.IntegerField()), Value(0)),
        votes=Coalesce(
            Subquery(votes.annotate(n=Count("pk")).values("n"), output_field=models.IntegerField()),
            Value(0),
        ),
        helpful_votes=Coalesce(
            Subquery(
                votes.annotate(n=Count("pk", filter=Q(helpful=True))).values("n"),
                output_field=models.IntegerField(),
            ),
            Value(0),
        ),
    ).annotate(
        helpful_ratio=Cast("helpful_votes", FloatField()) / NullIf(F("votes"), Value(0)),
    )


@dataclass(frozen=True)
class VoteRow:
    target: str
    node: str
    helpful: int
    unhelpful: int
    views: int
    last_day: date | None

    @property
    def votes(self) -> int:
        return self.helpful + self.unhelpful

    @property
    def ratio(self) -> float | None:
        return self.helpful / self.votes if self.votes else None


def feedback_by_item(*, limit: int = 200) -> list[VoteRow]:
    """Helpful and unhelpful votes per item (and troubleshooter solution), most unhelpful first,
    with the page views of the last 30 days (two queries)."""
    rows = (
        Feedback.objects.values("target", "node")
        .annotate(
            up=Count("pk", filter=Q(helpful=True)),
            down=Count("pk", filter=Q(helpful=False)),
            last=Max("day"),
        )
        .order_by("-down", "-up", "target", "node")[:limit]
    )
    rows = list(rows)
    views = _views_of({(row["target"], row["node"]) for row in rows})
    return [
        VoteRow(
            target=row["target"],
            node=row["node"],
            helpful=row["up"],
            unhelpful=row["down"],
            views=views.get((row["target"], row["node"]), 0),
            last_day=row["last"],
        )
        for row in rows
    ]


def _views_of(keys: set[tuple[str, str]], *, today: date | None = None) -> dict:
    if not keys:
        return {}
    since = _window(_today(today), VIEWS_DAYS)
    rows = (
        PageView.objects.filter(target__in={target for target, _node in keys}, day__gte=since)
        .values("target", "node")
        .annotate(n=Sum("count"))
    )
    return {(row["target"], row["node"]): row["n"] for row in rows}


@dataclass(frozen=True)
class SolutionRow:
    key: str
    text: str
    reached: int  # page views of the solution, all time
    helped: int
    not_helped: int


def solution_stats(*, target: str, solutions: Iterable[tuple[str, str]]) -> list[SolutionRow]:
    """How often each solution of a troubleshooter was reached and voted (two queries).

    `solutions` is (node key, text) in display order.
    """
    solutions = list(solutions)
    keys = [key for key, _text in solutions]
    reached = dict(
        PageView.objects.filter(target=target, node__in=keys)
        .values("node")
        .annotate(n=Sum("count"))
        .values_list("node", "n")
    )
    votes = {
        row["node"]: row
        for row in Feedback.objects.filter(target=target, node__in=keys)
        .values("node")
        .annotate(up=Count("pk", filter=Q(helpful=True)), down=Count("pk", filter=Q(helpful=False)))
    }
    return [
        SolutionRow(
            key=key,
            text=text,
            reached=reached.get(key, 0),
            helped=votes.get(key, {}).get("up", 0),
            not_helped=votes.get(key, {}).get("down", 0),
        )
        for key, text in solutions
    ]


@dataclass(frozen=True)
class NodeWalks:
    """One node's walks in a window: shown, gone on from, and (solutions) voted."""

    views: int = 0
    onward: int = 0
    helped: int = 0
    not_helped: int = 0

    @property
    def stopped(self) -> int:
        """Walks whose last step was this node (a reader may also go back: never below 0)."""
        return max(self.views - self.onward, 0)


@dataclass(frozen=True)
class TreeWalks:
    started: int
    days: int
    nodes: dict[str, NodeWalks]


def path_stats(*, troubleshooter: str, days: int, today: date | None = None) -> TreeWalks:
    """Walks of a troubleshooter over the last `days` days, every interface together: walks
    started, and per node its views, onward steps and solution votes (two queries)."""
    since = _window(_today(today), days)
    counts = (
        WalkCount.objects.filter(troubleshooter=troubleshooter, day__gte=since)
        .values("node")
        .annotate(views=Sum("views"), onward=Sum("onward"), starts=Sum("starts"))
        .order_by("node")
    )
    votes = {
        row["node"]: row
        for row in Feedback.objects.filter(
            target=f"troubleshooter:{troubleshooter}", day__gte=since
        )
        .exclude(node="")
        .values("node")
        .annotate(up=Count("pk", filter=Q(helpful=True)), down=Count("pk", filter=Q(helpful=False)))
        .order_by("node")
    }
    nodes: dict[str, NodeWalks] = {}
    started = 0
    for row in counts:
        started += row["starts"]
        vote = votes.pop(row["node"], {})
        nodes[row["node"]] = NodeWalks(
            row["views"], row["onward"], vote.get("up", 0), vote.get("down", 0)
        )
    for key, vote in votes.items():
        nodes[key] = NodeWalks(helped=vote["up"], not_helped=vote["down"])
    return TreeWalks(started=started, days=days, nodes=nodes)


def item_activity(*, target: str, query: QueryDict | None = None, today: date | None = None):
    """One item's page views and votes per day, charted, for its change form (two queries);
    `query` is the page's query string, which may ask for another range (`?days=90`)."""
    return panels.item_activity(target=target, query=query, today=today)
