"""The widget in a real Chromium under attack: sites that are not allowed, payloads in the
content, strict host policies and forged messages from a foreign frame."""

import secrets
from pathlib import Path

import pytest
from playwright.sync_api import expect

from guides.models import GuideStep, Node, Option
from tests.builders import LANGUAGES, make_category, make_faq, make_guide, make_tree
from tests.widget.browser import (
    embed_for,
    host_page,
    open_widget,
    snippet,
    walk_to_a_solution,
)

pytestmark = pytest.mark.e2e


PAYLOADS = [
    line
    for line in (Path(__file__).parent / "data" / "xss_payloads.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
]


# Traps for test payloads that would run: dialogs, fetches elsewhere, console, window.open.
XSS_TRAPS = """
(() => {
  const hits = (window.__xss = []);
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { hits.push(`${name}(${args.join(",")})`); };
  }
  window.open = (url) => { hits.push(`open(${url})`); return null; };
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin) hits.push(`fetch ${url}`);
    return realFetch.call(this, input, init);
  };
  if (location.pathname.startsWith("/widget/frame/")) {
    for (const level of ["log", "info", "warn", "error", "debug"]) {
      const original = console[level];
      console[level] = (...args) => {
        hits.push(`console.${level}(${args.join(" ")})`);
        original.apply(console, args);
      };
    }
  }
  document.addEventListener("securitypolicyviolation",
    (e) => hits.push(`csp ${e.violatedDirective} ${e.blockedURI}`), true);
})();
"""


# Everything in the frame's view must be one of these, with no handler, style or odd URL.
SAFE_DOM = """
() => {
  const allowed = new Set(["div", "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "article", "section", "button", "span", "mark"]);
  const urls = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "background",
    "poster", "ping", "srcset"]);
  const bad = [];
  for (const el of document.querySelectorAll("#view *")) {
    if (!allowed.has(el.localName)) bad.push(`<${el.localName}>`);
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on") || attr.name === "style" || attr.name === "srcdoc") {
        bad.push(`${el.localName}[${attr.name}]`);
      }
      if (urls.has(attr.name) && !/^(https:|mailto:|\\/[a-z])/i.test(attr.value)) {
        bad.push(`${el.localName}[${attr.name}="${attr.value}"]`);
      }
    }
  }
  return bad;
}
"""


def test_a_site_that_is_not_allowed_gets_no_frame_and_learns_nothing(simhelp, hosts, recorder):
    allowed, other = hosts(), hosts()
    shop = embed_for(allowed.origin)
    visit = recorder()
    page = visit.page
    with page.expect_console_message(lambda m: m.text.startswith("SimHelp widget"), timeout=20_000):
        page.goto(other.page("/", host_page(snippet(simhelp, shop.public_key))))

    assert visit.warnings() == [
        "SimHelp widget: the frame did not load: check data-site, and that this page's origin "
        "is allowed for the key in SimHelp's admin."
    ]
    assert page.locator("button").count() == 0 and page.locator("iframe").count() == 0
    frame_documents = [r for r in visit.requests if "/widget/frame/" in r.url]
    assert len(frame_documents) == 1
    policy = frame_documents[0].response().headers["content-security-policy"]
    assert f"frame-ancestors {allowed.origin}" in policy
    # Chromium refused the document before it ran: no script, no style, no API call.
    assert not [r for r in visit.requests if "/static/widget/" in r.url or "/api/" in r.url]
    assert page.evaluate("window.__log.simhelpMessages") == 0
    assert page.evaluate("typeof SimHelp.open") == "function"
    page.evaluate("SimHelp.open(); SimHelp.search('balance')")  # harmless no-ops now
    assert page.locator("iframe").count() == 0
    assert any("frame-ancestors" in text for _kind, text, _url in visit.console)


def test_the_widget_works_under_a_strict_host_policy_without_any_violation(
    simhelp, hosts, recorder
):
    host = hosts()
    shop = embed_for(host.origin)
    nonce = secrets.token_urlsafe(12)
    policy = (
        f"default-src 'none'; script-src 'nonce-{nonce}' {simhelp}; frame-src {simhelp}; "
        f"style-src 'nonce-{nonce}'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
    )
    head = (
        f"<style nonce='{nonce}'>body {{ font-family: serif; }}</style>"
        f"<script nonce='{nonce}'>window.hostScriptRan = true;</script>"
    )
    visit = recorder()
    page = visit.page
    page.goto(
        host.page(
            "/strict",
            host_page(snippet(simhelp, shop.public_key, lang="en"), head=head),
            {"Content-Security-Policy": policy},
        )
    )
    assert page.evaluate("window.hostScriptRan") is True
    _launcher, frame = open_widget(page)
    frame.get_by_label("Describe your problem").press_sequentially("foriegn card declined")
    expect(frame.locator("#view [data-answer]").first).to_be_visible()
    frame.locator(".items button").first.click()
    expect(frame.get_by_role("button", name="← Back")).to_be_visible()
    page.evaluate("SimHelp.openArticle('faq:foreign-card-declined')")
    expect(frame.locator("[data-answer='faq:foreign-card-declined']")).to_be_visible()
    frame.get_by_role("button", name="No", exact=True).click()
    expect(frame.get_by_role("link", name="Contact Shop (help@shop.example)")).to_be_visible()
    frame.get_by_label("Language").select_option("ru")
    expect(frame.locator("html[lang=ru]")).to_be_attached()

    assert page.evaluate("window.__log.violations") == []
    assert visit.frame().evaluate("window.__log.violations") == []
    assert visit.errors() == []


def xss_content() -> list[str]:
    """FAQs, a guide and a troubleshooter whose text is the payloads, as Markdown source."""
    chunks = [PAYLOADS[i : i + 17] for i in range(0, len(PAYLOADS), 17)]
    category = make_category()
    keys = []
    for number, chunk in enumerate(chunks, start=1):
        texts = {
            **{f"question_{lang}": f"XSS sample {number} {chunk[0]}" for lang in LANGUAGES},
            **{f"answer_{lang}": "\n\n".join(chunk) for lang in LANGUAGES},
            **{f"keywords_{lang}": "xss sample" for lang in LANGUAGES},
        }
        keys.append(f"faq:{make_faq(slug=f'xss-{number}', category=category, **texts).slug}")
    guide = make_guide(
        slug="xss-guide",
        category=category,
        steps=0,
        **{f"title_{lang}": PAYLOADS[0] for lang in LANGUAGES},
        **{f"summary_{lang}": PAYLOADS[1] for lang in LANGUAGES},
    )
    for number, chunk in enumerate(chunks, start=1):
        GuideStep.objects.create(
            guide=guide,
            order=number,
            **{f"title_{lang}": chunk[-1] for lang in LANGUAGES},
            **{f"body_{lang}": "\n\n".join(chunk) for lang in LANGUAGES},
        )
    keys.append("guide:xss-guide")
    tree = make_tree(
        slug="xss-tree",
        category=category,
        edges={"start": ["a", "b"], "a": ["c"]},
        solutions={"b", "c"},
        **{f"intro_{lang}": "\n\n".join(chunks[0]) for lang in LANGUAGES},
    )
    for position, node in enumerate(Node.objects.filter(troubleshooter=tree)):
        chunk = chunks[position % len(chunks)]
        for lang in LANGUAGES:
            setattr(node, f"text_{lang}", chunk[1])
            setattr(node, f"body_{lang}", "\n\n".join(chunk))
        node.save()
    for position, option in enumerate(Option.objects.filter(troubleshooter=tree)):
        for lang in LANGUAGES:
            setattr(option, f"label_{lang}", PAYLOADS[position + 2])
        option.save()
    keys.append("troubleshooter:xss-tree")
    return keys


@pytest.mark.parametrize("csp", ["enforced", "bypassed"])
def test_no_payload_in_the_content_ever_runs(simhelp, hosts, recorder, csp):
    """With the frame's CSP bypassed too, so that only the sanitizer and the DOM code protect."""
    assert len(PAYLOADS) >= 100
    keys = xss_content()
    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder(bypass_csp=csp == "bypassed")
    visit.context.add_init_script(XSS_TRAPS)
    page = visit.page
    page.goto(host.page("/xss", host_page(snippet(simhelp, shop.public_key, lang="en"))))
    _launcher, frame = open_widget(page)
    expect(frame.get_by_label("Describe your problem")).to_be_focused()
    for trapped in (page, visit.frame()):  # the traps are in place where they must be
        assert trapped.evaluate("alert('harness'); window.__xss.splice(0)") == ["alert(harness)"]

    shown = []
    for key in keys:
        page.evaluate(f"SimHelp.openArticle('{key}')")
        card = frame.locator(f"[data-answer='{key}']")
        expect(card).to_be_visible()
        if key.startswith("troubleshooter:"):
            walk_to_a_solution(frame)
        shown.append(visit.frame().evaluate("document.getElementById('view').textContent"))
        assert visit.frame().evaluate(SAFE_DOM) == [], key
    frame.get_by_label("Describe your problem").fill("xss sample")
    expect(frame.locator("[data-answer^='faq:xss-']")).to_be_visible()
    assert visit.frame().evaluate(SAFE_DOM) == []
    for card in frame.locator("#view a, #view button").all()[:40]:
        card.hover()

    assert "XSS sample 1 <script>alert(1)</script>" in "".join(shown)  # titles shown as text
    assert visit.frame().evaluate("window.__xss") == []
    assert page.evaluate("window.__xss") == []
    assert visit.dialogs == []
    assert page.evaluate("window.__log.votes") == []
    unexpected = [
        r.url for r in visit.requests if not r.url.startswith((simhelp, host.origin, "data:"))
    ]
    assert unexpected == []


EVIL_FRAME = """<!DOCTYPE html><html><body><script>
window.forge = function () {
  const toHost = [
    {simhelp: 1, type: "vote", target: "faq:renewal-failed", helpful: false},
    {simhelp: 1, type: "contact", target: ""},
    {simhelp: 1, type: "close"},
    {simhelp: 1, type: "ready", label: "Pwned", title: "Pwned", accent: "#ff0000", lang: "ru"},
    {simhelp: 1, type: "resize", height: 3000},
  ];
  for (const message of toHost) parent.postMessage(message, "*");
  const toFrame = [
    {simhelp: 1, type: "hello"},
    {simhelp: 1, type: "search", q: "forged query"},
    {simhelp: 1, type: "open", key: "faq:renewal-failed"},
    {simhelp: 1, type: "language", lang: "ru"},
  ];
  let reached = 0, read = "blocked";
  for (let i = 0; i < parent.frames.length; i++) {
    const other = parent.frames[i];
    if (other === window) continue;
    for (const message of toFrame) { other.postMessage(message, "*"); reached += 1; }
    try { read = other.document.body.innerHTML; } catch (error) { read = "blocked"; }
  }
  return {reached, read};
};
</script></body></html>"""


def test_forged_messages_from_a_foreign_frame_are_ignored(simhelp, hosts, recorder):
    host, evil = hosts(), hosts()
    shop = embed_for(host.origin)
    evil_url = evil.page("/frame", EVIL_FRAME)
    visit = recorder()
    page = visit.page
    page.goto(
        host.page(
            "/shop",
            host_page(
                snippet(simhelp, shop.public_key, lang="en")
                + f'<iframe id="ad" title="ad" src="{evil_url}"></iframe>'
            ),
        )
    )
    launcher, frame = open_widget(page)
    expect(frame.get_by_label("Describe your problem")).to_be_focused()
    asks_before = len(visit.api_requests())

    attacker = next(f for f in page.frames if f.url == evil_url)
    result = attacker.evaluate("forge()")
    assert result == {"reached": 4, "read": "blocked"}
    # The host's own script may talk to the frame, but only in the expected shapes.
    page.evaluate(
        """() => {
          const iframe = document.querySelector("iframe[src*='/widget/frame/']");
          const frame = iframe.contentWindow;
          const origin = new URL(iframe.src).origin;
          for (const message of [
            {simhelp: 1, type: "open", key: "javascript:alert(1)"},
            {simhelp: 1, type: "search", q: ["forged", "array"]},
            {simhelp: 1, type: "language", lang: "xx"},
            {simhelp: 2, type: "search", q: "forged version"},
            {type: "search", q: "forged shape"},
            "search forged",
          ]) frame.postMessage(message, origin);
        }"""
    )
    # A genuine call after the forged ones, through the loader: when it shows, they were handled.
    page.evaluate("SimHelp.search('cant log in')")
    expect(frame.locator("[data-answer='troubleshooter:login-failed']")).to_be_visible()

    assert page.evaluate("window.__log.votes") == []
    assert page.evaluate("window.__log.contacts") == []
    expect(launcher).to_have_text("Help")
    expect(launcher).to_have_attribute("aria-expanded", "true")  # "close" was ignored
    assert "lang=en" in visit.frame().url
    forged = [r.url for r in visit.api_requests()[asks_before:] if "forged" in r.url]
    assert forged == []
    assert [r.url for r in visit.api_requests()[asks_before:] if "/faqs/" in r.url] == []
    assert frame.locator("#q").input_value() == "cant log in"
