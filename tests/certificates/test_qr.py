"""QR codes: reportlab's encoder, the standard's mask penalty, drawn module for module."""

import io
import random
import shutil
import subprocess

import pytest
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.barcode.qrencoder import QRPolynomial, QRUtil
from reportlab.pdfgen.canvas import Canvas

from tests.certificates import poppler
from training.certificates import qr
from training.certificates.qr import MASKS, draw_qr, penalty, qr_modules, qr_rows

URL = "https://daotao.vungtau.gov.vn/verify/GCN-2026-000123?code=K7QX3MNP2R"


def _strings(modules):
    return ["".join("1" if cell else "0" for cell in row) for row in modules]


def test_penalty_of_an_all_dark_symbol_follows_the_four_rules():
    # Rule 1: 42 lines of 21 -> 42 * (3 + 16); rule 2: 20 * 20 blocks * 3; rule 3: none; rule 4: 100 % dark -> 100.
    assert penalty(["1" * 21] * 21) == 42 * 19 + 1200 + 100


def test_penalty_of_a_checkerboard_is_zero():
    rows = ["".join("1" if (r + c) % 2 else "0" for c in range(21)) for r in range(21)]
    assert penalty(rows) == 0


def test_penalty_counts_finder_like_patterns_in_rows_and_columns():
    base = ["".join("1" if (r + c) % 2 else "0" for c in range(21)) for r in range(21)]
    with_pattern = list(base)
    with_pattern[10] = "10111010000" + base[10][11:]
    assert penalty(with_pattern) - penalty(base) >= 40


def test_the_chosen_mask_has_the_lowest_penalty():
    chosen = qr_modules(URL)
    encoder = QrCodeWidget(URL, barLevel="M").qr
    encoder.version = encoder.calculate_version()
    trial, final = {}, {}
    for mask in MASKS:
        encoder.makeImpl(True, mask)
        trial[mask] = penalty(_strings(encoder.modules))
        encoder.makeImpl(False, mask)
        final[mask] = tuple(tuple(bool(cell) for cell in row) for row in encoder.modules)
    used = [mask for mask, modules in final.items() if modules == chosen]
    assert len(used) == 1
    assert trial[used[0]] == min(trial.values())


@pytest.mark.parametrize("text,size", [(URL, 37), ("https://x.vn/v/1", 25), ("https://a.vn/" + "x" * 280, 69)])
def test_the_symbol_grows_with_the_text(text, size):
    modules = qr_modules(text)
    assert len(modules) == size and all(len(row) == size for row in modules)


def _draw(modules, pixels_per_module):
    buffer = io.BytesIO()
    count = len(modules)
    side = (count + 8) * pixels_per_module  # rendered at 72 dpi, one point is one pixel
    canvas = Canvas(buffer, pagesize=(side, side), invariant=1)
    draw_qr(canvas, modules, 4 * pixels_per_module, 4 * pixels_per_module, count * pixels_per_module)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_every_module_is_drawn_where_it_belongs():
    modules = qr_modules(URL)
    scale = 6
    image = poppler.raster(_draw(modules, scale), 72)
    for row_index, row in enumerate(modules):
        for col_index, dark in enumerate(row):
            centre = ((4 + col_index) * scale + scale // 2, (4 + row_index) * scale + scale // 2)
            assert (image.getpixel(centre) < 128) is dark, (row_index, col_index)


@pytest.mark.parametrize("number", range(5))
def test_a_phone_style_decoder_reads_the_url(number):
    zbarimg = shutil.which("zbarimg")
    if not zbarimg:
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools)")
    url = f"https://daotao.example.gov.vn/verify/GCN-2026-{number * 7919:06d}?code=ABCD{number:04d}XY"
    image = poppler.raster(_draw(qr_modules(url), 4), 72)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    result = subprocess.run([zbarimg, "-q", "--raw", "-"], input=buffer.getvalue(), capture_output=True)
    assert result.stdout.decode().strip() == url


TEXTS = [URL, "https://x.vn/v/1", "https://a.vn/" + "x" * 280, "0123456789" * 7, "NGUYỄN THỊ HƯƠNG " * 5,
         *(f"https://daotao.vungtau.gov.vn/verify/GCN-2026-{n:06d}?code=K7QX{n % 97:02d}" for n in range(0, 9000, 997))]


def _reportlab_symbol(text, level):
    """Return reportlab's own symbol for ``text``: makeImpl with the mask our penalty prefers."""
    encoder = QrCodeWidget(text, barLevel=level).qr
    encoder.version = encoder.calculate_version()
    scores = []
    for mask in MASKS:
        encoder.makeImpl(True, mask)
        scores.append((penalty(_strings(encoder.modules)), mask))
    encoder.makeImpl(False, min(scores)[1])
    return tuple(tuple(bool(cell) for cell in row) for row in encoder.modules)


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
def test_the_symbol_is_reportlabs_module_for_module(level):
    for text in TEXTS:
        assert qr_modules(text, level) == _reportlab_symbol(text, level), text
        assert qr_rows(text, level) == tuple(_strings(qr_modules(text, level)))


def test_the_packed_penalty_scores_like_the_string_penalty():
    generator = random.Random(6)
    for text in TEXTS:
        encoder = QrCodeWidget(text, barLevel="M").qr
        packing = qr._packing(encoder.calculate_version(), "M")
        size = packing.size
        for trial in packing.trials:
            # The mask's layout under random data, and two extremes (all light, all dark data).
            for data in (generator.getrandbits(size * size), 0, (1 << size * size) - 1):
                bits = format(data, f"0{size * size}b")
                data_rows = [bits[start:start + size] for start in range(0, size * size, size)]
                symbol = trial ^ qr._packed(qr._rows_and_columns(data_rows))
                text_symbol = format(symbol >> size * packing.stride, f"0{size * packing.stride - 1}b")
                rows = [text_symbol[start:start + size] for start in range(0, len(text_symbol), packing.stride)]
                assert qr._packed_penalty(symbol, packing) == penalty(rows)


def test_reed_solomon_codewords_are_reportlabs():
    generator = random.Random(7)
    for count in (7, 10, 18, 26, 30):
        for _round in range(20):
            data = [generator.randrange(256) for _ in range(generator.randint(1, 120))]
            polynomial = QRUtil.getErrorCorrectPolynomial(count)
            remainder = QRPolynomial(data, polynomial.getLength() - 1).mod(polynomial)
            expected = [remainder.get(i) if i >= 0 else 0 for i in range(remainder.getLength() - count,
                                                                         remainder.getLength())]
            assert qr._remainder(data, count) == expected


def test_rows_as_strings_draw_what_booleans_draw():
    assert _draw(qr_rows(URL), 3) == _draw(qr_modules(URL), 3)
