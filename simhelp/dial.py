"""Tap to dial: USSD codes and carrier short numbers in answers become `tel:` links.

A reader on a phone taps `*100#` instead of typing it. Only two kinds of text are linked, so a
price, a date, an ICCID or an order number never is:

- a USSD code: `*` or `#`, digit groups separated by `*`, and a closing `#` (`*100#`,
  `*111*1#`, `#100#`), standing alone (no letter or digit, `*` or `#` right beside it);
- a carrier short number from `SHORT_NUMBERS`, an explicit list of the numbers the catalogue
  names, as a whole token that is not part of a longer number and not followed by a currency.

The link keeps the code as written for the reader and in `data-dial` (what the copy button
copies and the tap counter counts); in the `tel:` address `#` is escaped as `%23` and `*` kept,
as RFC 3966 asks.
"""

import html
import re

# Support lines the carriers answer free from their own SIM in Russia: MTS, MegaFon, Beeline,
# T2 (Tele2). Add one here when an answer names it; other numbers stay plain text.
SHORT_NUMBERS = ("0890", "0500", "0611", "611")

_ASCII_WORD = r"A-Za-z0-9"
_USSD = r"[*#]\d{1,4}(?:\*\d{1,20})*#"
_SHORT = "|".join(sorted(map(re.escape, SHORT_NUMBERS), key=len, reverse=True))
# A short number followed by a currency or a unit is an amount, not a number to call.
_NOT_AN_AMOUNT = r"(?!\s*(?:₽|руб|р\.|rub|元|卢布|%|[.,:/-]?\d))"
DIAL_PATTERN = re.compile(
    rf"(?<![{_ASCII_WORD}*#])(?:{_USSD})(?![{_ASCII_WORD}*#])"
    rf"|(?<![{_ASCII_WORD}.,:/+_-])(?:{_SHORT})(?![{_ASCII_WORD}_]){_NOT_AN_AMOUNT}",
    re.IGNORECASE,
)
# What a tap may report: exactly one code as the links carry it.
MAX_CODE_LENGTH = 40


def dial_code_valid(code: str) -> bool:
    """True if `code` is one the answers would link (the tap counter refuses anything else)."""
    if code in SHORT_NUMBERS:
        return True
    return len(code) <= MAX_CODE_LENGTH and re.fullmatch(_USSD, code) is not None


def dial_href(code: str) -> str:
    """The `tel:` address of a code: `#` escaped as %23, `*` and digits as they are."""
    return "tel:" + code.replace("#", "%23")


def dial_link(code: str, inner: str | None = None) -> str:
    """The link HTML for `code`; `inner` is its content as HTML (the escaped code by default)."""
    escaped = html.escape(code)
    return (
        f'<a href="{dial_href(code)}" class="dial" data-dial="{escaped}">'
        f"{escaped if inner is None else inner}</a>"
    )


def dial_split(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_code) parts, in order; one (text, False) part if no code."""
    parts, position = [], 0
    for match in DIAL_PATTERN.finditer(text):
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def dial_tokens(tokens, token_class) -> None:
    """Link the codes in a parsed Markdown document (markdown-it tokens), in place.

    Only inline text outside links is looked at, and inline code spans that hold exactly one
    code; fenced and indented code blocks are block tokens and stay as written.
    """
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        children, in_link = [], 0
        for child in token.children:
            if child.type == "link_open":
                in_link += 1
            elif child.type == "link_close":
                in_link -= 1
            if in_link or child.type not in ("text", "code_inline"):
                children.append(child)
                continue
            if child.type == "code_inline":
                if dial_code_valid(child.content):
                    inner = f"<code>{html.escape(child.content)}</code>"
                    children.append(_html(token_class, dial_link(child.content, inner)))
                else:
                    children.append(child)
                continue
            parts = dial_split(child.content)
            if len(parts) == 1 and not parts[0][1]:
                children.append(child)
                continue
            for piece, is_code in parts:
                piece_html = dial_link(piece) if is_code else html.escape(piece)
                children.append(_html(token_class, piece_html))
        token.children = children


def _html(token_class, content: str):
    token = token_class("html_inline", "", 0)
    token.content = content
    return token
