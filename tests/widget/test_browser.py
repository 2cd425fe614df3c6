"""The widget in a real Chromium, embedded in host pages served from other origins.

SimHelp runs on the live server (http://localhost:PORT); host pages come from small servers on
http://127.0.0.1:OTHER_PORT, so the frame is cross-origin exactly as on a customer's site.
"""

import gzip
import html
import re
import secrets
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from assistant.models import AnswerRule
from guides.models import GuideStep, Node, Option
from insights.models import Feedback
from tests.builders import LANGUAGES, make_category, make_faq, make_guide, make_tree
from tests.e2e.conftest import SCREENSHOTS
from widget.models import EmbedSite

pytestmark = pytest.mark.e2e

PAYLOADS = [
    line
    for line in (Path(__file__).parent / "data" / "xss_payloads.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
]
FRAME = "iframe[src*='/widget/frame/']"

# In every frame of the context: CSP violations, the widget's events on the host page, and in
# the frame the time from the last keystroke to the expected answer.
RECORDER = """
(() => {
  const log = (window.__log = { votes: [], contacts: [], violations: [], simhelpMessages: 0 });
  document.addEventListener("securitypolicyviolation",
    (e) => log.violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  if (window === window.top) {
    addEventListener("simhelp:vote", (e) => log.votes.push(e.detail));
    addEventListener("simhelp:contact", (e) => log.contacts.push(e.detail));
    addEventListener("message", (e) => {
      if (e.data && e.data.simhelp === 1) log.simhelpMessages += 1;
    });
  }
  if (location.pathname.startsWith("/widget/frame/")) {
    log.lastKey = 0; log.answerAt = 0; log.expect = "";
    document.addEventListener("keydown", () => {
      log.lastKey = performance.now();
      log.answerAt = 0;
    }, true);
    new MutationObserver(() => {
      const selector = `#view [data-answer="${log.expect}"]`;
      if (log.expect && !log.answerAt && document.querySelector(selector)) {
        log.answerAt = performance.now();
      }
    }).observe(document, { childList: true, subtree: true });
  }
})();
"""

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


def snippet(site: str, key: str, **data: str) -> str:
    attributes = "".join(
        f' data-{name.replace("_", "-")}="{value}"' for name, value in data.items()
    )
    return f'<script src="{site}/widget.js" data-site="{key}"{attributes} async></script>'


def host_page(body: str, *, head: str = "", title: str = "Shop") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="data:,">{head}</head>'
        f"<body><h1>{title}</h1><p>Top up your SIM card here.</p>{body}</body></html>"
    )


def embed_for(*origins: str, **fields) -> EmbedSite:
    return EmbedSite.objects.create(
        name="Shop",
        allowed_origins="\n".join(origins),
        default_language=fields.pop("default_language", "en"),
        contact=fields.pop("contact", "mailto:help@shop.example"),
        **fields,
    )


class Recorder:
    """A browser context that records console messages and requests of every frame."""

    def __init__(self, browser, **options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        self.context = browser.new_context(**options)
        self.context.add_init_script(RECORDER)
        self.console: list[tuple[str, str, str]] = []
        self.requests: list = []
        self.dialogs: list[str] = []
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console.append((m.type, m.text, m.location["url"])))
        self.context.on("request", lambda request: self.requests.append(request))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def frame(self):
        """The widget's frame (for evaluate); locators use page.frame_locator(FRAME)."""
        return next(f for f in self.page.frames if "/widget/frame/" in f.url)

    def warnings(self) -> list[str]:
        return [text for kind, text, _url in self.console if text.startswith("SimHelp widget")]

    def errors(self) -> list[str]:
        return [f"{text} ({url})" for kind, text, url in self.console if kind == "error"]

    def api_requests(self) -> list:
        return [r for r in self.requests if "/api/v1/" in r.url]


@pytest.fixture
def recorder(browser):
    made = []

    def make(**options) -> Recorder:
        made.append(Recorder(browser, **options))
        return made[-1]

    yield make
    for recording in made:
        recording.context.close()


def open_widget(page):
    page.get_by_role("button", name="Help").click()
    launcher = page.locator("button[aria-controls^='simhelp-panel-']")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    return launcher, page.frame_locator(FRAME)


def walk_to_a_solution(frame) -> str:
    for _ in range(12):
        card = frame.locator("[data-node]")
        expect(card).to_be_visible()
        if frame.get_by_text("Did this solve it?").is_visible():
            return card.get_attribute("data-node")
        key = card.get_attribute("data-node")
        frame.locator("button.option").first.click()
        expect(frame.locator(f"[data-node]:not([data-node='{key}'])")).to_be_visible()
    raise AssertionError("no solution reached")


