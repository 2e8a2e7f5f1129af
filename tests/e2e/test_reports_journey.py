"""Journey: a board member opens the coverage report, changes the period, drills into a ward,
freezes the report, downloads its PDF and XLSX (read back with pdftotext and openpyxl) and later
downloads the same frozen PDF byte for byte."""

import io

import pytest
from openpyxl import load_workbook

from tests.certificates import poppler
from tests.e2e.test_course_journey import login
from tests.reports.city import build_city

pytestmark = pytest.mark.e2e


def download(page, name):
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    with open(info.value.path(), "rb") as fh:
        return fh.read()


def test_board_reports_journey(page, server_url, world, make_user):
    build_city(world, make_user)
    base = server_url
    login(page, base, "board@test.vn")
    page.get_by_role("link", name="Báo cáo kết quả bồi dưỡng").first.click()
    page.goto(f"{base}/reports/?period=2026-Q4")
    assert "Quý IV năm 2026" in page.locator("main").inner_text()
    assert page.locator("svg.report-chart").count() == 2
    assert page.locator(".report-table").get_by_role("link", name="Phường 1").is_visible()

    page.select_option("#period", "2026-Q3")
    page.get_by_role("button", name="Xem báo cáo").click()
    page.wait_for_url("**period=2026-Q3**")
    assert "Quý III năm 2026" in page.locator("main").inner_text()

    page.locator(".report-table").get_by_role("link", name="Phường 1").click()
    assert "Bùi Phát Ngôn" in page.locator(".report-people").inner_text()
    page.go_back()

    page.get_by_role("link", name="Chốt số liệu báo cáo này").click()
    assert page.locator("#period").input_value() == "2026-Q3"
    page.get_by_role("button", name="Chốt số liệu").click()
    assert "Báo cáo chốt số liệu số" in page.locator("h1").inner_text()

    pdf = download(page, "Tải PDF")
    text = poppler.text(pdf)
    for expected in ("BAN TUYÊN GIÁO", "BÁO CÁO", "Quý III năm 2026", "Phường 1", "Nơi nhận:", "TRƯỞNG BAN"):
        assert expected in text, expected
    xlsx = download(page, "Tải XLSX")
    book = load_workbook(io.BytesIO(xlsx))
    assert "Theo đơn vị" in book.sheetnames
    cells = [str(c.value) for row in book["Theo đơn vị"].iter_rows() for c in row if c.value is not None]
    assert "Phường 1" in cells and "Cao Phát Ngôn" not in cells  # lists are on their own sheets

    page.goto(f"{base}/reports/snapshots/")
    page.locator(".snapshot-table a", has_text="#").first.click()
    assert download(page, "Tải PDF") == pdf
