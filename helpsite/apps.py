from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpsiteConfig(AppConfig):
    name = "helpsite"
    verbose_name = _("Help site")
