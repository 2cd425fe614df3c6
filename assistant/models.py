"""What the assistant keeps in the database: synonym groups and staff answer rules."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from faq.models import CardType, Carrier


class SynonymGroup(models.Model):
    """Terms that mean one concept; search treats them as interchangeable across languages."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    terms = models.TextField(
        _("terms"), blank=True, help_text=_("Comma-separated terms in this language.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self) -> str:
        return self.slug


class AnswerRule(models.Model):
    """A decision by support staff: questions with these phrases, in this context, get this answer.

    Phrases are matched after the search normalizer (typos, traditional Chinese and keyboard
    layout mistakes behave as in search); never as regular expressions.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    priority = models.IntegerField(
        _("priority"), default=0, help_text=_("When several rules match, the highest wins.")
    )
    active = models.BooleanField(_("active"), default=True)
    phrases = models.TextField(
        _("match phrases"),
        blank=True,
        help_text=_(
            "Comma-separated phrases; a question containing any of them (in any language) "
            "matches. Leave empty for a rule that only suggests an answer for a page."
        ),
    )
    language = models.CharField(
        _("only for questions in"),
        max_length=10,
        blank=True,
        choices=[("zh-hans", "中文（简体）"), ("en", "English"), ("ru", "Русский")],
    )
    carrier = models.ForeignKey(
        Carrier,
        verbose_name=_("only for carrier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    card_type = models.ForeignKey(
        CardType,
        verbose_name=_("only for card type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    page_url = models.CharField(
        _("only on pages"),
        max_length=300,
        blank=True,
        help_text=_(
            "A URL prefix (https://shop.example/pay/) or a pattern with * and ? "
            "(https://*.example/*/checkout*) that the page asking must match."
        ),
    )
    target = models.CharField(
        _("answer with"),
        max_length=120,
        help_text=_("The item to answer with: faq:slug, guide:slug or troubleshooter:slug."),
    )
    target_node = models.SlugField(
        _("start at node"),
        max_length=60,
        blank=True,
        help_text=_("For a troubleshooter: the key of the node to start at (optional)."),
    )
    message = models.TextField(
        _("message"), blank=True, help_text=_("Optional text shown above the answer.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-priority", "name"]
        verbose_name = _("answer rule")
        verbose_name_plural = _("answer rules")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from assistant.rules import rule_target_problem

        errors = {}
        problem = rule_target_problem(target=self.target, node=self.target_node)
        if problem:
            errors["target_node" if "node" in problem else "target"] = problem
        has_phrases = any(
            (getattr(self, f"phrases_{lang}", "") or "").strip() for lang in ("zh_hans", "en", "ru")
        )
        if not has_phrases and not self.page_url:
            errors["phrases"] = _("Give at least one phrase, or a page condition.")
        if errors:
            raise ValidationError(errors)
