from guides.trees import TreeNode, TreeOption, TreeSpec, tree_solutions, tree_validate

LANGS = ("zh-hans", "en", "ru")
FULL = {"zh-hans": "文", "en": "text", "ru": "текст"}


def spec(edges: dict[str, list[str]], solutions: set[str], root="start", texts=None) -> TreeSpec:
    keys = list(dict.fromkeys([*edges, *(t for ts in edges.values() for t in ts)]))
    return TreeSpec(
        root=root,
        nodes=[
            TreeNode(
                key=k,
                kind="solution" if k in solutions else "question",
                texts=(texts or {}).get(k, FULL),
            )
            for k in keys
        ],
        options=[
            TreeOption(from_key=s, to_key=t, labels=FULL) for s, ts in edges.items() for t in ts
        ],
    )


def codes(tree: TreeSpec) -> list[str]:
    return [error.code for error in tree_validate(tree=tree, languages=LANGS)]


def test_it_accepts_a_sound_tree():
    tree = spec({"start": ["a", "b"], "a": ["c", "d"]}, solutions={"b", "c", "d"})
    assert tree_validate(tree=tree, languages=LANGS) == []
    assert sorted(tree_solutions(tree=tree)) == ["b", "c", "d"]


def test_it_rejects_a_tree_with_a_cycle_and_names_the_loop():
    tree = spec({"start": ["a"], "a": ["b", "end"], "b": ["start"]}, solutions={"end"})
    errors = tree_validate(tree=tree, languages=LANGS)
    assert [e.code for e in errors] == ["cycle"]
    assert "start → a → b → start" in errors[0].message


def test_it_reports_a_node_that_cannot_be_reached():
    tree = spec({"start": ["end"], "orphan": ["end"]}, solutions={"end"})
    errors = tree_validate(tree=tree, languages=LANGS)
    assert [(e.code, e.node) for e in errors] == [("unreachable", "orphan")]


def test_it_reports_a_question_that_leads_nowhere():
    tree = spec({"start": ["a", "end"]}, solutions={"end"})
    assert codes(tree) == ["dead_end"]


def test_it_reports_an_option_without_a_target():
    tree = spec({"start": ["end"]}, solutions={"end"})
    tree = TreeSpec(
        root="start",
        nodes=tree.nodes,
        options=[*tree.options, TreeOption(from_key="start", to_key=None, labels=FULL)],
    )
    assert codes(tree) == ["no_target"]


def test_it_reports_a_missing_translation_of_a_node_and_a_label():
    tree = spec(
        {"start": ["end"]},
        solutions={"end"},
        texts={"end": {"zh-hans": "文", "en": "text", "ru": " "}},
    )
    tree = TreeSpec(
        root="start",
        nodes=tree.nodes,
        options=[
            TreeOption(
                from_key="start", to_key="end", labels={"zh-hans": "是", "en": "", "ru": "да"}
            )
        ],
    )
    errors = tree_validate(tree=tree, languages=LANGS)
    assert [e.code for e in errors] == ["missing_text", "missing_label"]
    assert "ru" in errors[0].message and "en" in errors[1].message


def test_it_reports_a_missing_or_unknown_root():
    tree = spec({"start": ["end"]}, solutions={"end"})
    assert codes(TreeSpec(root=None, nodes=tree.nodes, options=tree.options)) == ["no_root"]
    assert codes(TreeSpec(root="nope", nodes=tree.nodes, options=tree.options)) == ["unknown_node"]


def test_it_rejects_options_on_a_solution_and_duplicate_keys():
    tree = spec({"start": ["end"], "end": ["start"]}, solutions={"end"})
    assert "option_on_solution" in codes(tree)
    duplicate = TreeSpec(root="start", nodes=[*tree.nodes, tree.nodes[0]], options=[])
    assert "duplicate" in codes(duplicate)
