"""Markdown → safe HTML and plain text, shared by every interface that shows an answer.

Raw HTML is disabled in the parser and the output is cleaned again by nh3 with an explicit
allowlist, so nothing a staff member (or an attacker with a stolen admin session) types can run
script in a reader's browser. Links between items are written as their keys (`faq:slug`,
`guide:slug`, …) and turned into site URLs by the caller's resolver; a link the resolver does
not know stays as plain text. Pictures are written `![description](image:key)` and become the
HTML the caller's image resolver gives (`simhelp.images`); any other picture, or one the
resolver does not know, is shown as its description. USSD codes and carrier short numbers
become `tel:` links (`simhelp.dial`).
"""

import html
import re
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from simhelp.dial import dial_tokens

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
ALLOWED_TAGS |= {"picture", "source", "img"}
ALLOWED_ATTRIBUTES = {
    # data-dial: the code a tel: link dials (simhelp.dial); its class is in ALLOWED_CLASSES.
    "a": {"href", "title", "data-dial"},
    "ol": {"start"},
    # Only what simhelp.images writes: the sanitizer keeps no event handler or style.
    "source": {"type", "srcset", "sizes"},
    "img": {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding"},
}
ALLOWED_CLASSES = {"a": {"dial"}}
# tel: only ever comes from simhelp.dial: a Markdown link to tel: loses its target first.
ALLOWED_SCHEMES = {"https", "mailto", "tel"}
_DEAD_LINK = re.compile(r'<a(?: href="")? rel="noopener noreferrer">(.*?)</a>', re.DOTALL)

# key ("faq:slug") → URL, or None when the target does not exist (the link becomes plain text).
LinkResolver = Callable[[str], str | None]
# (key "image:slug", the description written in the Markdown) → the picture's HTML, or None.
ImageResolver = Callable[[str, str], str | None]
IMAGE_KEY = re.compile(r"^image:([a-z0-9]+(?:-[a-z0-9]+)*)$")

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Headings inside an answer sit below the page's own h1/h2.
_parser.disable(["html_block", "html_inline"])


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


def _resolve_images(tokens, images: ImageResolver | None) -> None:
    """Each picture becomes its resolved HTML (`html_inline`: the renderer writes it as is and
    nh3 cleans it with the rest) or its written description as text."""
    for token in tokens:
        if not token.children:
            continue
        for child in token.children:
            if child.type != "image":
                continue
            src = child.attrGet("src") or ""
            written = "".join(c.content for c in child.children or [])
            picture = images(src, written) if images and IMAGE_KEY.match(src) else None
            child.type, child.tag, child.children = "html_inline", "", None
            child.content = picture if picture else html.escape(written)


def markdown_to_html(
    text: str, *, resolver: LinkResolver | None = None, images: ImageResolver | None = None
) -> str:
    """Render `text` as sanitized HTML; internal `faq:slug` links are resolved to URLs and
    `image:key` pictures to their HTML."""
    tokens = _parser.parse(text or "")
    _resolve_images(tokens, images)
    for token in tokens:
        # Demote headings so an answer never competes with the page's own headings.
        if token.type in ("heading_open", "heading_close") and token.tag in ("h1", "h2"):
            token.tag = "h3"
    _resolve_links(tokens, resolver)
    dial_tokens(tokens, Token)
    rendered = _parser.renderer.render(tokens, _parser.options, {})
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        allowed_classes=ALLOWED_CLASSES,
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


def _tokens(text: str):
    """Every token of a Markdown document, inline ones included, in document order."""
    pending = list(reversed(_parser.parse(text or "")))
    while pending:
        token = pending.pop()
        yield token
        pending.extend(reversed(token.children or []))


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
    return [t.attrGet("href") or "" for t in _tokens(text) if t.type == "link_open"]


def image_keys(text: str) -> list[str]:
    """The `image:key` pictures of a Markdown document, in order (keys without the prefix)."""
    found = (IMAGE_KEY.match(t.attrGet("src") or "") for t in _tokens(text) if t.type == "image")
    return [match[1] for match in found if match]
