"""The per-process caches give exactly the bytes reportlab gives without them."""

import io

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from tests.certificates.samples import seal_png, signature_png
from training.certificates.images import prepared_image
from training.certificates.pdf_cache import ALPHABET, cache_subsets, declare_alphabet, draw_image
from training.core.pdf_fonts import FONT_DIR

TEXTS = ("Nguyễn Thị Thanh Hương", "ĐẶNG VĂN KHOA — Ủy ban nhân dân", "Trương Ánh Tuyết 2026")


def _font(name):
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / "DejaVuSerif.ttf")))
    return name


def _document(font, text, images=(), use_cache=False, declare=False):
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), invariant=1, pageCompression=1)
    if declare:
        declare_alphabet(canvas, [font])
    canvas.setFont(font, 14)
    canvas.drawString(72, 300, text)
    for index, image in enumerate(images):
        if use_cache:
            draw_image(canvas, image, 100 + 200 * index, 100, 160, 80)
        else:
            canvas.drawImage(image, 100 + 200 * index, 100, 160, 80, mask="auto", preserveAspectRatio=True,
                             anchor="c")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_cached_subsets_give_reportlabs_bytes():
    plain, cached = _font("CachePlainSerif"), _font("CacheCachedSerif")
    cache_subsets([cached])
    for text in TEXTS * 2:  # the second round hits the cache
        for declare in (False, True):
            assert _document(cached, text, declare=declare) == _document(plain, text, declare=declare)


def test_cached_images_give_reportlabs_bytes():
    images = [prepared_image(signature_png(), 667, 333), prepared_image(seal_png(), 350, 350)]
    font = _font("CachePlainSerif")
    for _round in range(2):
        assert _document(font, TEXTS[0], images, use_cache=True) == _document(font, TEXTS[0], images)
    fresh = [ImageReader(io.BytesIO(signature_png()))]
    assert _document(font, TEXTS[1], fresh, use_cache=True) == _document(font, TEXTS[1], fresh)


def test_the_declared_alphabet_fits_one_subset_per_face():
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    font = _font("CachePlainSerif")
    declare_alphabet(canvas, [font])
    assert {subset for subset, _codes in pdfmetrics.getFont(font).splitString(ALPHABET, canvas._doc)} == {0}
