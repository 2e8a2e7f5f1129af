"""QR codes for certificates, encoded by reportlab's own QR widget and drawn as one path (pure).

``reportlab.graphics.barcode.qr.QrCodeWidget`` holds reportlab's encoder (``widget.qr``). Two
of its steps are too slow for printing certificates in bulk (about 20 ms per code, more than
the rest of the page), so this module replaces them and keeps everything else:

* choosing the mask: the encoder lays out all eight masks (that part is kept) but scores each
  with list-of-booleans loops; :func:`penalty` scores them with string and integer operations,
  following the four rules of ISO/IEC 18004 (section 7.8.3);
* drawing: instead of one validated shape object per dark run rendered through ``renderPDF``,
  :func:`draw_qr` writes the runs as rectangles of a single filled path in module units.

* laying out: everything that does not depend on the text (finder, timing and alignment
  patterns, format information, the order in which data modules are placed, and the mask) is
  laid out once per version, level and mask by reportlab's ``makeImpl`` with all-zero data and
  kept for the process. A symbol is then that layout XOR the text's data bits, which is exactly
  what ``makeImpl`` computes (``dark ^ mask``); the tests compare the two module for module;
* the Reed-Solomon generator polynomial depends only on the number of error-correction
  codewords, so it is built once per count instead of once per code.

Whatever mask is chosen, the symbol is reportlab's layout for that mask and is a valid code;
the score only decides which valid code is easiest for a phone camera to read.
"""

import itertools
import re
from functools import lru_cache
from itertools import groupby

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.barcode.qrencoder import QRCode, QRRSBlock, QRUtil

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
    # Rows and columns in one string: the spaces keep runs and patterns from crossing lines.
    lines = " ".join([*rows, *("".join(column) for column in zip(*rows, strict=True))])
    runs = _RUNS.findall(lines)
    score = sum(map(len, runs)) - 2 * len(runs)  # rule 1: 3 + (n - 5) per run of five or more
    full = (1 << (size - 1)) - 1
    values = [int(row, 2) for row in rows]
    for upper, lower in zip(values, values[1:], strict=False):
        # Rule 2: a 2x2 block of one colour: the two rows agree in two neighbouring columns and
        # the upper row's two modules agree with each other.
        agree = ~(upper ^ lower)
        pairs = agree & (agree >> 1) & ~(upper ^ (upper >> 1)) & full
        score += 3 * pairs.bit_count()
    score += 40 * sum(lines.count(pattern) for pattern in _FINDER_LIKE)  # rule 3
    dark = sum(row.count("1") for row in rows)
    score += 10 * (abs(dark * 100 // (size * size) - 50) // 5)  # rule 4: balance of dark and light
    return score


def _rows(encoder):
    # "01"[True] is "1": the cells are booleans.
    return ["".join(map("01".__getitem__, row)) for row in encoder.modules]


def _as_int(row):
    return int("".join(map("01".__getitem__, row)), 2)


@lru_cache(maxsize=64)
def _layout(version, level):
    """Return ``(size, data positions, trial layouts, final layouts)`` of a version and level.

    A layout is the symbol with all-zero data, one row per int (most significant bit = left);
    trial layouts have blank format information, as reportlab scores masks on them.
    """
    encoder = QrCodeWidget("0", barLevel=level).qr
    encoder.version = version
    capacity = sum(block.totalCount for block in QRRSBlock.getRSBlocks(version, encoder.errorCorrectLevel))
    encoder.dataCache = [0] * capacity
    layouts = {}
    for test in (True, False):
        for mask in MASKS:
            encoder.makeImpl(test, mask)
            layouts[test, mask] = tuple(_as_int(row) for row in encoder.modules)
    return (encoder.moduleCount, tuple(encoder.dataPosIterator()),
            tuple(layouts[True, mask] for mask in MASKS), tuple(layouts[False, mask] for mask in MASKS))


# GF(256) with the QR code's polynomial x^8 + x^4 + x^3 + x^2 + 1, for Reed-Solomon.
_EXP = [0] * 510
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _EXP[_power + 255] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D


@lru_cache(maxsize=64)
def _generator(count):
    """Return the logs of the generator polynomial's coefficients after the leading 1."""
    return tuple(_LOG[c] for c in QRUtil.getErrorCorrectPolynomial(count).num[1:])


def _remainder(data, count):
    """Return the ``count`` error-correction codewords of ``data`` (polynomial division in GF(256))."""
    generator = _generator(count)
    remainder = [0] * count
    for byte in data:
        factor = byte ^ remainder[0]
        remainder = remainder[1:] + [0]
        if factor:
            log = _LOG[factor]
            for index, coefficient in enumerate(generator):
                remainder[index] ^= _EXP[coefficient + log]
    return remainder


class _Bits:
    """The bit buffer the data segments write into (a string of '0'/'1')."""

    def __init__(self):
        self.parts = []
        self.length = 0

    def put(self, number, length):
        self.parts.append(format(number, f"0{length}b"))
        self.length += length

    def putBit(self, bit):  # noqa: N802 - reportlab's segments call it by this name
        self.parts.append("1" if bit else "0")
        self.length += 1

    def getLengthInBits(self):  # noqa: N802
        return self.length


def _codewords(version, level, data_list):
    """Return the data and error-correction codewords, as ``QRCode.createData`` does."""
    blocks = QRRSBlock.getRSBlocks(version, level)
    capacity = sum(block.dataCount for block in blocks) * 8
    bits = _Bits()
    for data in data_list:
        data.write(bits, version)
    if bits.length > capacity:
        raise ValueError("the text does not fit the QR code")
    text = "".join(bits.parts)
    text += "0" * min(4, capacity - len(text))  # the terminator
    text += "0" * (-len(text) % 8)
    stream = [int(text[i:i + 8], 2) for i in range(0, len(text), 8)]
    stream += [(QRCode.PAD0, QRCode.PAD1)[i % 2] for i in range(capacity // 8 - len(stream))]
    offset, data_blocks, ec_blocks = 0, [], []
    for block in blocks:
        data = stream[offset:offset + block.dataCount]
        offset += block.dataCount
        data_blocks.append(data)
        ec_blocks.append(_remainder(data, block.totalCount - block.dataCount))
    return [byte for group in itertools.chain(itertools.zip_longest(*data_blocks), itertools.zip_longest(*ec_blocks))
            for byte in group if byte is not None]


def qr_modules(text, level=ERROR_LEVEL):
    """Return the QR symbol for ``text`` as rows of booleans (True = dark), top row first."""
    encoder = QrCodeWidget(text, barLevel=level).qr
    version = encoder.calculate_version()
    size, positions, trials, finals = _layout(version, level)
    shift = size - 1
    data = [0] * size
    bits = "".join(map("{:08b}".format, _codewords(version, encoder.errorCorrectLevel, encoder.dataList)))
    for (column, row), bit in zip(positions, bits, strict=False):
        if bit == "1":
            data[row] |= 1 << (shift - column)
    width = f"0{size}b"
    scores = [(penalty([format(a ^ b, width) for a, b in zip(trial, data, strict=True)]), mask)
              for mask, trial in zip(MASKS, trials, strict=True)]
    final = finals[min(scores)[1]]
    return tuple(tuple(char == "1" for char in format(a ^ b, width)) for a, b in zip(final, data, strict=True))


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
