"""Signature and seal images: checked by their content, never by their file name (pure).

An uploaded signature or seal ends up inside an official document, so only plain PNG and JPEG
pass: the bytes are opened and verified with Pillow. SVG (scripts, external references),
animated images, other formats, truncated files and decompression bombs (a few kilobytes
that claim billions of pixels; Pillow's ``MAX_IMAGE_PIXELS`` limit) are refused.
"""

import io
import warnings
from functools import lru_cache

from PIL import Image, ImageOps
from reportlab.lib.utils import ImageReader

from training.core.messages import N_, Issue

ACCEPTED_FORMATS = ("PNG", "JPEG")
# A scanned signature or seal is a few hundred kilobytes at most.
DEFAULT_MAX_BYTES = 2 * 1024 * 1024


def _looks_like_svg(data):
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def _open_verified(data):
    """Open, verify and fully decode ``data``; return the image, or raise on any problem."""
    # verify() checks the structure (PNG chunk CRCs) but leaves the image unusable, and load()
    # is what finds a truncated JPEG; so open twice.
    with Image.open(io.BytesIO(data)) as probe:
        probe.verify()
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def check_image(data, max_bytes=DEFAULT_MAX_BYTES):
    """Check that ``data`` is a still PNG or JPEG image of at most ``max_bytes``.

    Return ``None`` when it is, or an :class:`Issue` that says what is wrong.
    """
    if not data:
        return Issue(N_("The image file is empty."))
    if len(data) > max_bytes:
        return Issue(N_("The image is too large (%(size)s KB); the limit is %(limit)s KB."),
                     params={"size": -(-len(data) // 1024), "limit": max_bytes // 1024})
    if _looks_like_svg(data):
        return Issue(N_("SVG images are not accepted; upload a PNG or JPEG image."))
    try:
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; refuse both.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = _open_verified(data)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return Issue(N_("The image has too many pixels to be processed safely."))
    except Exception:  # Pillow raises many types for broken input; all mean "not an image"
        return Issue(N_("The file is not a readable PNG or JPEG image."))
    with image:
        if image.format not in ACCEPTED_FORMATS:
            return Issue(N_("Only PNG and JPEG images are accepted (this file is %(format)s)."),
                         params={"format": image.format or "?"})
        if getattr(image, "is_animated", False) or getattr(image, "n_frames", 1) > 1:
            return Issue(N_("Animated images are not accepted."))
        if min(image.size) < 1:
            return Issue(N_("The file is not a readable PNG or JPEG image."))
    return None


class ImageError(ValueError):
    """An image refused by :func:`check_image`; ``issue`` says why."""

    def __init__(self, issue):
        super().__init__(issue.message % issue.params if issue.params else issue.message)
        self.issue = issue


# A batch prints the same signature and seal on every page: prepare each image once.
@lru_cache(maxsize=16)
def prepared_image(data, max_width, max_height, max_bytes=DEFAULT_MAX_BYTES):
    """Return ``data`` checked and scaled down to fit ``max_width`` x ``max_height`` pixels.

    The result is a reportlab ``ImageReader`` of an RGB or RGBA image (transparency kept), so a
    3000-pixel scan does not make every certificate megabytes large.

    :raises ImageError: when :func:`check_image` refuses ``data``.
    """
    issue = check_image(data, max_bytes)
    if issue is not None:
        raise ImageError(issue)
    with Image.open(io.BytesIO(data)) as opened:
        # A photographed signature is often stored sideways with an EXIF rotation.
        image = ImageOps.exif_transpose(opened)
        transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if transparent else "RGB")
    image.thumbnail((max_width, max_height), Image.Resampling.LANCZOS)
    return ImageReader(image)
