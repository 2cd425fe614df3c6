from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WidgetConfig(AppConfig):
    name = "widget"
    verbose_name = _("Answer widget")

    def ready(self) -> None:
        from corsheaders.signals import check_request_enabled
        from django.db.models.signals import post_delete, post_save

        from widget.models import EmbedSite
        from widget.selectors import cors_allows_embed_origin, embed_origins_forget

        check_request_enabled.connect(cors_allows_embed_origin, dispatch_uid="widget-cors")
        for signal in (post_save, post_delete):
            signal.connect(embed_origins_forget, sender=EmbedSite, dispatch_uid="widget-origins")
