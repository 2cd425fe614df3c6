"""The image library: storing an upload with its variants, and pictures as readers get them.

Files go through Django's default storage (`STORAGES["default"]`: `var/media` on disk, or an
S3-compatible bucket), named by the original's checksum so a name never changes its content
and readers may cache it for a year. A picture is shown only when published; its alternative
text is read in the reader's language.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from simhelp.content import pick_text, texts
from simhelp.imaging import Picture, image_original, image_read, image_variants
from simhelp.models import Image

# What a picture takes in a page: the full column on a phone, at most 40rem (640 px) beside it.
SIZES = "(max-width: 40rem) 100vw, 40rem"


def _clean_original(*, data: bytes, picture: Picture) -> bytes:
    """The bytes to keep: unchanged when they carry no metadata (an export imported again
    stays byte for byte the same), else re-encoded without it."""
    info = picture.image.info
    if not picture.image.getexif() and not ({"exif", "xmp", "XML:com.adobe.xmp"} & set(info)):
        return data
    return image_original(picture=picture).data


def image_store(*, image: Image, data: bytes) -> Image:
    """Check `data` (raising `ImageRefused`), store it and its variants for `image` and fill
    in its size, checksum and variants; the row itself is saved by the caller."""
    picture = image_read(data=data)
    original = _clean_original(data=data, picture=picture)
    digest = hashlib.sha256(original).hexdigest()
    extension = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}[picture.format]
    folder = f"images/{image.key}/{digest[:12]}"
    name = f"{folder}/original.{extension}"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(original))
    variants = []
    for variant in image_variants(picture=picture):
        variant_name = f"{folder}/{variant.width}.{variant.extension}"
        if not default_storage.exists(variant_name):
            default_storage.save(variant_name, ContentFile(variant.data))
        variants.append(
            {
                "width": variant.width,
                "height": variant.height,
                "format": variant.extension,
                "name": variant_name,
            }
        )
    image.original.name = name
    image.sha256 = digest
    image.width, image.height = picture.width, picture.height
    image.variants = variants
    return image


def image_missing_alt(*, image: Image) -> list[str]:
    """The languages whose alternative text is empty."""
    return [language for language, text in texts(image, "alt").items() if not text.strip()]


@dataclass(frozen=True)
class ImageView:
    """A published picture as interfaces show it: sizes, alternative texts and file URLs."""

    key: str
    width: int
    height: int
    alt: dict[str, str]
    variants: tuple[dict, ...]  # {"width", "height", "format", "url"}, smallest first

    def urls(self, fmt: str) -> list[dict]:
        return [v for v in self.variants if v["format"] == fmt]

    @property
    def fallback_format(self) -> str:
        return next((v["format"] for v in self.variants if v["format"] != "webp"), "webp")

    def data(self, language: str) -> dict:
        """The picture for the API: alternative text in `language` and every file."""
        largest = self.urls(self.fallback_format)[-1]
        return {
            "key": self.key,
            "alt": pick_text(self.alt, language),
            "width": largest["width"],
            "height": largest["height"],
            "src": largest["url"],
            "variants": [dict(v) for v in self.variants],
        }

    def html(self, language: str, written_alt: str = "") -> str:
        """`<picture>`: WebP first, the fallback format's files in `<img>` with its width,
        height, `loading="lazy"`, `srcset` and `sizes`."""
        alt = pick_text(self.alt, language) or written_alt
        fallback = self.urls(self.fallback_format)
        largest = fallback[-1]

        def srcset(files):
            return escape(", ".join(f"{v['url']} {v['width']}w" for v in files))

        return (
            f'<picture><source type="image/webp" srcset="{srcset(self.urls("webp"))}"'
            f' sizes="{SIZES}"><img src="{escape(fallback[0]["url"])}"'
            f' srcset="{srcset(fallback)}" sizes="{SIZES}" width="{largest["width"]}"'
            f' height="{largest["height"]}" alt="{escape(alt)}" loading="lazy"'
            ' decoding="async"></picture>'
        )


def image_views(*, keys: Iterable[str] | None = None) -> dict[str, ImageView]:
    """Published pictures by key (all of them, or those among `keys`), in one query."""
    images = Image.objects.filter(published=True)
    if keys is not None:
        images = images.filter(key__in=list(keys))
    return {
        image.key: ImageView(
            key=image.key,
            width=image.width,
            height=image.height,
            alt={language: text for language, text in texts(image, "alt").items()},
            variants=tuple(
                {**{k: v[k] for k in ("width", "height", "format")}, "url": _url(v["name"])}
                for v in image.variants
            ),
        )
        for image in images
        if image.variants
    }


def _url(name: str) -> str:
    return default_storage.url(name)


def image_resolver(
    *, language: str, views: dict[str, ImageView]
) -> Callable[[str, str], str | None]:
    """`image:key` → the picture's HTML for a reader of `language`, or None (shown as its
    written description) when the picture is unknown or not published."""

    def resolve(key: str, written_alt: str) -> str | None:
        view = views.get(key.removeprefix("image:"))
        return view.html(language, written_alt) if view else None

    return resolve
