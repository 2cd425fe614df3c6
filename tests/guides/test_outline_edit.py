"""Editing a troubleshooter from its outline: each action changes the tree one step, is checked
like a save of the admin form, and comes back to the outline; a refused one changes nothing."""

import itertools
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from simple_history.utils import get_history_model_for_model

from faq.models import Status
from guides.models import Node, NodeKind, Option, Troubleshooter
from simhelp.versioning import content_version_get
from tests.builders import make_tree

pytestmark = pytest.mark.django_db
NUMBERS = itertools.count()


@pytest.fixture
def editor() -> Client:
    """Staff allowed to view and change troubleshooters, and nothing more."""
    return staff_with("view_troubleshooter", "change_troubleshooter")


def staff_with(*codenames: str) -> Client:
    user = get_user_model().objects.create_user(f"outline-{next(NUMBERS)}", is_staff=True)
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def node(tree: Troubleshooter, key: str) -> Node:
    return Node.objects.get(troubleshooter=tree, key=key)


def add_url(tree: Troubleshooter, key: str) -> str:
    return reverse("admin:guides_troubleshooter_outline_add", args=[tree.pk, node(tree, key).pk])


def move_url(tree: Troubleshooter, option: Option) -> str:
    return reverse("admin:guides_troubleshooter_outline_move", args=[tree.pk, option.pk])


def change_url(tree: Troubleshooter) -> str:
    return reverse("admin:guides_troubleshooter_change", args=[tree.pk])


def labels(**texts) -> dict[str, str]:
    return {f"label_{language}": text for language, text in texts.items()}


def outline_of(client: Client, tree: Troubleshooter) -> str:
    html = client.get(change_url(tree), {"lang": "en"}).content.decode()
    return html[html.index('id="outline"') :]


def options_under(outline: str, key: str) -> list[str]:
    """The labels of the options shown right under question `key`, in the order shown."""
    depth, shown = 0, []
    tokens = r"<ul[ >]|</ul>|<li>(?:⚑ )?“([^”]*)”"
    outline = re.sub(r'<ul class="messagelist.*?</ul>', "", outline, flags=re.S)  # notes
    for match in re.finditer(tokens, outline[outline.index(f"<summary>{key}: ") :]):
        if match.group(0).startswith("<ul"):
            depth += 1
        elif match.group(0) == "</ul>":
            depth -= 1
            if depth == 0:
                break
        elif depth == 1:
            shown.append(match.group(1))
    return shown


def test_an_option_to_an_existing_node_is_added_and_shown(editor):
    tree = make_tree(edges={"start": ["a"], "a": ["fix"]}, solutions={"fix"})
    data = {**labels(zh_hans="直接解决", en="Straight to the fix", ru="Сразу к решению")}
    data["target"] = node(tree, "fix").pk

    response = editor.post(add_url(tree, "start"), {**data, "lang": "en"})

    assert response.status_code == 302
    assert (
        response["Location"] == f"{change_url(tree)}?lang=en#outline-node-{node(tree, 'start').pk}"
    )
    option = Option.objects.get(from_node__key="start", label_en="Straight to the fix")
    assert option.to_node == node(tree, "fix")
    assert option.label_zh_hans == "直接解决" and option.label_ru == "Сразу к решению"
    assert options_under(outline_of(editor, tree), "start") == [
        "start to a (en)",
        "Straight to the fix",
    ]


