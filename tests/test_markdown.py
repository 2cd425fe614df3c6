import re
from urllib.parse import unquote

from hypothesis import example, given, settings
from hypothesis import strategies as st

from simhelp.dial import dial_code_valid
from simhelp.markdown import link_targets, markdown_to_html, markdown_to_text

ALLOWED = {
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


def assert_inert(html: str) -> None:
    """Every real tag is on the allowlist, has no event handler and links only safely."""
    for name, attributes in re.findall(r"<\s*/?\s*([a-zA-Z0-9:-]+)([^>]*)>", html):
        assert name.lower() in ALLOWED, html
        assert not re.search(r"\son\w+\s*=", attributes, re.IGNORECASE), html
        for href in re.findall(r'href="([^"]*)"', attributes):
            # A tel: link only dials a code the answers link on purpose (simhelp.dial):
            # a USSD code or a carrier's short number, never any text that came in.
            if href.startswith("tel:"):
                assert dial_code_valid(unquote(href.removeprefix("tel:"))), html
                assert 'class="dial"' in attributes, html
                continue
            assert href.startswith(("https://", "mailto:", "/")), html


def test_internal_links_become_site_links_and_unknown_ones_lose_their_target():
    resolve = {"faq:reset-password": "/en/faq/reset-password/"}.get
    html = markdown_to_html("[reset](faq:reset-password) or [gone](faq:removed)", resolver=resolve)
    assert '<a href="/en/faq/reset-password/" rel="noopener noreferrer">reset</a>' in html
    assert "gone" in html and "faq:removed" not in html


def test_only_https_and_mailto_links_survive():
    html = markdown_to_html(
        "[a](https://mts.ru) [b](http://x.example) [c](javascript:alert(1))"
        " [d](mailto:help@example.com) [e](data:text/html,hi)"
    )
    assert 'href="https://mts.ru"' in html and 'href="mailto:help@example.com"' in html
    assert re.findall(r'href="([^"]*)"', html) == ["https://mts.ru", "mailto:help@example.com"]
    assert_inert(html)


def test_raw_html_and_event_attributes_are_shown_as_text_never_run():
    for payload in [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<svg onload=alert(1)>",
        "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
    ]:
        html = markdown_to_html(payload)
        assert_inert(html)
        assert "&lt;" in html or "<a" not in html


def test_headings_are_demoted_below_the_page_headings():
    assert markdown_to_html("# Title").startswith("<h3>")


def test_plain_text_drops_markup_and_link_targets():
    assert markdown_to_text("1. **Open** the [app](faq:app-language)\n2. Pay") == "Open the app Pay"
    assert link_targets("[a](faq:x) [b](https://mts.ru)") == ["faq:x", "https://mts.ru"]


markdownish = st.lists(
    st.one_of(
        st.text(max_size=20),
        st.sampled_from(
            [
                "<script>",
                "</script>",
                "<svg",
                "<math>",
                "onerror=",
                "javascript:",
                "[x](",
                ")",
                "](javascript:alert(1))",
                "<img src=x ",
                ">",
                "`",
                "**",
                "\n\n",
                "- ",
                "1. ",
                '"',
                "<a href='",
                "data:text/html,",
                "&#106;avascript:",
                "<style>",
                "<iframe ",
            ]
        ),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(markdownish)
# Found by Hypothesis: a carrier's short number is a tel: link, on purpose.
@example("0890")
@example("*100# [x](tel:+79990001122)")
def test_no_random_markdown_ever_renders_active_content(text):
    assert_inert(markdown_to_html(text, resolver=lambda key: "/x/"))


def test_relative_and_schemeless_targets_become_plain_text():
    html = markdown_to_html("[a](0) [b](../admin/) [c](//evil.example/x) [d](/en/faq/x/)")
    assert "<a" not in html and "a b c d" in html
