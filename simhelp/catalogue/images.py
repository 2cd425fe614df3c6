"""Pictures in the catalogue: each image item names its original file, relative to the folder
of the JSON document (`images/<key>.<ext>`), with the file's SHA-256.

A load verifies every file against its checksum before anything is written, so a missing or
altered file refuses the whole document; an unchanged picture (same checksum as stored) is
not read again. An export copies each original beside the JSON it writes.
"""

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage

from simhelp.content import texts
from simhelp.imaging import ImageRefused
from simhelp.models import Image

FILE_PREFIX = "images/"


def image_item(image: Image) -> dict[str, Any]:
    """A stored picture in the catalogue format."""
    extension = image.original.name.rsplit(".", 1)[-1]
    return {
        "key": image.key,
        "published": image.published,
        "alt": texts(image, "alt"),
        "file": f"{FILE_PREFIX}{image.key}.{extension}",
        "sha256": image.sha256,
    }


def image_file_problems(*, item: Mapping[str, Any], folder: Path | None) -> list[str]:
    """What is wrong with an image item's file: outside the images folder, missing, or not
    the file its checksum names."""
    name, digest = item.get("file"), item.get("sha256")
    if not isinstance(name, str) or not name.startswith(FILE_PREFIX) or ".." in name:
        return [f"“file” must be a path under {FILE_PREFIX} beside the JSON"]
    if not isinstance(digest, str) or len(digest) != 64:
        return ["“sha256” must be the file's SHA-256 (64 hexadecimal digits)"]
    if folder is None:
        return [f"{name}: image files are read from the folder of a JSON file"]
    path = folder / name
    if not path.is_file():
        return [f"{name}: file not found beside the JSON ({path})"]
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != digest:
        return [f"{name}: checksum mismatch (the file's SHA-256 is {actual}, not {digest})"]
    return []


def image_load(*, item: Mapping[str, Any], folder: Path, stored: Image | None) -> None:
    """Create or update one picture; its file is read and stored again only when its checksum
    differs from the stored picture's."""
    from modeltranslation.utils import build_localized_fieldname

    from simhelp.catalogue.format import CatalogueError, languages
    from simhelp.images import image_store

    image = stored or Image(key=item["key"])
    image.published = bool(item.get("published", False))
    for language in languages():
        alt = (item.get("alt") or {}).get(language) or ""
        setattr(image, build_localized_fieldname("alt", language), alt)
    if image.sha256 != item["sha256"]:
        try:
            image_store(image=image, data=(folder / item["file"]).read_bytes())
        except ImageRefused as refused:
            raise CatalogueError([f"image “{item['key']}”: {refused}"]) from None
    image.save()


def image_files_write(*, document: Mapping[str, Any], folder: Path) -> int:
    """Copy every picture's original into `folder` as the document names it; return how many."""
    stored = {image.key: image for image in Image.objects.all()}
    for item in document.get("images", []):
        target = folder / item["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(stored[item["key"]].original.name) as original:
            data = original.read()
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
    return len(document.get("images", []))
