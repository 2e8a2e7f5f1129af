"""Vietnamese formatting of report numbers, dates and text (pure).

Vietnamese writes a decimal comma and a thousands dot ("1.234", "80,0%"). Percentages and
averages are kept as exact ``Decimal`` values and rounded half up to one decimal only when shown,
so that 66.65 shows as "66,7" (Python's ``round`` would give banker's rounding).
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from training.core.text import nfc

ONE_DECIMAL = Decimal("0.1")
SUM_SCALE = Decimal("0.0001")
HUNDRED = Decimal(100)
# Characters XML 1.0 forbids (C0 controls except tab/newline/CR, surrogates, U+FFFE/FFFF): an SVG or
# a reportlab paragraph containing one is malformed, so they are dropped rather than escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def percent(part, whole):
    """Return ``part / whole`` as an exact percentage ``Decimal``, or ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    return Decimal(part) * HUNDRED / Decimal(whole)


def ratio(total, count):
    """Return the average ``total / count`` as a ``Decimal``, or ``None`` when ``count`` is 0."""
    if not count:
        return None
    return Decimal(total) / Decimal(count)


def exact(value):
    """Return ``value`` as a ``Decimal`` of at most 4 decimals without trailing zeros.

    SQLite sums scores as floats (``2640.4999999``), PostgreSQL as numerics (``Decimal("2640.50")``);
    both must give the same snapshot bytes, so sums are rounded and written in one canonical form.
    """
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    number = number.quantize(SUM_SCALE, rounding=ROUND_HALF_UP).normalize()
    return number.quantize(Decimal(1)) if number.as_tuple().exponent > 0 else number


def round1(value):
    """Round a ``Decimal`` half up to one decimal (``None`` stays ``None``)."""
    if value is None:
        return None
    return Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def format_int(value):
    """Format an integer the Vietnamese way: ``1234567`` -> ``"1.234.567"``."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


def format_decimal(value, empty="–"):
    """Format a ``Decimal`` with one decimal and a decimal comma: ``Decimal("1234.56")`` -> ``"1.234,6"``."""
    if value is None:
        return empty
    rounded = round1(value)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    return f"{sign}{format_int(int(whole))},{fraction or '0'}"


def format_percent(value, empty="–"):
    """Format a percentage ``Decimal`` as ``"80,0%"``; ``None`` gives ``empty``."""
    if value is None:
        return empty
    return format_decimal(value) + "%"


def format_signed_int(value):
    """Format a change with its sign: ``+3``, ``-2``, ``0``."""
    if value > 0:
        return "+" + format_int(value)
    return format_int(value)


def format_signed_decimal(value, empty="–"):
    """Format a change of a ``Decimal`` with its sign: ``+5,0``, ``-1,2``, ``0,0``."""
    if value is None:
        return empty
    text = format_decimal(value)
    return "+" + text if round1(value) > 0 else text


def document_date(day):
    """Return the date of an administrative document, ``"ngày 05 tháng 02 năm 2026"``.

    Decree 30/2020/ND-CP writes a leading zero for days below 10 and for the months 1 and 2 only
    (so that "tháng 1" cannot later be turned into "tháng 11"); other months carry no zero.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def clean_text(value):
    """Return ``value`` as NFC text without characters XML cannot carry (not yet escaped)."""
    if value is None:
        return ""
    return _NOT_XML.sub("", nfc(str(value)))
