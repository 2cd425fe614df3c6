"""A guide step's picture on a 390 px phone: shown at the column's width, with the srcset the
server wrote, the browser choosing the file for its pixel density; and what the page costs."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)
GUIDE = "/en/guides/renew-in-app/"


def _picture(page):
    img = page.locator("article picture img")
    img.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('article picture img');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    return img


@pytest.mark.parametrize("density, chosen", [(1, "480.webp"), (2, "960.webp")])
def test_a_guide_step_picture_fits_a_390_px_phone_from_the_right_srcset(
    site, browser, density, chosen
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=density, is_mobile=True
    )
    page = context.new_page()
    # The first page of a run builds the search index; on a busy machine that takes a while.
    page.set_default_timeout(120_000)
    page.goto(site + GUIDE)
    img = _picture(page)
    step = page.locator("article li", has=page.locator("picture"))
    assert "Top up and pay" in step.inner_text()
    source = page.locator("article picture source")
    assert source.get_attribute("type") == "image/webp"
    srcset = source.get_attribute("srcset")
    assert "/top-up-steps/" in srcset and " 480w, " in srcset and srcset.endswith(" 960w")
    assert img.get_attribute("loading") == "lazy"
    assert (img.get_attribute("width"), img.get_attribute("height")) == ("960", "540")
    assert img.get_attribute("alt").startswith("Diagram of a top-up in the carrier's app")
    box = img.bounding_box()
    assert 250 < box["width"] <= 390 - 16  # the column's width, inside the page's margins
    assert abs(box["height"] - box["width"] * 540 / 960) < 2  # drawn at its own proportions
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert img.evaluate("i => i.currentSrc").endswith(chosen)
    context.close()


def test_bytes_downloaded_for_a_guide_page_with_a_picture_on_a_phone(site, phone):
    """Not a budget: prints what a 390 px phone (2× density) downloads for the whole page,
    picture included, once scrolled to the end."""
    responses = []
    phone.set_default_timeout(120_000)
    phone.on("response", lambda response: responses.append(response))
    phone.goto(site + GUIDE)
    _picture(phone)
    phone.wait_for_load_state("networkidle")
    sizes = {}
    for response in responses:
        sent = response.request.sizes()  # bytes on the wire: headers and (encoded) body
        sizes[response.url] = sent["responseHeadersSize"] + sent["responseBodySize"]
    total = sum(sizes.values())
    pictures = {url: size for url, size in sizes.items() if "/media/" in url}
    assert len(pictures) == 1 and next(iter(pictures)).endswith("960.webp")
    print(f"\n{GUIDE} on a 390 px phone: {total} bytes in {len(sizes)} responses")
    for url, size in sorted(sizes.items()):
        print(f"  {size:>7} {url.removeprefix(site)}")
