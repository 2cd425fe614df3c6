import pytest

from guides.trees import (
    TreeNode,
    TreeOption,
    TreeSpec,
    WalkError,
    tree_path,
    tree_resume,
    tree_start,
    tree_step,
)

TEXT = {"zh-hans": "文", "en": "t", "ru": "т"}


def tree() -> TreeSpec:
    """start: which carrier? (mts / megafon / don't know) → each leads to a question or fix."""
    nodes = [
        TreeNode("start", "question", TEXT),
        TreeNode("which", "question", TEXT),
        TreeNode("mts-fix", "solution", TEXT),
        TreeNode("megafon-fix", "solution", TEXT),
        TreeNode("general", "solution", TEXT),
        TreeNode("other", "solution", TEXT),
    ]
    options = [
        TreeOption("start", "which", TEXT, id=1),
        TreeOption("start", "other", TEXT, id=2),
        TreeOption("which", "mts-fix", TEXT, id=3, condition={"carrier": "mts"}),
        TreeOption("which", "megafon-fix", TEXT, id=4, condition={"carrier": "megafon"}),
        TreeOption("which", "general", TEXT, id=5),
    ]
    return TreeSpec(root="start", nodes=nodes, options=options)


def test_a_walk_starts_at_the_root_with_its_options():
    state = tree_start(tree=tree())
    assert state.node == "start" and state.path == ("start",)
    assert [o.id for o in state.options] == [1, 2]


def test_each_step_extends_the_path_until_a_solution():
    state = tree_step(tree=tree(), path=["start"], option=1)
    assert state.node == "which" and [o.id for o in state.options] == [3, 4, 5]
    state = tree_step(tree=tree(), path=state.path, option=5)
    assert state.node == "general" and state.is_solution
    assert state.path == ("start", "which", "general")


def test_a_known_carrier_answers_the_which_carrier_question_by_itself():
    state = tree_step(tree=tree(), path=["start"], option=1, context={"carrier": "mts"})
    assert state.node == "mts-fix"
    assert state.path == ("start", "which", "mts-fix")
    assert [o.id for o in state.auto] == [3]


def test_options_for_another_carrier_are_hidden_when_the_carrier_is_known():
    state = tree_step(tree=tree(), path=["start"], option=1, context={"carrier": "beeline"})
    assert state.node == "which"
    assert [o.id for o in state.options] == [5]


def test_every_solution_can_be_reached_by_walking():
    reached = set()

    def walk(path):
        state = tree_resume(tree=tree(), path=path)
        if state.is_solution:
            reached.add(state.node)
        for option in state.options:
            walk(list(tree_step(tree=tree(), path=state.path, option=option.id).path))

    walk(["start"])
    assert reached == {"mts-fix", "megafon-fix", "general", "other"}


@pytest.mark.parametrize(
    ("path", "option", "code"),
    [
        (["start", "nowhere"], 1, "unknown_node"),
        (["which"], 3, "bad_path"),
        (["start", "mts-fix"], 3, "bad_path"),
        (["start"], 99, "unknown_option"),
        (["start", "other"], 1, "finished"),
    ],
)
def test_an_impossible_step_is_a_clear_error(path, option, code):
    with pytest.raises(WalkError) as error:
        tree_step(tree=tree(), path=path, option=option)
    assert error.value.code == code
    assert str(error.value)


def test_a_path_to_a_node_is_the_shortest_walk_that_reaches_it():
    assert tree_path(tree=tree(), key="general") == ("start", "which", "general")
    assert tree_path(tree=tree(), key="other") == ("start", "other")
    assert tree_path(tree=tree(), key="start") == ("start",)
    # The path is a walk the site accepts as it is.
    state = tree_resume(tree=tree(), path=tree_path(tree=tree(), key="mts-fix"))
    assert state.node == "mts-fix" and state.is_solution


def test_no_path_leads_to_an_unknown_node_or_through_an_option_the_context_rules_out():
    assert tree_path(tree=tree(), key="nowhere") == ()
    assert tree_path(tree=tree(), key="mts-fix", context={"carrier": "megafon"}) == ()
    assert tree_path(tree=tree(), key="mts-fix", context={"carrier": "mts"}) == (
        "start",
        "which",
        "mts-fix",
    )
