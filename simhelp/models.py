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
