"""Checking uploaded images by their content, not their name (pure: Pillow only).

A file called ``photo.png`` may be HTML, SVG with script, or a decompression bomb. Only PNG,
JPEG, GIF (not animated) and WebP that Pillow can fully decode within a pixel budget pass.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from training.core.messages import N_, Issue

ALLOWED_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class ImageInfo:
    """What an accepted image is."""

    content_type: str
    width: int
    height: int
    size: int


def inspect_image(data, max_bytes):
    """Return ``(ImageInfo, None)`` for an acceptable image, or ``(None, Issue)`` saying why not."""
    if not data:
        return None, Issue(N_("The file is empty."))
    if len(data) > max_bytes:
        return None, Issue(N_("The image is larger than %(max)s KB."), params={"max": max_bytes // 1024})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                width, height = probe.size
                frames = getattr(probe, "n_frames", 1)
                probe.verify()
            if fmt not in ALLOWED_FORMATS:
                return None, Issue(N_("Only PNG, JPEG, GIF or WebP images can be used."))
            if width * height > MAX_PIXELS:
                return None, Issue(N_("The image has too many pixels."))
            if frames > 1:
                return None, Issue(N_("Animated images cannot be used."))
            with Image.open(io.BytesIO(data)) as full:
                full.load()  # verify() does not decode pixel data; a truncated file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        return None, Issue(N_("The file is not an image (its content was checked, not its name)."))
    return ImageInfo(ALLOWED_FORMATS[fmt], width, height, len(data)), None
