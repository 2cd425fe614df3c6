"""Troubleshooter trees as plain data, and their validation.

The same checks serve the admin (form errors on save), `check_content` and the demo loader, so
each builds a `TreeSpec` from what it has (POSTed forms, database rows, JSON) and calls
`tree_validate`.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

SOLUTION = "solution"
QUESTION = "question"


@dataclass(frozen=True, slots=True)
class TreeNode:
    key: str
    kind: str
    texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TreeOption:
    from_key: str
    to_key: str | None
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TreeSpec:
    root: str | None
    nodes: Sequence[TreeNode]
    options: Sequence[TreeOption]


@dataclass(frozen=True, slots=True)
class TreeError:
    code: str
    message: str
    node: str | None = None

    def __str__(self) -> str:
        return self.message


def tree_validate(*, tree: TreeSpec, languages: Iterable[str]) -> list[TreeError]:
    """Every problem that stops a tree from being walked, in a stable order; empty when sound."""
    languages = tuple(languages)
    errors: list[TreeError] = []
    nodes: dict[str, TreeNode] = {}
    for node in tree.nodes:
        if node.key in nodes:
            errors.append(
                TreeError("duplicate", _("Two nodes share the key “%s”.") % node.key, node.key)
            )
        nodes[node.key] = node
        for language in languages:
            if not (node.texts.get(language) or "").strip():
                errors.append(
                    TreeError(
                        "missing_text",
                        _("Node “%(node)s” has no text in %(language)s.")
                        % {"node": node.key, "language": language},
                        node.key,
                    )
                )

    edges: dict[str, list[str]] = {key: [] for key in nodes}
    for option in tree.options:
        label = option.labels.get(languages[0], "") if languages else ""
        where = f"{option.from_key} → {label or '?'}"
        if option.from_key not in nodes:
            errors.append(
                TreeError(
                    "unknown_node",
                    _("An option starts from an unknown node “%s”.") % option.from_key,
                )
            )
            continue
        if nodes[option.from_key].kind == SOLUTION:
            errors.append(
                TreeError(
                    "option_on_solution",
                    _("Solution “%s” has options; a solution ends the walk.") % option.from_key,
                    option.from_key,
                )
            )
        for language in languages:
            if not (option.labels.get(language) or "").strip():
                errors.append(
                    TreeError(
                        "missing_label",
                        _("An option of “%(node)s” has no label in %(language)s.")
                        % {"node": option.from_key, "language": language},
                        option.from_key,
                    )
                )
        if not option.to_key:
            errors.append(
                TreeError("no_target", _("Option “%s” leads nowhere.") % where, option.from_key)
            )
        elif option.to_key not in nodes:
            errors.append(
                TreeError(
                    "unknown_node",
                    _("Option “%(option)s” leads to an unknown node “%(target)s”.")
                    % {"option": where, "target": option.to_key},
                    option.from_key,
                )
            )
        else:
            edges[option.from_key].append(option.to_key)

    for key, node in nodes.items():
        if node.kind != SOLUTION and not edges[key]:
            errors.append(
                TreeError(
                    "dead_end",
                    _("Question “%s” has no option leading on: every path must end at a solution.")
                    % key,
                    key,
                )
            )

    if not tree.root:
        errors.append(TreeError("no_root", _("The tree has no first question.")))
        return errors
    if tree.root not in nodes:
        errors.append(
            TreeError("unknown_node", _("The first node “%s” does not exist.") % tree.root)
        )
        return errors

    cycle = _find_cycle(root=tree.root, edges=edges)
    if cycle:
        errors.append(TreeError("cycle", _("The tree loops: %s.") % " → ".join(cycle), cycle[0]))
    reachable = _reachable(root=tree.root, edges=edges)
    for key in nodes:
        if key not in reachable:
            errors.append(
                TreeError(
                    "unreachable",
                    _("Node “%s” cannot be reached from the first question.") % key,
                    key,
                )
            )
    return errors


def tree_solutions(*, tree: TreeSpec) -> list[str]:
    """Keys of the solution nodes reachable from the root."""
    edges: dict[str, list[str]] = {node.key: [] for node in tree.nodes}
    for option in tree.options:
        if option.from_key in edges and option.to_key:
            edges[option.from_key].append(option.to_key)
    kinds = {node.key: node.kind for node in tree.nodes}
    if not tree.root or tree.root not in kinds:
        return []
    reachable = _reachable(root=tree.root, edges=edges)
    return [key for key in kinds if key in reachable and kinds[key] == SOLUTION]


def _reachable(*, root: str, edges: Mapping[str, Sequence[str]]) -> set[str]:
    seen = {root}
    stack = [root]
    while stack:
        for target in edges.get(stack.pop(), ()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _find_cycle(*, root: str, edges: Mapping[str, Sequence[str]]) -> list[str]:
    """The first cycle met walking from the root, as the keys along it (first key repeated)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = fully explored
    path: list[str] = []

    def visit(key: str) -> list[str]:
        state[key] = 1
        path.append(key)
        for target in edges.get(key, ()):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[key] = 2
        return []

    return visit(root)
