"""Translated fields of the FAQ app, then their history.

History is registered here, after modeltranslation has added the per-language columns, so
that every language of every field is recorded and can be reverted.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from faq.models import CardType, Carrier, Category, Faq


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


for model in (Category, Carrier, CardType, Faq):
    register_history(model)
