"""Journey: a learner takes a timed exam, reloads mid-way, answers offline, runs out of time and loses
nothing; a trainer marks the essay and opens the statistics."""

import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.e2e.test_course_journey import login, logout
from tests.quizzes.factory import essay, quiz_course, single
from training.core.time import utcnow
from training.extensions import db
from training.quizzes.models import AttemptAnswer, QuizAttempt

pytestmark = pytest.mark.e2e


def _saved_positions():
    db.session.rollback()
    answers = db.session.scalars(select(AttemptAnswer).execution_options(populate_existing=True))
    return {a.position for a in answers if a.response not in (None, "")}


def _fresh(attempt_id):
    """Read the attempt as the server left it (the test's session may hold an older copy)."""
    db.session.rollback()
    return db.session.get(QuizAttempt, attempt_id, populate_existing=True)


def _wait_for(condition, seconds=15):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_exam_survives_reload_offline_and_time_out_then_trainer_marks(browser, page, server_url, world):
    base = server_url
    specs = [single(f"Câu {n}", right=n % 4) for n in range(1, 5)] + [essay()]
    data = quiz_course(world, specs=specs, time_limit_minutes=30, pass_percent=50,
                       shuffle_choices=False)

    login(page, base, "learner@test.vn")
    page.goto(f"{base}/quizzes/{data['item'].id}")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+$"))
    expect_timer = page.locator(".quiz-timer")
    assert re.match(r"(29|30):\d\d", expect_timer.inner_text())

    # Half of the answers, saved one by one as they change (keyboard only for the second).
    page.locator("#question-1").get_by_label("Đáp án 1").check()
    page.locator("#question-2").get_by_label("Đáp án 0").focus()
    page.keyboard.press("ArrowDown")  # radios move with the arrow keys: Đáp án 1
    page.keyboard.press("ArrowDown")  # Đáp án 2
    page.get_by_role("status").filter(has_text="Đã lưu lúc").wait_for()
    assert _wait_for(lambda: _saved_positions() == {1, 2})

    # A reload keeps them.
    page.reload()
    assert page.locator("#question-1").get_by_label("Đáp án 1").is_checked()
    assert page.locator("#question-2").get_by_label("Đáp án 2").is_checked()

    # Offline for a moment: two more answers stay in the browser, then arrive.
    page.context.set_offline(True)
    page.locator("#question-3").get_by_label("Đáp án 3").check()
    page.locator("#question-5").get_by_label("Câu trả lời của bạn").fill("Họp báo, trả lời phỏng vấn và thông cáo.")
    page.get_by_role("status").filter(has_text="Mất kết nối").wait_for()
    assert _saved_positions() == {1, 2}
    page.context.set_offline(False)
    assert _wait_for(lambda: _saved_positions() == {1, 2, 3, 5}, 20)

    # The time runs out (the server's deadline, brought forward): the page submits with every saved answer.
    attempt = db.session.scalar(select(QuizAttempt))
    attempt.deadline_at = utcnow() + timedelta(seconds=4)
    db.session.commit()
    page.reload()
    page.wait_for_url(re.compile(r"/review$"), timeout=20000)
    assert "Đang chờ giảng viên chấm các câu tự luận." in page.content()
    attempt = _fresh(attempt.id)
    assert attempt.status == "finished" and attempt.grade_state == "awaiting_grading"
    answered = {a.position: a.state for a in db.session.scalars(
        select(AttemptAnswer).execution_options(populate_existing=True))}
    assert answered[1] == "correct" and answered[2] == "correct" and answered[3] == "correct"
    assert answered[4] == "unanswered" and answered[5] == "needs_grading"
    logout(page)

    # The trainer marks the essay with the rubric in view; the learner's result is complete.
    login(page, base, "trainer@test.vn")
    page.goto(f"{base}/manage/quizzes/grading")
    page.get_by_role("link", name="Chấm").click()
    assert "2 điểm: đủ ý" in page.locator(".rubric").inner_text()
    page.get_by_label("Điểm", exact=True).fill("1,5")
    page.get_by_label("Nhận xét cho học viên").fill("Thiếu ba hình thức.")
    page.get_by_role("button", name="Lưu điểm").click()
    page.get_by_text("Không có bài cần chấm").wait_for()
    attempt = _fresh(attempt.id)
    assert attempt.grade_state == "graded" and attempt.percent is not None and attempt.passed is True

    page.goto(f"{base}/manage/quizzes/{data['item'].id}/statistics")
    assert page.get_by_role("columnheader", name="Độ dễ").is_visible()
    assert page.get_by_role("columnheader", name="Độ phân biệt").is_visible()
