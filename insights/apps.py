from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Staff insights")

    def ready(self) -> None:
        import atexit

        from django.core.signals import request_finished

        from insights import counters
        from simhelp import signals

        request_finished.connect(counters.counters_flush_due, dispatch_uid="insights-flush-due")
        signals.searched.connect(counters.search_received, dispatch_uid="insights-searched")
        signals.walked.connect(counters.walk_received, dispatch_uid="insights-walked")
        atexit.register(counters.counters_flush)
