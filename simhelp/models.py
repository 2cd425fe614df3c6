"""The one row every process reads to know whether what it derived from content is stale."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """A single counter bumped on every change to searchable content, seen by every process."""

    version = models.PositiveBigIntegerField(default=0, validators=[MinValueValidator(0)])
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("content version")

    def __str__(self) -> str:
        return str(self.version)


def image_upload_to(instance: "Image", filename: str) -> str:
    return f"images/{instance.key}/{filename}"


class Image(models.Model):
    """A picture in the image library: shown in Markdown as `![alt](image:key)` and on guide
    steps. The original is kept without metadata; `variants` lists the resized files readers
    download ({"width", "height", "format", "name"} each, smallest first)."""

    key = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_("Written in Markdown as ![description](image:key)."),
    )
    alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, for readers who cannot see it. Required in every "
            "language before the picture is published."
        ),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published pictures are shown to readers.")
    )
    original = models.FileField(_("original"), upload_to=image_upload_to, max_length=255)
    sha256 = models.CharField(_("SHA-256 of the original"), max_length=64, editable=False)
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    variants = models.JSONField(_("variants"), default=list, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.key

    @property
    def markdown(self) -> str:
        """What staff paste into a Markdown field to show this picture."""
        return f"![{self.alt or self.key}](image:{self.key})"
