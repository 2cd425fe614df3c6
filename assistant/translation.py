"""Translated fields of the assistant's synonyms and rules, then their history (after the
translator, so every language column is recorded and can be reverted)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from assistant.models import AnswerRule, SynonymGroup


@register(SynonymGroup)
class SynonymGroupTranslation(TranslationOptions):
    fields = ("terms",)


@register(AnswerRule)
class AnswerRuleTranslation(TranslationOptions):
    fields = ("phrases", "message")


for model in (SynonymGroup, AnswerRule):
    register_history(model)
