"""QR codes for certificates, encoded by reportlab's own QR widget and drawn as one path (pure).

``reportlab.graphics.barcode.qr.QrCodeWidget`` holds reportlab's encoder (``widget.qr``). Its
steps are too slow for printing certificates in bulk (about 20 ms per code, more than the rest
of the page), so this module redoes them, symbol for symbol, and keeps its tables and segments:

* choosing the mask: reportlab scores each of the eight masks with list-of-booleans loops;
  :func:`penalty` states the four rules of ISO/IEC 18004 (section 7.8.3) on strings, and the
  certificates use :func:`_packed_penalty`, the same scores from bit operations (below);
* drawing: instead of one validated shape object per dark run rendered through ``renderPDF``,
  :func:`draw_qr` writes the runs as rectangles of a single filled path in module units;
* laying out: everything that does not depend on the text (finder, timing and alignment
  patterns, format information, the order in which data modules are placed, and the mask) is
  laid out once per version, level and mask by reportlab's ``makeImpl`` with all-zero data and
  kept for the process. A symbol is then that layout XOR the text's data bits, which is exactly
  what ``makeImpl`` computes (``dark ^ mask``); the tests compare the two module for module;
* the Reed-Solomon generator polynomial depends only on the number of error-correction
  codewords, so it is built once per count, with its product by each of the 256 possible
  factors as one integer: a division step is a shift and an XOR;
* scoring the eight masks: the symbol's rows and columns are packed into one integer (a line
  after another, with a light module between lines), so each penalty rule is a handful of
  whole-symbol bit operations (:func:`_packed_penalty`) instead of a loop over lines; it gives
  the very scores of :func:`penalty` (the tests compare, over many symbols and every mask).

Whatever mask is chosen, the symbol is reportlab's layout for that mask and is a valid code;
the score only decides which valid code is easiest for a phone camera to read.
"""

import itertools
import re
from functools import lru_cache
from operator import itemgetter

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


@lru_cache(maxsize=64)
def _products(count):
    """Return, for each factor 0-255, the generator times the factor as one big-endian integer."""
    generator = _generator(count)
    products = [0]
    for factor in range(1, 256):
        log = _LOG[factor]
        products.append(int.from_bytes(bytes(_EXP[coefficient + log] for coefficient in generator), "big"))
    return products


def _remainder(data, count):
    """Return the ``count`` error-correction codewords of ``data`` (polynomial division in GF(256))."""
    products = _products(count)
    top, keep = 8 * (count - 1), (1 << 8 * count) - 1
    remainder = 0  # the remainder's codewords as one integer, the first one most significant
    for byte in data:
        factor = byte ^ (remainder >> top)
        remainder = ((remainder << 8) & keep) ^ products[factor]
    return list(remainder.to_bytes(count, "big"))


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


def _packed(lines):
    """Return '0'/'1' strings of one length as one integer: the lines in order, a 0 between two."""
    return int("0".join(lines), 2)


def _window_mask(size, lines, first_column):
    """Return the packed positions (as :func:`_packed`) from ``first_column`` on, in every line."""
    line = "0" * first_column + "1" * (size - first_column)
    return _packed([line] * lines)


class _Packing:
    """Where a version and level's symbol goes in the packed integer of its rows then its columns.

    A bit operation then works on every line at once; the masks keep each rule inside a line.
    """

    def __init__(self, version, level):
        size, positions, trials, finals = _layout(version, level)
        width = f"0{size}b"
        self.size, self.stride = size, size + 1
        self.length = 2 * size * self.stride - 1
        self.trials = tuple(_packed(_rows_and_columns([format(row, width) for row in trial])) for trial in trials)
        self.finals = tuple(_packed([format(row, width) for row in final]) for final in finals)
        # Packed position -> data bit: the positions not holding data read the extra '0' at the end.
        index = {}
        for bit, (column, row) in enumerate(positions):
            index[row * self.stride + column] = bit
            index[(size + column) * self.stride + row] = bit
        self.extra = len(positions)
        self.pick = itemgetter(*(index.get(position, self.extra) for position in range(self.length)))
        self.pairs = _window_mask(size, 2 * size, 1)  # a module and its left neighbour in one line
        # Rule 2: the lower right module of a 2x2 block, in the rows only (each block counts once).
        self.blocks = _packed(["0" * size] + ["0" + "1" * (size - 1)] * (size - 1) + ["0" * size] * size)
        self.elevens = _window_mask(size, 2 * size, 10)  # the last module of 11 in one line


