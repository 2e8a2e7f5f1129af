"""QR codes: reportlab's encoder, the standard's mask penalty, drawn module for module."""

import io
import shutil
import subprocess

import pytest
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.pdfgen.canvas import Canvas

from tests.certificates import poppler
from training.certificates.qr import MASKS, draw_qr, penalty, qr_modules

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
