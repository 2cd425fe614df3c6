"""Translated fields of the pictures in the image library: their alternative text."""

from modeltranslation.translator import TranslationOptions, register

from simhelp.models import Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt",)
