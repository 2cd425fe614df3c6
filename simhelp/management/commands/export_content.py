"""Write all content, drafts and answer rules included, as one trilingual catalogue document."""

from pathlib import Path

from django.core.management.base import BaseCommand

from simhelp.catalogue import catalogue_dumps, catalogue_export
from simhelp.catalogue.images import image_files_write


class Command(BaseCommand):
    help = (
        "Write every category, carrier, card type, synonym group, FAQ, guide, troubleshooter "
        "and answer rule (drafts included) in zh-hans, en and ru as one JSON document in the "
        "catalogue format of fixtures/README.md, in a stable order for diffs. With --output, "
        "the pictures' originals are written beside it under images/ (the JSON holds their "
        "SHA-256). import_content and load_demo read it back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", metavar="FILE", help="Write to FILE instead of standard output."
        )

    def handle(self, *args, output: str | None, **options):
        document = catalogue_export()
        text = catalogue_dumps(document=document)
        if output is None:
            self.stdout.write(text, ending="")
            return
        path = Path(output)
        # Written beside the target and renamed, so a failed export never leaves half a file.
        partial = path.with_name(f".{path.name}.partial")
        image_files_write(document=document, folder=path.parent)
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
        counts = ", ".join(f"{len(items)} {section}" for section, items in document.items())
        self.stdout.write(f"Wrote {counts} to {path} ({len(text.encode())} bytes).")
