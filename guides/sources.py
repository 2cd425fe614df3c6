"""Published guides and troubleshooters as entries for search and answers."""

from collections.abc import Iterator

from guides.selectors import guides_with_steps, troubleshooters_with_trees
from simhelp.content import Entry, Step, languages, localized, texts


def guide_entries() -> Iterator[Entry]:
    for guide in guides_with_steps().published():
        steps = list(guide.steps.all())
        answer = {}
        for language in languages():
            lines = [localized(guide, "summary", language), ""]
            for number, step in enumerate(steps, start=1):
                title = localized(step, "title", language)
                body = localized(step, "body", language).replace("\n", "\n   ")
                lines.append(f"{number}. **{title}**  \n   {body}")
                if step.image_id:
                    # The step's picture, shown under it through the Markdown pipeline (the
                    # image resolver decides whether it is published).
                    lines.append(f"\n   ![{title}](image:{step.image.key})")
            answer[language] = "\n".join(lines)
        filters = []
        if guide.carrier_id:
            filters.append(("carrier", guide.carrier.slug))
        if guide.card_type_id:
            filters.append(("card_type", guide.card_type.slug))
        yield Entry(
            type="guide",
            slug=guide.slug,
            title=texts(guide, "title"),
            keywords=texts(guide, "keywords"),
            answer=answer,
            filters=tuple(filters),
            category=guide.category.slug,
            order=guide.order,
            steps=tuple(
                Step(title=texts(step, "title"), body=texts(step, "body")) for step in steps
            ),
            changed_at=guide.changed_at,
            # A guide is a procedure: it answers how a thing is done, whatever its title says
            # ("Renew on the carrier's website"). A guide to one channel (the website, the app,
            # a store, a shop or terminal, a payment service) also says where to pay: "where
            # can I top up with cash" is its question.
            asks=("how", "where") if guide.channel else ("how",),
        )


def troubleshooter_entries() -> Iterator[Entry]:
    for tree in troubleshooters_with_trees().published():
        nodes = list(tree.nodes.all())
        options = list(tree.options.all())
        extra = {
            language: "\n\n".join(
                [localized(node, "text", language) for node in nodes]
                + [localized(node, "body", language) for node in nodes]
                + [localized(option, "label", language) for option in options]
            )
            for language in languages()
        }
        yield Entry(
            type="troubleshooter",
            slug=tree.slug,
            title=texts(tree, "title"),
            keywords=texts(tree, "keywords"),
            answer=texts(tree, "intro"),
            extra=extra,
            category=tree.category.slug,
            order=tree.order,
            changed_at=tree.changed_at,
            # Its nodes are the questions it asks and the solutions of all its branches: "my
            # HSBC Visa is rejected on the MTS site" finds a branch's words in it, but the FAQ
            # about foreign cards answers it.
            branched=True,
        )
