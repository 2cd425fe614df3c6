"""FAQ content and the vocabulary shared by every content type: categories, carriers, card types."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
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
    """Remembers its translated texts as loaded, so a save can tell which languages it changed.

    Saving stamps the item the texts belong to (`translation_owner`; itself for FAQs, guides and
    troubleshooters): when the source (zh-hans) text changed, when each translation changed.
    `faq.insights` derives the "translation outdated" flag from those stamps.
    """

    # The foreign key to the item whose stamps this model's texts update ("" = itself).
    translation_owner = ""
    # Fields that name a part in reports ("step 2", "node start").
    translation_label: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from faq.insights import translation_changed_languages, translation_stamp

        changed = translation_changed_languages(instance=self)
        super().save(*args, **kwargs)
        translation_stamp(instance=self, languages=changed)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        from faq.insights import translation_texts_loaded

        instance._texts_loaded = translation_texts_loaded(instance=instance)
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        from faq.insights import translation_texts_loaded

        self._texts_loaded = {
            **getattr(self, "_texts_loaded", {}),
            **translation_texts_loaded(instance=self),
        }


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
    # the last change (or confirmation) of each translation. See faq.insights.
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


class ContentVersion(models.Model):
    """A single counter bumped on every change to searchable content, seen by every process."""

    version = models.PositiveBigIntegerField(default=0, validators=[MinValueValidator(0)])
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("content version")

    def __str__(self) -> str:
        return str(self.version)


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
        from faq.rules import rule_target_problem

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


class Feedback(models.Model):
    """One reader's "was this helpful?" vote. No address is stored, only a daily keyed hash."""

    class Source(models.TextChoices):
        SITE = "site", _("Help site")
        API = "api", _("API")
        WIDGET = "widget", _("Widget")

    target = models.CharField(_("item"), max_length=120, db_index=True)
    node = models.SlugField(_("troubleshooter step"), max_length=60, blank=True)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    language = models.CharField(_("language"), max_length=10)
    source = models.CharField(_("from"), max_length=10, choices=Source, default=Source.API)
    day = models.DateField(_("day"), db_index=True)
    # HMAC of the client address, user agent and day: tells repeat votes apart within a day,
    # cannot be turned back into an address, and changes every day.
    client = models.CharField(_("client"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "target", "node", "day"], name="one_vote_per_client_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target}{'#' + self.node if self.node else ''}: {self.helpful}"


class SearchLog(models.Model):
    """How often a query was searched on one day from one interface, and how it was answered.

    One row per normalized query, language, day and interface, counted in batches
    (`faq.counters`); nothing about who searched is kept. `count` is always the sum of the
    three outcome counts.
    """

    query = models.CharField(_("query"), max_length=200, help_text=_("As normalized for search."))
    language = models.CharField(_("language"), max_length=10)
    day = models.DateField(_("day"))
    source = models.CharField(_("from"), max_length=10, choices=Feedback.Source)
    count = models.PositiveIntegerField(_("searches"), default=0)
    rule_count = models.PositiveIntegerField(_("answered by a rule"), default=0)
    search_count = models.PositiveIntegerField(_("answered by search"), default=0)
    none_count = models.PositiveIntegerField(_("no confident answer"), default=0)
    best_score = models.FloatField(
        _("best score"), null=True, blank=True, help_text=_("Of the latest search; empty: no hit.")
    )

    class Meta:
        ordering = ["-day", "-count", "query"]
        verbose_name = _("search log")
        verbose_name_plural = _("search logs")
        constraints = [
            models.UniqueConstraint(
                fields=["query", "language", "day", "source"], name="one_search_log_per_key"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    count=models.F("rule_count") + models.F("search_count") + models.F("none_count")
                ),
                name="search_log_count_is_the_sum_of_outcomes",
            ),
        ]
        indexes = [models.Index(fields=["day", "language"], name="search_log_day_language")]

    def __str__(self) -> str:
        return f"{self.day} {self.language} {self.source}: {self.query} ×{self.count}"


class PageView(models.Model):
    """How often a help-site page of an item (or a troubleshooter's solution) was shown on a day."""

    target = models.CharField(_("item"), max_length=120)
    node = models.SlugField(_("troubleshooter step"), max_length=60, blank=True)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        ordering = ["-day", "target", "node"]
        verbose_name = _("page view")
        verbose_name_plural = _("page views")
        constraints = [
            models.UniqueConstraint(fields=["target", "node", "day"], name="one_page_view_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.target}{'#' + self.node if self.node else ''} ×{self.count}"


class HandledQuery(models.Model):
    """Staff dealt with an unanswered query: the report hides it up to the day it was handled."""

    class How(models.TextChoices):
        DRAFT = "draft", _("FAQ draft created")
        KEYWORD = "keyword", _("Added as a keyword or synonym")
        HANDLED = "handled", _("Marked handled")

    query = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    handled_on = models.DateField(_("handled on"))
    how = models.CharField(_("how"), max_length=10, choices=How)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-handled_on", "query"]
        verbose_name = _("handled query")
        verbose_name_plural = _("handled queries")
        constraints = [
            models.UniqueConstraint(fields=["query", "language"], name="one_handled_query_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.query}"
