"""Platypus tables of the PDF report (pure: reportlab only), built from ``tables.TableData``.

Tables break across pages with their header row repeated (``repeatRows``); numbers are right
aligned in Vietnamese format; text cells are paragraphs, so long unit names wrap instead of
overflowing, and every text is XML-escaped first (reportlab paragraphs read a markup language,
in which a unit called ``<b>`` or ``<script>`` would otherwise be markup, or an error).
"""

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from training.core.pdf_fonts import SANS, SANS_BOLD
from training.core.time import format_date
from training.reports.formatting import (
    clean_text,
    format_decimal,
    format_int,
    format_signed_decimal,
    format_signed_int,
)

FONT_SIZE = 7.5
HEADER_FILL = colors.HexColor("#e9ecef")
TOTAL_FILL = colors.HexColor("#f3f4f6")
RULE = colors.HexColor("#6c757d")
INDENT = 7
NUMERIC = ("int", "percent", "decimal", "number", "signed")

_HEADER = ParagraphStyle("th", fontName=SANS_BOLD, fontSize=FONT_SIZE - 0.5, leading=FONT_SIZE + 1,
                         alignment=TA_CENTER)
_CELL = ParagraphStyle("td", fontName=SANS, fontSize=FONT_SIZE, leading=FONT_SIZE + 1.8, alignment=TA_LEFT)
_CELL_BOLD = ParagraphStyle("td-b", parent=_CELL, fontName=SANS_BOLD)
_INDENTED = {}


def markup(value):
    """Return ``value`` as paragraph text: NFC, XML-illegal characters dropped, escaped."""
    return escape(clean_text(value))


def format_cell(value, kind):
    """Return the printed text of one value of a column ``kind``."""
    if value is None:
        return "–" if kind in NUMERIC else ""
    if kind == "date":
        return format_date(value)
    if kind == "signed":
        return format_signed_int(value) if isinstance(value, int) else format_signed_decimal(value)
    if kind in ("percent", "decimal") or (kind == "number" and not isinstance(value, int)):
        return format_decimal(value)
    if kind in ("int", "number"):
        return format_int(value)
    return clean_text(value)


def _text_style(level, bold):
    key = (max(level, 0), bold)
    if key not in _INDENTED:
        _INDENTED[key] = ParagraphStyle(f"td-{key}", parent=_CELL_BOLD if bold else _CELL,
                                        leftIndent=INDENT * key[0])
    return _INDENTED[key]


def pdf_table(data, width):
    """Return a platypus ``Table`` of ``data`` (a ``TableData``) filling ``width`` points."""
    shown = data.pdf_columns()
    columns = [data.columns[i] for i in shown]
    shares = sum(c.pdf_width for c in columns)
    widths = [width * c.pdf_width / shares for c in columns]
    rows = [[Paragraph(markup(c.header), _HEADER) for c in columns]]
    levels = data.levels or (0,) * len(data.rows)
    nested = any(level > 0 for level in levels)
    for values, level in zip(data.rows, levels, strict=True):
        # Total rows, and top units of a tree, are bold so the structure reads without colour.
        bold = level < 0 or (nested and level == 0)
        cells = []
        for index, column in zip(shown, columns, strict=True):
            value = values[index]
            if column.kind == "text" and column.pdf_width and column.pdf_width >= 1.5:
                cells.append(Paragraph(markup(value), _text_style(level if column.key == "name" else 0, bold)))
            elif column.key == "no":
                cells.append("" if value is None else format_int(value))
            else:
                cells.append(format_cell(value, column.kind))
        rows.append(cells)
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1, hAlign="CENTER")
    table.setStyle(TableStyle(_style(columns, data, levels, nested)))
    return table


def _style(columns, data, levels, nested):
    commands = [
        ("FONT", (0, 0), (-1, -1), SANS, FONT_SIZE, FONT_SIZE + 1.8),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for index, column in enumerate(columns):
        if column.kind in NUMERIC:
            commands.append(("ALIGN", (index, 1), (index, -1), "CENTER" if column.key == "no" else "RIGHT"))
        elif column.kind == "date":
            commands.append(("ALIGN", (index, 1), (index, -1), "CENTER"))
    for row, level in enumerate(levels, start=1):
        if level < 0:
            commands.append(("BACKGROUND", (0, row), (-1, row), TOTAL_FILL))
        if level < 0 or (nested and level == 0):
            commands.append(("FONT", (0, row), (-1, row), SANS_BOLD, FONT_SIZE, FONT_SIZE + 1.8))
    return commands
