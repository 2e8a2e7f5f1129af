"""Practice mode's immediate feedback: "Kiểm tra" grades one answer on the server and locks it; exams refuse it."""

from sqlalchemy import select

from tests.quizzes.factory import quiz_course, single
from training.extensions import db
from training.quizzes.models import AttemptAnswer, QuizAttempt


def _started(world, login_as, mode="practice"):
    spec = single("Câu 1", right=2)
    from dataclasses import replace

    spec = replace(spec, general_feedback="Giải thích chung của câu 1", shuffle=False)
    data = quiz_course(world, specs=[spec, single("Câu 2", 0)], mode=mode)
    client = login_as("learner")
    assert client.post(f"/quizzes/{data['item'].id}/start").status_code == 302
    return data, client, db.session.scalar(select(QuizAttempt))


def _answer(attempt, position):
    return db.session.scalar(select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id,
                                                         AttemptAnswer.position == position)
                             .execution_options(populate_existing=True))


def test_check_grades_on_the_server_and_shows_the_feedback_without_javascript(app, world, login_as):
    _data, client, attempt = _started(world, login_as)
    page = client.get(f"/quizzes/attempts/{attempt.id}")
    assert "Kiểm tra" in page.text and f"/quizzes/attempts/{attempt.id}/check/1" in page.text
    # The form posts the whole page; the learner picked the wrong choice 1 for question 1, choice 0 for 2.
    checked = client.post(f"/quizzes/attempts/{attempt.id}/check/1",
                          data={"positions": ["1", "2"], "q1": "1", "seq-1": "1", "q2": "0", "seq-2": "1"})
    assert checked.status_code == 302 and checked.headers["Location"].endswith("#question-1")
    answer = _answer(attempt, 1)
    assert answer.checked_at is not None and answer.state == "incorrect" and answer.score == 0
    assert _answer(attempt, 2).response == 0 and _answer(attempt, 2).checked_at is None  # saved, not checked
    shown = client.get(checked.headers["Location"])
    assert "Sai" in shown.text or "Không đúng" in shown.text
    assert "Phản hồi 1" in shown.text and "Giải thích chung của câu 1" in shown.text
    assert 'data-checked="1"' in shown.text
    assert shown.text.count("quiz-check") == 1  # only question 2 can still be checked
    right = client.post(f"/quizzes/attempts/{attempt.id}/check/2", data={"positions": ["2"], "q2": "0", "seq-2": "2"})
    assert right.status_code == 302
    assert _answer(attempt, 2).state == "correct" and _answer(attempt, 2).score == 1


def test_a_checked_question_cannot_be_changed(app, world, login_as):
    _data, client, attempt = _started(world, login_as)
    client.post(f"/quizzes/attempts/{attempt.id}/check/1", data={"positions": ["1"], "q1": "2", "seq-1": "1"})
    assert _answer(attempt, 1).state == "correct"
    autosave = client.post(f"/quizzes/attempts/{attempt.id}/answer",
                           json={"position": 1, "seq": 5, "fields": {"q1": ["0"]}})
    assert autosave.status_code == 409 and autosave.json["locked"] == 1
    assert "không thể thay đổi" in autosave.json["error"]["message"]
    again = client.post(f"/quizzes/attempts/{attempt.id}/check/1", data={})
    assert again.status_code == 409 and "không thể thay đổi" in again.text
    page_post = client.post(f"/quizzes/attempts/{attempt.id}/page", data={"positions": ["1"], "q1": "0", "seq-1": "9"})
    assert page_post.status_code == 409
    assert _answer(attempt, 1).response == 2 and _answer(attempt, 1).state == "correct"
    finished = client.post(f"/quizzes/attempts/{attempt.id}/submit", data={})
    assert finished.status_code == 302
    db.session.refresh(attempt)
    assert attempt.status == "finished" and _answer(attempt, 1).score == 1


def test_checking_an_unanswered_question_locks_nothing(app, world, login_as):
    _data, client, attempt = _started(world, login_as)
    response = client.post(f"/quizzes/attempts/{attempt.id}/check/1", data={"positions": ["1", "2"], "q2": "1",
                                                                            "seq-2": "1"})
    assert response.status_code == 302
    assert _answer(attempt, 1).checked_at is None and _answer(attempt, 2).response == 1
    assert "Hãy trả lời câu hỏi" in client.get(response.headers["Location"]).text


def test_exam_mode_refuses_the_check(app, world, login_as):
    _data, client, attempt = _started(world, login_as, mode="exam")
    assert "Kiểm tra" not in client.get(f"/quizzes/attempts/{attempt.id}").text
    refused = client.post(f"/quizzes/attempts/{attempt.id}/check/1", data={"positions": ["1"], "q1": "2", "seq-1": "1"})
    assert refused.status_code == 403
    assert _answer(attempt, 1).checked_at is None and _answer(attempt, 1).response is None
