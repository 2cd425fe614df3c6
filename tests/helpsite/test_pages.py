import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from faq.models import Status
from guides.models import Option
from insights.models import Feedback
from tests.builders import make_carrier, make_faq, make_rule, make_tree

pytestmark = pytest.mark.django_db
LANGS = ["zh-hans", "en", "ru"]
PAGES = [
    "/{lang}/",
    "/{lang}/search/?q=paymnet+faild",
    "/{lang}/search/?q=best+borscht+recipe",
    "/{lang}/faq/foreign-card-declined/",
    "/{lang}/guides/renew-mts/",
    "/{lang}/troubleshoot/payment-failed/",
    "/{lang}/categories/payment/",
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_type_renders_in_every_language(client, demo_content, lang, page):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{ {"zh-hans": "zh-Hans"}.get(lang, lang) }">' in html
    assert '<link rel="canonical"' in html and 'hreflang="x-default"' in html
    for hreflang in ("zh-Hans", "en", "ru"):
        assert f'rel="alternate" hreflang="{hreflang}"' in html
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert html.count("<h1") >= 1 and "<main" in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/faq/nope/",
        "/en/guides/nope/",
        "/en/troubleshoot/nope/",
        "/en/categories/nope/",
        "/en/troubleshoot/payment-failed/not-a-node/",
        "/en/troubleshoot/payment-failed/start/start/",
    ],
)
def test_unknown_pages_are_404(client, demo_content, url):
    assert client.get(url).status_code == 404


def test_an_unpublished_faq_is_404(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        faq = make_faq(slug="hidden", status=Status.DRAFT)
    assert client.get("/en/faq/hidden/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        faq.status = Status.PUBLISHED
        faq.save()
    assert client.get("/en/faq/hidden/").status_code == 200


def test_the_root_redirects_to_the_readers_language(client, demo_content):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")
    assert response.status_code == 302 and response["Location"] == "/ru/"
    assert Client().get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").headers["Location"] == "/zh-hans/"


def test_search_finds_through_a_typo_and_marks_the_matched_words(client, demo_content):
    html = client.get("/en/search/", {"q": "paymnet faild"}).content.decode()
    assert "/en/troubleshoot/payment-failed/" in html
    assert "<mark>" in html and "Best answer" in html
    best = html[html.index('class="best"') : html.index("</section>")]
    assert "Answer a few questions" in best  # what the answer says, not only its title


@pytest.mark.parametrize("query", ["paymnet faild", "best borscht recipe"])
@pytest.mark.parametrize("path", ["/en/search/", "/api/v1/search/", "/api/v1/ask/"])
def test_a_search_runs_the_engine_once_and_reads_one_index_build(
    client, demo_content, monkeypatch, query, path
):
    from assistant.index import index

    snapshot = index.snapshot()
    calls = {"search": 0, "snapshot": 0}
    engine_search, index_snapshot = snapshot.backend.search, index.snapshot

    def counted_search(*args, **kwargs):
        calls["search"] += 1
        return engine_search(*args, **kwargs)

    def counted_snapshot():
        calls["snapshot"] += 1
        return index_snapshot()

    monkeypatch.setattr(snapshot.backend, "search", counted_search)
    monkeypatch.setattr(index, "snapshot", counted_snapshot)
    response = client.get(path, {"q": query, "lang": "en"})
    assert response.status_code == 200
    assert calls == {"search": 1, "snapshot": 1}


def test_without_a_confident_answer_search_offers_troubleshooters_and_contact(client, demo_content):
    html = client.get("/en/search/", {"q": "best borscht recipe"}).content.decode()
    assert "We could not find a confident answer" in html
    for slug in ("login-failed", "payment-failed", "expired-card", "no-mobile-data"):
        assert f"/en/troubleshoot/{slug}/" in html
    assert "ICCID" in html


def test_a_troubleshooter_is_walked_to_a_solution_by_following_links(client, demo_content):
    url = "/en/troubleshoot/payment-failed/"
    seen = []
    for _ in range(10):
        html = client.get(url).content.decode()
        seen.append(url)
        options = re.findall(r'<a class="option" href="([^"]+)"', html)
        if not options:
            break
        url = options[0].replace("&amp;", "&")
    assert "Did this solve it?" in html and "Try this" in html
    assert "Start over" in html and "← Back" in html
    assert len(seen) >= 2


@pytest.mark.parametrize(
    ("lang", "query", "fix"),
    [
        ("en", "my chinese card declined", "Use a payment method that works in Russia"),
        ("ru", "китайская карта не проходит", "Выберите способ оплаты, который работает в России"),
    ],
)
def test_a_rule_that_starts_a_troubleshooter_at_a_node_links_to_that_node(
    client, demo_content, lang, query, fix
):
    # The demo rule sends a foreign card declined straight to the foreign-card fix. The widget
    # opens it there; the site links to it as the end of the walk that reaches it (Back works).
    html = client.get(f"/{lang}/search/", {"q": query}).content.decode()
    best = re.search(r'<p class="best-link"><a href="([^"]+)"', html).group(1)
    assert best == f"/{lang}/troubleshoot/payment-failed/start/card-type/foreign-card/"
    step = client.get(best).content.decode()
    assert fix in step and '">← ' in step


def test_a_rule_at_a_node_the_readers_carrier_cannot_reach_links_to_the_start(client, db):
    tree = make_tree(edges={"start": ["fix"]}, solutions={"fix"})
    Option.objects.filter(troubleshooter=tree).update(condition_carrier=make_carrier("mts"))
    make_carrier("beeline")
    make_rule(target=f"troubleshooter:{tree.slug}", phrases_en="fix it", target_node="fix")
    for carrier, link in (("mts", f"{tree.slug}/start/fix/"), ("beeline", f"{tree.slug}/")):
        html = client.get("/en/search/", {"q": "fix it", "carrier": carrier}).content.decode()
        assert f'<a href="/en/troubleshoot/{link}">' in html


def test_a_known_carrier_skips_questions_it_answers(client, demo_content):
    plain = client.get("/en/troubleshoot/no-mobile-data/").content.decode()
    assert "Step 1" in plain


def test_a_vote_is_a_form_post_from_the_page_and_thanks_the_reader(demo_content):
    # Django's CSRF checks on: the vote needs no token, so the page carries none.
    client = Client(enforce_csrf_checks=True)
    page = client.get("/ru/faq/foreign-card-declined/").content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert 'action="/ru/feedback/"' in page
    response = client.post(
        "/ru/feedback/",
        {
            "target": "faq:foreign-card-declined",
            "helpful": "no",
            "next": "/ru/faq/foreign-card-declined/",
        },
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302
    assert response["Location"] == "/ru/faq/foreign-card-declined/?voted=no#feedback"
    vote = Feedback.objects.get()
    assert (vote.target, vote.helpful, vote.language, vote.source) == (
        "faq:foreign-card-declined",
        False,
        "ru",
        "site",
    )
    thanks = client.get(response["Location"]).content.decode()
    assert "Спасибо" in thanks


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},  # a sibling subdomain is another site too
        {"HTTP_ORIGIN": "https://evil.example"},  # a browser without Fetch Metadata
        {"HTTP_ORIGIN": "null"},  # a sandboxed frame
    ],
)
def test_a_vote_another_site_makes_a_browser_send_is_refused(client, demo_content, headers):
    data = {"target": "faq:reset-password", "helpful": "no"}
    page = client.post("/en/feedback/", data, **headers)
    assert page.status_code == 403
    assert "This vote could not be recorded." in page.content.decode()
    script = client.post("/en/feedback/", data, HTTP_ACCEPT="application/json", **headers)
    assert script.status_code == 403
    assert script.json()["error"]["code"] == "forbidden"
    assert not Feedback.objects.exists()


