"""The structured data and link-preview tags of each page type, extracted as crawlers do
(extruct), checked for the fields search engines require (helpsite/seo.py)."""

from urllib.parse import urlsplit

import extruct
import lxml.html
import pytest

from faq.models import Faq
from guides.models import Guide
from tests.builders import make_faq

pytestmark = pytest.mark.django_db
LANGS = ["zh-hans", "en", "ru"]
BASE = "http://testserver"
OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_US", "ru": "ru_RU"}
COLUMN = {"zh-hans": "zh_hans", "en": "en", "ru": "ru"}


def extract(client, path: str) -> dict:
    """The page's JSON-LD items by type, its OpenGraph properties and its named meta tags."""
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    data = extruct.extract(html, base_url=BASE + path, syntaxes=["json-ld", "opengraph"])
    by_type: dict[str, list] = {}
    for item in data["json-ld"]:
        assert item["@context"] == "https://schema.org"
        by_type.setdefault(item["@type"], []).append(item)
    og = {}
    for block in data["opengraph"]:
        for name, value in block["properties"]:
            og.setdefault(name, []).append(value)
    tree = lxml.html.fromstring(html)
    meta = {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}
    canonical = tree.find(".//link[@rel='canonical']").get("href")
    return {"ld": by_type, "og": og, "meta": meta, "canonical": canonical, "tree": tree}


def check_breadcrumbs(page: dict, lang: str) -> list[dict]:
    (crumbs,) = page["ld"]["BreadcrumbList"]
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    for item in items:
        assert item["@type"] == "ListItem" and item["name"].strip()
        assert item["item"].startswith(f"{BASE}/{lang}/")
    assert items[0]["item"] == f"{BASE}/{lang}/"
    return items


