"""Published content as plain entries, and translated text read with its fallback.

What every content type hands to search and what every interface shows: an `Entry` per
published item, an `Answer` per reader.

Each content type names a source function in `SIMHELP_CONTENT_TYPES`; it yields one
`Entry` per published item with its text in every language. The index turns entries into
per-language search documents and keeps them in memory, so search and "ask" answer without
reading the database (and keep answering when it is down).
"""

import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from modeltranslation.utils import build_localized_fieldname

from simhelp.content_types import content_types, published_among
from simhelp.markdown import LinkResolver, link_targets, markdown_to_html, markdown_to_text
from simhelp.markdown import image_keys as markdown_image_keys

Texts = Mapping[str, str]


def localized(instance, name: str, language: str) -> str:
    """The stored value of a translated field in one language, without fallback."""
    return getattr(instance, build_localized_fieldname(name, language)) or ""


def texts(instance, name: str) -> dict[str, str]:
    """A translated field in every language, without fallback."""
    return {language: localized(instance, name, language) for language in languages()}


# The languages, and each language's fallback chain below, are read for every text of every
# result a page or the API shows (about twenty times a search): worked out once, again only
# when a test changes the settings (_forget_languages).
@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def fallback_chain(language: str) -> list[str]:
    """The languages to try, in order, for a reader of `language`: theirs, then its
    fallbacks in `MODELTRANSLATION_FALLBACK_LANGUAGES` (a tuple for every language, or a dict
    per language with a "default"), then the default ones."""
    return list(_fallback_chain(language))


@lru_cache(maxsize=32)
def _fallback_chain(language: str) -> tuple[str, ...]:
    configured = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    if not isinstance(configured, dict):
        configured = {"default": tuple(configured)}
    default = tuple(configured.get("default", ()))
    chain = [language, *configured.get(language, default), *default]
    return tuple(dict.fromkeys(lang for lang in chain if lang in languages()))


@receiver(setting_changed)
def _forget_languages(*, setting: str, **kwargs) -> None:
    if setting.startswith("MODELTRANSLATION_"):
        languages.cache_clear()
        _fallback_chain.cache_clear()


class Translated:
    """The translated fields of one object as one reader sees them: each in the reader's
    language, else the first filled one of the fallback chain. `fallbacks` names the fields
    shown in another language, and which ({"answer": "zh-hans"})."""

    def __init__(self, instance, language: str) -> None:
        self.instance, self.language = instance, language
        self.fallbacks: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        for candidate in fallback_chain(self.language):
            value = localized(self.instance, name, candidate)
            if value.strip():
                if candidate != self.language:
                    self.fallbacks[name] = candidate
                return value
        return ""


def pick_text(texts: Texts, language: str) -> str:
    """The text for a reader of `language`: theirs if filled, else the fallback chain's first."""
    for candidate in fallback_chain(language):
        if (texts.get(candidate) or "").strip():
            return texts[candidate]
    return ""


# What separates the phrases of a keyword list, a synonym group's terms or a rule's phrases: a
# comma or a line break, and in Chinese also its own commas and 、 ("限额、额度").
_SEPARATORS = ",，、;；\n"
_PHRASE_LIST = re.compile(f"[{_SEPARATORS}]+")


def listed_phrases(text: str) -> list[str]:
    """The phrases of a keyword list ("card limit, Visa" -> ["card limit", "Visa"]), of a
    synonym group's terms or of an answer rule's phrases: staff write them all alike."""
    return [piece.strip() for piece in _PHRASE_LIST.split(text or "") if piece.strip()]


def as_phrase(text: str) -> str:
    """`text` as one phrase of such a list: what would separate phrases becomes a space
    ("карта, не проходит" would otherwise be added as two)."""
    return " ".join(_PHRASE_LIST.sub(" ", text or "").split())


def with_phrase(text: str, phrase: str) -> str:
    """A list with `phrase` added at its end, written as staff wrote the rest."""
    kept = (text or "").rstrip(" \t" + _SEPARATORS)
    return f"{kept}, {phrase}" if kept else phrase


