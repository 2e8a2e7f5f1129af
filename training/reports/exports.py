"""Spreadsheet and JSON exports of the coverage report (pure).

XLSX: one sheet per table (``tables.report_tables``) after a sheet describing the report, bold
frozen headers, real numbers with number formats (percentages as ``0.0%``, dates as
``dd/mm/yyyy``), rounded half up to one decimal like the PDF so both show the same figures.
CSV: one table per file, UTF-8 with a BOM (so Excel shows Vietnamese), cells made formula-safe,
numbers with a decimal point and dates as dd/mm/yyyy. JSON: the snapshot bytes.
"""

from decimal import Decimal

from training.core.tabular import csv_bytes, xlsx_bytes
from training.core.time import format_date, format_datetime
from training.reports import tables
from training.reports.formatting import HUNDRED, round1
from training.reports.narrative import narrative
from training.reports.report_json import json_bytes

CSV_TABLES = ("summary", "units", "courses", "uncertified", "expiring", "overdue", "changes")
_BUILDERS = {
    "summary": tables.summary_table, "units": tables.units_table, "courses": tables.courses_table,
    "uncertified": tables.uncertified_table, "expiring": tables.expiring_table, "overdue": tables.overdue_table,
    "changes": tables.changes_table,
}
INFO_TITLE = "Thông tin chung"
INFO_HEADER = ("Mục", "Nội dung")
FORMATS = {"int": "#,##0", "percent": "0.0%", "decimal": "#,##0.0", "date": "dd/mm/yyyy"}
SIGNED_FORMATS = {int: "+#,##0;-#,##0;0", Decimal: "+#,##0.0;-#,##0.0;0.0"}


def _xlsx_value(value, kind):
    if value is None:
        return None
    if kind == "percent":
        return round1(value) / HUNDRED  # a spreadsheet percentage is a fraction: 80 % is 0.8
    if isinstance(value, Decimal):
        return round1(value)
    return value


def _column_format(column, values):
    if column.kind in FORMATS and column.key != "no":
        return FORMATS[column.kind]
    if column.kind == "signed":
        types = {type(v) for v in values if v is not None}
        # A change column mixes people (int) and percentage points (Decimal) only in the summary,
        # whose rows differ in meaning: leave those cells in the General format.
        return SIGNED_FORMATS.get(types.pop()) if len(types) == 1 else None
    return None


def _sheet(data):
    rows = [[_xlsx_value(v, c.kind) for v, c in zip(row, data.columns, strict=True)] for row in data.rows]
    formats = {}
    for index, column in enumerate(data.columns):
        fmt = _column_format(column, [row[index] for row in data.rows])
        if fmt:
            formats[index] = fmt
    return (data.title, [c.header for c in data.columns], rows, formats)


def _info_rows(report):
    rows = [["Kỳ báo cáo", report.period.label], ["Mã kỳ báo cáo", report.period.code],
            ["Phạm vi", report.scope_name], ["Mã đơn vị", report.scope_code or "(toàn bộ)"],
            ["Số liệu tính đến ngày", format_date(report.as_of)],
            ["Thời điểm lập", format_datetime(report.generated_at)]]
    if report.previous_period is not None:
        rows.append(["Kỳ so sánh", report.previous_period.label])
    rows += [["Tóm tắt" if i == 0 else "", text] for i, text in enumerate(narrative(report))]
    return rows


def xlsx_report(report, headers=None):
    """Return the report as an XLSX workbook (bytes): a description sheet, then one sheet per table."""
    sheets = [(INFO_TITLE, list(INFO_HEADER), _info_rows(report), {})]
    sheets += [_sheet(data) for data in tables.report_tables(report, headers)]
    return xlsx_bytes(sheets)


def _csv_value(value, kind):
    if value is None:
        return ""
    if kind == "date":
        return format_date(value)
    if isinstance(value, Decimal):
        return str(round1(value))
    return value


def csv_report(report, table="units", headers=None):
    """Return one table of the report (``CSV_TABLES``) as CSV bytes, UTF-8 with a BOM.

    :raises ValueError: for an unknown table name.
    """
    if table not in _BUILDERS:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(CSV_TABLES)}")
    data = _BUILDERS[table](report, headers)
    rows = [[_csv_value(v, c.kind) for v, c in zip(row, data.columns, strict=True)] for row in data.rows]
    return csv_bytes([c.header for c in data.columns], rows)


def json_report(report):
    """Return the report as canonical JSON bytes (the same bytes a snapshot stores and hashes)."""
    return json_bytes(report)
