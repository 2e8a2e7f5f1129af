"""The progress ledger: results, completion stored once, the completion signal."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from training.core.audit import AuditEvent
from training.core.time import utcnow
from training.courses.models import Enrollment, ItemResult
from training.courses.services import authoring
from training.courses.services.progress import progress_for, recompute_completion, record_item_result
from training.courses.signals import course_completed
from training.extensions import db


@pytest.fixture
def enrollment(enrolled, course):
    return db.session.scalar(select(Enrollment).where(Enrollment.user_id == enrolled.id))


@pytest.fixture
def completions():
    received = []

    def receiver(sender, **kwargs):
        received.append((sender.id, kwargs["now"]))

    course_completed.connect(receiver)
    yield received
    course_completed.disconnect(receiver)


def test_completing_every_required_item_completes_once(enrollment, course, completions):
    now = utcnow()
    for item in course["lessons"]:
        record_item_result(enrollment, item, now, completed=True)
    assert enrollment.completed_at == now and enrollment.completed_version == 1
    assert completions == [(enrollment.id, now)]
    record_item_result(enrollment, course["optional"], utcnow(), completed=True)
    record_item_result(enrollment, course["lessons"][0], utcnow(), completed=True)
    assert enrollment.completed_at == now and len(completions) == 1


def test_best_score_and_pass_are_kept(enrollment, course):
    item = course["lessons"][0]
    record_item_result(enrollment, item, utcnow(), completed=True, score=Decimal("80"), passed=True, source="quiz")
    record_item_result(enrollment, item, utcnow(), completed=False, score=Decimal("40"), passed=False, source="quiz")
    result = db.session.scalar(select(ItemResult).where(ItemResult.item_id == item.id))
    assert result.score == Decimal("80.00") and result.passed is True and result.completed_at is not None


def test_item_of_another_course_is_refused(enrollment, course, world):
    other = authoring.create_course(world["people"]["trainer"], {"title": "Khác"}, utcnow())
    module = authoring.add_module(None, other, "M", utcnow())
    foreign = authoring.add_item(None, module, "lesson", "Bài", utcnow())
    with pytest.raises(ValueError):
        record_item_result(enrollment, foreign, utcnow(), completed=True)


def test_editing_a_published_course_keeps_progress(enrollment, course):
    first, second, third = course["lessons"]
    record_item_result(enrollment, first, utcnow(), completed=True)
    authoring.update_item(None, first, {"title": "Hệ thống văn bản (cập nhật)"}, utcnow())
    authoring.move(None, second, -1, utcnow())
    authoring.remove_item(None, third, utcnow())
    db.session.commit()
    progress = progress_for(enrollment)
    assert first.id in progress.done_ids and progress.required_total == 2


def test_recompute_after_a_rule_change(enrollment, course, completions):
    first, second, third = course["lessons"]
    record_item_result(enrollment, first, utcnow(), completed=True)
    record_item_result(enrollment, second, utcnow(), completed=True)
    assert enrollment.completed_at is None
    changes = authoring.set_required_flags(None, course["course"], {first.id, second.id}, utcnow())
    assert changes == [{"item": third.title, "required": False}]
    assert course["course"].completion_rules_changed_at is not None
    summary = recompute_completion(None, course["course"], utcnow())
    assert summary["newly_completed"] == 1 and enrollment.completed_at is not None and len(completions) == 1
    assert course["course"].completion_rules_changed_at is None
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"course.rules", "course.recompute"} <= actions
