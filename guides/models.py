"""Renewal guides with ordered steps, and troubleshooters: decision trees of nodes and options."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from faq.models import CardType, Carrier, Category, Content, TranslationTracked


class Channel(models.TextChoices):
    WEBSITE = "website", _("Carrier website")
    APP = "app", _("Carrier app")
    STORE = "store", _("Carrier store")
    SHOP_TERMINAL = "shop-terminal", _("Shop or payment terminal")
    THIRD_PARTY = "third-party", _("Third-party payment service")


class Guide(Content):
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="guides"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), help_text=_("Markdown; one to three sentences."))
    keywords = models.TextField(
        _("keywords"), blank=True, help_text=_("Comma-separated words people type, typos included.")
    )
    carrier = models.ForeignKey(
        Carrier,
        verbose_name=_("carrier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guides",
    )
    card_type = models.ForeignKey(
        CardType,
        verbose_name=_("card type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guides",
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel, blank=True)

    class Meta(Content.Meta):
        verbose_name = _("renewal guide")
        verbose_name_plural = _("renewal guides")

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return self._reverse("site:guide")


class GuideStep(TranslationTracked):
    translation_owner = "guide"
    translation_label = ("order",)

    guide = models.ForeignKey(
        Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Markdown."))
    image = models.ForeignKey(
        "simhelp.Image",
        verbose_name=_("image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Optional: a picture shown under the step (from the image library)."),
    )

    class Meta:
        ordering = ["guide", "order", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Troubleshooter(Content):
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="troubleshooters",
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"), help_text=_("Markdown; the symptom it starts from.")
    )
    keywords = models.TextField(
        _("keywords"), blank=True, help_text=_("Comma-separated words people type, typos included.")
    )
    root = models.ForeignKey(
        "Node",
        verbose_name=_("first question"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Save the nodes first, then choose where the walk starts."),
    )

    class Meta(Content.Meta):
        verbose_name = _("troubleshooter")
        verbose_name_plural = _("troubleshooters")

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return self._reverse("site:troubleshooter")

    def clean(self) -> None:
        if self.root_id and self.pk and self.root.troubleshooter_id != self.pk:
            raise ValidationError({"root": _("The first question must belong to this tree.")})


class NodeKind(models.TextChoices):
    QUESTION = "question", _("Question")
    SOLUTION = "solution", _("Solution")


class Node(TranslationTracked):
    translation_owner = "troubleshooter"
    translation_label = ("key",)

    troubleshooter = models.ForeignKey(
        Troubleshooter,
        verbose_name=_("troubleshooter"),
        on_delete=models.CASCADE,
        related_name="nodes",
    )
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("Stable identifier within the tree, used in links.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NodeKind, default=NodeKind.QUESTION)
    text = models.CharField(
        _("text"), max_length=300, help_text=_("The question asked, or the solution's title.")
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Markdown: a hint for a question, the steps of a solution."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["troubleshooter", "order", "pk"]
        verbose_name = _("node")
        verbose_name_plural = _("nodes")
        constraints = [
            models.UniqueConstraint(
                fields=["troubleshooter", "key"], name="node_key_unique_per_tree"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.text}"

    @property
    def is_solution(self) -> bool:
        return self.kind == NodeKind.SOLUTION


class Option(TranslationTracked):
    """An answer to a question node, leading to the next node; may apply only in a context."""

    translation_owner = "troubleshooter"
    translation_label = ("from_node__key", "order")

    # Kept beside from_node so the whole tree is edited and validated on one admin page.
    troubleshooter = models.ForeignKey(
        Troubleshooter,
        verbose_name=_("troubleshooter"),
        on_delete=models.CASCADE,
        related_name="options",
    )
    from_node = models.ForeignKey(
        Node, verbose_name=_("from question"), on_delete=models.CASCADE, related_name="options"
    )
    to_node = models.ForeignKey(
        Node,
        verbose_name=_("leads to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incoming",
    )
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)
    condition_carrier = models.ForeignKey(
        Carrier,
        verbose_name=_("only for carrier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("When the user's carrier is known, this option is chosen automatically."),
    )
    condition_card_type = models.ForeignKey(
        CardType,
        verbose_name=_("only for card type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("When the user's card type is known, this option is chosen automatically."),
    )

    class Meta:
        ordering = ["from_node__order", "from_node", "order", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.label

    @property
    def condition(self) -> dict[str, str]:
        """The context this option requires, e.g. ``{"carrier": "mts"}``; empty when none."""
        condition = {}
        if self.condition_carrier_id:
            condition["carrier"] = self.condition_carrier.slug
        if self.condition_card_type_id:
            condition["card_type"] = self.condition_card_type.slug
        return condition

    def clean(self) -> None:
        errors = {}
        if self.from_node_id and self.from_node.troubleshooter_id != self.troubleshooter_id:
            errors["from_node"] = _("This question belongs to another troubleshooter.")
        if self.to_node_id and self.to_node.troubleshooter_id != self.troubleshooter_id:
            errors["to_node"] = _("This node belongs to another troubleshooter.")
        if errors:
            raise ValidationError(errors)
