"""Published FAQs as search documents, one per language."""

from collections.abc import Iterator

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from faq.models import Faq
from faq.rendering import markdown_to_text
from faq.search import Document


def localized(instance, name: str, language: str) -> str:
    """The stored value of a translated field in one language, without fallback."""
    return getattr(instance, build_localized_fieldname(name, language)) or ""


def faq_documents() -> Iterator[Document]:
    faqs = Faq.objects.published().prefetch_related("carriers", "card_types")
    for faq in faqs:
        filters = tuple(
            [("carrier", carrier.slug) for carrier in faq.carriers.all()]
            + [("card_type", card_type.slug) for card_type in faq.card_types.all()]
        )
        for language in settings.MODELTRANSLATION_LANGUAGES:
            question = localized(faq, "question", language)
            if not question:
                continue
            yield Document(
                type="faq",
                slug=faq.slug,
                language=language,
                title=question,
                keywords=localized(faq, "keywords", language),
                body=markdown_to_text(localized(faq, "answer", language)),
                filters=filters,
            )
