"""Sites that embed the answer widget: who may frame it, in which language, with which contact."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from widget.validators import colour_normalize, contact_normalize, origins_parse, origins_valid

DEFAULT_ACCENT = "#0b5fd6"  # the help site's accent


def new_public_key() -> str:
    """A random, URL-safe key (24 characters) that names a site in its snippet."""
    return secrets.token_urlsafe(18)


class EmbedSite(models.Model):
    """A website allowed to embed the widget: the frame may only be shown on its origins."""

    name = models.CharField(_("name"), max_length=120)
    public_key = models.CharField(
        _("public key"),
        max_length=64,
        unique=True,
        default=new_public_key,
        editable=False,
        help_text=_("Goes into the snippet; it is public, the allowed origins are what protect."),
    )
    allowed_origins = models.TextField(
        _("allowed origins"),
        help_text=_(
            "One per line, exactly as scheme://host[:port], e.g. https://shop.example. "
            "No paths, no wildcards; list www and non-www separately."
        ),
    )
    default_language = models.CharField(
        _("default language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Used unless the snippet sets data-lang."),
    )
    contact = models.CharField(
        _("contact"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown when the answers do not help: an https:// address or an e-mail address."
        ),
    )
    accent_color = models.CharField(
        _("accent colour"), max_length=7, default=DEFAULT_ACCENT, help_text=_("#rrggbb")
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("embedding site")
        verbose_name_plural = _("embedding sites")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        for name, normalize in [
            ("allowed_origins", lambda v: "\n".join(origins_parse(v))),
            ("contact", contact_normalize),
            ("accent_color", colour_normalize),
        ]:
            try:
                setattr(self, name, normalize(getattr(self, name)))
            except ValidationError as error:
                errors[name] = error.messages
        if not errors.get("allowed_origins") and not self.allowed_origins.strip():
            errors["allowed_origins"] = [_("List at least one origin.")]
        if errors:
            raise ValidationError(errors)

    @property
    def origins(self) -> list[str]:
        """The allowed origins, normalized; a stored value that is not one is left out."""
        return origins_valid(self.allowed_origins)


class FrameLoad(models.Model):
    """How often the widget's frame was requested for a site from one origin on one day, and
    whether that origin was allowed: the admin's install check. Counted from the frame
    requests in batches; an origin is a website's address, nothing about the visitor."""

    site = models.ForeignKey(
        EmbedSite, on_delete=models.CASCADE, related_name="loads", verbose_name=_("site")
    )
    origin = models.CharField(_("origin"), max_length=200)
    allowed = models.BooleanField(_("allowed"))
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("loads"), default=0)
    last_at = models.DateTimeField(_("last load"))

    class Meta:
        verbose_name = _("widget load")
        verbose_name_plural = _("widget loads")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "origin", "allowed", "day"], name="frame_load_unique_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.origin} {self.day}: {self.count}"