def test_an_option_with_a_new_solution_creates_the_solution_under_the_question(
    editor, django_capture_on_commit_callbacks
):
    tree = make_tree(edges={"start": ["fix"]}, solutions={"fix"})
    version = content_version_get()
    data = {
        **labels(zh_hans="卡被锁了", en="The card is locked", ru="Карта заблокирована"),
        "target": "new-solution",
        "key": "unlock",
        "text_zh_hans": "去营业厅解锁",
        "text_en": "Unlock it at a store",
        "text_ru": "Разблокируйте в салоне",
        "body_en": "Take your passport.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(add_url(tree, "start"), data).status_code == 302

    solution = node(tree, "unlock")
    assert solution.kind == NodeKind.SOLUTION
    assert (
        solution.text_ru == "Разблокируйте в салоне" and solution.body_en == "Take your passport."
    )
    assert Option.objects.get(label_en="The card is locked").to_node == solution
    assert content_version_get() > version  # readers' search index will be rebuilt
    history = get_history_model_for_model(Node).objects.filter(id=solution.pk)
    assert [entry.history_type for entry in history] == ["+"]
    assert history[0].history_user.username.startswith("outline-")
    outline = outline_of(editor, tree)
    assert ">unlock</a>: Unlock it at a store" in outline
    assert "The card is locked" in options_under(outline, "start")


def test_an_option_with_a_new_question_in_a_draft_gets_a_key_of_its_own(editor):
    tree = make_tree(edges={"start": ["fix"]}, solutions={"fix"}, status=Status.DRAFT)
    data = {
        **labels(zh_hans="还有别的", en="Something else"),
        "target": "new-question",
        "text_zh_hans": "还发生了什么？",
    }
    assert editor.post(add_url(tree, "start"), data).status_code == 302

    question = Option.objects.get(label_zh_hans="还有别的").to_node
    assert (question.key, question.kind) == ("question-1", NodeKind.QUESTION)
    assert question.text_zh_hans == "还发生了什么？"
    # The new question has no options yet: a gap a draft may have, shown in the outline.
    outline = outline_of(editor, tree)
    assert "<summary>question-1: " in outline and "has no option leading on" in outline


def test_a_published_tree_must_stay_complete(editor):
    tree = make_tree(edges={"start": ["fix"]}, solutions={"fix"})
    data = {**labels(zh_hans="只有中文"), "target": node(tree, "fix").pk}

    response = editor.post(add_url(tree, "start"), data, follow=True)

    assert "has no label in en" in response.content.decode()
    assert not Option.objects.filter(label_zh_hans="只有中文").exists()


def test_options_move_up_and_down_in_the_outline(editor):
    tree = make_tree(edges={"start": ["a", "b", "c"]}, solutions={"a", "b", "c"})
    c = Option.objects.get(from_node__key="start", to_node__key="c")

    assert editor.post(move_url(tree, c), {"direction": "up"}).status_code == 302
    assert options_under(outline_of(editor, tree), "start") == [
        "start to a (en)",
        "start to c (en)",
        "start to b (en)",
    ]
    first = Option.objects.get(from_node__key="start", to_node__key="a")
    editor.post(move_url(tree, first), {"direction": "down"})
    assert options_under(outline_of(editor, tree), "start") == [
        "start to c (en)",
        "start to a (en)",
        "start to b (en)",
    ]
    history = get_history_model_for_model(Option).objects.filter(id=c.pk, history_type="~")
    assert history.count() == 2  # c moved up twice, each move recorded


def test_the_first_option_does_not_move_up(editor):
    tree = make_tree(edges={"start": ["a", "b"]}, solutions={"a", "b"})
    first = Option.objects.get(from_node__key="start", to_node__key="a")
    editor.post(move_url(tree, first), {"direction": "up"})
    assert options_under(outline_of(editor, tree), "start") == [
        "start to a (en)",
        "start to b (en)",
    ]


def test_an_option_back_to_an_ancestor_is_refused_and_changes_nothing(editor):
    tree = make_tree(edges={"start": ["a"], "a": ["fix"]}, solutions={"fix"})
    before = (Option.objects.count(), Node.objects.count(), tree.updated_at)
    data = {**labels(zh_hans="回到开头", en="Back", ru="Назад"), "target": node(tree, "start").pk}

    response = editor.post(add_url(tree, "a"), data, follow=True)

    html = response.content.decode()
    beside_the_question = html[html.index(f'id="outline-node-{node(tree, "a").pk}"') :]
    assert "The tree loops: start → a → start." in beside_the_question
    assert "Nothing was changed" in beside_the_question
    assert "Nothing was changed" not in html[: html.index('id="tree-diagram"')]
    tree.refresh_from_db()
    assert (Option.objects.count(), Node.objects.count(), tree.updated_at) == before


def test_a_new_step_needs_its_chinese_text_and_a_free_key(editor):
    tree = make_tree(edges={"start": ["fix"]}, solutions={"fix"})
    data = {**labels(zh_hans="新", en="New", ru="Новый"), "target": "new-solution"}

    missing = editor.post(add_url(tree, "start"), data, follow=True).content.decode()
    assert "A new step needs its text in Simplified Chinese" in missing
    taken = editor.post(
        add_url(tree, "start"), {**data, "key": "fix", "text_zh_hans": "新"}, follow=True
    ).content.decode()
    assert "already has a step with this key" in taken
    assert not Option.objects.filter(label_en="New").exists()
    assert Node.objects.filter(troubleshooter=tree).count() == 2


def test_a_label_in_chinese_is_required(editor):
    tree = make_tree(edges={"start": ["fix"]}, solutions={"fix"})
    data = {"label_en": "English only", "target": node(tree, "fix").pk}
    html = editor.post(add_url(tree, "start"), data, follow=True).content.decode()
    assert "This field is required" in html
    assert not Option.objects.filter(label_en="English only").exists()


def test_staff_who_may_only_view_get_403_and_no_forms():
    tree = make_tree(edges={"start": ["a", "b"]}, solutions={"a", "b"})
    viewer = staff_with("view_troubleshooter")
    option = Option.objects.get(to_node__key="b")
    data = {**labels(zh_hans="新", en="New", ru="Новый"), "target": node(tree, "a").pk}

    assert viewer.post(add_url(tree, "start"), data).status_code == 403
    assert viewer.post(move_url(tree, option), {"direction": "up"}).status_code == 403
    assert not Option.objects.filter(label_en="New").exists()
    assert 'class="outline-add"' not in viewer.get(change_url(tree)).content.decode()


def test_the_actions_answer_only_post(editor):
    tree = make_tree(edges={"start": ["a"]}, solutions={"a"})
    option = Option.objects.get(to_node__key="a")
    assert editor.get(add_url(tree, "start")).status_code == 405
    assert editor.get(move_url(tree, option)).status_code == 405


def test_the_diagram_page_offers_the_same_forms_and_is_returned_to(editor):
    tree = make_tree(edges={"start": ["a", "b"]}, solutions={"a", "b"})
    diagram = reverse("admin:guides_troubleshooter_diagram", args=[tree.pk])
    assert 'class="outline-add"' in editor.get(diagram).content.decode()
    option = Option.objects.get(to_node__key="b")
    response = editor.post(move_url(tree, option), {"direction": "up", "back": "diagram"})
    assert response["Location"].startswith(f"{diagram}#outline-node-")


def test_the_outline_forms_speak_the_admin_language(editor):
    tree = make_tree(edges={"start": ["a"]}, solutions={"a"})
    russian = editor.get(change_url(tree), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Добавить вариант ответа" in russian and "Сдвинуть «start to a (ru)» вверх" in russian
    chinese = editor.get(change_url(tree), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "添加选项" in chinese and "新的解决方案" in chinese
