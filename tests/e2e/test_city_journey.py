"""Journey: the platform used the way a city uses it, one role after another on one database.

1. The admin imports the units and the roster through the browser, gives an imported spokesperson a
   temporary password and enrols the spokesperson's unit (its subtree) in a course holding a lesson,
   an exam with an essay question, a short timed check and a press-conference simulation.
2. The spokesperson changes the temporary password, studies the lesson, takes the exam (reload in the
   middle, a brief offline period, submit), runs out of time on the short check (auto-submitted with
   the saved answers) and runs the simulation (a follow-up question, then the debrief).
3. The trainer marks the essay and reviews the simulation run: the course is complete.
4. The admin approves the certificate waiting in the approval queue.
5. A visitor opens the QR address of the certificate (decoded from the PDF) and reads "Hợp lệ".
6. A board member freezes the coverage report and downloads its PDF, which names the learner's unit
   and counts the certified spokesperson.

The course is built through the services (the authoring pages have their own journeys); everything
else goes through Chromium. Each step is a helper so a failure names the role and the step.
"""

import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from tests.certificates import poppler
from tests.conftest import PASSWORD
from tests.e2e.city_course import COURSE, build_course
from tests.e2e.test_course_journey import logout as open_menu_and_log_out
from tests.paths import fixture
from training.accounts.models import User
from training.certificates.models import Certificate
from training.core.time import utcnow
from training.courses.models import Enrollment, ItemResult
from training.extensions import db
from training.orgunits.services import get_unit_by_code
from training.quizzes.models import AttemptAnswer, QuizAttempt

pytestmark = pytest.mark.e2e

CLASS = "Lớp người phát ngôn khối UBND 2026"
LEARNER_EMAIL = "le.minh.quan@vungtau.gov.vn"  # an imported spokesperson of Phòng Văn hóa và Thông tin
LEARNER_NAME = "Lê Minh Quân"
LEARNER_UNIT = "Phòng Văn hóa và Thông tin"
TEMPORARY_PASSWORD = "Tạm thời 2026 cho Quân"
OWN_PASSWORD = "Phát ngôn đúng lúc, đúng việc 2026!"
ESSAY_ANSWER = "Họp báo, trả lời phỏng vấn và thông cáo báo chí."
GOOD = ("Tôi rất chia sẻ lo lắng của người dân. An toàn của người dân là ưu tiên số một. Chúng tôi sẽ thông tin "
        "lúc 17 giờ trên Cổng thông tin điện tử.")


@dataclass
class City:
    """What the steps share: the server, the people made in setup and the course's items."""

    base: str
    admin: User
    trainer: User
    board: User
    course: object
    lesson_item: object
    exam: object
    check: object
    simulation_item: object
    notes: dict = field(default_factory=dict)


# --- reading the database as the server left it -------------------------------------------------

def _fresh_all(statement):
    """Run ``statement`` on a fresh snapshot (the test's session may hold older copies)."""
    db.session.rollback()
    return db.session.scalars(statement.execution_options(populate_existing=True)).all()


def _fresh_one(statement):
    rows = _fresh_all(statement)
    return rows[0] if rows else None


def _saved_positions(attempt_id):
    answers = _fresh_all(select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt_id))
    return {a.position for a in answers if a.response not in (None, "", [], {})}


def _wait_for(condition, seconds=20):
    """Poll the database until ``condition()`` holds (the browser saves in the background)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _unit_id(code):
    db.session.rollback()
    return str(get_unit_by_code(code).id)


def _learner():
    return _fresh_one(select(User).where(User.email == LEARNER_EMAIL))


# --- browser helpers ---------------------------------------------------------------------------

def log_in(page, city, email, password=PASSWORD):
    page.goto(f"{city.base}/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.locator("form:has(#password) button[type=submit]").click()
    page.wait_for_url(lambda url: "/login" not in url)


def log_out(page):
    open_menu_and_log_out(page)
    page.get_by_text("Bạn đã đăng xuất").wait_for()


def accept_confirmations(page):
    """Answer "OK" to the page's confirm() questions (the page fixture dismisses real dialogs)."""
    page.evaluate("window.confirm = () => true")


def upload_and_confirm(page, city, path, kind, rows):
    page.goto(f"{city.base}/admin/{kind}/import")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.get_by_text("Mọi dòng đều hợp lệ").wait_for()
    page.get_by_role("button", name=f"Nhập {rows} dòng", exact=True).click()
    page.get_by_role("status").filter(has_text=f"tạo mới {rows}").wait_for()


