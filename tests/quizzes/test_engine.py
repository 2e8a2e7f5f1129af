"""The attempt engine: frozen questions, sequence-checked autosave, the server's deadline, grading once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.quizzes.factory import essay, quiz_course, single
from training.core.errors import DomainError
from training.core.time import utcnow
from training.courses.loaders import enrollment_of
from training.courses.models import ItemResult
from training.extensions import db
from training.quizzes.models import AttemptAnswer, QuestionVersion
from training.quizzes.services import attempts as engine
from training.quizzes.services import bank, marking


def _start(world, data, key="learner", now=None):
    learner = world["people"][key]
    return engine.start_attempt(learner, data["quiz"], enrollment_of(learner, data["course"].id), now or utcnow())


def _answers(attempt):
    return {answer.position: (answer, spec) for answer, spec in engine.answers_with_specs(attempt)}


def _right_index(spec):
    return next(i for i, c in enumerate(spec.choices) if c.fraction == 1)


def test_start_freezes_versions_and_resumes(app, world):
    data = quiz_course(world)
    attempt = _start(world, data)
    db.session.commit()
    assert _start(world, data).id == attempt.id  # an attempt in progress is resumed, not duplicated
    rows = engine.answers_with_specs(attempt)
    assert [spec.name for _a, spec in rows] == ["Câu 1", "Câu 2", "Tự luận"]
    assert sorted(rows[0][0].display_order) == [0, 1, 2, 3]


def test_editing_an_answered_question_adds_a_version(app, world):
    data = quiz_course(world)
    question = data["questions"][0]
    spec = bank.spec_of(bank.newest_version(question))
    bank.save_question(world["people"]["trainer"], data["category"], spec.__class__(**{**spec.__dict__,
                                                                                        "text": "Sửa 1"}), utcnow(),
                       question)
    assert question.version == 1  # nobody has seen it: rewritten in place
    attempt = _start(world, data)
    db.session.commit()
    bank.save_question(world["people"]["trainer"], data["category"], single("Câu 1 sửa", 1), utcnow(), question)
    db.session.commit()
    assert question.version == 2
    versions = db.session.scalars(select(QuestionVersion).where(QuestionVersion.question_id == question.id)).all()
    assert len(versions) == 2
    # The attempt still shows (and will grade against) what the learner was given.
    assert _answers(attempt)[1][1].text == "Sửa 1"


def test_stale_save_never_overwrites_a_newer_one(app, world):
    data = quiz_course(world)
    attempt = _start(world, data)
    now = utcnow()
    assert engine.save_answer(attempt, 1, 5, 2, now, 60)[0] is True
    saved, seq, _at = engine.save_answer(attempt, 1, 4, 0, now, 60)
    assert (saved, seq) == (False, 5)
    assert engine.save_answer(attempt, 1, 5, 3, now, 60)[0] is False
    db.session.commit()
    assert _answers(attempt)[1][0].response == 2


def test_finished_attempt_accepts_no_answer_and_grades_once(app, world):
    data = quiz_course(world, specs=[single("A", 2), single("B", 0)])
    attempt = _start(world, data)
    rows = _answers(attempt)
    engine.save_answer(attempt, 1, 1, _right_index(rows[1][1]), utcnow(), 60)
    assert engine.finish_attempt(attempt, utcnow()) is True
    assert engine.finish_attempt(attempt, utcnow()) is False  # a double click or a second tab
    db.session.commit()
    assert attempt.percent == Decimal("50.00")
    with pytest.raises(DomainError) as refused:
        engine.save_answer(attempt, 2, 1, 0, utcnow(), 60)
    assert refused.value.status == 409
    result = db.session.scalar(select(ItemResult).where(ItemResult.item_id == data["item"].id))
    assert result.score == Decimal("50.00") and result.source == "quiz"


def test_deadline_is_the_servers_and_overdue_attempts_submit_saved_answers(app, world):
    data = quiz_course(world, specs=[single("A", 1), single("B", 1)], time_limit_minutes=10, pass_percent=50)
    start = utcnow() - timedelta(minutes=30)
    attempt = _start(world, data, now=start)
    assert attempt.deadline_at == start + timedelta(minutes=10)
    engine.save_answer(attempt, 1, 1, _right_index(_answers(attempt)[1][1]), start + timedelta(minutes=5), 60)
    # In the grace period a save in flight is still accepted...
    assert engine.save_answer(attempt, 2, 1, 0, start + timedelta(minutes=10, seconds=30), 60)[0]
    db.session.commit()
    # ...after it, nothing is.
    with pytest.raises(DomainError):
        engine.save_answer(attempt, 2, 2, 1, start + timedelta(minutes=12), 60)
    db.session.rollback()
    assert engine.close_overdue(utcnow(), 60) == 1
    db.session.commit()
    db.session.refresh(attempt)
    assert attempt.status == "finished" and attempt.finished_by == "cron"
    assert attempt.total == Decimal(1)  # graded from what was saved, never zero
    assert engine.close_overdue(utcnow(), 60) == 0


def test_attempt_limit_and_delay(app, world):
    data = quiz_course(world, specs=[single("A", 1)], attempts_allowed=1)
    attempt = _start(world, data)
    engine.finish_attempt(attempt, utcnow())
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        _start(world, data)
    assert refused.value.status == 403


def test_random_slots_prefer_unseen_questions(app, world):
    from training.quizzes.services import quizzes

    data = quiz_course(world, specs=[single(f"Q{i}", 0) for i in range(4)])
    quiz = data["quiz"]
    for slot in list(quiz.slots):
        quizzes.remove_slot(None, slot, utcnow())
    db.session.flush()
    db.session.expire(quiz)
    quizzes.add_random_slot(None, quiz, data["category"], 2, utcnow())
    db.session.commit()
    db.session.expire(quiz)
    first = _start(world, data)
    engine.finish_attempt(first, utcnow())
    second = _start(world, data)
    names = lambda attempt: {spec.name for _a, spec in engine.answers_with_specs(attempt)}  # noqa: E731
    assert len(names(first)) == 2 and not names(first) & names(second)


def test_essay_waits_for_a_mark_then_the_ledger_follows(app, world):
    data = quiz_course(world, specs=[single("A", 0), essay()], pass_percent=50)
    attempt = _start(world, data)
    rows = _answers(attempt)
    engine.save_answer(attempt, 1, 1, 0, utcnow(), 60)
    engine.save_answer(attempt, 2, 1, "Câu trả lời", utcnow(), 60)
    engine.finish_attempt(attempt, utcnow())
    db.session.commit()
    assert attempt.grade_state == "awaiting_grading" and attempt.passed is None
    queue = marking.grading_queue()
    assert [row[0].position for row in queue] == [2]
    with pytest.raises(DomainError):
        marking.mark_answer(world["people"]["trainer"], rows[2][0], "3", "", utcnow())  # more than 2 points
    marking.mark_answer(world["people"]["trainer"], rows[2][0], "1,5", "Khá", utcnow())
    db.session.commit()
    assert attempt.grade_state == "graded" and attempt.percent == Decimal("83.33") and attempt.passed
    result = db.session.scalar(select(ItemResult).where(ItemResult.item_id == data["item"].id))
    assert result.completed_at is not None and result.passed
    assert marking.grading_queue() == []


def test_regrade_moves_answers_to_a_corrected_key(app, world):
    data = quiz_course(world, specs=[single("A", 0)])
    attempt = _start(world, data)
    engine.save_answer(attempt, 1, 1, 1, utcnow(), 60)
    engine.finish_attempt(attempt, utcnow())
    db.session.commit()
    assert attempt.percent == 0
    bank.save_question(world["people"]["trainer"], data["category"], single("A", 1), utcnow(), data["questions"][0])
    summary = marking.regrade_quiz(world["people"]["trainer"], data["quiz"], utcnow())
    db.session.commit()
    assert summary == {"attempts": 1, "moved": 1}
    assert attempt.percent == 100
    answer = db.session.scalar(select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id))
    assert answer.question_version_id == bank.newest_version(data["questions"][0]).id


def test_an_override_gives_extra_time_and_an_extra_attempt(app, world, login_as):
    from training.quizzes.services import quizzes

    data = quiz_course(world, specs=[single("A", 1)], attempts_allowed=1, time_limit_minutes=10)
    client = login_as("trainer")
    response = client.post(f"/manage/quizzes/{data['item'].id}/overrides",
                           data={"override-email": "learner@test.vn", "override-extra_minutes": "15",
                                 "override-extra_attempts": "1"})
    assert response.status_code == 302
    refused = client.post(f"/manage/quizzes/{data['item'].id}/overrides",
                          data={"override-email": "p2@test.vn", "override-extra_minutes": "5"})
    assert refused.status_code == 400 and len(quizzes.overrides_of(data["quiz"])) == 1  # not enrolled
    assert "Người này chưa được ghi danh vào khóa học." in refused.text
    invalid = client.post(f"/manage/quizzes/{data['item'].id}/overrides",
                          data={"override-email": "learner@test.vn", "override-extra_minutes": "-5",
                                "override-close_on": "31/02/2026"})
    assert invalid.status_code == 400 and len(quizzes.overrides_of(data["quiz"])) == 1
    assert 'value="-5"' in invalid.text and 'aria-invalid="true"' in invalid.text
    now = utcnow()
    first = _start(world, data, now=now)
    assert first.deadline_at == now + timedelta(minutes=25)
    engine.finish_attempt(first, now)
    db.session.commit()
    assert _start(world, data).number == 2