PAGES = {
    "home": "/{lang}/",
    "search": "/{lang}/search/?q=payment",
    "category": "/{lang}/categories/payment/",
    "faq": "/{lang}/faq/foreign-card-declined/",
    "guide": "/{lang}/guides/renew-mts/",
    "troubleshooter": "/{lang}/troubleshoot/payment-failed/",
    "troubleshooter step": "/{lang}/troubleshoot/payment-failed/start/",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", PAGES)
def test_every_page_has_breadcrumbs_and_link_preview_tags(client, demo_content, kind, lang):
    path = PAGES[kind].format(lang=lang)
    if kind == "troubleshooter step":
        start = extract(client, PAGES["troubleshooter"].format(lang=lang))["tree"]
        path = start.find(".//a[@class='option']").get("href")
    page = extract(client, path)
    items = check_breadcrumbs(page, lang)
    # The trail ends on the page itself; a troubleshooter's steps, on its start page.
    last = urlsplit(BASE + PAGES[kind.replace(" step", "")].format(lang=lang)).path
    assert items[-1]["item"] == BASE + last
    assert len(items) == {"home": 1, "search": 2, "category": 2}.get(kind, 3)
    og = page["og"]
    for name in ("og:title", "og:description", "og:type", "og:url", "og:locale"):
        assert len(og[name]) == 1 and og[name][0].strip(), name
    assert og["og:url"] == [page["canonical"]] and urlsplit(page["canonical"]).netloc
    assert og["og:locale"] == [OG_LOCALES[lang]]
    assert sorted(og["og:locale:alternate"]) == sorted(
        locale for code, locale in OG_LOCALES.items() if code != lang
    )
    assert og["og:description"] == [page["meta"]["description"]]
    expected_type = "website" if kind in ("home", "search", "category") else "article"
    assert og["og:type"] == [expected_type]
    assert page["meta"]["twitter:card"] == "summary"


@pytest.mark.parametrize("lang", LANGS)
def test_faq_page_is_a_faqpage_with_its_question_and_answer(client, demo_content, lang):
    page = extract(client, f"/{lang}/faq/foreign-card-declined/")
    (faq_page,) = page["ld"]["FAQPage"]
    (question,) = faq_page["mainEntity"]
    stored = Faq.objects.get(slug="foreign-card-declined")
    title = getattr(stored, f"question_{COLUMN[lang]}")
    assert question["@type"] == "Question" and question["name"] == title
    answer = question["acceptedAnswer"]
    assert answer["@type"] == "Answer" and len(answer["text"]) > 100
    shown = page["tree"].find(".//div[@class='answer']").text_content()
    assert " ".join(shown.split()).startswith(answer["text"][:60])
    assert page["og"]["og:title"] == [title]
    crumbs = page["ld"]["BreadcrumbList"][0]["itemListElement"]
    assert [c["name"] for c in crumbs][-1] == title and len(crumbs) == 3
    assert crumbs[1]["item"] == f"{BASE}/{lang}/categories/payment/"


@pytest.mark.parametrize("lang", LANGS)
def test_guide_page_is_a_howto_with_its_steps_in_order(client, demo_content, lang):
    page = extract(client, f"/{lang}/guides/renew-mts/")
    (how_to,) = page["ld"]["HowTo"]
    guide = Guide.objects.get(slug="renew-mts")
    assert how_to["name"] == getattr(guide, f"title_{COLUMN[lang]}")
    steps = list(guide.steps.order_by("order", "pk"))
    assert len(steps) >= 3 and len(how_to["step"]) == len(steps)
    for position, (step, stored) in enumerate(zip(how_to["step"], steps, strict=True), start=1):
        assert step["@type"] == "HowToStep" and step["position"] == position
        assert step["name"] == getattr(stored, f"title_{COLUMN[lang]}")
        assert step["text"].strip() and "**" not in step["text"]  # plain text, no Markdown


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_is_a_website_with_a_search_action_that_works(client, demo_content, lang):
    page = extract(client, f"/{lang}/")
    (site,) = page["ld"]["WebSite"]
    assert site["url"] == f"{BASE}/{lang}/" and site["name"] == "SimHelp"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"
    template = action["target"]["urlTemplate"]
    assert template == f"{BASE}/{lang}/search/?q={{search_term_string}}"
    filled = urlsplit(template.replace("{search_term_string}", "renew%20mts"))
    results = client.get(f"{filled.path}?{filled.query}")
    assert results.status_code == 200
    assert "/guides/renew-mts/" in results.content.decode()
    assert "FAQPage" not in page["ld"] and "HowTo" not in page["ld"]


def test_markup_in_content_cannot_break_out_of_the_json_ld(
    client, django_capture_on_commit_callbacks
):
    hostile = 'Top up </script><script>alert("x")</script> & <!-- more'
    with django_capture_on_commit_callbacks(execute=True):
        make_faq(slug="hostile", question_en=hostile, answer_en="Answer with </SCRIPT> inside")
    html = client.get("/en/faq/hostile/").content.decode()
    head = html[: html.index("</head>")]
    assert head.count("<script") == 2  # the page's script and the JSON-LD, nothing injected
    page = extract(client, "/en/faq/hostile/")
    (question,) = page["ld"]["FAQPage"][0]["mainEntity"]
    assert question["name"] == hostile
    assert question["acceptedAnswer"]["text"] == "Answer with </SCRIPT> inside"


def test_a_page_shown_in_a_fallback_language_says_which_in_its_data(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_faq(
            slug="only-chinese",
            question_zh_hans="只有中文的问题",
            question_en="",
            question_ru="",
            answer_zh_hans="只有中文的回答",
            answer_en="",
            answer_ru="",
        )
    page = extract(client, "/ru/faq/only-chinese/")
    faq_page = page["ld"]["FAQPage"][0]
    assert faq_page["inLanguage"] == "zh-Hans"
    assert faq_page["mainEntity"][0]["name"] == "只有中文的问题"
    assert page["og"]["og:locale"] == ["ru_RU"]  # the page itself is the Russian one
