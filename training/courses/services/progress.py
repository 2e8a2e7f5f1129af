"""The progress ledger and course completion.

``record_item_result`` is the one door through which lessons, quizzes and simulations write
results. Completion is decided here and stored once: when the last required item completes,
``Enrollment.completed_at`` is set and ``course_completed`` is sent.
"""

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import bindparam, select

from training.core import audit
from training.core.database import insert_ignoring_conflicts
from training.courses.models import Course, Enrollment, EnrollmentStatus, Item, ItemResult
from training.courses.outline import OutlineItem, compute_progress
from training.courses.signals import course_completed, item_result_recorded
from training.extensions import db

VISIT_RESOLUTION = timedelta(minutes=10)


def course_items(course_id):
    """Return the live items of a course in outline order (module position, then item position)."""
    from training.courses.models import Module

    return db.session.scalars(
        select(Item)
        .join(Module, Item.module_id == Module.id)
        .where(Item.course_id == course_id, Item.removed_at.is_(None), Module.removed_at.is_(None))
        .order_by(Module.position, Module.id, Item.position, Item.id)
    ).all()


# Built once per process: the lesson page runs it on every view.
_RESULTS_OF_ENROLLMENT = select(ItemResult).where(ItemResult.enrollment_id == bindparam("enrollment_id"))


def results_by_item(enrollment_id):
    """Return ``{item_id: ItemResult}`` for one enrolment."""
    rows = db.session.scalars(_RESULTS_OF_ENROLLMENT, {"enrollment_id": enrollment_id}).all()
    return {row.item_id: row for row in rows}


def progress_for(enrollment, items=None, results=None):
    """Return the :class:`~training.courses.outline.Progress` of ``enrollment``."""
    items = course_items(enrollment.course_id) if items is None else items
    results = results_by_item(enrollment.id) if results is None else results
    completed = {item_id for item_id, r in results.items() if r.completed_at is not None}
    outline = [OutlineItem(i.id, i.is_required) for i in items]
    return compute_progress(outline, completed, enrollment.last_item_id)


def record_item_result(enrollment, item, now, *, completed, score=None, passed=None, source="lesson"):
    """Record what ``enrollment``'s learner achieved on ``item``; complete the course if due.

    A completed item stays completed (a later failed quiz attempt does not undo a pass), and
    the best score is kept.

    :param completed: whether this result makes the item count as done.
    :param score: percentage 0–100 (Decimal) or ``None``.
    :return: the :class:`ItemResult`.
    """
    if item.course_id != enrollment.course_id:
        raise ValueError("item and enrolment belong to different courses")
    result = db.session.scalar(
        select(ItemResult).where(ItemResult.enrollment_id == enrollment.id, ItemResult.item_id == item.id)
    )
    if result is None:
        result = _ensure_result(enrollment, item, now, source)
    if score is not None:
        score = Decimal(score).quantize(Decimal("0.01"))
        result.score = score if result.score is None else max(result.score, score)
    if passed is not None:
        result.passed = bool(result.passed) or passed
    if completed and result.completed_at is None:
        result.completed_at = now
    result.updated_at = now
    enrollment.last_activity_at = now
    db.session.flush()
    item_result_recorded.send(result, enrollment=enrollment, now=now)
    if completed:
        complete_if_due(enrollment, now)
    return result


