"""Ask SimHelp a question from the terminal and see the decision, with scores and why."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from assistant.answers import ask
from assistant.rules import Context


class Command(BaseCommand):
    help = "Answer a question as the assistant would: rule, confident search hit, or none."

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--lang", default=settings.LANGUAGE_CODE)
        parser.add_argument("--carrier", default="")
        parser.add_argument("--card-type", default="")
        parser.add_argument("--page-url", default="")

    def handle(self, *args, query, lang, carrier, card_type, page_url, **options):
        if lang not in dict(settings.LANGUAGES):
            raise CommandError(f"--lang must be one of {', '.join(dict(settings.LANGUAGES))}")
        if not query.strip():
            raise CommandError("The question is empty.")
        translation.activate(lang)  # the decision's reasons in the asker's language
        decision = ask(
            query,
            language=lang,
            context=Context(carrier=carrier, card_type=card_type, page_url=page_url),
        )
        out = self.stdout
        out.write(f"{decision.source.upper()}: {decision.reason}")
        if decision.answer:
            answer = decision.answer
            fallback = f" (shown in {answer.language})" if answer.is_fallback else ""
            out.write(f"→ {answer.key}: {answer.title}{fallback}")
            if decision.message:
                out.write(f"  message: {decision.message}")
            if decision.start_node:
                out.write(f"  starts at node: {decision.start_node}")
            out.write("  " + answer.text[:160] + ("…" if len(answer.text) > 160 else ""))
        elif decision.message:
            out.write(f"  message: {decision.message}")
        if decision.ranking:
            out.write("ranking:")
            for rank, hit in enumerate(decision.ranking, start=1):
                flag = "confident" if hit.confident else "below threshold"
                out.write(
                    f"  {rank}. {hit.key:45} {hit.score:.3f} {flag}; "
                    f"fields {', '.join(hit.matched_fields) or '—'}; "
                    f"terms {', '.join(hit.matched_terms) or '—'}"
                )
        if decision.troubleshooters:
            out.write("try: " + ", ".join(t.key for t in decision.troubleshooters))
        if decision.contact_hint:
            out.write(decision.contact_hint)
