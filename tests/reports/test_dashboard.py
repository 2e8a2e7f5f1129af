"""The dashboard, its exports and the drill-down, through the test client."""

import io
import json

import pytest
from openpyxl import load_workbook

from tests.reports.city import NOW


@pytest.fixture
def fixed_now(monkeypatch):
    """Freeze the routes' clock at the city's NOW (26/11/2026)."""
    for module in ("dashboard", "snapshots", "tokens", "api"):
        monkeypatch.setattr(f"training.reports.routes.{module}.utcnow", lambda: NOW)


def test_board_sees_the_city_per_unit_with_charts(city, login_as, fixed_now):
    client = login_as("board")
    page = client.get("/reports/?period=2026-Q4").get_data(as_text=True)
    assert "Quý IV năm 2026" in page
    assert "Phường 1" in page and "Phường 2" in page and "Ban Tuyên giáo" in page
    assert page.count("<svg") == 2  # coverage by unit and the trend
    assert "Bùi Phát Ngôn" in page  # uncertified and overdue
    assert "GCN-2026-000002" in page  # expiring
    assert "50,0%" in page


def test_scoped_admin_sees_only_their_ward(city, login_as, fixed_now):
    client = login_as("scoped_admin")
    page = client.get("/reports/").get_data(as_text=True)
    assert "Phường 1" in page and "Cao Phát Ngôn" not in page and "Phường 2</a>" not in page
    assert client.get("/reports/?unit=P2").status_code == 403
    assert client.get("/reports/export.json?unit=P2").status_code == 403
    data = json.loads(client.get("/reports/export.json").data)
    assert [u["code"] for u in data["units"]] == ["P1"]


@pytest.mark.parametrize("query, status", [
    ("period=2026-Q5", 400), ("period=1900", 400), ("period=01/01/1990:31/12/2040", 400),
    ("period=2027-Q1", 400), ("unit=NOPE", 404), ("course=nope", 404),
])
def test_bad_input_is_a_clear_4xx(city, login_as, fixed_now, query, status):
    client = login_as("board")
    response = client.get(f"/reports/?{query}")
    assert response.status_code == status
    assert "<svg" not in response.get_data(as_text=True)
    assert client.get(f"/reports/export.pdf?{query}").status_code == status


def test_period_and_course_filters(city, login_as, fixed_now):
    client = login_as("board")
    data = json.loads(client.get("/reports/export.json?period=2026-Q3&course=khoa-b").data)
    assert data["period"] == "2026-Q3"
    assert [c["slug"] for c in data["courses"]] == ["khoa-b"]
    assert data["total"]["valid_certificates"] == 1


def test_exports_open(city, login_as, fixed_now):
    client = login_as("board")
    pdf = client.get("/reports/export.pdf?period=2026-Q4")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert 'filename="bao-cao-2026-Q4.pdf"' in pdf.headers["Content-Disposition"]
    xlsx = client.get("/reports/export.xlsx?period=2026-Q4&unit=UBND")
    book = load_workbook(io.BytesIO(xlsx.data))
    assert "Theo đơn vị" in book.sheetnames
    names = [row[0].value for row in book["Theo đơn vị"].iter_rows(min_row=2)]
    assert any("Phường 1" in str(cell.value) for row in book["Theo đơn vị"].iter_rows() for cell in row), names
    csv = client.get("/reports/export.csv?period=2026-Q4&table=uncertified")
    assert csv.data.startswith(b"\xef\xbb\xbf") and "Cao Phát Ngôn" in csv.data.decode("utf-8-sig")
    assert client.get("/reports/export.csv?table=nope").status_code == 400


def test_drill_down_lists_people_with_status(city, login_as, fixed_now):
    client = login_as("board")
    page = client.get("/reports/units/P1?period=2026-Q4").get_data(as_text=True)
    for name in ("Âu Phát Ngôn", "Bùi Phát Ngôn", "Huỳnh Phường Một", "Nguyễn Quản Trị Phường"):
        assert name in page
    assert "10/01/2027" in page  # p1_spoke_a's certificate
    assert client.get("/reports/units/NOPE").status_code == 404
    assert client.get("/reports/units/P1?period=bad").status_code == 400
