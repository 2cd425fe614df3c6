"""The JSON-LD in the help site's pages under its real CSP, in Chromium: no violation reported.

The structured data is a `<script type="application/ld+json">` without a nonce (helpsite/seo.py
says why). A browser never runs such a script, so the page's script-src must not refuse it: this
test loads pages in Chromium and collects both the console's CSP messages and the
`securitypolicyviolation` events, and first shows that the same collection does catch a real
violation (an inline script added to the page).
"""

import json

import pytest

from tests.e2e.conftest import collect_csp_errors

# Records every CSP violation the page reports, from before the page's own content runs.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def watched(browser):
    context = browser.new_context(locale="en-GB")
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    collect_csp_errors(page)
    yield page
    context.close()


def _structured_types(page) -> list[str]:
    blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
    return [item["@type"] for block in blocks for item in json.loads(block)]


def test_the_collection_catches_a_real_violation(site, watched):
    watched.goto(f"{site}/en/")
    watched.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.head.append(s); }"
    )
    watched.wait_for_function("window.__violations.length > 0")
    assert watched.evaluate("window.ran") is None
    assert any("script-src" in v for v in watched.evaluate("window.__violations"))
    watched.wait_for_timeout(200)  # the console message comes separately
    assert watched.csp_errors


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/zh-hans/faq/foreign-card-declined/", ["FAQPage", "BreadcrumbList"]),
        ("/ru/guides/renew-mts/", ["HowTo", "BreadcrumbList"]),
        ("/en/", ["WebSite", "BreadcrumbList"]),
    ],
)
def test_pages_with_json_ld_report_no_csp_violation(site, watched, path, expected):
    watched.goto(f"{site}{path}")
    watched.wait_for_load_state("load")
    assert _structured_types(watched) == expected
    assert watched.evaluate("window.__violations") == []
    assert watched.csp_errors == []