def replace_item_result(actor, enrollment, item, now, *, completed, score, passed, source, reason):
    """Overwrite a ledger row with a corrected result, even a lower one; audited. Only regrades use this.

    :func:`record_item_result` keeps the best score and a pass, which is right for a new attempt
    but wrong after a corrected answer key: the old score was never earned. Here the score and
    the pass become exactly the given ones, and an item no longer passed stops counting as done.
    A course already completed stays completed (completion, and any certificate issued for it,
    is stored once; the audit entry shows the change for whoever reviews it).

    :param reason: why (e.g. ``"quiz.regrade"``), kept in the audit entry.
    :return: the :class:`ItemResult`.
    """
    if item.course_id != enrollment.course_id:
        raise ValueError("item and enrolment belong to different courses")
    result = db.session.scalar(
        select(ItemResult).where(ItemResult.enrollment_id == enrollment.id, ItemResult.item_id == item.id)
    ) or _ensure_result(enrollment, item, now, source)
    new_score = None if score is None else Decimal(score).quantize(Decimal("0.01"))
    before = {"score": result.score, "passed": result.passed, "completed": result.completed_at is not None}
    result.score, result.passed = new_score, passed
    if completed and result.completed_at is None:
        result.completed_at = now
    elif not completed and enrollment.completed_at is None:
        result.completed_at = None
    after = {"score": result.score, "passed": result.passed, "completed": result.completed_at is not None}
    if before != after:
        result.updated_at = now
        audit.record(actor, "progress.replace", "enrollment", enrollment.id, {
            "item_id": item.id, "reason": reason,
            "before": {**before, "score": _text(before["score"])}, "after": {**after, "score": _text(after["score"])}},
            now)
    db.session.flush()
    item_result_recorded.send(result, enrollment=enrollment, now=now)
    if completed:
        complete_if_due(enrollment, now)
    return result


def _text(score):
    return None if score is None else str(score)


def note_visit(enrollment, item, now, results):
    """Remember the item the learner opened last (for "continue") and when they first saw it.

    Re-reading the same lesson writes nothing (a write per page view would serialise readers
    behind SQLite's single writer for no information).

    :param results: the enrolment's ``{item_id: ItemResult}``, updated in place.
    :return: whether anything changed (the caller commits).
    """
    changed = False
    if enrollment.last_item_id != item.id or enrollment.last_activity_at is None \
            or now - enrollment.last_activity_at > VISIT_RESOLUTION:
        enrollment.last_item_id = item.id
        enrollment.last_activity_at = now
        changed = True
    if item.id not in results:
        results[item.id] = _ensure_result(enrollment, item, now, item.kind)
        changed = True
    return changed


def _ensure_result(enrollment, item, now, source):
    """Return the ledger row of ``enrollment`` and ``item``, creating it if needed.

    A learner who opens the same lesson in two tabs (or double-clicks) sends two first views at
    once; both would insert the row and one would fail on the unique key with a 500. The insert
    skips a row that already exists, so whichever request comes second simply reads it.
    """
    insert_ignoring_conflicts(db.session, ItemResult.__table__, [{
        "enrollment_id": enrollment.id, "item_id": item.id, "source": source, "first_seen_at": now,
        "updated_at": now}], ["enrollment_id", "item_id"])
    return db.session.scalar(
        select(ItemResult).where(ItemResult.enrollment_id == enrollment.id, ItemResult.item_id == item.id))


def complete_if_due(enrollment, now):
    """Set ``completed_at`` once every required item is complete; send ``course_completed``.

    :return: ``True`` when this call completed the enrolment.
    """
    if enrollment.completed_at is not None or enrollment.status != EnrollmentStatus.ACTIVE.value:
        return False
    if not progress_for(enrollment).is_complete:
        return False
    enrollment.completed_at = now
    enrollment.completed_version = db.session.get(Course, enrollment.course_id).version
    db.session.flush()
    course_completed.send(enrollment, now=now)
    return True


def recompute_completion(actor, course, now):
    """Re-apply the completion rule to every active enrolment of ``course`` (audited).

    Completion is stored once, so an enrolment already complete stays complete; people who
    now satisfy the rule become complete.

    :return: ``{"checked": n, "newly_completed": m}``.
    """
    enrollments = db.session.scalars(
        select(Enrollment).where(Enrollment.course_id == course.id, Enrollment.status == EnrollmentStatus.ACTIVE.value,
                                 Enrollment.completed_at.is_(None))
    ).all()
    items = course_items(course.id)
    newly = 0
    for enrollment in enrollments:
        if progress_for(enrollment, items=items).is_complete:
            enrollment.completed_at = now
            enrollment.completed_version = course.version
            newly += 1
            db.session.flush()
            course_completed.send(enrollment, now=now)
    course.completion_rules_changed_at = None
    summary = {"course": course.slug, "checked": len(enrollments), "newly_completed": newly}
    audit.record(actor, "course.recompute", "course", course.id, summary, now)
    return summary
