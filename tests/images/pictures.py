"""Small pictures built in memory for the image library's tests."""

import io
import os
import struct
import zlib

from PIL import Image


def png(width: int = 1200, height: int = 800, *, exif: bool = False, fmt: str = "PNG") -> bytes:
    """A picture with some detail (a gradient), optionally with EXIF metadata (a camera model
    and a GPS position, what a phone writes)."""
    image = Image.new("RGB", (width, height))
    image.putdata(
        [((x * 7) % 256, (y * 5) % 256, 128) for y in range(height) for x in range(width)]
    )
    out = io.BytesIO()
    extra = {}
    if exif:
        tags = Image.Exif()
        tags[0x0110] = "PhoneCam 3000"  # Model
        tags[0x8825] = {1: "N", 2: (55.0, 45.0, 0.0)}  # GPS
        extra["exif"] = tags.tobytes()
    image.save(out, fmt, **extra)
    return out.getvalue()


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG whose header claims `width` × `height` pixels (10 billion by default): a few
    hundred bytes that would take gigabytes of memory once decoded."""
    data = bytearray(png(8, 8))
    ihdr = 8  # the IHDR chunk follows the 8-byte signature: length, type, then the data
    struct.pack_into(">II", data, ihdr + 8, width, height)
    crc = zlib.crc32(bytes(data[ihdr + 4 : ihdr + 8 + 13]))
    struct.pack_into(">I", data, ihdr + 8 + 13, crc)
    return bytes(data)


# The start of a Linux executable, renamed to picture.png by whoever uploads it.
EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(200)


def noise_png(width: int = 600, height: int = 400) -> bytes:
    """A picture that does not compress (random pixels): about 3 bytes per pixel."""
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(out, "PNG")
    return out.getvalue()
