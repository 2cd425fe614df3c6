"""Reading catalogue documents from a JSON file or a folder of them."""

import json
from pathlib import Path
from typing import Any

from simhelp.catalogue.format import SECTIONS, CatalogueError


def _read_file(file: Path) -> dict[str, Any]:
    try:
        # utf-8-sig: a file saved by an editor that writes a byte-order mark still reads.
        document = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError([f"{file}: cannot be read: {error}"]) from None
    except json.JSONDecodeError as error:
        raise CatalogueError([f"{file}: not valid JSON: {error}"]) from None
    if not isinstance(document, dict):
        raise CatalogueError([f"{file}: the top level must be a JSON object"])
    unknown = sorted(set(document) - set(SECTIONS))
    if unknown:
        raise CatalogueError([f"{file}: unknown sections {', '.join(unknown)}"])
    for section, items in document.items():
        if not isinstance(items, list):
            raise CatalogueError([f"{file}: “{section}” must be a list"])
    return document


def catalogue_read(*, path: Path, complete: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Read one JSON file, or every ``*.json`` in a folder (sorted) merged section by section.

    With `complete` (an import, which replaces all content) `path` must be one file holding
    every section, so that a section left out by mistake cannot delete every item of its type.
    """
    if complete and path.is_dir():
        raise CatalogueError([f"{path}: an import reads one JSON file, not a folder"])
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise CatalogueError([f"{path}: no JSON files found"])
    merged: dict[str, list[dict[str, Any]]] = {section: [] for section in SECTIONS}
    for file in files:
        document = _read_file(file)
        missing = [section for section in SECTIONS if section not in document]
        if complete and missing:
            raise CatalogueError(
                [
                    f"{file}: missing section(s) {', '.join(missing)}; an import replaces all "
                    "content, so the file must hold every section (an empty list deletes every "
                    "item of that type)"
                ]
            )
        for section, items in document.items():
            merged[section].extend(items)
    return merged
