"""Spreadsheet reading and writing (pure): encodings, row numbers, zip bombs, formula-safe output."""

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from tests.paths import fixture
from training.core.tabular import TableError, csv_bytes, read_table, xlsx_bytes


def test_reads_the_sample_roster_with_spreadsheet_row_numbers():
    table = read_table("roster.csv", fixture("roster", "roster-sample.csv").read_bytes(), 100)
    assert table.header[:3] == ("email", "full_name", "unit_code")
    assert len(table.rows) == 17
    number, first = table.rows[0]
    assert number == 2 and first["full_name"] == "Nguyễn Văn Hải"


def test_reads_csv_with_bom_and_semicolons():
    data = "\ufeffcode;name\nP1;Phường 1\n".encode()
    table = read_table("units.csv", data, 10)
    assert table.rows == ((2, {"code": "P1", "name": "Phường 1"}),)


def test_refuses_non_utf8_with_the_line():
    data = "code,name\nP1,Ph\u01b0\u1eddng 1\n".encode("utf-8").replace("ờ".encode(), b"\xe0\xec")
    with pytest.raises(TableError) as info:
        read_table("units.csv", data, 10)
    assert info.value.params == {"line": 2}


def test_reads_xlsx_and_formats_dates():
    from datetime import datetime

    workbook = Workbook()
    workbook.active.append(["email", "designated_on"])
    workbook.active.append(["a@b.vn", datetime(2024, 3, 15)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table("roster.xlsx", buffer.getvalue(), 10)
    assert table.rows[0] == (2, {"email": "a@b.vn", "designated_on": "15/03/2024"})


def test_refuses_a_zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    with pytest.raises(TableError, match="unreasonable"):
        read_table("bomb.xlsx", buffer.getvalue(), 10)


@pytest.mark.parametrize(("name", "data"), [("x.pdf", b"%PDF-1.4"), ("x.xlsx", b"PK\x03\x04garbage")])
def test_refuses_other_files(name, data):
    with pytest.raises(TableError):
        read_table(name, data, 10)


def test_refuses_too_many_rows():
    data = ("code,name\n" + "".join(f"U{i},Đơn vị {i}\n" for i in range(30))).encode()
    with pytest.raises(TableError):
        read_table("u.csv", data, 20)


def test_csv_output_has_bom_and_neutralised_formulas():
    data = csv_bytes(["Họ tên", "Ghi chú"], [["Nguyễn Văn Hải", "=HYPERLINK(\"x\")"]])
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Nguyễn Văn Hải" in text and "'=HYPERLINK" in text


def test_xlsx_output_freezes_the_header_and_keeps_vietnamese():
    data = xlsx_bytes([("Tiến độ", ["Họ tên", "Tỉ lệ"], [["Trần Thị Thu Hà", 0.5], ["@evil", 1]], {1: "0%"})])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Tiến độ" and sheet.freeze_panes == "A2"
    assert sheet["A2"].value == "Trần Thị Thu Hà" and sheet["A3"].value == "'@evil"
    assert sheet["B2"].number_format == "0%"
