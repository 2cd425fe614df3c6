"""Readers see published pictures with their size, lazy loading and srcset on the site, in
the widget's answers and in the API; drafts and unknown keys show only their description."""

import pytest

from simhelp.images import image_resolver, image_views
from simhelp.markdown import markdown_to_html
from tests.builders import make_faq, make_guide, make_image

pytestmark = pytest.mark.django_db


def _resolver(language="en"):
    return image_resolver(language=language, views=image_views())


def test_a_picture_keeps_size_lazy_loading_and_srcset_through_the_sanitizer():
    make_image()
    html = markdown_to_html("Look: ![the card](image:sim-card)", images=_resolver("ru"))
    assert 'width="960" height="640"' in html
    assert 'loading="lazy"' in html
    assert 'alt="ICCID напечатан на обороте SIM-карты"' in html
    assert '<source type="image/webp" srcset="/media/images/sim-card/' in html
    assert "480.webp 480w, /media/images/sim-card/" in html and "960.webp 960w" in html
    assert 'sizes="(max-width: 40rem) 100vw, 40rem"' in html
    assert "480.png 480w" in html


def test_anything_else_shaped_like_a_picture_shows_only_its_description():
    make_image(key="draft-pic", published=False)
    written = (
        "![a draft](image:draft-pic) ![unknown](image:nope) ![elsewhere](https://evil.example/x.png)"
        ' <img src="/media/x.png" onerror="alert(1)">'
    )
    html = markdown_to_html(written, images=_resolver())
    assert "<img" not in html and "<picture" not in html
    assert "a draft unknown elsewhere &lt;img" in html


def test_a_guide_step_picture_is_shown_under_the_step_on_the_guide_page(client):
    guide = make_guide(steps=2)
    step = guide.steps.get(order=2)
    step.image = make_image()
    step.save()
    html = client.get(f"/en/guides/{guide.slug}/").content.decode()
    assert html.index("Step 2") < html.index("<picture>")
    assert 'alt="The ICCID printed on the back of a SIM card" loading="lazy"' in html


def test_a_draft_picture_on_a_step_is_not_shown(client):
    guide = make_guide(steps=1)
    guide.steps.update(image=make_image(published=False))
    assert "<img" not in client.get(f"/en/guides/{guide.slug}/").content.decode()


def test_the_guide_api_gives_each_step_its_picture_with_urls_sizes_and_alt_text(client):
    guide = make_guide(steps=2)
    guide.steps.filter(order=1).update(image=make_image())
    steps = client.get(f"/api/v1/guides/{guide.slug}/?lang=zh-hans").json()["steps"]
    picture = steps[0]["image"]
    assert steps[1]["image"] is None
    assert picture["alt"] == "SIM 卡背面印着 ICCID"
    assert (picture["width"], picture["height"]) == (960, 640)
    assert picture["src"].endswith("/960.png")
    assert [(v["width"], v["format"]) for v in picture["variants"]] == [
        (480, "webp"),
        (480, "png"),
        (960, "webp"),
        (960, "png"),
    ]
    assert client.get(picture["src"]).status_code == 200


def test_the_faq_api_lists_the_pictures_its_answer_shows(client):
    make_image()
    faq = make_faq(answer_en="Find it here: ![card](image:sim-card)")
    data = client.get(f"/api/v1/faqs/{faq.slug}/?lang=en").json()
    assert [picture["key"] for picture in data["images"]] == ["sim-card"]
    assert "<picture>" in data["answer_html"]


def test_media_serves_library_files_for_a_year_and_nothing_else(client):
    image = make_image()
    response = client.get(f"/media/{image.variants[0]['name']}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/media/images/../secret_key").status_code == 404
    assert client.get(f"/media/{image.variants[0]['name']}.html").status_code == 404


def test_the_search_answer_shows_the_picture_too(client):
    make_image()
    make_faq(question_en="Where is the ICCID", answer_en="Here ![card](image:sim-card)")
    data = client.get("/api/v1/ask/", {"q": "where is the iccid", "lang": "en"}).json()
    assert "<picture>" in data["answer"]["html"]
