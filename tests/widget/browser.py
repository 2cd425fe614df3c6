"""What the browser tests of the widget share: host pages, embed sites and the recorder of
what a host page sees."""

import gzip
from urllib.request import urlopen

from playwright.sync_api import expect

from widget.models import EmbedSite

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
