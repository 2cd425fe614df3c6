"""Uploaded pictures checked by their content and turned into the files readers download.

`image_read` refuses anything that is not a PNG, JPEG or WebP picture by what the bytes are
(a renamed executable is refused whatever its name), a file over `IMAGE_MAX_BYTES` and a
picture over `IMAGE_MAX_PIXELS` (a decompression bomb is refused before it is decoded).
`image_variants` re-encodes the picture without its metadata (EXIF, GPS, camera) at each width
of `IMAGE_WIDTHS` no wider than the picture, as WebP and as a JPEG or PNG fallback.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import ImageOps, UnidentifiedImageError

FORMATS = ("PNG", "JPEG", "WEBP")
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}


class ImageRefused(ValueError):
    """An upload that is not a picture SimHelp stores; the message says why, for staff."""


@dataclass(frozen=True)
class Picture:
    """A checked upload: its format, size and the decoded picture with orientation applied."""

    format: str
    width: int
    height: int
    image: PillowImage.Image
    sha256: str


@dataclass(frozen=True)
class Encoded:
    """One file to store: a variant (or the cleaned original) in one format and width."""

    extension: str
    width: int
    height: int
    data: bytes


def image_read(*, data: bytes) -> Picture:
    """The picture in `data`, or `ImageRefused` saying what is wrong with it."""
    limit = settings.IMAGE_MAX_BYTES
    if len(data) > limit:
        raise ImageRefused(
            _("The file is %(size)s MB; pictures may be at most %(limit)s MB.")
            % {"size": f"{len(data) / 1e6:.1f}", "limit": f"{limit / 1e6:g}"}
        )
    max_pixels = settings.IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit and raises at twice it; both are refusals here.
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            opened = PillowImage.open(io.BytesIO(data), formats=FORMATS)
            width, height = opened.size
            if width * height > max_pixels:
                raise PillowImage.DecompressionBombError
            opened.load()
            picture = ImageOps.exif_transpose(opened)
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
        raise ImageRefused(
            _("The picture is too large: at most %(limit)s million pixels.")
            % {"limit": f"{max_pixels / 1e6:g}"}
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRefused(
            _("This file is not a PNG, JPEG or WebP picture (whatever its name says).")
        ) from None
    return Picture(
        format=opened.format,
        width=picture.width,
        height=picture.height,
        image=picture,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _fallback_format(picture: Picture) -> str:
    """JPEG for photographs; PNG for drawings and anything transparent (JPEG would blur or
    flatten them)."""
    transparent = picture.image.mode in ("RGBA", "LA", "PA") or "transparency" in (
        picture.image.info
    )
    return "PNG" if picture.format == "PNG" or transparent else "JPEG"


def _encode(image: PillowImage.Image, fmt: str, *, drawing: bool = False) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        # A drawing (a PNG source) keeps its sharp edges and few colours best, and smallest,
        # losslessly; a photograph is smaller lossy.
        image.save(out, "WEBP", lossless=drawing, quality=80, method=6)
    return out.getvalue()


def image_variants(*, picture: Picture) -> list[Encoded]:
    """The picture at each configured width no wider than itself (at least one: its own
    width), as WebP and as the fallback format, smallest first, without any metadata."""
    widths = sorted({w for w in settings.IMAGE_WIDTHS if w < picture.width} | {picture.width})
    widths = [w for w in widths if w <= max(settings.IMAGE_WIDTHS)] or [min(widths)]
    source = picture.image
    if source.mode not in ("RGB", "RGBA", "L", "LA"):
        source = source.convert("RGBA" if "transparency" in source.info else "RGB")
    fallback = _fallback_format(picture)
    files = []
    for width in widths:
        height = max(1, round(picture.height * width / picture.width))
        resized = source if width == picture.width else source.resize((width, height))
        for fmt in ("WEBP", fallback):
            data = _encode(resized, fmt, drawing=fallback == "PNG")
            files.append(Encoded(EXTENSIONS[fmt], width, height, data))
    return files


def image_original(*, picture: Picture) -> Encoded:
    """The uploaded picture re-encoded in its own format without metadata (what is kept)."""
    source = picture.image
    fmt = picture.format if picture.format in FORMATS else "PNG"
    if fmt == "JPEG" or source.mode not in ("RGB", "RGBA", "L", "LA"):
        source = source.convert("RGB" if fmt == "JPEG" else "RGBA")
    return Encoded(EXTENSIONS[fmt], picture.width, picture.height, _encode(source, fmt))
