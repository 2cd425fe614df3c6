"""Reads of guides and troubleshooters with their related rows, in a fixed number of queries."""

from collections.abc import Mapping

from django.db.models import Prefetch, QuerySet

from faq.models import Status
from guides.models import Guide, GuideStep, Node, Option, Troubleshooter
from guides.trees import TreeNode, TreeOption, TreeSpec, tree_path
from simhelp.content import texts


def guides_with_steps() -> QuerySet[Guide]:
    return Guide.objects.select_related("category", "carrier", "card_type").prefetch_related(
        Prefetch(
            "steps", queryset=GuideStep.objects.select_related("image").order_by("order", "pk")
        )
    )


def troubleshooters_with_trees() -> QuerySet[Troubleshooter]:
    return Troubleshooter.objects.select_related("category", "root").prefetch_related(
        Prefetch("nodes", queryset=Node.objects.order_by("order", "pk")),
        Prefetch(
            "options",
            queryset=Option.objects.select_related(
                "from_node", "to_node", "condition_carrier", "condition_card_type"
            ).order_by("from_node__order", "order", "pk"),
        ),
    )


def troubleshooter_tree_spec(*, troubleshooter: Troubleshooter) -> TreeSpec:
    """The stored tree as plain data for validation (use `troubleshooters_with_trees`)."""
    return TreeSpec(
        root=troubleshooter.root.key if troubleshooter.root_id else None,
        nodes=[
            TreeNode(key=node.key, kind=node.kind, texts=texts(node, "text"))
            for node in troubleshooter.nodes.all()
        ],
        options=[
            TreeOption(
                from_key=option.from_node.key,
                to_key=option.to_node.key if option.to_node_id else None,
                labels=texts(option, "label"),
                id=option.pk,
                condition=option.condition,
            )
            for option in troubleshooter.options.all()
        ],
    )


def troubleshooter_has_node(*, slug: str, key: str) -> bool:
    """Whether the published troubleshooter `slug` has a node `key` (one query)."""
    return Node.objects.filter(
        troubleshooter__slug=slug, troubleshooter__status=Status.PUBLISHED, key=key
    ).exists()


def troubleshooter_path_to(
    *, slug: str, key: str, context: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The walk from the first question of the published troubleshooter `slug` to its node
    `key` (`guides.trees.tree_path`); () if there is no such tree, node or walk."""
    tree = troubleshooters_with_trees().published().filter(slug=slug).first()
    if tree is None:
        return ()
    return tree_path(tree=troubleshooter_tree_spec(troubleshooter=tree), key=key, context=context)
