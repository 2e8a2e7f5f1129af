"""Exports (pure): XLSX with one sheet per table and number formats, CSV with BOM, JSON snapshot bytes."""

import csv
import io
import json
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.reports.sample import sample_report
from training.reports.exports import CSV_TABLES, csv_report, json_report, xlsx_report
from training.reports.report_json import json_bytes

HOSTILE = {"P1": "=HYPERLINK(\"http://evil\",\"x\")", "P2": "+cmd|' /C calc'!A0", "PTT": "<script>{{7*7}}</script>"}


@pytest.fixture(scope="module")
def workbook():
    return load_workbook(io.BytesIO(xlsx_report(sample_report(names=HOSTILE))))


def _rows(sheet):
    return list(sheet.iter_rows(values_only=True))


def test_one_sheet_per_table_with_frozen_bold_headers(workbook):
    assert workbook.sheetnames == ["Thông tin chung", "Tổng hợp", "Theo đơn vị", "Theo khóa bồi dưỡng",
                                   "NPN chưa có GCN còn hiệu lực", "GCN sắp hết hạn", "Học viên quá hạn",
                                   "So sánh kỳ trước"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2" and sheet["A1"].font.b


def test_units_sheet_has_numbers_percentages_and_vietnamese(workbook):
    sheet = workbook["Theo đơn vị"]
    rows = _rows(sheet)
    header = rows[0]
    assert header[:4] == ("STT", "Mã đơn vị", "Đơn vị", "Số cán bộ")
    total, first = rows[1], rows[2]
    coverage = header.index("Tỷ lệ NPN có GCN (%)")
    assert total[2] == "Tổng cộng" and total[header.index("Người phát ngôn")] == 20
    assert total[coverage] == pytest.approx(0.7) and sheet.cell(2, coverage + 1).number_format == "0.0%"
    assert first[:3] == (1, "TU", "Thành ủy Vũng Tàu")
    assert first[header.index("Đường dẫn (cây đơn vị)")] == "/1/" and first[header.index("Cấp")] == 0
    score = header.index("Điểm KT bình quân")
    assert first[score] == pytest.approx(63.3) and sheet.cell(3, score + 1).number_format == "#,##0.0"
    dtn = next(r for r in rows if r[1] == "DTN")
    assert dtn[coverage] is None  # no spokesperson: an empty cell, not 0 %
    assert len(rows) == 1 + 1 + 20


def test_percentages_match_the_pdf_rounding(workbook):
    rows = _rows(workbook["Theo đơn vị"])
    ubnd = next(r for r in rows if r[1] == "UBND")
    assert ubnd[rows[0].index("Tỷ lệ NPN có GCN (%)")] == pytest.approx(0.615)  # 8/13 = 61.538 -> 61.5 %


def test_formula_like_names_stay_text(workbook):
    names = [r[2] for r in _rows(workbook["Theo đơn vị"])]
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in names and "'+cmd|' /C calc'!A0" in names
    assert "<script>{{7*7}}</script>" in names


def test_dates_are_real_dates_with_a_vietnamese_format(workbook):
    sheet = workbook["GCN sắp hết hạn"]
    rows = _rows(sheet)
    index = rows[0].index("Ngày hết hạn")
    assert rows[1][index] == datetime(2026, 12, 20) and sheet.cell(2, index + 1).number_format == "dd/mm/yyyy"
    assert rows[1][rows[0].index("Còn (ngày)")] == 24


def test_info_sheet_describes_the_report(workbook):
    rows = dict(r for r in _rows(workbook["Thông tin chung"])[1:] if r[0])
    assert rows["Kỳ báo cáo"] == "Quý IV năm 2026" and rows["Mã kỳ báo cáo"] == "2026-Q4"
    assert rows["Số liệu tính đến ngày"] == "26/11/2026" and rows["Thời điểm lập"] == "26/11/2026 10:25"
    assert rows["Kỳ so sánh"] == "Quý III năm 2026" and rows["Tóm tắt"].startswith("Trong Quý IV năm 2026")


def test_change_sheet_formats_signed_numbers(workbook):
    sheet = workbook["So sánh kỳ trước"]
    header = _rows(sheet)[0]
    delta = header.index("Tăng/giảm (người)") + 1
    assert sheet.cell(2, delta).value == 3 and sheet.cell(2, delta).number_format == "+#,##0;-#,##0;0"
    points = header.index("Chênh lệch (điểm %)") + 1
    assert sheet.cell(2, points).value == pytest.approx(15) and "+#,##0.0" in sheet.cell(2, points).number_format


def _csv(data):
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))


@pytest.mark.parametrize("table", CSV_TABLES)
def test_every_table_exports_as_csv(table):
    rows = _csv(csv_report(sample_report(), table))
    assert rows[0][0] in ("STT", "Chỉ tiêu") and len(rows) > 1


def test_csv_values_are_plain_numbers_and_safe_text():
    rows = _csv(csv_report(sample_report(names=HOSTILE), "units"))
    header, total = rows[0], rows[1]
    assert total[header.index("Tỷ lệ NPN có GCN (%)")] == "70.0" and total[0] == ""
    assert any(r[2] == "'=HYPERLINK(\"http://evil\",\"x\")" for r in rows)
    overdue = _csv(csv_report(sample_report(), "overdue"))
    assert overdue[1][overdue[0].index("Hạn hoàn thành")] == "30/09/2026"
    assert overdue[-1][overdue[0].index("Tiến độ (%)")] == ""


def test_unknown_csv_table_is_refused():
    with pytest.raises(ValueError, match="unknown table"):
        csv_report(sample_report(), "passwords")


def test_headers_can_be_renamed():
    rows = _csv(csv_report(sample_report(), "units", headers={"name": "Cơ quan, đơn vị", "total": "Cộng"}))
    assert rows[0][2] == "Cơ quan, đơn vị" and rows[1][2] == "Cộng"


def test_json_export_is_the_snapshot_bytes():
    report = sample_report()
    assert json_report(report) == json_bytes(report)
    assert json.loads(json_report(report))["period"] == "2026-Q4"


def test_exports_without_comparison_or_lists():
    report = sample_report(previous=False, trend=False)
    workbook = load_workbook(io.BytesIO(xlsx_report(report)))
    assert "So sánh kỳ trước" not in workbook.sheetnames
    assert _rows(workbook["Tổng hợp"])[0] == ("Chỉ tiêu", "Quý IV/2026")
    assert _csv(csv_report(report, "changes")) == [_csv(csv_report(report, "changes"))[0]]
