"""The report's tables as typed rows (pure): one definition feeds the PDF, the XLSX and the CSV.

Each column has a key, a Vietnamese header (the report is a Vietnamese document; callers may
override any header by key) and a kind that says how each output writes it: ``text``, ``int``,
``percent`` (a ``Decimal`` 0-100), ``decimal``, ``number`` (int or ``Decimal``), ``signed`` (a change,
printed with its sign) or ``date``.
``pdf_width`` is the column's share of the page width, ``None`` for columns only the
spreadsheets carry (codes, paths).
"""

from dataclasses import dataclass

from training.reports.formatting import round1


@dataclass(frozen=True)
class Column:
    """A column: its key, header, kind and width in the PDF (``None``: spreadsheets only)."""

    key: str
    header: str
    kind: str = "int"
    pdf_width: float | None = 1.0


@dataclass(frozen=True)
class TableData:
    """A table: rows of values in column order; ``levels`` gives each row's depth (-1: a total row)."""

    key: str
    title: str
    columns: tuple
    rows: tuple
    levels: tuple = ()

    def pdf_columns(self):
        """Return the indexes of the columns the PDF shows."""
        return tuple(i for i, c in enumerate(self.columns) if c.pdf_width is not None)


def _c(key, header, kind="int", pdf_width=1.0):
    return Column(key, header, kind, pdf_width)


UNIT_COLUMNS = (
    _c("no", "STT", "int", 0.75), _c("code", "Mã đơn vị", "text", None), _c("name", "Đơn vị", "text", 3.6),
    _c("people", "Số cán bộ"), _c("spokespersons", "Người phát ngôn"), _c("enrolled", "Lượt ghi danh"),
    _c("completed_in_period", "Hoàn thành trong kỳ"), _c("completed_ever", "Hoàn thành lũy kế"),
    _c("valid_certificates", "GCN còn hiệu lực"), _c("certified_spokespersons", "NPN có GCN"),
    _c("coverage", "Tỷ lệ NPN có GCN (%)", "percent", 1.05), _c("overdue", "Lượt quá hạn"),
    _c("average_quiz_score", "Điểm KT bình quân", "decimal"),
    _c("simulation_pass_rate", "Đạt mô phỏng (%)", "percent"), _c("depth", "Cấp", "int", None),
    _c("parent_code", "Mã đơn vị cấp trên", "text", None), _c("path", "Đường dẫn (cây đơn vị)", "text", None),
)
COURSE_COLUMNS = (
    _c("no", "STT", "int", 0.75), _c("slug", "Mã khóa", "text", None), _c("title", "Khóa bồi dưỡng", "text", 4.0),
    _c("enrolled", "Lượt ghi danh"), _c("completed_in_period", "Hoàn thành trong kỳ"),
    _c("completed_ever", "Hoàn thành lũy kế"), _c("completion_rate", "Tỷ lệ hoàn thành (%)", "percent"),
    _c("valid_certificates", "GCN còn hiệu lực"), _c("overdue", "Lượt quá hạn"),
    _c("average_quiz_score", "Điểm KT bình quân", "decimal"),
    _c("simulation_pass_rate", "Đạt mô phỏng (%)", "percent"),
)
UNCERTIFIED_COLUMNS = (
    _c("no", "STT", "int", 0.75), _c("full_name", "Họ và tên", "text", 2.6), _c("position", "Chức vụ", "text", 2.4),
    _c("unit_code", "Mã đơn vị", "text", None), _c("unit_name", "Đơn vị", "text", 3.0),
    _c("designated_on", "Ngày được cử", "date", 1.3), _c("last_expired_on", "GCN đã hết hạn ngày", "date", 1.4),
)
EXPIRING_COLUMNS = (
    _c("no", "STT", "int", 0.75), _c("full_name", "Họ và tên", "text", 2.4),
    _c("unit_code", "Mã đơn vị", "text", None), _c("unit_name", "Đơn vị", "text", 2.6),
    _c("course_title", "Khóa bồi dưỡng", "text", 2.3), _c("serial", "Số hiệu GCN", "text", 1.9),
    _c("expires_on", "Ngày hết hạn", "date", 1.3), _c("days_left", "Còn (ngày)", "int", 0.9),
)
OVERDUE_COLUMNS = (
    _c("no", "STT", "int", 0.75), _c("full_name", "Họ và tên", "text", 2.4),
    _c("unit_code", "Mã đơn vị", "text", None), _c("unit_name", "Đơn vị", "text", 2.6),
    _c("course_title", "Khóa bồi dưỡng", "text", 2.6), _c("due_on", "Hạn hoàn thành", "date", 1.3),
    _c("days_overdue", "Quá hạn (ngày)", "int", 1.0), _c("progress", "Tiến độ (%)", "percent", 0.9),
)
CHANGE_COLUMNS = (
    _c("no", "STT", "int", 0.75), _c("code", "Mã đơn vị", "text", None), _c("name", "Đơn vị", "text", 3.6),
    _c("spokespersons", "Người phát ngôn"), _c("spokespersons_before", "Người phát ngôn kỳ trước"),
    _c("certified", "NPN có GCN"), _c("certified_before", "NPN có GCN kỳ trước"),
    _c("certified_delta", "Tăng/giảm (người)", "signed"), _c("coverage", "Tỷ lệ (%)", "percent"),
    _c("coverage_before", "Tỷ lệ kỳ trước (%)", "percent"),
    _c("coverage_delta", "Chênh lệch (điểm %)", "signed"),
)
SUMMARY_COLUMNS = (
    _c("indicator", "Chỉ tiêu", "text", 4.0), _c("current", "Kỳ báo cáo", "number", 1.4),
    _c("previous", "Kỳ trước", "number", 1.4), _c("delta", "Tăng/giảm", "signed", 1.2),
)
TITLES = {
    "summary": "Tổng hợp", "units": "Theo đơn vị", "courses": "Theo khóa bồi dưỡng",
    "uncertified": "NPN chưa có GCN còn hiệu lực", "expiring": "GCN sắp hết hạn",
    "overdue": "Học viên quá hạn", "changes": "So sánh kỳ trước",
}
TOTAL_NAME = "Tổng cộng"
SUMMARY_INDICATORS = (
    ("people", "Số cán bộ"), ("spokespersons", "Người phát ngôn"),
    ("certified_spokespersons", "Người phát ngôn có GCN còn hiệu lực"),
    ("coverage", "Tỷ lệ người phát ngôn có GCN (%)"), ("enrolled", "Lượt ghi danh"),
    ("completed_in_period", "Lượt hoàn thành trong kỳ"), ("overdue", "Lượt quá hạn chưa hoàn thành"),
    ("average_quiz_score", "Điểm kiểm tra bình quân (thang 100)"),
    ("simulation_pass_rate", "Tỷ lệ đạt thực hành họp báo mô phỏng (%)"),
)


