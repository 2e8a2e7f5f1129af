"""Journey: the demo administrator imports units and the roster in a real browser."""

import pytest

from tests.conftest import PASSWORD
from tests.paths import fixture

pytestmark = pytest.mark.e2e


def login(page, base, email, password=PASSWORD):
    page.goto(f"{base}/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_admin_imports_units_and_roster_then_logs_out(page, server_url, make_user, make_unit, browser):
    admin = make_user("admin", make_unit("ADMIN", kind="other"), email="quantri@test.vn", name="Trần Quốc Bảo")
    base = server_url

    page.goto(base)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()
    login(page, base, admin.email)

    # Units first: preview, then confirm.
    page.goto(f"{base}/admin/units/import")
    page.set_input_files("input[type=file]", str(fixture("roster", "units-sample.csv")))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    assert page.get_by_text("Mọi dòng đều hợp lệ").is_visible()
    page.get_by_role("button", name="Nhập 20 dòng", exact=True).click()
    assert "tạo mới 20" in page.get_by_role("status").inner_text()
    page.goto(f"{base}/admin/units/")
    assert page.get_by_role("cell", name="Phòng Văn hóa và Thông tin", exact=True).is_visible()

    # The roster with errors: every bad row explained, nothing imported.
    page.goto(f"{base}/admin/users/import")
    page.set_input_files("input[type=file]", str(fixture("roster", "roster-with-errors.csv")))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    errors = page.locator("#import-errors")
    for row in range(3, 9):
        assert errors.get_by_text(f"Dòng {row}", exact=False).count() >= 1
    assert page.get_by_role("button", name="Nhập 1 dòng", exact=True).is_disabled()
    page.get_by_role("button", name="Hủy").click()
    page.goto(f"{base}/admin/users/?q=ok.person")
    assert page.get_by_text("Không có ai phù hợp").is_visible()

    # The valid roster: 17 people.
    page.goto(f"{base}/admin/users/import")
    page.set_input_files("input[type=file]", str(fixture("roster", "roster-sample.csv")))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.get_by_role("button", name="Nhập 17 dòng", exact=True).click()
    assert "tạo mới 17" in page.get_by_role("status").inner_text()
    page.goto(f"{base}/admin/users/?unit=UBND")
    assert page.get_by_role("link", name="Đặng Thị Mỹ Duyên").is_visible()
    page.goto(f"{base}/admin/users/?q=vungtau.gov.vn")
    assert page.get_by_text("17 người").is_visible()

    # English and back.
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="People").is_visible()
    page.get_by_role("button", name="Tiếng Việt").click()
    assert page.get_by_role("heading", name="Cán bộ").is_visible()

    # Log out: the old cookie no longer opens any page.
    cookies = page.context.cookies()
    page.get_by_role("button", name="Trần Quốc Bảo").click() if page.get_by_role("button", name="Trần Quốc Bảo").count() \
        else page.get_by_role("link", name="Trần Quốc Bảo").click()
    page.get_by_role("button", name="Đăng xuất").click()
    assert page.get_by_text("Bạn đã đăng xuất").is_visible()
    thief = browser.new_context()
    thief.add_cookies(cookies)
    other = thief.new_page()
    other.goto(f"{base}/admin/users/")
    assert "/login" in other.url
    thief.close()
    assert page.dialogs == []
