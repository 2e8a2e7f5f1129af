"""Signature and seal images are judged by their content, never by their name."""

import io
import struct
import zlib

import pytest
from PIL import Image

from tests.certificates.samples import jpeg, seal_png, signature_png
from training.certificates.images import ImageError, check_image, prepared_image

MB = 1024 * 1024


def _saved(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _png_claiming(width, height):
    """Return a tiny PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + _chunk(b"IEND", b""))


def _animated_png():
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "blue")]
    return _saved(frames[0], "PNG", save_all=True, append_images=frames[1:])


@pytest.mark.parametrize("data", [signature_png(), seal_png(), jpeg(),
                                  _saved(Image.new("L", (40, 20), 128), "PNG"),
                                  _saved(Image.new("CMYK", (40, 20)), "JPEG"),
                                  _saved(Image.new("P", (40, 20)), "PNG", transparency=0)],
                         ids=["signature", "seal", "jpeg", "grey png", "cmyk jpeg", "palette png"])
def test_still_png_and_jpeg_pass(data):
    assert check_image(data, 2 * MB) is None


REFUSED = {
    "empty": (b"", "empty"),
    "text": (b"Nguyen Van A signature", "not a readable"),
    "svg": (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG"),
    "svg without prolog": (b'  <svg onload="alert(1)"/>', "SVG"),
    "gif": (_saved(Image.new("RGB", (20, 20)), "GIF"), "Only PNG and JPEG"),
    "webp": (_saved(Image.new("RGB", (20, 20)), "WEBP"), "Only PNG and JPEG"),
    "bmp": (_saved(Image.new("RGB", (20, 20)), "BMP"), "Only PNG and JPEG"),
    "tiff": (_saved(Image.new("RGB", (20, 20)), "TIFF"), "Only PNG and JPEG"),
    "animated png": (_animated_png(), "Animated"),
    "truncated png": (signature_png()[:400], "not a readable"),
    "truncated jpeg": (jpeg((400, 300))[:300], "not a readable"),
    "bomb": (_png_claiming(100_000, 100_000), "too many pixels"),
    "png with broken checksum": (signature_png()[:33] + b"\x00" * 4 + signature_png()[37:], "not a readable"),
}


@pytest.mark.parametrize("data,expected", REFUSED.values(), ids=REFUSED.keys())
def test_everything_else_is_refused(data, expected):
    issue = check_image(data, 2 * MB)
    assert issue is not None
    assert expected in issue.message


def test_an_image_above_pillows_warning_limit_is_refused(monkeypatch):
    # Between MAX_IMAGE_PIXELS and twice that Pillow only warns; the check must refuse anyway.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 40 * 20 - 1)
    issue = check_image(_saved(Image.new("RGB", (40, 20)), "PNG"), 2 * MB)
    assert issue is not None and "too many pixels" in issue.message


def test_too_large_a_file_is_refused_with_its_size():
    data = seal_png()
    issue = check_image(data, len(data) - 1)
    assert issue is not None and issue.params["size"] * 1024 >= len(data)
    assert check_image(data, len(data)) is None


def test_the_issue_translates_with_its_parameters():
    issue = check_image(b"x" * 5000, 2048)
    assert issue.text(lambda message: message) == "The image is too large (5 KB); the limit is 2 KB."


def test_prepared_images_keep_transparency_and_shrink_to_the_box():
    reader = prepared_image(seal_png(1200), 350, 350)
    assert reader.getSize() == (350, 350)
    assert reader._image.mode == "RGBA"
    small = prepared_image(jpeg((100, 50)), 350, 350)
    assert small.getSize() == (100, 50)  # never enlarged


def test_prepared_images_follow_the_exif_rotation():
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    data = _saved(Image.new("RGB", (200, 100), "white"), "JPEG", exif=exif)
    assert prepared_image(data, 1000, 1000).getSize() == (100, 200)


def test_preparing_a_bad_image_raises_with_the_issue():
    with pytest.raises(ImageError) as caught:
        prepared_image(b"GIF89a not really", 100, 100)
    assert caught.value.issue.message == "The file is not a readable PNG or JPEG image."