def gzipped_size(url: str) -> tuple[int, int]:
    with urlopen(url) as response:
        body = response.read()
    return len(body), len(gzip.compress(body, compresslevel=9))


# --- 1 and 6: the whole visit, measured ---------------------------------------------------------


def test_a_visitor_on_an_allowed_site_finds_the_answer_walks_it_and_votes(simhelp, hosts, recorder):
    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder()
    page = visit.page
    page.goto(host.page("/top-up", host_page(snippet(simhelp, shop.public_key, lang="en"))))

    launcher = page.get_by_role("button", name="Help")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    panel = page.locator(f"#{launcher.get_attribute('aria-controls')}")
    expect(panel).to_be_hidden()
    launcher, frame = open_widget(page)
    expect(panel).to_be_visible()
    assert page.locator(FRAME).get_attribute("sandbox") == (
        "allow-scripts allow-same-origin allow-forms allow-popups"
    )
    box = frame.get_by_label("Describe your problem")
    expect(box).to_be_focused()

    visit.frame().evaluate("window.__log.expect = 'troubleshooter:payment-failed'")
    asks_before = len([r for r in visit.api_requests() if "/ask/?" in r.url])
    box.press_sequentially("paymnet faild", delay=60)
    answer = frame.locator("[data-answer='troubleshooter:payment-failed']")
    expect(answer.get_by_role("heading", name="My payment failed")).to_be_visible()
    timing = visit.frame().evaluate("window.__log.answerAt - window.__log.lastKey")
    asks = len([r for r in visit.api_requests() if "/ask/?" in r.url]) - asks_before

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "widget-open.png"))

    answer.get_by_role("button", name="Find the cause step by step").click()
    solution = walk_to_a_solution(frame)
    frame.get_by_role("button", name="Yes").click()
    expect(frame.get_by_text("Thank you for your feedback!")).to_be_visible()

    vote = Feedback.objects.get()
    assert (vote.target, vote.node, vote.helpful, vote.source, vote.language) == (
        "troubleshooter:payment-failed",
        solution,
        True,
        "widget",
        "en",
    )
    assert page.evaluate("window.__log.votes") == [
        {"target": "troubleshooter:payment-failed", "helpful": True}
    ]
    assert all(r.headers.get("x-simhelp-source") == "widget" for r in visit.api_requests())
    # The host page cannot read the answer: the frame is another origin.
    assert page.evaluate(f"document.querySelector(`{FRAME}`).contentDocument") is None

    page.keyboard.press("Escape")  # focus is in the frame: it asks the host to close
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(launcher).to_have_attribute("aria-expanded", "false")

    loader = gzipped_size(f"{simhelp}/widget.js")
    frame_url = page.locator(FRAME).get_attribute("src")
    html, js, css = (
        gzipped_size(frame_url),
        gzipped_size(f"{simhelp}/static/widget/frame.js"),
        gzipped_size(f"{simhelp}/static/widget/frame.css"),
    )
    print(
        f"\nloader widget.js: {loader[0]} B, {loader[1]} B gzipped"
        f"\nframe page {html[0]} B / {html[1]} B gz; frame.js {js[0]} B / {js[1]} B gz; "
        f"frame.css {css[0]} B / {css[1]} B gz; frame JS+CSS gzipped: {js[1] + css[1]} B"
        f"\nlast keystroke → answer shown: {timing:.0f} ms (debounce 250 ms included), "
        f"{asks} ask request(s) while typing 13 characters"
    )
    assert visit.errors() == [] and visit.warnings() == []


# --- 2: a site that is not allowed ----------------------------------------------------------------


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


def test_a_missing_or_unknown_key_warns_once_and_adds_nothing(simhelp, hosts, recorder):
    host = hosts()
    embed_for(host.origin)
    for key in ["", "not a key", "unknown-key-0000000000"]:
        visit = recorder()
        with visit.page.expect_console_message(
            lambda m: m.text.startswith("SimHelp widget"), timeout=20_000
        ):
            visit.page.goto(host.page(f"/{len(key)}", host_page(snippet(simhelp, key))))
        visit.page.wait_for_load_state("load")
        assert len(visit.warnings()) == 1, key
        assert visit.page.locator("button, iframe").count() == 0


# --- 3: a host page with a strict, nonce-based CSP ------------------------------------------------


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


# --- 4: script in the content never runs ----------------------------------------------------------


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