def answer(page, position, choice):
    page.locator(f"#question-{position}").get_by_label(f"Đáp án {choice}").check()


def start_quiz(page, city, quiz):
    page.goto(f"{city.base}/quizzes/{quiz.item_id}")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def send(page, text):
    """Answer the current prompt; the page moves on to the next prompt (or the debrief)."""
    page.locator("#sim-text").fill(text)
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi câu trả lời").click()


def download(page, name, exact=False):
    with page.expect_download() as info:
        page.get_by_role("link", name=name, exact=exact).first.click()
    return info.value.path().read_bytes()


# --- 1. the admin -----------------------------------------------------------------------------

def admin_imports_and_enrols(page, city):
    log_in(page, city, city.admin.email)
    page.wait_for_url(f"{city.base}/")
    upload_and_confirm(page, city, fixture("roster", "units-sample.csv"), "units", 20)
    upload_and_confirm(page, city, fixture("roster", "roster-sample.csv"), "users", 17)

    # An imported spokesperson cannot log in yet: the admin gives a temporary password.
    page.goto(f"{city.base}/admin/users/?q=le.minh.quan")
    page.get_by_role("link", name=LEARNER_NAME).click()
    page.get_by_text("Không — hãy đặt mật khẩu tạm").wait_for()
    page.get_by_label("Mật khẩu tạm", exact=True).fill(TEMPORARY_PASSWORD)
    page.get_by_role("button", name="Đặt mật khẩu tạm").click()
    page.get_by_text("Đã đặt mật khẩu tạm").wait_for()
    assert _learner().must_change_password is True

    # A class of the city's people's committee; the whole Phòng Văn hóa và Thông tin subtree enrolled.
    page.goto(f"{city.base}/manage/classes/new")
    page.get_by_label("Tên lớp").fill(CLASS)
    page.get_by_label("Khóa học").select_option(label=COURSE)
    page.get_by_label("Đơn vị tổ chức").select_option(value=_unit_id("UBND"))
    page.get_by_role("button", name="Lưu").click()
    page.get_by_label("Đơn vị", exact=True).select_option(value=_unit_id("PVHTT"))
    page.get_by_role("button", name="Ghi danh", exact=True).click()
    page.get_by_role("status").filter(has_text="Ghi danh mới 1").first.wait_for()
    enrolled = _fresh_all(select(Enrollment).where(Enrollment.course_id == city.course.id))
    assert [e.user_id for e in enrolled] == [_learner().id]
    log_out(page)


# --- 2. the learner ---------------------------------------------------------------------------

def learner_changes_password_and_studies(page, city):
    log_in(page, city, LEARNER_EMAIL, TEMPORARY_PASSWORD)
    page.wait_for_url(re.compile(r"/account/password"))  # the app insists on a password of one's own
    page.get_by_label("Mật khẩu hiện tại").fill(TEMPORARY_PASSWORD)
    page.get_by_label("Mật khẩu mới", exact=True).fill(OWN_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu mới").fill(OWN_PASSWORD)
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.get_by_text("Đã đổi mật khẩu").wait_for()
    assert _learner().must_change_password is False

    page.goto(f"{city.base}/courses/{city.course.slug}/continue")
    assert page.get_by_role("heading", name="Nhà thông điệp").first.is_visible()
    page.get_by_role("button", name="Đánh dấu đã học và tiếp tục").click()
    page.get_by_role("heading", name="Bài kiểm tra cuối khóa").first.wait_for()  # the next item opens
    lesson = _fresh_one(select(ItemResult).where(ItemResult.item_id == city.lesson_item.id))
    assert lesson is not None and lesson.completed_at is not None


def learner_takes_the_exam(page, city):
    attempt_id = start_quiz(page, city, city.exam)
    answer(page, 1, 1)
    answer(page, 2, 2)
    page.get_by_role("status").filter(has_text="Đã lưu lúc").wait_for()
    assert _wait_for(lambda: _saved_positions(attempt_id) == {1, 2})

    # A reload in the middle keeps the answers.
    page.reload()
    assert page.locator("#question-1").get_by_label("Đáp án 1").is_checked()
    assert page.locator("#question-2").get_by_label("Đáp án 2").is_checked()

    # Offline for a moment: the answers stay in the browser, then the autosave catches up.
    page.context.set_offline(True)
    answer(page, 3, 3)
    page.locator("#question-4").get_by_label("Câu trả lời của bạn").fill(ESSAY_ANSWER)
    page.get_by_role("status").filter(has_text="Mất kết nối").wait_for()
    assert _saved_positions(attempt_id) == {1, 2}
    page.context.set_offline(False)
    page.get_by_role("status").filter(has_text="Đã lưu lúc").wait_for()
    assert _wait_for(lambda: _saved_positions(attempt_id) == {1, 2, 3, 4})

    accept_confirmations(page)
    page.get_by_role("button", name="Nộp bài").click()
    page.wait_for_url(re.compile(r"/review$"))
    assert "Đang chờ giảng viên chấm các câu tự luận." in page.content()
    attempt = _fresh_one(select(QuizAttempt).where(QuizAttempt.id == attempt_id))
    assert attempt.status == "finished" and attempt.grade_state == "awaiting_grading"


def learner_runs_out_of_time(page, city):
    attempt_id = start_quiz(page, city, city.check)
    answer(page, 1, 1)
    answer(page, 2, 2)
    assert _wait_for(lambda: _saved_positions(attempt_id) == {1, 2})

    # The deadline (and its grace) passes while the learner is away: the next visit submits the attempt.
    attempt = _fresh_one(select(QuizAttempt).where(QuizAttempt.id == attempt_id))
    attempt.deadline_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    page.reload()
    page.wait_for_url(re.compile(r"/review$"))
    assert page.get_by_text("Đã hết giờ: bài làm của bạn đã được nộp với mọi câu trả lời đã lưu.").is_visible()
    attempt = _fresh_one(select(QuizAttempt).where(QuizAttempt.id == attempt_id))
    assert attempt.status == "finished" and attempt.passed is True
    answers = _fresh_all(select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt_id))
    assert sorted(a.state for a in answers) == ["correct", "correct"]


