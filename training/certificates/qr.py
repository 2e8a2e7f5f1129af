"""QR codes for certificates, encoded by reportlab's own QR widget and drawn as one path (pure).

``reportlab.graphics.barcode.qr.QrCodeWidget`` holds reportlab's encoder (``widget.qr``). Two
of its steps are too slow for printing certificates in bulk (about 20 ms per code, more than
the rest of the page), so this module replaces them and keeps everything else:

* choosing the mask: the encoder lays out all eight masks (that part is kept) but scores each
  with list-of-booleans loops; :func:`penalty` scores them with string and integer operations,
  following the four rules of ISO/IEC 18004 (section 7.8.3);
* drawing: instead of one validated shape object per dark run rendered through ``renderPDF``,
  :func:`draw_qr` writes the runs as rectangles of a single filled path in module units.

Whatever mask is chosen, the symbol is built by reportlab's ``makeImpl`` and is a valid code; the
score only decides which valid code is easiest for a phone camera to read.
"""

import re
from itertools import groupby

from reportlab.graphics.barcode.qr import QrCodeWidget

# "M" restores about 15 % of damaged modules: a printed certificate gets folded and stamped.
ERROR_LEVEL = "M"
# The quiet zone the QR standard asks for around the symbol, in modules.
QUIET_ZONE = 4
MASKS = range(8)
_RUNS = re.compile(r"0{5,}|1{5,}")
# A finder-like 1:1:3:1:1 pattern with four light modules on one side (rule 3).
_FINDER_LIKE = ("10111010000", "00001011101")


def penalty(rows):
    """Return the ISO/IEC 18004 mask penalty of a symbol given as strings of '0'/'1', top first."""
    size = len(rows)
    lines = [*rows, *("".join(column) for column in zip(*rows, strict=True))]
    score = sum(len(run.group()) - 2 for run in _RUNS.finditer(" ".join(lines)))  # rule 1: 3 + (n - 5)
    full = (1 << (size - 1)) - 1
    values = [int(row, 2) for row in rows]
    for upper, lower in zip(values, values[1:], strict=False):
        # Rule 2: a 2x2 block of one colour: the two rows agree in two neighbouring columns and
        # the upper row's two modules agree with each other.
        agree = ~(upper ^ lower)
        pairs = agree & (agree >> 1) & ~(upper ^ (upper >> 1)) & full
        score += 3 * pairs.bit_count()
    score += 40 * sum(line.count(pattern) for line in lines for pattern in _FINDER_LIKE)
    dark = sum(row.count("1") for row in rows)
    score += 10 * (abs(dark * 100 // (size * size) - 50) // 5)  # rule 4: balance of dark and light
    return score


def _rows(encoder):
    # "01"[True] is "1": the cells are booleans.
    return ["".join(map("01".__getitem__, row)) for row in encoder.modules]


def qr_modules(text, level=ERROR_LEVEL):
    """Return the QR symbol for ``text`` as rows of booleans (True = dark), top row first."""
    encoder = QrCodeWidget(text, barLevel=level).qr
    encoder.version = encoder.calculate_version()
    scores = []
    for mask in MASKS:
        encoder.makeImpl(True, mask)  # True: a trial layout, as the encoder's own make() does
        scores.append((penalty(_rows(encoder)), mask))
    encoder.makeImpl(False, min(scores)[1])
    return tuple(tuple(bool(cell) for cell in row) for row in encoder.modules)


def draw_qr(canvas, modules, x, y, size):
    """Draw ``modules`` with its lower-left corner at (``x``, ``y``), ``size`` points wide.

    The caller keeps a quiet zone of :data:`QUIET_ZONE` modules free around it.
    """
    count = len(modules)
    operators = []
    for row_index, row in enumerate(modules):
        # PDF's y axis points up, the matrix's rows go down.
        bottom = count - 1 - row_index
        column = 0
        for dark, run in groupby(row):
            length = sum(1 for _ in run)
            if dark:
                operators.append(f"{column} {bottom} {length} 1 re")
            column += length
    canvas.saveState()
    scale = size / count
    canvas.transform(scale, 0, 0, scale, x, y)
    # One path and one fill: integer coordinates, no per-module objects, no seams between runs.
    canvas.addLiteral("\n".join(operators) + "\nf")
    canvas.restoreState()
