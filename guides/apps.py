from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("Guides and troubleshooters")

    def ready(self) -> None:
        from faq.versioning import watch
        from guides.models import Guide, GuideStep, Node, Option, Troubleshooter

        watch(Guide, GuideStep, Troubleshooter, Node, Option)