def learner_runs_the_simulation(page, city):
    page.goto(f"{city.base}/simulations/items/{city.simulation_item.id}")
    page.get_by_role("button", name="Bắt đầu diễn tập").click()
    page.get_by_text("Dữ kiện được công bố").wait_for()
    page.get_by_role("button", name="Vào phòng họp báo").click()
    for _prompt in range(4):
        send(page, GOOD)
    # Naming the company under inspection draws a follow-up question.
    assert page.get_by_text("Chúng tôi có nguồn tin là Công ty X").is_visible()
    send(page, "Đúng là Công ty X đang bị thanh tra.")
    assert page.get_by_text("Vậy ông xác nhận Công ty X vi phạm?").is_visible()
    assert page.get_by_text("Hỏi tiếp", exact=True).is_visible()
    while page.locator("#sim-text").count():
        send(page, GOOD)
    assert "/debrief" in page.url
    assert page.locator("mark[data-kind=restricted_disclosure]").first.inner_text() == "Công ty X"
    assert page.get_by_text("Giảng viên sẽ chấm và kết luận").is_visible()
    log_out(page)


# --- 3. the trainer ---------------------------------------------------------------------------

def trainer_grades_and_reviews(page, city):
    log_in(page, city, city.trainer.email)
    page.goto(f"{city.base}/manage/quizzes/grading")
    page.get_by_role("link", name="Chấm").first.click()
    page.get_by_text(ESSAY_ANSWER).wait_for()
    page.get_by_label("Điểm", exact=True).fill("1,5")
    page.get_by_label("Nhận xét cho học viên").fill("Thiếu hình thức đăng tải trên cổng thông tin.")
    page.get_by_role("button", name="Lưu điểm").click()
    page.get_by_text("Không có bài cần chấm").wait_for()

    page.goto(f"{city.base}/manage/simulations/reviews")
    page.get_by_role("link", name="Chấm").first.click()
    for criterion, points in (("legal", 10), ("accuracy", 18), ("key_messages", 15), ("technique", 12),
                              ("empathy", 10), ("action", 10), ("delivery", 10)):
        page.locator(f"#criterion-{criterion}").fill(str(points))
    page.get_by_label("Nhận xét chung cho học viên").fill("Không nêu tên doanh nghiệp đang bị thanh tra.")
    page.get_by_label("Đạt", exact=True).check()
    page.get_by_role("button", name="Lưu kết quả chấm").click()
    page.get_by_text("Đã lưu kết quả chấm").wait_for()
    log_out(page)

    enrollment = _fresh_one(select(Enrollment).where(Enrollment.course_id == city.course.id))
    assert enrollment.completed_at is not None, "the course should be complete once everything is marked"


# --- 4. the admin again -----------------------------------------------------------------------

