"""Load the demo catalogue (or another catalogue file or folder) into the database."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simhelp.catalogue import CatalogueError, catalogue_load, catalogue_read


class Command(BaseCommand):
    help = "Load SimHelp's trilingual demo content; safe to run again (items match by slug)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(settings.BASE_DIR / "fixtures" / "demo"),
            help="A catalogue JSON file or a folder of them (default: fixtures/demo).",
        )

    def handle(self, *args, path: str, **options):
        try:
            folder = Path(path) if Path(path).is_dir() else Path(path).parent
            report = catalogue_load(document=catalogue_read(path=Path(path)), folder=folder)
        except CatalogueError as error:
            raise CommandError(
                f"Nothing was loaded; {len(error.problems)} problem(s):\n  "
                + "\n  ".join(error.problems)
            ) from None
        self.stdout.write(report.summary())