def test_a_vote_from_the_sites_own_origin_without_fetch_metadata_counts(client, demo_content):
    response = client.post(
        "/en/feedback/",
        {"target": "faq:reset-password", "helpful": "yes"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302
    assert Feedback.objects.get().helpful is True


def test_a_vote_from_a_script_gets_json(client, demo_content):
    response = client.post(
        "/en/feedback/",
        {"target": "faq:reset-password", "helpful": "yes"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["recorded"] is True


def test_a_vote_never_redirects_to_another_site(client, demo_content):
    response = client.post(
        "/en/feedback/",
        {"target": "faq:reset-password", "helpful": "yes", "next": "https://evil.example/"},
    )
    assert response["Location"].startswith("/en/faq/reset-password/")


def test_the_language_switcher_keeps_the_page_and_the_query(client, demo_content):
    html = client.get("/en/search/", {"q": "sim"}).content.decode()
    assert 'href="/ru/search/?q=sim"' in html and 'href="/zh-hans/search/?q=sim"' in html
    faq = client.get("/en/faq/reset-password/").content.decode()
    assert 'href="/ru/faq/reset-password/"' in faq


def test_a_page_shown_in_a_fallback_language_says_so(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_faq(
            slug="only-chinese",
            question_zh_hans="只有中文",
            question_en="",
            question_ru="",
            answer_zh_hans="中文回答",
            answer_en="",
            answer_ru="",
        )
    html = client.get("/ru/faq/only-chinese/").content.decode()
    assert "只有中文" in html and 'role="note"' in html
    assert "not translated" not in client.get("/zh-hans/faq/only-chinese/").content.decode()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_each_page_weighs_under_60_kb_with_its_css_and_script(client, demo_content, lang, page):
    url = page.format(lang=lang)
    html = client.get(url).content
    static = Path(settings.BASE_DIR) / "simhelp" / "static"
    names = [name.decode() for name in re.findall(rb'/static/([^"]+\.(?:css|js))"', html)]
    assets = sum((static / name).stat().st_size for name in names)
    print(f"\npage weight {url}: HTML {len(html)} + {' + '.join(names)} {assets} bytes")
    assert len(html) + assets < 60_000
    assert b"http://" not in html.replace(b"http://testserver", b"")


def test_canonical_and_hreflang_links_use_the_configured_site_url_not_the_host(
    client, demo_content, settings
):
    settings.SITE_URL = "https://help.example.org"
    html = client.get("/en/faq/reset-password/", HTTP_HOST="localhost:6666").content.decode()
    assert '<link rel="canonical" href="https://help.example.org/en/faq/reset-password/">' in html
    assert 'hreflang="ru" href="https://help.example.org/ru/faq/reset-password/"' in html
    assert "6666" not in html


@pytest.mark.parametrize(
    ("url", "cache_control"),
    [
        ("/en/", "public, max-age=60"),
        ("/en/categories/payment/", "public, max-age=60"),
        ("/en/search/?q=payment", "public, max-age=60"),
        ("/en/faq/reset-password/", "public, max-age=60"),  # its vote form needs no token
        ("/en/guides/renew-mts/", "public, max-age=60"),
        ("/en/troubleshoot/payment-failed/", "public, max-age=60"),
        ("/en/faq/no-such-question/", "no-store"),
    ],
)
def test_every_site_page_says_how_it_may_be_cached(client, demo_content, url, cache_control):
    assert client.get(url)["Cache-Control"] == cache_control
