"""A regrade after a corrected key replaces the ledger's score, even lowering it (audited); attempts keep the best."""

from decimal import Decimal

from sqlalchemy import select

from tests.quizzes.factory import quiz_course, single
from training.core.audit import AuditEvent
from training.core.time import utcnow
from training.courses.loaders import enrollment_of
from training.courses.models import ItemResult
from training.extensions import db
from training.quizzes.services import attempts as engine
from training.quizzes.services import bank, marking


def _attempt(world, data, choices):
    learner = world["people"]["learner"]
    attempt = engine.start_attempt(learner, data["quiz"], enrollment_of(learner, data["course"].id), utcnow())
    for position, choice in enumerate(choices, start=1):
        engine.save_answer(attempt, position, 1, choice, utcnow(), 60)
    engine.finish_attempt(attempt, utcnow())
    db.session.commit()
    return attempt


def _ledger(data):
    return db.session.scalar(select(ItemResult).where(ItemResult.item_id == data["item"].id)
                             .execution_options(populate_existing=True))


def test_a_later_worse_attempt_keeps_the_best_score(app, world):
    data = quiz_course(world, specs=[single("A", 2), single("B", 0)], pass_percent=50)
    _attempt(world, data, [2, 0])
    assert _ledger(data).score == Decimal("100.00")
    _attempt(world, data, [1, 1])
    assert _ledger(data).score == Decimal("100.00") and _ledger(data).passed


def test_a_regrade_after_a_corrected_key_lowers_the_ledger_and_is_audited(app, world):
    data = quiz_course(world, specs=[single("A", 2), single("B", 0)], pass_percent=70)
    trainer = world["people"]["trainer"]
    attempt = _attempt(world, data, [2, 0])
    assert _ledger(data).score == Decimal("100.00") and _ledger(data).passed
    # The key of A was wrong: choice 0 is the right one.
    bank.save_question(trainer, data["category"], single("A", 0), utcnow(), data["questions"][0])
    marking.regrade_quiz(trainer, data["quiz"], utcnow())
    db.session.commit()
    db.session.refresh(attempt)
    assert attempt.percent == Decimal("50.00")
    ledger = _ledger(data)
    assert ledger.score == Decimal("50.00") and ledger.passed is False
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "progress.replace"))
    assert event is not None and event.actor_id == trainer.id
    assert event.summary["before"]["score"] == "100.00" and event.summary["after"]["score"] == "50.00"
    assert event.summary["reason"] == "quiz.regrade"
    # A regrade that changes nothing writes no second entry.
    marking.regrade_quiz(trainer, data["quiz"], utcnow())
    db.session.commit()
    assert len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "progress.replace")).all()) == 1


def test_a_regrade_follows_the_grading_method(app, world):
    data = quiz_course(world, specs=[single("A", 2), single("B", 0)], grading_method="last", pass_percent=50)
    _attempt(world, data, [2, 0])
    _attempt(world, data, [1, 0])
    assert _ledger(data).score == Decimal("100.00")  # a new attempt never lowers the ledger
    marking.regrade_quiz(world["people"]["trainer"], data["quiz"], utcnow())
    db.session.commit()
    assert _ledger(data).score == Decimal("50.00")  # the quiz's grade is its last attempt
