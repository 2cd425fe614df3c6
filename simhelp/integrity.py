"""Checks that `check_content` runs: trees, published translations and rule targets."""

from django.conf import settings

from assistant.models import AnswerRule, rule_target_problem
from faq.freshness import translated_fields, translations_missing
from guides.selectors import guides_with_steps, troubleshooter_tree_spec, troubleshooters_with_trees
from guides.trees import tree_validate
from simhelp.content import localized
from simhelp.content_types import content_types
from simhelp.images import image_missing_alt
from simhelp.markdown import image_keys
from simhelp.models import Image


def _missing(instance, names) -> list[str]:
    return [
        f"{name} ({language})"
        for name, language in translations_missing(
            text_of=lambda column: getattr(instance, column), names=names
        )
    ]


def content_problems() -> list[str]:
    """Every problem in the stored content, each naming the item; empty when all is sound."""
    problems: list[str] = []
    languages = settings.MODELTRANSLATION_LANGUAGES
    # Every text of a published item, in every language, whatever its type.
    for kind, content_type in content_types().items():
        model = content_type.get_model()
        names = translated_fields(model)
        for item in model.objects.published().order_by("slug"):
            for field in _missing(item, names):
                problems.append(f"{kind}:{item.slug}: {field} is empty")
    for guide in guides_with_steps().published().order_by("slug"):
        steps = list(guide.steps.all())
        if not steps:
            problems.append(f"guide:{guide.slug}: has no steps")
        for number, step in enumerate(steps, start=1):
            for field in _missing(step, ("title", "body")):
                problems.append(f"guide:{guide.slug}: step {number} {field} is empty")
            if step.image_id and not step.image.published:
                problems.append(
                    f"guide:{guide.slug}: step {number} shows image “{step.image.key}”, "
                    "which is not published (readers do not see it)"
                )
    problems += image_problems()
    for tree in troubleshooters_with_trees().order_by("slug"):
        where = f"troubleshooter:{tree.slug}"
        spec = troubleshooter_tree_spec(troubleshooter=tree)
        for error in tree_validate(tree=spec, languages=languages):
            problems.append(f"{where}: {error.message}")
    for rule in AnswerRule.objects.filter(active=True).order_by("name"):
        if rule.outcome == AnswerRule.OUT_OF_SCOPE:
            missing = [lang for lang in languages if not localized(rule, "message", lang).strip()]
            if missing:
                problems.append(
                    f"rule “{rule.name}”: out of scope, but no message in {', '.join(missing)}"
                )
            continue
        problem = rule_target_problem(target=rule.target, node=rule.target_node)
        if problem:
            problems.append(f"rule “{rule.name}”: {problem} (ask skips this rule)")
    return problems


def image_problems() -> list[str]:
    """Published pictures without alternative text in every language, and Markdown in
    published items that shows a picture which is not published (or does not exist)."""
    problems = [
        f"image:{image.key}: alt ({language}) is empty"
        for image in Image.objects.filter(published=True)
        for language in image_missing_alt(image=image)
    ]
    published = set(Image.objects.filter(published=True).values_list("key", flat=True))
    for kind, content_type in content_types().items():
        model = content_type.get_model()
        names = translated_fields(model)
        for item in model.objects.published().order_by("slug"):
            for name in names:
                for language in settings.MODELTRANSLATION_LANGUAGES:
                    for key in image_keys(localized(item, name, language)):
                        if key not in published:
                            problems.append(
                                f"{kind}:{item.slug}: {name} ({language}) shows image “{key}”, "
                                "which is not published or does not exist"
                            )
    return problems
