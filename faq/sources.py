"""Published FAQs as entries for search and answers (listed in `SIMHELP_CONTENT_SOURCES`)."""

from collections.abc import Iterator

from faq.models import Faq
from simhelp.content import Entry, texts


def faq_entries() -> Iterator[Entry]:
    faqs = (
        Faq.objects.published()
        .select_related("category")
        .prefetch_related("carriers", "card_types")
    )
    for faq in faqs:
        yield Entry(
            type="faq",
            slug=faq.slug,
            title=texts(faq, "question"),
            keywords=texts(faq, "keywords"),
            answer=texts(faq, "answer"),
            filters=tuple(
                [("carrier", carrier.slug) for carrier in faq.carriers.all()]
                + [("card_type", card_type.slug) for card_type in faq.card_types.all()]
            ),
            category=faq.category.slug,
            order=faq.order,
            changed_at=faq.changed_at,
        )
