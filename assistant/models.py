"""What the assistant keeps in the database: synonym groups and staff answer rules."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from faq.models import CardType, Carrier
from simhelp.content_types import content_types


def _first_language(name: str) -> str:
    """The form field of a translated field's first language, where its errors are shown."""
    return build_localized_fieldname(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)


class SynonymGroup(models.Model):
    """Terms that mean one concept; search treats them as interchangeable across languages."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    terms = models.TextField(
        _("terms"), blank=True, help_text=_("Comma-separated terms in this language.")
    )
    anchor = models.BooleanField(
        _("topic anchor"),
        default=False,
        help_text=_(
            "A concept this help centre is about (SIM card, number, balance, data, carrier…). "
            "A question that mentions no anchor concept at all is never answered confidently, "
            "so “best restaurants in Moscow” gets no SIM answer."
        ),
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

    The outcome is either an item to answer with, or "out of scope": the question is about
    something SimHelp does not cover (a metro card, home internet), and the reader gets the
    rule's message instead of a wrong answer. Phrases are matched after the search normalizer
    (typos, traditional Chinese and keyboard layout mistakes behave as in search); never as
    regular expressions.
    """

    ANSWER = "answer"
    OUT_OF_SCOPE = "out-of-scope"
    OUTCOMES = [
        (ANSWER, _("answer with an item")),
        (OUT_OF_SCOPE, _("out of scope: show the message instead of an answer")),
    ]

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
    outcome = models.CharField(_("outcome"), max_length=20, choices=OUTCOMES, default=ANSWER)
    target = models.CharField(
        _("answer with"),
        max_length=120,
        blank=True,
        help_text=_(
            "The item to answer with: faq:slug, guide:slug or troubleshooter:slug "
            "(not used when the outcome is out of scope)."
        ),
    )
    target_node = models.SlugField(
        _("start at node"),
        max_length=60,
        blank=True,
        help_text=_("For a troubleshooter: the key of the node to start at (optional)."),
    )
    message = models.TextField(
        _("message"),
        blank=True,
        help_text=_(
            "Text shown above the answer; for an out-of-scope rule, the polite reply shown "
            "instead of one (required; Markdown links allowed)."
        ),
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
        errors = {}
        if self.outcome == self.OUT_OF_SCOPE:
            if self.target or self.target_node:
                errors["target"] = _("An out-of-scope rule answers with its message, not an item.")
            if not any(
                (getattr(self, f"message_{lang}", "") or "").strip()
                for lang in ("zh_hans", "en", "ru")
            ):
                errors[_first_language("message")] = _(
                    "An out-of-scope rule needs a message to show."
                )
        else:
            problem = rule_target_problem(target=self.target, node=self.target_node)
            if problem:
                errors["target_node" if "node" in problem else "target"] = problem
        has_phrases = any(
            (getattr(self, f"phrases_{lang}", "") or "").strip() for lang in ("zh_hans", "en", "ru")
        )
        if not has_phrases and not self.page_url:
            errors[_first_language("phrases")] = _("Give at least one phrase, or a page condition.")
        if errors:
            raise ValidationError(errors)


def rule_target_problem(*, target: str, node: str = "") -> str | None:
    """Why a rule's target cannot be answered with (missing, unpublished, bad node), or None."""
    kind, _sep, slug = (target or "").partition(":")
    content_type = content_types().get(kind)
    if content_type is None or not slug:
        return gettext("Name the target as %(forms)s.") % {
            "forms": ", ".join(f"{kind}:slug" for kind in content_types())
        }
    item = content_type.get_model().objects.filter(slug=slug).first()
    if item is None:
        return gettext("There is no %(target)s.") % {"target": target}
    if not item.is_published:
        return gettext("%(target)s is not published.") % {"target": target}
    if node:
        if not hasattr(item, "nodes"):
            return gettext("Only a troubleshooter has a node to start at.")
        if not item.nodes.filter(key=node).exists():
            return gettext("%(target)s has no node “%(node)s”.") % {"target": target, "node": node}
    return None