def _relabel(columns, headers):
    if not headers:
        return columns
    return tuple(Column(c.key, headers.get(c.key, c.header), c.kind, c.pdf_width) for c in columns)


def _values(row, columns, number, extra=None):
    extra = extra or {}
    return tuple(number if c.key == "no" else extra[c.key] if c.key in extra else getattr(row, c.key)
                 for c in columns)


def units_table(report, headers=None):
    """Return the per-unit table, the total first (level -1), then units in tree order."""
    columns = _relabel(UNIT_COLUMNS, headers)
    total_name = (headers or {}).get("total", TOTAL_NAME)
    rows = [_values(report.total, columns, None,
                    {"name": total_name, "code": "", "path": "", "depth": None, "parent_code": ""})]
    rows += [_values(u, columns, i) for i, u in enumerate(report.units, start=1)]
    return TableData("units", TITLES["units"], columns, tuple(rows), (-1, *(u.depth for u in report.units)))


def courses_table(report, headers=None):
    """Return the per-course table."""
    columns = _relabel(COURSE_COLUMNS, headers)
    rows = tuple(_values(c, columns, i) for i, c in enumerate(report.courses, start=1))
    return TableData("courses", TITLES["courses"], columns, rows)


def uncertified_table(report, headers=None):
    """Return the spokespersons without a valid certificate."""
    columns = _relabel(UNCERTIFIED_COLUMNS, headers)
    rows = tuple(_values(r, columns, i) for i, r in enumerate(report.uncertified, start=1))
    return TableData("uncertified", TITLES["uncertified"], columns, rows)


def expiring_table(report, headers=None):
    """Return the certificates expiring soon, with the days left counted from ``report.as_of``."""
    columns = _relabel(EXPIRING_COLUMNS, headers)
    rows = tuple(_values(r, columns, i, {"days_left": (r.expires_on - report.as_of).days})
                 for i, r in enumerate(report.expiring, start=1))
    return TableData("expiring", TITLES["expiring"], columns, rows)


def overdue_table(report, headers=None):
    """Return the overdue enrolments, with the days overdue counted at ``report.as_of``."""
    columns = _relabel(OVERDUE_COLUMNS, headers)
    rows = tuple(_values(r, columns, i, {"days_overdue": max((report.as_of - r.due_on).days, 0)})
                 for i, r in enumerate(report.overdue, start=1))
    return TableData("overdue", TITLES["overdue"], columns, rows)


def changes_table(report, headers=None):
    """Return each unit compared with the previous period (no rows without a comparison)."""
    columns = _relabel(CHANGE_COLUMNS, headers)
    total = report.total_change
    rows = [_values(total, columns, None, {"name": (headers or {}).get("total", TOTAL_NAME)})] if total else []
    rows += [_values(c, columns, i) for i, c in enumerate(report.changes, start=1)]
    levels = (-1, *(c.depth for c in report.changes)) if total else ()
    return TableData("changes", TITLES["changes"], columns, tuple(rows), levels)


def _indicator(row, key):
    value = getattr(row, key)
    return round1(value) if key in ("coverage", "average_quiz_score", "simulation_pass_rate") else value


def summary_table(report, headers=None):
    """Return the key indicators of the total, now, in the previous period and the change."""
    headers = {"current": report.period.short_label, **(headers or {})}
    if report.previous_period is not None:
        headers.setdefault("previous", report.previous_period.short_label)
    columns = _relabel(SUMMARY_COLUMNS, headers)
    current, previous = report.total, report.previous_total
    if previous is None:
        columns = columns[:2]  # without a comparison, the "previous" and "change" columns stay empty
    rows = []
    for key, label in SUMMARY_INDICATORS:
        now = _indicator(current, key)
        if previous is None:
            rows.append((label, now))
            continue
        before = _indicator(previous, key)
        delta = now - before if now is not None and before is not None else None
        rows.append((label, now, before, delta))
    return TableData("summary", TITLES["summary"], columns, tuple(rows))


def report_tables(report, headers=None):
    """Return every table of the report, in the order the documents show them."""
    tables = [summary_table(report, headers), units_table(report, headers), courses_table(report, headers),
              uncertified_table(report, headers), expiring_table(report, headers), overdue_table(report, headers)]
    if report.previous_period is not None:
        tables.append(changes_table(report, headers))
    return tuple(tables)

