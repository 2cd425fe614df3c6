"""A troubleshooter's node as readers see it, for the API and the help site alike."""

from dataclasses import dataclass

from guides.models import Troubleshooter
from simhelp.content import Links, Translated


@dataclass(frozen=True, slots=True)
class OptionShown:
    id: int
    label: str
    to: str  # the key of the node it leads to
    condition: dict


@dataclass(frozen=True, slots=True)
class NodeShown:
    key: str
    kind: str
    is_solution: bool
    text: str
    body_html: str  # links lead to published items only
    options: tuple[OptionShown, ...]  # those the walk offers here, in order
    fell_back: bool  # some of its text is shown in another language


def node_shown(
    *, tree: Troubleshooter, state, language: str, links: Links | None = None
) -> NodeShown:
    """The node a walk `state` is at, in `language` (`links`: the response's, when it renders
    more Markdown than the node's body)."""
    node = next(node for node in tree.nodes.all() if node.key == state.node)
    labels = {option.pk: option for option in tree.options.all()}
    text = Translated(node, language)
    body = text("body")
    links = links or Links(language=language, texts=[body])
    options, labels_fell_back = [], False
    for option in state.options:
        label = Translated(labels[option.id], language)
        options.append(
            OptionShown(
                id=option.id,
                label=label("label"),
                to=option.to_key,
                condition=dict(option.condition),
            )
        )
        labels_fell_back = labels_fell_back or bool(label.fallbacks)
    return NodeShown(
        key=node.key,
        kind=node.kind,
        is_solution=node.is_solution,
        text=text("text"),
        body_html=links.html(body),
        options=tuple(options),
        fell_back=bool(text.fallbacks) or labels_fell_back,
    )