@dataclass(frozen=True, slots=True)
class Step:
    """One step of an item that is done in steps (a guide's), in every language: what crawlers
    are told of a how-to, step by step."""

    title: Texts
    body: Texts  # Markdown


@dataclass(frozen=True, slots=True)
class Entry:
    """One published item in every language."""

    type: str
    slug: str
    title: Texts
    keywords: Texts
    answer: Texts  # Markdown shown as the answer (FAQ answer, guide summary and steps, …)
    extra: Texts = field(default_factory=dict)  # more text to search, not shown in an answer
    filters: tuple[tuple[str, str], ...] = ()
    category: str = ""
    order: int = 0
    steps: tuple[Step, ...] = ()
    changed_at: datetime | None = None  # the last change of the item or its texts (sitemaps)
    # Kinds of question it answers that its title does not ask (search.Document.asks).
    asks: tuple[str, ...] = ()
    # Whether its searchable text holds alternatives, one per branch (search.Document.branched).
    branched: bool = False

    @property
    def key(self) -> str:
        return f"{self.type}:{self.slug}"

    def language_for(self, language: str) -> str:
        """The language this entry is shown in to a reader of `language` (after fallback)."""
        for candidate in fallback_chain(language):
            if (self.title.get(candidate) or "").strip():
                return candidate
        return language

    def pick(self, texts: Texts, language: str) -> str:
        return pick_text(texts, language)


@dataclass(frozen=True, slots=True)
class Answer:
    """An entry as one reader sees it: in their language or its fallback, rendered."""

    key: str
    type: str
    slug: str
    language: str  # the language the text is in
    requested_language: str
    title: str
    html: str
    text: str
    url: str

    @property
    def is_fallback(self) -> bool:
        return self.language != self.requested_language


def entry_answer(*, entry: Entry, language: str, resolver=None, images=None) -> Answer:
    """Render `entry` for a reader of `language`, or in the first language of its fallback
    chain that has it."""
    shown = entry.language_for(language)
    markdown = entry.pick(entry.answer, shown)
    return Answer(
        key=entry.key,
        type=entry.type,
        slug=entry.slug,
        language=shown,
        requested_language=language,
        title=entry.pick(entry.title, shown),
        html=markdown_to_html(markdown, resolver=resolver, images=images),
        text=markdown_to_text(markdown),
        url=item_url(key=entry.key, language=language),
    )


def link_resolver(*, language: str, published: Container[str]) -> LinkResolver:
    """Item keys (`faq:slug`) → help-site URLs for a reader of `language`. Only a key in
    `published` links; any other (a draft, a deleted item) is shown as plain text."""

    def resolve(key: str) -> str | None:
        return (item_url(key=key, language=language) or None) if key in published else None

    return resolve


class Links:
    """Renders the Markdown texts of one response, linking published items only: which of
    the items they link to are published is read once, for all of them (one query per type),
    and so are the published pictures they show (one query)."""

    def __init__(
        self, *, language: str, texts: Iterable[str], image_keys: Iterable[str] = ()
    ) -> None:
        from simhelp.images import image_resolver, image_views

        texts = list(texts)
        targets = {target for text in texts for target in link_targets(text)}
        published = published_among(targets) if targets else set()
        self.resolve = link_resolver(language=language, published=published)
        keys = {key for text in texts for key in markdown_image_keys(text)} | set(image_keys)
        self.images = image_views(keys=keys) if keys else {}
        self.resolve_image = image_resolver(language=language, views=self.images)

    def html(self, text: str) -> str:
        return markdown_to_html(text, resolver=self.resolve, images=self.resolve_image)


def item_url(*, key: str, language: str) -> str:
    """The help-site page of an item in `language`, or "" while the site has no such page."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    kind, _, slug = key.partition(":")
    content_type = content_types().get(kind)
    if content_type is None:
        return ""
    try:
        with translation.override(language):
            return reverse(content_type.route, kwargs={"slug": slug})
    except NoReverseMatch:
        return ""
