"""Read-only page data for learners, built in a fixed number of queries whatever the course size."""

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import contains_eager

from training.core.security import can_author
from training.courses.models import Course, Enrollment, EnrollmentStatus, Item, ItemResult, Lesson, Module
from training.courses.registry import item_kind
from training.courses.services.legal import citations_for, superseded_citations
from training.courses.services.progress import progress_for
from training.extensions import db


def can_edit(user):
    return can_author(user)


def enrolled_course_ids(user):
    """Return the ids of the courses ``user`` is actively enrolled in."""
    return set(db.session.scalars(select(Enrollment.course_id).where(
        Enrollment.user_id == user.id, Enrollment.status == EnrollmentStatus.ACTIVE.value)))


def learning_rows(user, now):
    """Return one row per active enrolment: course, progress, due date, overdue flag, next item."""
    enrollments = db.session.scalars(
        select(Enrollment).join(Course, Enrollment.course_id == Course.id).options(contains_eager(Enrollment.course))
        .where(Enrollment.user_id == user.id, Enrollment.status == EnrollmentStatus.ACTIVE.value,
               Course.status != "draft")
        .order_by(Enrollment.completed_at.is_not(None), Enrollment.due_at.is_(None), Enrollment.due_at,
                  Course.title)
    ).unique().all()
    if not enrollments:
        return []
    course_ids = [e.course_id for e in enrollments]
    items = db.session.scalars(select(Item).where(Item.course_id.in_(course_ids), Item.removed_at.is_(None))).all()
    modules_order = _module_positions(course_ids)
    items_by_course = {}
    for item in sorted(items, key=lambda i: (modules_order.get(i.module_id, (0, 0)), i.position, i.id)):
        items_by_course.setdefault(item.course_id, []).append(item)
    results = db.session.scalars(select(ItemResult).where(ItemResult.enrollment_id.in_([e.id for e in enrollments]))).all()
    results_by_enrollment = {}
    for result in results:
        results_by_enrollment.setdefault(result.enrollment_id, {})[result.item_id] = result
    rows = []
    for enrollment in enrollments:
        progress = progress_for(enrollment, items_by_course.get(enrollment.course_id, []),
                                results_by_enrollment.get(enrollment.id, {}))
        rows.append({"enrollment": enrollment, "course": enrollment.course, "progress": progress,
                     "overdue": enrollment.is_overdue(now), "started": bool(results_by_enrollment.get(enrollment.id))})
    return rows


def _module_positions(course_ids):
    rows = db.session.execute(select(Module.id, Module.position).where(Module.course_id.in_(course_ids))).all()
    return {row.id: (row.position, row.id) for row in rows}


@dataclass(frozen=True)
class OutlineModule:
    """A module as the learner's outline shows it (plain data, no ORM state)."""

    id: int
    title: str
    summary: str
    items: list


# Built once per process: the course page runs them on every request.
_OUTLINE_ROWS = (
    select(Module.id, Module.title, Module.summary, Item.id.label("item_id"), Item.title.label("item_title"),
           Item.kind, Item.is_required, Item.estimated_minutes)
    .outerjoin(Item, (Item.module_id == Module.id) & Item.removed_at.is_(None))
    .where(Module.course_id == bindparam("course_id"), Module.removed_at.is_(None))
    .order_by(Module.position, Module.id, Item.position, Item.id)
)
_LESSON_OF_ITEM = select(Lesson).where(Lesson.item_id == bindparam("item_id"))
_RESULT_ROWS = select(ItemResult.item_id, ItemResult.completed_at, ItemResult.score).where(
    ItemResult.enrollment_id == bindparam("enrollment_id"))


def load_outline(course_id):
    """Return the live modules of a course with their items, in one query of plain rows.

    The course page is the busiest page of the platform; reading only the columns it shows,
    without building ORM objects, halves its cost.
    """
    rows = db.session.execute(_OUTLINE_ROWS, {"course_id": course_id}).all()
    modules, by_id = [], {}
    for row in rows:
        module = by_id.get(row.id)
        if module is None:
            module = by_id[row.id] = OutlineModule(row.id, row.title, row.summary, [])
            modules.append(module)
        if row.item_id is not None:
            module.items.append(OutlineEntry(row.item_id, row.item_title, row.kind, row.is_required,
                                             row.estimated_minutes))
    return modules


def load_results(enrollment_id):
    """Return ``{item_id: ResultRow}`` for one enrolment (plain rows)."""
    rows = db.session.execute(_RESULT_ROWS, {"enrollment_id": enrollment_id}).all()
    return {row.item_id: ResultRow(row.completed_at, row.score) for row in rows}


@dataclass(frozen=True)
class OutlineEntry:
    id: int
    title: str
    kind: str
    is_required: bool
    estimated_minutes: int | None


@dataclass(frozen=True)
class ResultRow:
    completed_at: object
    score: object


def course_outline(course, enrollment, today):
    """Return the outline of ``course`` for a learner (or a previewing author) as template data."""
    modules = load_outline(course.id)
    items = [item for module in modules for item in module.items]
    results = load_results(enrollment.id) if enrollment else {}
    lesson_ids = [i.id for i in items if i.kind == "lesson"]
    warnings = superseded_citations("lesson", lesson_ids, today)
    progress = progress_for(enrollment, items, results) if enrollment else None
    return {"modules": modules, "results": results, "warnings": warnings, "progress": progress,
            "kinds": {kind: str(item_kind(kind).label) for kind in {i.kind for i in items}},
            "total_minutes": sum(i.estimated_minutes or 0 for i in items)}


def next_item_id(enrollment):
    """Return the id of the item "continue" should open, or ``None`` when everything is done."""
    return progress_for(enrollment).next_item_id


def lesson_context(course, item, enrollment, today, results):
    """Return what the lesson page needs: body, citations and warnings, neighbours, progress."""
    lesson = db.session.scalar(_LESSON_OF_ITEM, {"item_id": item.id})
    # The outline's plain rows give neighbours, progress and the module title in one query
    # (ORM items plus a lazy load of item.module cost two queries and twice the time).
    modules = load_outline(course.id)
    items = [entry for module in modules for entry in module.items]
    ids = [i.id for i in items]
    index = ids.index(item.id) if item.id in ids else 0
    module_title = next((module.title for module in modules if module.id == item.module_id), None)
    citations = citations_for("lesson", [item.id]).get(item.id, [])
    return {
        "lesson": lesson,
        "module_title": item.module.title if module_title is None else module_title,
        "citations": citations,
        "superseded": [c for c in citations if c.document.is_superseded(today)],
        "previous_item": items[index - 1] if index > 0 else None,
        "next_item": items[index + 1] if index + 1 < len(items) else None,
        "is_done": item.id in results and results[item.id].completed_at is not None,
        "progress": progress_for(enrollment, items, results) if enrollment else None,
        "position": index + 1,
        "count": len(items),
        "today": today,
    }