def admin_approves_the_certificate(page, city):
    assert _fresh_one(select(Certificate)) is None  # approval mode: nothing issued before the admin acts
    log_in(page, city, city.admin.email)
    page.goto(f"{city.base}/admin/certificates/approvals")
    row = page.locator(".approvals-table tr", has_text=LEARNER_NAME)
    assert COURSE in row.inner_text()
    row.get_by_role("button", name="Phê duyệt và cấp").click()
    page.get_by_text(f"cho {LEARNER_NAME}").first.wait_for()
    certificate = _fresh_one(select(Certificate))
    assert certificate is not None and certificate.user_id == _learner().id

    page.goto(f"{city.base}/admin/certificates/")
    page.get_by_role("link", name=certificate.serial).click()
    city.notes["verify_link"] = page.get_by_role("link", name="Trang tra cứu công khai").get_attribute("href")
    city.notes["pdf"] = download(page, "Tải tệp PDF", exact=True)
    city.notes["serial"] = certificate.serial
    log_out(page)


def qr_address(pdf, tmp_path):
    """Decode the QR code printed on the certificate (None without zbarimg)."""
    if not shutil.which("zbarimg"):
        return None
    source = tmp_path / "gcn.pdf"
    source.write_bytes(pdf)
    subprocess.run([poppler.tool("pdftoppm"), "-r", "200", "-png", "-f", "1", "-l", "1", str(source),
                    str(tmp_path / "gcn")], check=True, timeout=60)
    image = next(tmp_path.glob("gcn*.png"))
    result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"no QR code found on the certificate: {result.stderr}"
    return result.stdout.strip()


# --- 5. the public ----------------------------------------------------------------------------

def visitor_verifies(page, city, tmp_path):
    """Open the address printed in the QR code (the record's public link without zbarimg)."""
    address = city.notes["verify_link"]
    scanned = qr_address(city.notes["pdf"], tmp_path)
    if scanned is not None:
        printed = urlsplit(scanned)
        assert printed.path == urlsplit(address).path, (scanned, address)
        address = f"{printed.path}?{printed.query}"  # the printed host is the production one
    page.context.clear_cookies()
    page.goto(city.base + address)
    result = page.locator(".verify-result")
    assert result.get_attribute("data-result") == "valid"
    assert "Hợp lệ" in result.inner_text()
    main = page.locator("main").inner_text()
    assert LEARNER_NAME in main and city.notes["serial"] in main and COURSE in main


# --- 6. the board -----------------------------------------------------------------------------

def board_freezes_the_report(page, city):
    log_in(page, city, city.board.email)
    page.goto(f"{city.base}/reports/")
    assert page.locator(".report-table").get_by_role("link", name="Ủy ban nhân dân Thành phố").is_visible()
    page.get_by_role("link", name="Chốt số liệu báo cáo này").click()
    page.get_by_role("button", name="Chốt số liệu").click()
    page.get_by_role("heading", name=re.compile("Báo cáo chốt số liệu số")).wait_for()
    text = " ".join(poppler.text(download(page, "Tải PDF")).split())
    # Twelve imported spokespersons, one trained and certified (the learner): in the summary and in the
    # learner's unit row (staff, spokespersons, enrolled, completed in period and ever, certificates,
    # certified spokespersons, rate); the exam (4,5/5 after marking) and the timed check (2/2) average 95.
    assert "1/12 người phát ngôn (8,3%) đã có giấy chứng nhận" in text, text[:1500]
    assert "1 lượt hoàn thành trong kỳ" in text and "95,0/100 (2 bài làm)" in text, text[:1500]
    assert f"{LEARNER_UNIT} 1 1 1 1 1 1 1 100,0" in text, text


def test_a_city_uses_the_platform(page, server_url, make_user, make_unit, tmp_path):
    home = make_unit("ADMIN", kind="other", name="Tổ quản trị hệ thống")
    admin = make_user("admin", home, email="quantri@test.vn", name="Trần Quốc Bảo")
    trainer = make_user("trainer", home, email="giangvien@test.vn", name="Phạm Giảng Viên")
    board = make_user("board", home, email="bantuyengiao@test.vn", name="Đỗ Ban Tuyên Giáo")
    course, lesson_item, exam, check, simulation_item = build_course(admin, trainer, home)
    city = City(server_url, admin, trainer, board, course, lesson_item, exam, check, simulation_item)

    admin_imports_and_enrols(page, city)
    learner_changes_password_and_studies(page, city)
    learner_takes_the_exam(page, city)
    learner_runs_out_of_time(page, city)
    learner_runs_the_simulation(page, city)
    trainer_grades_and_reviews(page, city)
    admin_approves_the_certificate(page, city)
    visitor_verifies(page, city, tmp_path)
    board_freezes_the_report(page, city)
    assert page.dialogs == []
