"""Draw the demo catalogue's illustrations (fixtures/demo/images/) and print their SHA-256.

Simple diagrams drawn with Pillow, no screenshots: where the ICCID is printed on a SIM card
and its plastic holder, and the steps of a top-up in a carrier's app. Labels are numbers and
symbols only, so one drawing serves every language (the alt text is translated).

    .venv/bin/python scripts/draw_demo_images.py
"""

import hashlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "images"
INK, PAPER, ACCENT, CARD, CHIP = "#1f2937", "#ffffff", "#d93025", "#e8eef7", "#d4a017"


def font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def sim_card_iccid() -> Image.Image:
    """A SIM card holder with the SIM still in it; the ICCID printed under the barcode and on
    the SIM itself, both circled."""
    image = Image.new("RGB", (960, 600), PAPER)
    draw = ImageDraw.Draw(image)
    # The plastic holder (credit-card size) and the SIM punched into it.
    draw.rounded_rectangle((40, 40, 920, 560), radius=36, fill=CARD, outline=INK, width=4)
    draw.rounded_rectangle((90, 110, 390, 310), radius=18, fill=PAPER, outline=INK, width=4)
    draw.polygon([(90, 150), (130, 110), (90, 110)], fill=CARD, outline=INK)  # cut corner
    draw.rounded_rectangle((150, 150, 270, 240), radius=12, fill=CHIP, outline=INK, width=3)
    for y in (180, 210):
        draw.line((150, y, 270, y), fill=INK, width=2)
    draw.line((210, 150, 210, 240), fill=INK, width=2)
    draw.text((110, 262), "8970 1990 1234 5678 90", font=font(22), fill=INK)
    draw.ellipse((96, 250, 384, 304), outline=ACCENT, width=5)
    # A barcode with the ICCID under it, on the holder.
    x = 470
    for n in range(60):
        width = 2 + (n * 7) % 5
        draw.rectangle((x, 360, x + width, 450), fill=INK)
        x += width + 3
    draw.text((470, 462), "ICCID 8970 1990 1234 5678 90", font=font(28), fill=INK)
    draw.rounded_rectangle((456, 452, 900, 506), radius=20, outline=ACCENT, width=5)
    draw.text((470, 120), "ICCID", font=font(56), fill=ACCENT)
    draw.text((470, 190), "89...  (19-20)", font=font(40), fill=INK)
    draw.line((400, 280, 455, 160), fill=ACCENT, width=5)
    draw.line((680, 330, 640, 240), fill=ACCENT, width=5)
    return image


def top_up_steps() -> Image.Image:
    """Three phone screens: the balance, an amount and the pay button, a tick with the new
    balance; arrows between them."""
    image = Image.new("RGB", (960, 540), PAPER)
    draw = ImageDraw.Draw(image)
    screens = [(60, "1"), (370, "2"), (680, "3")]
    for left, number in screens:
        draw.rounded_rectangle(
            (left, 40, left + 220, 500), radius=30, fill=CARD, outline=INK, width=4
        )
        draw.rounded_rectangle(
            (left + 20, 90, left + 200, 450), radius=10, fill=PAPER, outline=INK, width=2
        )
        draw.ellipse((left + 85, 462, left + 135, 492), outline=INK, width=3)
        draw.ellipse((left - 20, 10, left + 40, 70), fill=ACCENT)
        draw.text((left + 1, 18), number, font=font(40), fill=PAPER)
    draw.text((85, 120), "RUB", font=font(48), fill=INK)
    draw.text((85, 190), "12.50", font=font(56), fill=ACCENT)
    draw.rectangle((85, 290, 235, 330), outline=INK, width=3)
    draw.rectangle((85, 350, 235, 390), outline=INK, width=3)
    draw.text((390, 120), "+500 RUB", font=font(36), fill=INK)
    draw.rectangle((395, 190, 545, 240), outline=INK, width=3)
    draw.rounded_rectangle((395, 360, 545, 420), radius=14, fill=ACCENT)
    draw.text((430, 370), "OK", font=font(40), fill=PAPER)
    draw.line((735, 200, 775, 250), fill="#188038", width=14)
    draw.line((775, 250, 850, 140), fill="#188038", width=14)
    draw.text((715, 300), "512.50", font=font(52), fill="#188038")
    for start in (290, 600):
        draw.line((start, 270, start + 70, 270), fill=INK, width=8)
        draw.polygon([(start + 70, 252), (start + 92, 270), (start + 70, 288)], fill=INK)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for key, drawing in (("sim-card-iccid", sim_card_iccid), ("top-up-steps", top_up_steps)):
        path = OUT / f"{key}.png"
        drawing().quantize(colors=32).save(path, "PNG", optimize=True)
        print(key, hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_size)


if __name__ == "__main__":
    main()
