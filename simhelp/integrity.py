"""Checks that `check_content` runs: trees, published translations and rule targets."""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from assistant.models import AnswerRule
from assistant.rules import rule_target_problem
from faq.models import Faq
from guides.selectors import guides_with_steps, troubleshooter_tree_spec, troubleshooters_with_trees
from guides.trees import tree_validate

_REQUIRED = {
    "faq": ("question", "answer", "keywords"),
    "guide": ("title", "summary", "keywords"),
    "troubleshooter": ("title", "intro", "keywords"),
}


def _missing(instance, names) -> list[str]:
    return [
        f"{name} ({language})"
        for name in names
        for language in settings.MODELTRANSLATION_LANGUAGES
        if not (getattr(instance, build_localized_fieldname(name, language)) or "").strip()
    ]


def content_problems() -> list[str]:
    """Every problem in the stored content, each naming the item; empty when all is sound."""
    problems: list[str] = []
    languages = settings.MODELTRANSLATION_LANGUAGES
    for faq in Faq.objects.published().order_by("slug"):
        for field in _missing(faq, _REQUIRED["faq"]):
            problems.append(f"faq:{faq.slug}: {field} is empty")
    for guide in guides_with_steps().published().order_by("slug"):
        for field in _missing(guide, _REQUIRED["guide"]):
            problems.append(f"guide:{guide.slug}: {field} is empty")
        steps = list(guide.steps.all())
        if not steps:
            problems.append(f"guide:{guide.slug}: has no steps")
        for number, step in enumerate(steps, start=1):
            for field in _missing(step, ("title", "body")):
                problems.append(f"guide:{guide.slug}: step {number} {field} is empty")
    for tree in troubleshooters_with_trees().order_by("slug"):
        where = f"troubleshooter:{tree.slug}"
        if tree.is_published:
            for field in _missing(tree, _REQUIRED["troubleshooter"]):
                problems.append(f"{where}: {field} is empty")
        spec = troubleshooter_tree_spec(troubleshooter=tree)
        for error in tree_validate(tree=spec, languages=languages):
            problems.append(f"{where}: {error.message}")
    for rule in AnswerRule.objects.filter(active=True).order_by("name"):
        problem = rule_target_problem(target=rule.target, node=rule.target_node)
        if problem:
            problems.append(f"rule “{rule.name}”: {problem} (ask skips this rule)")
    return problems