# --- 5: forged messages ---------------------------------------------------------------------------

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
    expect(frame.locator("[data-answer='faq:cannot-log-in']")).to_be_visible()

    assert page.evaluate("window.__log.votes") == []
    assert page.evaluate("window.__log.contacts") == []
    expect(launcher).to_have_text("Help")
    expect(launcher).to_have_attribute("aria-expanded", "true")  # "close" was ignored
    assert "lang=en" in visit.frame().url
    forged = [r.url for r in visit.api_requests()[asks_before:] if "forged" in r.url]
    assert forged == []
    assert [r.url for r in visit.api_requests()[asks_before:] if "/faqs/" in r.url] == []
    assert frame.locator("#q").input_value() == "cant log in"


# --- the inline mode, page suggestions and the JavaScript API -------------------------------------


def test_inline_mode_shows_page_suggestions_and_queues_api_calls(simhelp, hosts, recorder):
    host = hosts()
    shop = embed_for(host.origin, default_language="zh-hans")
    AnswerRule.objects.create(
        name="top-up page", page_url=f"{host.origin}/top-up*", target="faq:renewal-failed"
    )
    visit = recorder()
    page = visit.page
    page.goto(
        host.page(
            "/top-up/mts",
            host_page(
                '<div id="help"></div>'
                + snippet(simhelp, shop.public_key, lang="en", mode="inline", target="#help")
            ),
        )
    )
    frame = page.frame_locator(FRAME)
    expect(frame.get_by_role("heading", name="Suggested for this page")).to_be_visible()
    expect(frame.get_by_role("button", name=re.compile("Why did my renewal fail"))).to_be_visible()
    assert page.locator("#help iframe").count() == 1
    assert page.get_by_role("button", name="Help").count() == 0
    page_asks = [r.url for r in visit.api_requests() if "page_url=" in r.url]
    assert page_asks and ("q=+" in page_asks[0] or "q=%20" in page_asks[0])

    page.evaluate(
        "SimHelp.setLanguage('ru'); SimHelp.search('пополнить баланс');"
        "SimHelp.setContext({carrier: 'mts', cardType: 'bad slug!'})"
    )
    expect(frame.locator("html[lang=ru]")).to_be_attached()
    expect(frame.locator("#view [data-answer]").first).to_be_visible()
    assert frame.locator("#q").input_value() == "пополнить баланс"
    last_ask = [r.url for r in visit.api_requests() if "/ask/?" in r.url][-1]
    assert "lang=ru" in last_ask
    page.evaluate("SimHelp.openArticle('guide:renew-mts')")
    expect(frame.locator("[data-answer='guide:renew-mts'] ol.steps")).to_be_visible()
    height = page.locator(FRAME).evaluate("f => f.getBoundingClientRect().height")
    assert height > 520  # grown to its content by "resize" messages


def test_the_frame_page_has_no_serious_accessibility_violation(
    simhelp, hosts, recorder, axe_source
):
    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder(bypass_csp=True)  # to inject axe into the page
    page = visit.page
    page.goto(f"{simhelp}/widget/frame/?site={shop.public_key}&lang=en&q=paymnet+faild")
    expect(page.locator("[data-answer]")).to_be_visible()
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']}: {v['help']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_the_snippet_in_the_admin_works_as_pasted(simhelp, hosts, recorder, client):
    host = hosts()
    shop = embed_for(host.origin)
    admin = User.objects.create_superuser("boss", "boss@example.com", "x" * 20)
    client.force_login(admin)
    page_html = client.get(f"/admin/widget/embedsite/{shop.pk}/change/").content.decode()
    pasted = re.search(r'<textarea id="widget-snippet"[^>]*>(.*?)</textarea>', page_html, re.S)
    tag = html.unescape(pasted.group(1)).replace("http://testserver", simhelp)
    visit = recorder()
    visit.page.goto(host.page("/pasted", host_page(tag)))
    expect(visit.page.get_by_role("button", name="Help")).to_be_visible()


def test_on_a_phone_the_panel_fills_the_screen_and_closes_from_inside(simhelp, hosts, recorder):
    host = hosts()
    shop = embed_for(host.origin)
    visit = recorder(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = visit.page
    page.goto(host.page("/phone", host_page(snippet(simhelp, shop.public_key, lang="en"))))
    launcher, frame = open_widget(page)
    box = page.locator(FRAME).bounding_box()
    assert (box["width"], box["height"]) == (390, 844)
    expect(launcher).to_be_hidden()
    frame.get_by_role("button", name="Close").click()
    expect(launcher).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(launcher).to_be_focused()