@lru_cache(maxsize=64)
def _packing(version, level):
    return _Packing(version, level)


def _rows_and_columns(rows):
    return [*rows, *("".join(column) for column in zip(*rows, strict=True))]


def _packed_penalty(symbol, packing):
    """Return :func:`penalty` of the symbol packed (as :class:`_Packing`) into ``symbol``."""
    # Bit i of symbol >> k is the module k places before module i in the same line (or a gap).
    before = [symbol >> shift for shift in range(11)]
    same = ~(symbol ^ before[1]) & packing.pairs  # a module like the one before it
    fives = same & same >> 1 & same >> 2 & same >> 3  # the last of five alike
    runs = fives & ~(fives >> 1)  # ... that starts a run of five or more
    score = fives.bit_count() + 2 * runs.bit_count()  # rule 1: 3 + (n - 5) per run of n >= 5
    above = ~(symbol ^ symbol >> packing.stride)  # a module like the one above it
    score += 3 * (same & above & above >> 1 & packing.blocks).bit_count()  # rule 2: 2x2 blocks
    # Rule 3: 1011101 with four light modules before it or after it (a finder-like pattern).
    core = before[0] & ~before[1] & before[2] & before[3] & before[4] & ~before[5] & before[6]
    light = ~(before[0] | before[1] | before[2] | before[3])
    ends = packing.elevens
    score += 40 * ((core >> 4 & light & ends).bit_count() + (core & light >> 7 & ends).bit_count())
    size = packing.size
    dark = symbol.bit_count() // 2  # every dark module is in a row and in a column
    score += 10 * (abs(dark * 100 // (size * size) - 50) // 5)  # rule 4: balance of dark and light
    return score


def qr_rows(text, level=ERROR_LEVEL):
    """Return the QR symbol for ``text`` as strings of '0'/'1' (1 = dark), top row first."""
    encoder = QrCodeWidget(text, barLevel=level).qr
    version = encoder.calculate_version()
    packing = _packing(version, level)
    bits = "".join(map("{:08b}".format, _codewords(version, encoder.errorCorrectLevel, encoder.dataList)))
    bits = bits[:packing.extra].ljust(packing.extra, "0") + "0"
    data = int("".join(packing.pick(bits)), 2)
    scores = [(_packed_penalty(trial ^ data, packing), mask) for mask, trial in zip(MASKS, packing.trials, strict=True)]
    size, stride = packing.size, packing.stride
    # The rows are the first half of the packed symbol; the final layout has its format information.
    rows = format(packing.finals[min(scores)[1]] ^ data >> size * stride, f"0{size * stride - 1}b")
    return tuple(rows[start:start + size] for start in range(0, len(rows), stride))


def qr_modules(text, level=ERROR_LEVEL):
    """Return the QR symbol for ``text`` as rows of booleans (True = dark), top row first."""
    return tuple(tuple(char == "1" for char in row) for row in qr_rows(text, level))


_DARK_RUNS = re.compile("1+")


def draw_qr(canvas, modules, x, y, size):
    """Draw ``modules`` (rows of booleans or of '0'/'1') with its lower-left corner at (``x``, ``y``),
    ``size`` points wide.

    The caller keeps a quiet zone of :data:`QUIET_ZONE` modules free around it.
    """
    count = len(modules)
    operators = []
    for row_index, row in enumerate(modules):
        if not isinstance(row, str):
            row = "".join(map("01".__getitem__, row))
        # PDF's y axis points up, the matrix's rows go down.
        bottom = count - 1 - row_index
        operators.extend(f"{run.start()} {bottom} {run.end() - run.start()} 1 re" for run in _DARK_RUNS.finditer(row))
    canvas.saveState()
    scale = size / count
    canvas.transform(scale, 0, 0, scale, x, y)
    # One path and one fill: integer coordinates, no per-module objects, no seams between runs.
    canvas.addLiteral("\n".join(operators) + "\nf")
    canvas.restoreState()
