"""Markdown → safe HTML and plain text, shared by every interface that shows an answer.

Raw HTML is disabled in the parser and the output is cleaned again by nh3 with an explicit
allowlist, so nothing a staff member (or an attacker with a stolen admin session) types can run
script in a reader's browser. Links between items are written as their keys (`faq:slug`,
`guide:slug`, …) and turned into site URLs by the caller's resolver; a link the resolver does
not know stays as plain text.
"""

import html
import re
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt

# An item's key: a content type's prefix and a slug ("faq:check-balance"); the resolver decides
# whether the type exists and the item is published.
INTERNAL_LINK = re.compile(r"^([a-z][a-z_]*):([a-z0-9]+(?:-[a-z0-9]+)*)$")
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"https", "mailto"}
_DEAD_LINK = re.compile(r'<a(?: href="")? rel="noopener noreferrer">(.*?)</a>', re.DOTALL)

# key ("faq:slug") → URL, or None when the target does not exist (the link becomes plain text).
LinkResolver = Callable[[str], str | None]

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Headings inside an answer sit below the page's own h1/h2.
_parser.disable(["image", "html_block", "html_inline"])


def _resolve_links(tokens, resolver: LinkResolver | None) -> None:
    for token in tokens:
        if token.children:
            _resolve_links(token.children, resolver)
        if token.type != "link_open":
            continue
        href = token.attrGet("href") or ""
        if href.lower().startswith(("https://", "mailto:")):
            pass
        elif INTERNAL_LINK.match(href):
            # An unresolved link keeps its text but loses its target.
            href = (resolver(href) if resolver else None) or ""
        else:
            href = ""  # relative or other-scheme targets are never ours to link
        token.attrSet("href", href)


def markdown_to_html(text: str, *, resolver: LinkResolver | None = None) -> str:
    """Render `text` as sanitized HTML; internal `faq:slug` links are resolved to URLs."""
    tokens = _parser.parse(text or "")
    for token in tokens:
        # Demote headings so an answer never competes with the page's own headings.
        if token.type in ("heading_open", "heading_close") and token.tag in ("h1", "h2"):
            token.tag = "h3"
    _resolve_links(tokens, resolver)
    rendered = _parser.renderer.render(tokens, _parser.options, {})
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # A link left without a target (unknown item, refused scheme) is shown as its text.
    return _DEAD_LINK.sub(r"\1", cleaned)


def markdown_to_text(text: str) -> str:
    """The readable text of a Markdown document, without markup or link targets."""
    rendered = _parser.render(text or "")
    plain = nh3.clean(rendered, tags=set(), attributes={})
    return re.sub(r"\s+", " ", html.unescape(plain)).strip()


# Where a block (paragraph, list item, heading) ends, the plain text keeps a line break.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr)>|<br\s*/?>", re.IGNORECASE)


def markdown_to_lines(text: str) -> str:
    """The readable text of a Markdown document, one line per paragraph, list item (a step)
    or heading, without markup or link targets."""
    rendered = re.sub(r"\s+", " ", _parser.render(text or ""))  # soft breaks are spaces
    rendered = _BLOCK_END.sub(lambda match: match.group() + "\n", rendered)
    plain = html.unescape(nh3.clean(rendered, tags=set(), attributes={}))
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in plain.split("\n"))
    return "\n".join(line for line in lines if line)


def link_targets(text: str) -> list[str]:
    """Every link target in a Markdown document, in order (`faq:slug` links included)."""
    found: list[str] = []

    def walk(tokens) -> None:
        for token in tokens:
            if token.children:
                walk(token.children)
            if token.type == "link_open":
                found.append(token.attrGet("href") or "")

    walk(_parser.parse(text or ""))
    return found
