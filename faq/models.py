"""FAQ content and the vocabulary shared by every content type: categories, carriers, card types."""

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishedQuerySet(models.QuerySet):
    def published(self) -> "PublishedQuerySet":
        return self.filter(status=Status.PUBLISHED)


class TranslationTracked(models.Model):
    """Tells, when saved, which languages' texts the save changed (compared with the stored row,
    read at save time: loading rows costs nothing extra, and most rows are only read).

    Saving stamps the item the texts belong to (`translation_owner`; itself for FAQs, guides and
    troubleshooters): when the source (zh-hans) text changed, when each translation changed.
    `faq.freshness` derives the "translation outdated" flag from those stamps.
    """

    # The foreign key to the item whose stamps this model's texts update ("" = itself).
    translation_owner = ""
    # Fields that name a part in reports ("step 2", "node start").
    translation_label: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from faq.freshness import translation_changed_languages, translation_stamp

        changed = translation_changed_languages(instance=self)
        super().save(*args, **kwargs)
        translation_stamp(instance=self, languages=changed)


class Content(TranslationTracked):
    """Fields every piece of published content has: slug, status, order and timestamps."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.DRAFT, db_index=True
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first within a category.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_at = models.DateTimeField(
        _("reviewed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When staff last confirmed the content is still correct."),
    )
    # Stamps kept by TranslationTracked.save(): the last change of the zh-hans source text and
    # the last change (or confirmation) of each translation. See faq.freshness.
    source_changed_at = models.DateTimeField(
        _("source text changed"), null=True, blank=True, editable=False
    )
    en_translated_at = models.DateTimeField(
        _("English translation changed"), null=True, blank=True, editable=False
    )
    ru_translated_at = models.DateTimeField(
        _("Russian translation changed"), null=True, blank=True, editable=False
    )

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def changed_at(self):
        """The last change of the item or of any of its texts: a guide step or a tree node
        saved on its own stamps its item's translation dates, not `updated_at`."""
        stamps = [self.updated_at, self.source_changed_at]
        stamps += [self.en_translated_at, self.ru_translated_at]
        return max((stamp for stamp in stamps if stamp), default=None)

    def _reverse(self, name: str) -> str:
        # Pages arrive with the help site; until a route exists the admin stays usable.
        try:
            return reverse(name, kwargs={"slug": self.slug})
        except NoReverseMatch:
            return ""


class Category(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name or self.slug

    def get_absolute_url(self) -> str:
        try:
            return reverse("site:category", kwargs={"slug": self.slug})
        except NoReverseMatch:
            return ""


class Carrier(models.Model):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    website = models.URLField(
        _("official website"), blank=True, help_text=_("Only the carrier's own site.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("carrier")
        verbose_name_plural = _("carriers")

    def __str__(self) -> str:
        return self.name or self.slug


class CardType(models.Model):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("card type")
        verbose_name_plural = _("card types")

    def __str__(self) -> str:
        return self.name or self.slug


class Faq(Content):
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="faqs"
    )
    question = models.CharField(_("question"), max_length=200)
    answer = models.TextField(_("answer"), help_text=_("Markdown. Link other items as faq:slug."))
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_("Comma-separated words people type for this question, typos included."),
    )
    carriers = models.ManyToManyField(
        Carrier,
        verbose_name=_("carriers"),
        blank=True,
        related_name="faqs",
        help_text=_("Leave empty when the answer applies to every carrier."),
    )
    card_types = models.ManyToManyField(
        CardType,
        verbose_name=_("card types"),
        blank=True,
        related_name="faqs",
        help_text=_("Leave empty when the answer applies to every card type."),
    )

    class Meta(Content.Meta):
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self) -> str:
        return self.question or self.slug

    def get_absolute_url(self) -> str:
        return self._reverse("site:faq")
