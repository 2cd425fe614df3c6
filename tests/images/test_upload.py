"""Staff upload pictures in the admin: Pillow checks them, variants are stored, bad files are
refused with a message on the form and nothing is stored."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage

from simhelp.models import Image
from tests.images.pictures import EXECUTABLE, bomb_png, noise_png, png

pytestmark = pytest.mark.django_db
ADD = reverse("admin:simhelp_image_add")
ALT = {
    "alt_zh_hans": "SIM 卡背面",
    "alt_en": "The back of a SIM card",
    "alt_ru": "Оборот SIM-карты",
}


def upload(client, data: bytes, *, name="picture.png", **fields):
    post = {"key": "sim-back", **fields, "upload": SimpleUploadedFile(name, data)}
    return client.post(ADD, post, HTTP_ACCEPT_LANGUAGE="en")


def errors(response) -> str:
    return " ".join(str(e) for e in response.context["adminform"].form.errors.values())


def test_a_valid_upload_stores_webp_and_png_variants_at_480_and_960_without_metadata(
    admin_client,
):
    response = upload(admin_client, png(1200, 800, exif=True, fmt="JPEG"), name="p.jpg", **ALT)
    assert response.status_code == 302, errors(response)
    image = Image.objects.get(key="sim-back")
    assert (image.width, image.height) == (1200, 800)
    shape = [(v["width"], v["height"], v["format"]) for v in image.variants]
    assert shape == [(480, 320, "webp"), (480, 320, "jpg"), (960, 640, "webp"), (960, 640, "jpg")]
    for variant in image.variants:
        with default_storage.open(variant["name"]) as stored:
            picture = PillowImage.open(io.BytesIO(stored.read()))
            assert picture.size == (variant["width"], variant["height"])
            assert not picture.getexif()
    with default_storage.open(image.original.name) as original:
        assert not PillowImage.open(io.BytesIO(original.read())).getexif()


def test_a_small_drawing_is_kept_at_its_own_width_as_png(admin_client):
    assert upload(admin_client, png(300, 200)).status_code == 302
    image = Image.objects.get(key="sim-back")
    assert [(v["width"], v["format"]) for v in image.variants] == [(300, "webp"), (300, "png")]


def test_a_renamed_executable_is_refused_with_a_clear_message(admin_client):
    response = upload(admin_client, EXECUTABLE, name="sim-card.png")
    assert response.status_code == 200
    assert "not a PNG, JPEG or WebP picture" in errors(response)
    assert not Image.objects.exists()


def test_a_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.IMAGE_MAX_BYTES = 50_000
    response = upload(admin_client, noise_png(200, 100))
    assert "pictures may be at most 0.05 MB" in errors(response)
    assert not Image.objects.exists()


def test_a_picture_over_the_pixel_limit_is_refused(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 500_000
    response = upload(admin_client, png(1200, 800))
    assert "too large: at most 0.5 million pixels" in errors(response)
    assert not Image.objects.exists()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(admin_client):
    response = upload(admin_client, bomb_png())
    assert response.status_code == 200
    assert "too large: at most 40 million pixels" in errors(response)
    assert not Image.objects.exists()


def test_publishing_needs_the_alternative_text_in_every_language(admin_client):
    response = upload(admin_client, png(300, 200), published="on", alt_en="A SIM card")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert set(form.errors) == {"alt_zh_hans", "alt_ru"}
    assert "alternative text in every language" in str(form.errors["alt_ru"])
    assert not Image.objects.exists()
    assert upload(admin_client, png(300, 200), published="on", **ALT).status_code == 302
    assert Image.objects.get().published


def test_a_draft_may_be_saved_without_alternative_text(admin_client):
    assert upload(admin_client, png(300, 200)).status_code == 302
    assert not Image.objects.get().published


def test_the_markdown_picker_offers_published_pictures_on_content_change_pages(admin_client):
    from tests.builders import make_faq, make_image

    make_image(key="sim-card")
    make_image(key="draft-pic", published=False)
    picker = admin_client.get(reverse("admin:simhelp_image_picker"), HTTP_ACCEPT_LANGUAGE="en")
    assert [i["key"] for i in picker.json()["images"]] == ["sim-card"]
    assert picker.json()["images"][0]["markdown"] == (
        "![The ICCID printed on the back of a SIM card](image:sim-card)"
    )
    faq = make_faq()
    page = admin_client.get(reverse("admin:faq_faq_change", args=[faq.pk])).content.decode()
    assert "simhelp/admin/image-picker.js" in page
