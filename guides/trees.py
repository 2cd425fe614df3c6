"""Troubleshooter trees as plain data: their validation and how a reader walks them.

The same checks serve the admin (form errors on save), `check_content` and the demo loader, so
each builds a `TreeSpec` from what it has (POSTed forms, database rows, JSON) and calls
`tree_validate`.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.translation import gettext as _

SOLUTION = "solution"
QUESTION = "question"

# Problems a draft may still have while staff build the tree; anything else blocks every save.
DRAFT_TOLERATED = frozenset({"dead_end", "unreachable", "no_root", "missing_text", "missing_label"})


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
    id: int | None = None
    # The context this option is for, e.g. {"carrier": "mts"}; empty = for everyone.
    condition: Mapping[str, str] = field(default_factory=dict)


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


def tree_path(
    *, tree: TreeSpec, key: str, context: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The shortest walk from the root to node `key` (both included), taking the options in
    their order and none the reader's context rules out; () if no walk gets there.

    What a link to a node deep in the tree needs: the site shows a node as the end of the walk
    that reached it, so the reader can go back to the questions before it.
    """
    if not tree.root or tree.root not in {node.key for node in tree.nodes}:
        return ()
    context = context or {}
    came_from: dict[str, str | None] = {tree.root: None}
    queue = [tree.root]
    for at in queue:  # the list grows as it is read: a breadth-first walk
        if at == key:
            path = [at]
            while (before := came_from[path[-1]]) is not None:
                path.append(before)
            return tuple(reversed(path))
        for option in _outgoing(tree, at):
            if option.to_key not in came_from and _applies(option, context) is not False:
                came_from[option.to_key] = at
                queue.append(option.to_key)
    return ()


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


class WalkError(ValueError):
    """A walk that cannot go on: an unknown node or option, or a path that is not a real one."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class WalkState:
    """Where a reader stands: the node, the options to show, and the path that led here."""

    node: str
    options: tuple[TreeOption, ...]
    path: tuple[str, ...]  # node keys from the root to `node`, both included
    auto: tuple[TreeOption, ...] = ()  # options chosen for the reader from the context

    @property
    def is_solution(self) -> bool:
        return not self.options


def _outgoing(tree: TreeSpec, key: str) -> list[TreeOption]:
    return [option for option in tree.options if option.from_key == key and option.to_key]


def _applies(option: TreeOption, context: Mapping[str, str]) -> bool | None:
    """True if the context meets the option's condition, False if it contradicts it, None if
    the option has no condition or the context does not say."""
    verdict = None
    for name, wanted in option.condition.items():
        known = context.get(name)
        if not known:
            return None
        if known != wanted:
            return False
        verdict = True
    return verdict


def _arrive(
    tree: TreeSpec, path: list[str], context: Mapping[str, str], auto: list[TreeOption]
) -> WalkState:
    kinds = {node.key: node.kind for node in tree.nodes}
    while True:
        key = path[-1]
        if kinds.get(key) == SOLUTION:
            return WalkState(node=key, options=(), path=tuple(path), auto=tuple(auto))
        options = _outgoing(tree, key)
        verdicts = [(_applies(option, context), option) for option in options]
        chosen = next((option for verdict, option in verdicts if verdict is True), None)
        # Follow an option the context decides, unless that would walk in a circle.
        if chosen is not None and chosen.to_key not in path:
            auto.append(chosen)
            path.append(chosen.to_key)
            continue
        return WalkState(node=key, options=_shown(verdicts), path=tuple(path), auto=tuple(auto))


def _shown(verdicts) -> tuple[TreeOption, ...]:
    """The options to offer: all but those the context rules out."""
    return tuple(option for verdict, option in verdicts if verdict is not False)


def tree_start(*, tree: TreeSpec, context: Mapping[str, str] | None = None) -> WalkState:
    """The first node a reader sees (questions the context answers are skipped)."""
    if not tree.root or tree.root not in {node.key for node in tree.nodes}:
        raise WalkError("no_root", _("This troubleshooter has no first question."))
    return _arrive(tree, [tree.root], context or {}, [])


def tree_resume(
    *, tree: TreeSpec, path: Sequence[str], context: Mapping[str, str] | None = None
) -> WalkState:
    """The state at the end of `path`, after checking it is a real walk from the root."""
    if not path:
        return tree_start(tree=tree, context=context)
    keys = {node.key for node in tree.nodes}
    for key in path:
        if key not in keys:
            raise WalkError("unknown_node", _("There is no step “%s” here.") % key)
    if path[0] != tree.root:
        raise WalkError("bad_path", _("A walk starts at the first question."))
    for source, target in pairwise(path):
        if not any(o.to_key == target for o in _outgoing(tree, source)):
            raise WalkError(
                "bad_path", _("“%(a)s” does not lead to “%(b)s”.") % {"a": source, "b": target}
            )
    kinds = {node.key: node.kind for node in tree.nodes}
    last = path[-1]
    if kinds[last] == SOLUTION:
        return WalkState(node=last, options=(), path=tuple(path))
    context = context or {}
    verdicts = [(_applies(option, context), option) for option in _outgoing(tree, last)]
    return WalkState(node=last, options=_shown(verdicts), path=tuple(path))


def tree_step(
    *,
    tree: TreeSpec,
    path: Sequence[str],
    option: int,
    context: Mapping[str, str] | None = None,
) -> WalkState:
    """Take the option with id `option` from the end of `path`; return the next state."""
    here = tree_resume(tree=tree, path=path, context=context)
    if here.is_solution:
        raise WalkError("finished", _("This walk has already reached a solution."))
    chosen = next((o for o in _outgoing(tree, here.node) if o.id == option), None)
    if chosen is None:
        raise WalkError("unknown_option", _("That answer does not belong to this question."))
    return _arrive(tree, [*here.path, chosen.to_key], context or {}, [])
