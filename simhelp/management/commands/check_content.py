"""Validate all stored content; exit non-zero listing every problem."""

from django.core.management.base import BaseCommand, CommandError

from simhelp.integrity import content_problems


class Command(BaseCommand):
    help = "Check every troubleshooter tree and every published translation."

    def handle(self, *args, **options):
        problems = content_problems()
        if problems:
            raise CommandError(
                f"{len(problems)} problem(s) in the content:\n  " + "\n  ".join(problems)
            )
        self.stdout.write(self.style.SUCCESS("Content is sound."))
