"""What staff learn from use: votes, search counts, page views, taps on codes to dial and
handled queries."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from search.normalize import MAX_QUERY_CHARS


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
    (`insights.counters`); nothing about who searched is kept. `count` is always the sum of the
    three outcome counts.
    """

    query = models.CharField(
        _("query"), max_length=MAX_QUERY_CHARS, help_text=_("As normalized for search.")
    )
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


class WalkCount(models.Model):
    """How readers walked one troubleshooter node on a day through one interface.

    `views`: times the node was shown; `onward`: times a reader went on from it to another node
    (so `views - onward` walks stopped there); `starts`: walks begun (on the first node). Counted
    in batches from the paths the walks carry (`insights.counters`); nothing about the reader.
    """

    troubleshooter = models.SlugField(_("troubleshooter"), max_length=80)
    node = models.SlugField(_("troubleshooter step"), max_length=60)
    source = models.CharField(_("from"), max_length=10, choices=Feedback.Source)
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)
    onward = models.PositiveIntegerField(_("went on"), default=0)
    starts = models.PositiveIntegerField(_("walks started"), default=0)

    class Meta:
        ordering = ["-day", "troubleshooter", "node", "source"]
        verbose_name = _("troubleshooter step count")
        verbose_name_plural = _("troubleshooter step counts")
        constraints = [
            models.UniqueConstraint(
                fields=["troubleshooter", "node", "source", "day"], name="one_walk_count_per_key"
            )
        ]
        indexes = [models.Index(fields=["troubleshooter", "day"], name="walk_count_tree_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.troubleshooter}#{self.node} {self.source} ×{self.views}"


class DialTap(models.Model):
    """How often readers tapped a USSD code or short number (its link or its copy button) on a
    day, in one language and interface. Counted in batches from the pages' beacons
    (`insights.counters`); nothing about the reader."""

    code = models.CharField(_("code or number"), max_length=40)
    language = models.CharField(_("language"), max_length=10)
    source = models.CharField(_("from"), max_length=10, choices=Feedback.Source)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("taps"), default=0)

    class Meta:
        ordering = ["-day", "code"]
        verbose_name = _("tapped code")
        verbose_name_plural = _("tapped codes")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "language", "source", "day"], name="one_dial_tap_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.code} {self.language} {self.source} ×{self.count}"


class HandledQuery(models.Model):
    """Staff dealt with an unanswered query: the report hides it up to the day it was handled."""

    class How(models.TextChoices):
        DRAFT = "draft", _("FAQ draft created")
        KEYWORD = "keyword", _("Added as a keyword or synonym")
        HANDLED = "handled", _("Marked handled")
        SCOPE = "scope", _("Marked out of scope (rule drafted)")

    query = models.CharField(_("query"), max_length=MAX_QUERY_CHARS)
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
