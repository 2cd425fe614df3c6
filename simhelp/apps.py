from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimhelpConfig(AppConfig):
    name = "simhelp"
    verbose_name = _("SimHelp")

    def ready(self) -> None:
        from modeltranslation.translator import translator

        from simhelp.versioning import watch

        # Content is translated text: every model with translated fields (FAQs, guides, trees,
        # the shared vocabulary, synonyms, rules) marks derived state stale when it changes, so
        # a new content type needs no line here.
        watch(*translator.get_registered_models(abstract=False))
