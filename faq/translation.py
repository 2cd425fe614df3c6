"""Translated fields of the FAQ app, then their history.

History is registered here, after modeltranslation has added the per-language columns, so
that every language of every field is recorded and can be reverted.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from faq.models import AnswerRule, CardType, Carrier, Category, Faq, SynonymGroup


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Carrier)
class CarrierTranslation(TranslationOptions):
    fields = ("name",)


@register(CardType)
class CardTypeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Faq)
class FaqTranslation(TranslationOptions):
    fields = ("question", "answer", "keywords")


@register(SynonymGroup)
class SynonymGroupTranslation(TranslationOptions):
    fields = ("terms",)


@register(AnswerRule)
class AnswerRuleTranslation(TranslationOptions):
    fields = ("phrases", "message")


for model in (Category, Carrier, CardType, Faq, SynonymGroup, AnswerRule):
    register_history(model)
