"""Journey: a trainer writes a course, an admin enrols a unit into a class, a learner studies on a phone."""

import io
import re

import pytest
from openpyxl import load_workbook

from tests.conftest import PASSWORD
from tests.courses.access_matrix import png_bytes
from training.core.time import utcnow
from training.courses.services import legal

pytestmark = pytest.mark.e2e


def login(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("form:has(#password) button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def logout(page):
    page.locator("#main-nav .dropdown-toggle").last.click()
    page.get_by_role("button", name="Đăng xuất").click()


def progress_value(page):
    return int(page.get_by_role("progressbar").first.get_attribute("aria-valuenow"))


def test_trainer_admin_and_learner_on_a_phone(browser, page, server_url, world, tmp_path):
    from datetime import date

    from training.extensions import db

    base = server_url
    old = legal.save_document(None, None, {"code": "luat-bao-chi-2016", "number": "103/2016/QH13",
                                           "title": "Luật Báo chí 2016", "kind": "luat", "issued_on": date(2016, 4, 5),
                                           "effective_on": date(2017, 1, 1)}, utcnow())
    legal.save_document(None, None, {"code": "luat-bao-chi-2025", "number": "126/2025/QH15",
                                     "title": "Luật Báo chí 2025", "kind": "luat", "effective_on": date(2026, 7, 1),
                                     "replaces_id": old.id}, utcnow())
    db.session.commit()
    image = tmp_path / "so-do-phat-ngon.png"
    image.write_bytes(png_bytes((40, 20)))

    # The trainer writes a course with two modules and a lesson with an image.
    login(page, base, "trainer@test.vn")
    page.goto(f"{base}/manage/courses/new")
    page.get_by_label("Tiêu đề").fill("Kỹ năng phát ngôn cơ bản")
    page.get_by_role("button", name="Lưu").click()
    for title in ("Thông điệp chính", "Trả lời phỏng vấn"):
        page.get_by_label("Tên học phần").fill(title)
        page.get_by_role("button", name="Thêm học phần").click()
    lessons = [("Thông điệp chính", "Nhà thông điệp"), ("Thông điệp chính", "Câu trích dẫn được"),
               ("Trả lời phỏng vấn", "Quyền của người trả lời phỏng vấn")]
    for module_title, lesson_title in lessons:
        card = page.locator("section.card", has=page.get_by_role("heading", name=re.compile(module_title)))
        card.get_by_label("Tên nội dung mới").fill(lesson_title)
        card.get_by_role("button", name="Thêm", exact=True).click()
        if lesson_title == "Nhà thông điệp":
            page.set_input_files("input[type=file]", str(image))
            page.get_by_role("button", name="Tải lên").click()
            code = re.search(r"!\[[^\]]*\]\(/courses/media/\d+\)", page.locator(".alert-success").inner_text()).group(0)
            page.get_by_label("Nội dung bài học (Markdown)").fill(
                f"## Nhà thông điệp\n\nMột thông điệp bao trùm và ba trụ cột (Điều 38 Luật Báo chí 2016).\n\n{code}")
            page.locator("select[name='citations-0-document_id']").select_option(label="Luật Báo chí 2016 (103/2016/QH13)")
            page.locator("input[name='citations-0-article']").fill("Điều 38")
            # the live preview renders it (a debounced request: give a loaded CI machine time)
            page.locator("#lesson-preview img").wait_for(state="attached", timeout=45000)
        else:
            page.get_by_label("Nội dung bài học (Markdown)").fill(f"## {lesson_title}\n\nNội dung bài học.")
        page.get_by_role("button", name="Lưu bài học").click()
        page.get_by_role("link", name="Cấu trúc khóa học").click()
    page.get_by_role("button", name="Phát hành").click()
    assert page.get_by_text("Đã phát hành").first.is_visible()
    logout(page)

    # The admin creates a class and enrols the subtree of Phòng Văn hóa và Thông tin into it.
    login(page, base, "admin@test.vn")
    page.goto(f"{base}/manage/classes/new")
    page.get_by_label("Tên lớp").fill("Lớp tập huấn phát ngôn 2026")
    page.get_by_label("Khóa học").select_option(label="Kỹ năng phát ngôn cơ bản")
    page.get_by_label("Đơn vị tổ chức").select_option(value=str(world["units"]["UBND"].id))
    page.get_by_role("button", name="Lưu").click()
    page.get_by_label("Đơn vị", exact=True).select_option(value=str(world["units"]["PVHTT"].id))
    page.get_by_role("button", name="Ghi danh", exact=True).click()
    assert "Ghi danh mới 1" in page.get_by_role("status").first.inner_text()
    logout(page)

    # The learner studies on a phone: the bar moves, and after logging in again "continue" resumes.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="vi-VN")
    mobile = phone.new_page()
    login(mobile, base, "learner@test.vn")
    assert mobile.get_by_role("link", name="Kỹ năng phát ngôn cơ bản").is_visible()
    assert progress_value(mobile) == 0
    mobile.get_by_role("link", name="Bắt đầu học").click()
    assert mobile.get_by_role("heading", name="Nhà thông điệp").first.is_visible()
    assert mobile.locator(".lesson-body img").evaluate("img => img.naturalWidth") == 40
    mobile.get_by_role("button", name="Đánh dấu đã học và tiếp tục").click()
    assert mobile.get_by_role("heading", name="Câu trích dẫn được").first.is_visible()
    mobile.get_by_role("button", name="Đánh dấu đã học và tiếp tục").click()
    mobile.goto(f"{base}/learning")
    assert progress_value(mobile) == 67
    mobile.locator(".navbar-toggler").click()
    logout(mobile)
    login(mobile, base, "learner@test.vn")
    mobile.get_by_role("link", name="Học tiếp").click()
    assert mobile.get_by_role("heading", name="Quyền của người trả lời phỏng vấn").first.is_visible()
    width = mobile.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the lesson page scrolls sideways on a phone ({width}px)"
    phone.close()

    # The trainer exports the class table and marks the 2016 law superseded.
    login(page, base, "trainer@test.vn")
    page.goto(f"{base}/manage/classes/")
    page.get_by_role("link", name="Lớp tập huấn phát ngôn 2026").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất XLSX").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Họ và tên", "Thư điện tử", "Đơn vị")
    assert rows[1][0] == "Lê Học Viên" and rows[1][2] == "Phòng Văn hóa và Thông tin" and rows[1][4:6] == ("✓", "✓")
    page.goto(f"{base}/manage/legal/")
    page.get_by_role("link", name="Rà soát và đánh dấu hết hiệu lực").click()
    page.get_by_role("button", name="Đánh dấu hết hiệu lực").click()
    assert "1 trích dẫn cần rà soát" in page.locator(".alert-warning").first.inner_text()
    assert page.get_by_role("link", name="Nhà thông điệp").is_visible()
    assert page.dialogs == []
