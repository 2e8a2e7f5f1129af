"""Reading and writing spreadsheets (pure): CSV and XLSX in, CSV with BOM and XLSX out.

Uploaded files are untrusted: size, row count and the uncompressed size of an XLSX (a zip)
are bounded before anything is parsed, so a zip bomb is refused instead of filling memory.
Cells written out are made formula-safe (a name like ``=HYPERLINK(...)`` stays text).
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from training.core.messages import N_
from training.core.text import clean_line, spreadsheet_safe

XLSX_MAX_UNCOMPRESSED = 50 * 1024 * 1024
XLSX_MAX_RATIO = 100


class TableError(ValueError):
    """The file cannot be read as a table. ``message`` is an English msgid; ``params`` fill it."""

    def __init__(self, message, **params):
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Table:
    """Rows of a spreadsheet: ``header`` names (lower-cased) and ``rows`` as (row number, dict)."""

    header: tuple
    rows: tuple


def read_table(filename, data, max_rows):
    """Parse an uploaded CSV or XLSX file.

    Row numbers are those a spreadsheet shows: the header is row 1, data starts at row 2.

    :raises TableError: unknown type, not UTF-8, empty, too many rows, or a suspicious XLSX.
    """
    name = (filename or "").lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        raw_rows = _xlsx_rows(data, max_rows)
    elif name.endswith(".csv") or name.endswith(".txt"):
        raw_rows = _csv_rows(data, max_rows)
    else:
        raise TableError(N_("Only CSV (UTF-8) and XLSX files can be imported."))
    raw_rows = [row for row in raw_rows if any(cell.strip() for cell in row[1])]
    if not raw_rows:
        raise TableError(N_("The file is empty."))
    header_number, header_cells = raw_rows[0]
    header = tuple(clean_line(h).lower() for h in header_cells)
    rows = []
    for number, cells in raw_rows[1:]:
        values = {}
        for index, column in enumerate(header):
            if column:
                values[column] = clean_line(cells[index]) if index < len(cells) else ""
        rows.append((number, values))
    if len(rows) > max_rows:
        raise TableError(N_("The file has more than %(max)s rows."), max=max_rows)
    return Table(header=header, rows=tuple(rows))


def _csv_rows(data, max_rows):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(
            N_("The file is not UTF-8 (line %(line)s). Save it as \"CSV UTF-8\" or as XLSX."), line=line
        ) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for row in reader:
        if len(rows) > max_rows + 1:
            raise TableError(N_("The file has more than %(max)s rows."), max=max_rows)
        rows.append((reader.line_num, row))
    return rows


def _xlsx_rows(data, max_rows):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise TableError(N_("The file is not a valid XLSX workbook.")) from None
    if total > XLSX_MAX_UNCOMPRESSED or total > XLSX_MAX_RATIO * max(len(data), 1):
        raise TableError(N_("The workbook expands to an unreasonable size and was refused."))
    from openpyxl import load_workbook  # imported here: heavy, and only needed for XLSX

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a corrupt file
        raise TableError(N_("The file is not a valid XLSX workbook.")) from None
    sheet = workbook.worksheets[0]
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if len(rows) > max_rows + 1:
            workbook.close()
            raise TableError(N_("The file has more than %(max)s rows."), max=max_rows)
        rows.append((number, ["" if cell is None else _cell_text(cell) for cell in row]))
    workbook.close()
    return rows


def _cell_text(cell):
    if hasattr(cell, "strftime"):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def csv_bytes(header, rows):
    """Return CSV as UTF-8 with a BOM (so Excel shows Vietnamese), formula-safe cells."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_safe(h) for h in header])
    for row in rows:
        writer.writerow([spreadsheet_safe("" if v is None else v) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def xlsx_bytes(sheets):
    """Return an XLSX workbook; ``sheets`` is a list of (title, header, rows, number_formats).

    Header rows are bold and frozen; ``number_formats`` maps a column index to a format
    such as ``"0.0%"`` or ``"dd/mm/yyyy"``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows, number_formats in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(title))
        sheet.append([spreadsheet_safe(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([spreadsheet_safe(v) for v in row])
        sheet.freeze_panes = "A2"
        for index, fmt in (number_formats or {}).items():
            letter = get_column_letter(index + 1)
            for cell in sheet[letter][1:]:
                cell.number_format = fmt
        for index, title_cell in enumerate(header, start=1):
            width = max([len(str(title_cell))] + [len(str(r[index - 1] or "")) for r in rows[:200]])
            sheet.column_dimensions[get_column_letter(index)].width = min(max(10, width + 2), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title):
    for ch in "[]:*?/\\":
        title = title.replace(ch, " ")
    return title[:31] or "Sheet"
