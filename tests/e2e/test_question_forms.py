"""Journey: a trainer writes a multiple-choice question with a negative weight in the per-type form; a learner
in a practice quiz checks an answer and sees right/wrong, the marks and the feedback at once."""

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.e2e.test_course_journey import login, logout
from tests.quizzes.factory import quiz_course
from training.core.time import utcnow
from training.extensions import db
from training.quizzes.models import AttemptAnswer, Question
from training.quizzes.services import quizzes

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).parent / "artifacts"


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"question-forms-{name}.png"), full_page=True)


def test_trainer_writes_a_question_in_the_form_and_a_learner_checks_it(browser, page, server_url, world):
    base = server_url
    data = quiz_course(world, specs=[], mode="practice", shuffle_choices=False)

    login(page, base, "trainer@test.vn")
    page.goto(f"{base}/manage/courses/{data['course'].id}/questions/new?type=multiple")
    page.get_by_label("Tên câu hỏi").fill("Phát ngôn viên")
    page.get_by_label("Nội dung câu hỏi").fill("Những ai được **phát ngôn** nhân danh cơ quan?")
    rows = [("Người đứng đầu cơ quan", "50", "Đúng: Điều 2 Nghị định 09/2017."),
            ("Người phát ngôn được giao", "50", "Đúng."),
            ("Bất kỳ cán bộ nào", "-100", "Sai: chỉ người được giao mới phát ngôn."),
            ("Phóng viên", "", "")]
    for i, (text, weight, feedback) in enumerate(rows[:3]):
        page.locator(f'[name="row-{i}-text"]').fill(text)
        page.locator(f'[name="row-{i}-weight"]').fill(weight)
        page.locator(f'[name="row-{i}-feedback"]').fill(feedback)
    page.locator('[name="row-1-weight"]').fill("40")  # a slip: 90% in all
    page.get_by_role("button", name="Lưu", exact=True).click()
    error = page.locator("#rows-error")
    error.wait_for()
    assert "90%" in error.inner_text()
    _shot(page, "1-error")
    page.locator('[name="row-1-weight"]').fill("50")
    page.get_by_role("button", name="Thêm dòng").click()  # a plain submit: the page comes back with one more row
    page.locator('[name="row-5-text"]').wait_for()
    page.locator('[name="row-3-text"]').fill(rows[3][0])
    page.get_by_label("Phản hồi chung (hiện sau khi trả lời)").fill("Xem Điều 2 Nghị định 09/2017/NĐ-CP.")
    _shot(page, "2-form")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url(re.compile(r"/manage/questions/\d+$"))
    db.session.rollback()
    question = db.session.scalar(select(Question))
    assert question is not None and question.qtype == "multiple"
    quizzes.add_question_slot(world["people"]["trainer"], data["quiz"], question, utcnow())
    db.session.commit()
    logout(page)

    login(page, base, "learner@test.vn")
    page.goto(f"{base}/quizzes/{data['item'].id}")
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+$"))
    page.get_by_label("Người đứng đầu cơ quan").check()
    page.get_by_label("Bất kỳ cán bộ nào").check()
    page.get_by_role("button", name="Kiểm tra").click()
    feedback = page.locator(".quiz-feedback")
    feedback.wait_for()
    text = feedback.inner_text()
    assert "Sai" in text and "Điểm: 0.0 / 1.0" in text
    assert "chỉ người được giao mới phát ngôn" in text and "Xem Điều 2 Nghị định 09/2017/NĐ-CP." in text
    assert page.get_by_label("Bất kỳ cán bộ nào").is_disabled()
    assert page.get_by_role("button", name="Kiểm tra").count() == 0
    _shot(page, "3-checked")
    db.session.rollback()
    answer = db.session.scalar(select(AttemptAnswer).execution_options(populate_existing=True))
    assert answer.checked_at is not None and answer.state == "incorrect" and answer.score == 0
