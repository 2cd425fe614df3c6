"""Translated fields of guides and troubleshooters, then their history (after the columns)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from guides.models import Guide, GuideStep, Node, Option, Troubleshooter


@register(Guide)
class GuideTranslation(TranslationOptions):
    fields = ("title", "summary", "keywords")


@register(GuideStep)
class GuideStepTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Troubleshooter)
class TroubleshooterTranslation(TranslationOptions):
    fields = ("title", "intro", "keywords")


@register(Node)
class NodeTranslation(TranslationOptions):
    fields = ("text", "body")


@register(Option)
class OptionTranslation(TranslationOptions):
    fields = ("label",)


for model in (Guide, GuideStep, Troubleshooter, Node, Option):
    register_history(model)
