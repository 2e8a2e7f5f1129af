"""Journey: a learner completes a course and gets a certificate (or waits for approval); the PDF is
Vietnamese-exact with embedded fonts; the QR address says valid, then revoked with the reason;
bulk issue for a class gives a ZIP of PDFs."""

import io
import re
import zipfile

import pytest
from sqlalchemy import select

from tests.certificates import poppler
from tests.certificates.samples import seal_png, signature_png
from tests.e2e.test_course_journey import login, logout
from training.certificates.models import Certificate
from training.certificates.services.settings import save_settings
from training.core.time import local_today, utcnow
from training.courses.services import authoring, enrolment
from training.extensions import db

pytestmark = pytest.mark.e2e
COURSE = "Kỹ năng phát ngôn và cung cấp thông tin cho báo chí"


def _course(world, mode):
    now, trainer, admin = utcnow(), world["people"]["trainer"], world["people"]["admin"]
    course = authoring.create_course(trainer, {"title": COURSE, "slug": "ky-nang"}, now)
    module = authoring.add_module(trainer, course, "Thông điệp chính", now)
    for title in ("Nhà thông điệp", "Quyền của người trả lời phỏng vấn"):
        authoring.add_item(trainer, module, "lesson", title, now)
    authoring.set_status(trainer, course, "published", now)
    save_settings(admin, course, {"mode": mode, "valid_months": 24, "serial_pattern": "GCN-{year}-{seq:06d}",
                                  "issuer_unit_id": world["units"]["BTG"].id, "header_lines": "THÀNH ỦY THỬ\nBAN TUYÊN GIÁO",
                                  "place": "Vũng Tàu", "signer_name": "Đỗ Thị Phương",
                                  "signer_title": "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", "refresher_course_id": None},
                  {"signature": signature_png(), "seal": seal_png()}, now, local_today(now), 2 * 1024 * 1024)
    klass = enrolment.save_class(admin, None, course, {"name": "Lớp kỹ năng phát ngôn đợt 1",
                                                      "unit_id": world["units"]["UBND"].id}, now)
    people = [world["people"]["learner"], world["people"]["p1_learner"], world["people"]["p2_learner"]]
    enrolment.enrol_people(admin, course, people, now, "Asia/Ho_Chi_Minh", training_class=klass)
    db.session.commit()
    return course


def _study(page, base, email):
    login(page, base, email)
    page.goto(f"{base}/courses/ky-nang/continue")
    for _lesson in range(2):
        page.get_by_role("button", name="Đánh dấu đã học và tiếp tục").click()
    page.get_by_role("link", name="Giấy chứng nhận của tôi").first.click()


def test_certificate_journey(page, server_url, world, tmp_path):
    base = server_url
    _course(world, "auto")

    # The learner completes the course: the certificate is there at once.
    _study(page, base, "learner@test.vn")
    card = page.locator(".certificate-card")
    assert COURSE in card.inner_text() and "Hợp lệ" in card.inner_text()
    with page.expect_download() as download:
        card.get_by_role("link", name="Tải tệp PDF").click()
    pdf = (tmp_path / "gcn.pdf")
    download.value.save_as(pdf)
    text = poppler.text(pdf.read_bytes())
    for words in ("Lê Học Viên", COURSE, "GIẤY CHỨNG NHẬN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Đỗ Thị Phương"):
        assert words in " ".join(text.split()), words
    fonts = poppler.fonts(pdf.read_bytes())
    assert fonts and all(row[-5] == "yes" for row in fonts)  # the "emb" column: every font embedded
    verify_url = card.locator(".share-link").input_value()
    assert re.search(r"/verify/GCN-\d{4}-000001\?code=[A-Z0-9]{10}$", verify_url)
    logout(page)

    # Anyone opening the QR address sees "valid" with the name, course and dates.
    public = verify_url.replace("http://127.0.0.1:5000", base)
    page.goto(public)
    assert page.locator(".verify-result").get_attribute("data-result") == "valid"
    assert "Lê Học Viên" in page.inner_text("main")

    # The admin revokes it with a reason; the same address says "revoked" with the reason.
    login(page, base, "admin@test.vn")
    page.goto(f"{base}/admin/certificates/")
    page.get_by_role("link", name=re.compile(r"GCN-\d{4}-000001")).click()
    page.get_by_label("Lý do (được công khai)").fill("Cấp nhầm: chưa nộp bài thu hoạch cuối khóa")
    page.get_by_role("button", name="Thu hồi").click()
    assert page.dialogs  # a confirmation was asked (and dismissed by the fixture)
    page.once("dialog", lambda dialog: dialog.accept())
    page.evaluate("document.querySelector('form[data-confirm]').removeAttribute('data-confirm')")
    page.get_by_role("button", name="Thu hồi").click()
    page.wait_for_selector(".alert-success")
    logout(page)
    page.goto(public)
    assert page.locator(".verify-result").get_attribute("data-result") == "revoked"
    assert "Cấp nhầm: chưa nộp bài thu hoạch cuối khóa" in page.inner_text(".verify-result")


def test_approval_and_bulk_issue_for_a_class(page, server_url, world, tmp_path):
    base = server_url
    _course(world, "approval")

    # With approval required, the learner's certificate waits.
    _study(page, base, "p1@test.vn")
    assert "đang chờ quản trị viên phê duyệt" in page.inner_text("main")
    assert db.session.scalar(select(Certificate)) is None
    logout(page)
    _study(page, base, "p2@test.vn")
    logout(page)

    # The admin issues the class's certificates in bulk; the page drives the job, then offers the ZIP.
    login(page, base, "admin@test.vn")
    page.goto(f"{base}/admin/certificates/bulk")
    page.get_by_label("Lớp tập huấn").select_option(label="Lớp kỹ năng phát ngôn đợt 1")
    page.get_by_role("button", name="Xem ai đủ điều kiện").click()
    table = page.inner_text(".bulk-table")
    assert "Chưa hoàn thành; còn thiếu: Nhà thông điệp; Quyền của người trả lời phỏng vấn" in table
    page.get_by_role("button", name="Cấp 2 giấy chứng nhận").click()
    page.wait_for_selector("text=Đã xong.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải giấy chứng nhận của lớp (ZIP)").click()
    target = tmp_path / "lop.zip"
    download.value.save_as(target)
    archive = zipfile.ZipFile(io.BytesIO(target.read_bytes()))
    names = sorted(archive.namelist())
    assert len(names) == 2 and all(name.endswith(".pdf") for name in names)
    assert any("huynh-phuong-mot" in name for name in names)
    assert "Huỳnh Phường Một" in poppler.text(archive.read(next(n for n in names if "huynh" in n)))
