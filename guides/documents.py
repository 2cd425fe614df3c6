"""Published guides and troubleshooters as search documents, one per language."""

from collections.abc import Iterator

from django.conf import settings

from faq.documents import localized
from faq.rendering import markdown_to_text
from faq.search import Document
from guides.selectors import guides_with_steps, troubleshooters_with_trees


def guide_documents() -> Iterator[Document]:
    for guide in guides_with_steps().published():
        filters = tuple([("carrier", guide.carrier.slug)] if guide.carrier_id else []) + tuple(
            [("card_type", guide.card_type.slug)] if guide.card_type_id else []
        )
        steps = list(guide.steps.all())
        for language in settings.MODELTRANSLATION_LANGUAGES:
            title = localized(guide, "title", language)
            if not title:
                continue
            parts = [markdown_to_text(localized(guide, "summary", language))]
            for step in steps:
                parts.append(localized(step, "title", language))
                parts.append(markdown_to_text(localized(step, "body", language)))
            yield Document(
                type="guide",
                slug=guide.slug,
                language=language,
                title=title,
                keywords=localized(guide, "keywords", language),
                body=" ".join(part for part in parts if part),
                filters=filters,
            )


def troubleshooter_documents() -> Iterator[Document]:
    for tree in troubleshooters_with_trees().published():
        nodes = list(tree.nodes.all())
        options = list(tree.options.all())
        for language in settings.MODELTRANSLATION_LANGUAGES:
            title = localized(tree, "title", language)
            if not title:
                continue
            parts = [markdown_to_text(localized(tree, "intro", language))]
            for node in nodes:
                parts.append(localized(node, "text", language))
                parts.append(markdown_to_text(localized(node, "body", language)))
            parts.extend(localized(option, "label", language) for option in options)
            yield Document(
                type="troubleshooter",
                slug=tree.slug,
                language=language,
                title=title,
                keywords=localized(tree, "keywords", language),
                body=" ".join(part for part in parts if part),
            )
