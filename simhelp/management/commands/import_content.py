"""Make the content exactly what an export_content file says, or show what that would change."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from simhelp.catalogue import CatalogueError, catalogue_load, catalogue_plan, catalogue_read


class Command(BaseCommand):
    help = (
        "Import FILE, a JSON document written by export_content, as the COMPLETE content: items "
        "are created or updated by slug (nodes by key within a tree, rules by name), and every "
        "category, carrier, card type, synonym group, FAQ, guide, troubleshooter and answer "
        "rule that FILE leaves out is DELETED. Everything is validated first and written in one "
        "transaction: a file with any problem changes nothing. Pictures are read from images/ "
        "beside FILE and checked against their SHA-256. Use --dry-run to see the changes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A JSON document in the catalogue format.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be created, updated and deleted, and change nothing.",
        )

    def handle(self, *args, file: str, dry_run: bool, **options):
        try:
            document = catalogue_read(path=Path(file), complete=True)
            folder = Path(file).parent
            if dry_run:
                report = catalogue_plan(document=document, sync=True, folder=folder)
            else:
                report = catalogue_load(document=document, sync=True, folder=folder)
        except CatalogueError as error:
            raise CommandError(
                f"Nothing was imported; {len(error.problems)} problem(s):\n  "
                + "\n  ".join(error.problems)
            ) from None
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        self.stdout.write(report.summary(details=True))
