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


def test_the_declared_alphabet_is_what_splitting_it_assigns():
    font = pdfmetrics.getFont(_font("CachePlainSerif"))
    for _round in range(2):  # the second round copies the state worked out in the first
        declared, split = Canvas(io.BytesIO()), Canvas(io.BytesIO())
        declare_alphabet(declared, [font.fontName])
        font.splitString(ALPHABET, split._doc)
        ours, theirs = font.state[declared._doc], font.state[split._doc]
        assert vars(ours) == vars(theirs)
        # Each document gets its own copy: adding a character to one leaves the next untouched.
        font.splitString("\u20ac", declared._doc)
        assert "\u20ac" not in map(chr, font.state[split._doc].assignments)
        assert ord("\u20ac") not in _alphabet_assignments(font)


def _alphabet_assignments(font):
    fresh = Canvas(io.BytesIO())
    declare_alphabet(fresh, [font.fontName])
    return font.state[fresh._doc].assignments


def test_a_document_that_already_used_the_font_gets_the_alphabet_added():
    font = pdfmetrics.getFont(_font("CachePlainSerif"))
    declared, split = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    for canvas in (declared, split):
        font.splitString("€ Ω", canvas._doc)
    declare_alphabet(declared, [font.fontName])
    font.splitString(ALPHABET, split._doc)
    assert vars(font.state[declared._doc]) == vars(font.state[split._doc])


def test_an_image_formatted_once_follows_its_soft_masks_object_number():
    images = [prepared_image(signature_png(), 667, 333), prepared_image(seal_png(), 350, 350)]
    font = _font("CachePlainSerif")
    # One image, then two (the soft mask of the second moves): each layout matches reportlab's.
    for chosen in ([images[1]], images, images[::-1], [images[1]]):
        assert _document(font, TEXTS[0], chosen, use_cache=True) == _document(font, TEXTS[0], chosen)
