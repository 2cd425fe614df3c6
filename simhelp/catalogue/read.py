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
    except RecursionError:
        raise CatalogueError([f"{file}: nested too deeply to be a catalogue"]) from None
    if not isinstance(document, dict):
        raise CatalogueError([f"{file}: the top level must be a JSON object"])
    unknown = sorted(set(document) - set(SECTIONS))
    if unknown:
        raise CatalogueError([f"{file}: unknown sections {', '.join(unknown)}"])
    for section, items in document.items():
        if not isinstance(items, list):
            raise CatalogueError([f"{file}: “{section}” must be a list"])
    problems = _text_problems(document)
    if problems:
        raise CatalogueError([f"{file}: {problem}" for problem in problems])
    return document


# Deeper than any item of the format (a tree's node's option's text is 6 levels down).
MAX_DEPTH = 12


def _text_problems(document: dict[str, Any], *, limit: int = 20) -> list[str]:
    """Text no database can store, and nesting no item has, each with where it is."""
    problems: list[str] = []
    pending: list[tuple[str, Any, int]] = [("", document, 0)]
    while pending and len(problems) < limit:
        where, value, depth = pending.pop()
        if depth > MAX_DEPTH:
            problems.append(f"{where or 'the document'}: nested too deeply")
            continue
        if isinstance(value, dict):
            for key, item in value.items():
                pending.append((f"{where}.{key}" if where else str(key), key, depth + 1))
                pending.append((f"{where}.{key}" if where else str(key), item, depth + 1))
        elif isinstance(value, list):
            pending.extend((f"{where}[{n}]", item, depth + 1) for n, item in enumerate(value))
        elif isinstance(value, str):
            if "\x00" in value:
                problems.append(f"{_printable(where)}: contains a NUL character")
            elif not _encodable(value):
                problems.append(f"{_printable(where)}: contains a lone surrogate (\\ud800–\\udfff)")
    return sorted(problems)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(where: str) -> str:
    """A location safe to print: a key may itself hold the bad characters."""
    return where.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


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
