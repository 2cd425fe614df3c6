from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("FAQ and search")

    def ready(self) -> None:
        from faq.models import AnswerRule, CardType, Carrier, Category, Faq, SynonymGroup
        from faq.versioning import watch

        watch(Category, Carrier, CardType, Faq, SynonymGroup, AnswerRule)
