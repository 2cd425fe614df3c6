"""Build search Documents from the demo fixtures the way the app does from its models.

Used by the quality and speed benchmarks; the app itself builds Documents from the database.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from search.documents import Document

LANGUAGES = ("zh-hans", "en", "ru")

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)(?![\d#])|(?<=\S)(?<![\d#*])\*(?![\w*])|`")


def strip_markdown(*, text: str) -> str:
    """Markdown to plain text: link text without targets, no emphasis, headings or list marks.

    USSD codes such as ``*100#`` keep their ``*`` and ``#``: they are what people search for.
    """
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _LIST_MARKER.sub("", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


def _filters(item: dict) -> tuple[tuple[str, str], ...]:
    carriers = list(item.get("carriers") or []) + ([item["carrier"]] if item.get("carrier") else [])
    card_types = list(item.get("card_types") or []) + (
        [item["card_type"]] if item.get("card_type") else []
    )
    return tuple(("carrier", slug) for slug in carriers) + tuple(
        ("card_type", slug) for slug in card_types
    )


def _text(value: dict | None, language: str) -> str:
    return (value or {}).get(language) or ""


def documents_from_fixtures(folder: str | Path) -> tuple[list[Document], list[list[str]]]:
    """All FAQs, guides and troubleshooters as one Document per language, plus synonym groups."""
    merged: dict[str, list] = {}
    for path in sorted(Path(folder).glob("*.json")):
        for key, values in json.loads(path.read_text(encoding="utf-8")).items():
            merged.setdefault(key, []).extend(values)
    documents: list[Document] = []
    for language in LANGUAGES:
        for faq in merged.get("faqs", []):
            documents.append(
                Document(
                    type="faq",
                    slug=faq["slug"],
                    language=language,
                    title=strip_markdown(text=_text(faq.get("question"), language)),
                    keywords=_text(faq.get("keywords"), language),
                    body=strip_markdown(text=_text(faq.get("answer"), language)),
                    filters=_filters(faq),
                )
            )
        for guide in merged.get("guides", []):
            parts = [_text(guide.get("summary"), language)]
            for step in guide.get("steps", []):
                parts += [_text(step.get("title"), language), _text(step.get("body"), language)]
            documents.append(
                Document(
                    type="guide",
                    slug=guide["slug"],
                    language=language,
                    title=strip_markdown(text=_text(guide.get("title"), language)),
                    keywords=_text(guide.get("keywords"), language),
                    body=strip_markdown(text="\n\n".join(parts)),
                    filters=_filters(guide),
                )
            )
        for tree in merged.get("troubleshooters", []):
            parts = [_text(tree.get("intro"), language)]
            for node in tree.get("nodes", []):
                parts += [_text(node.get("text"), language), _text(node.get("body"), language)]
                parts += [
                    _text(option.get("label"), language) for option in node.get("options", [])
                ]
            documents.append(
                Document(
                    type="troubleshooter",
                    slug=tree["slug"],
                    language=language,
                    title=strip_markdown(text=_text(tree.get("title"), language)),
                    keywords=_text(tree.get("keywords"), language),
                    body=strip_markdown(text="\n\n".join(parts)),
                    filters=_filters(tree),
                )
            )
    groups = []
    for group in merged.get("synonyms", []):
        terms = []
        for language in LANGUAGES:
            terms += [term.strip() for term in _text(group.get("terms"), language).split(",")]
        groups.append([term for term in terms if term])
    return documents, groups
