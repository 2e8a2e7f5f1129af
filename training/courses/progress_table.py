"""The learner × item table of a training class, for the page and for XLSX/CSV exports."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from training.accounts.models import User
from training.core.time import format_date
from training.courses.models import Enrollment, EnrollmentStatus, ItemResult
from training.courses.services.progress import course_items, progress_for
from training.extensions import db
from training.orgunits.models import Unit, subtree_condition


@dataclass(frozen=True)
class ProgressRow:
    enrollment: object
    cells: tuple  # per item: ItemResult or None
    progress: object


def class_progress(training_class, unit=None, scope_path=None):
    """Return ``(items, rows)`` for the class, optionally limited to a unit subtree (3 queries)."""
    items = course_items(training_class.course_id)
    query = select(Enrollment).join(User, Enrollment.user_id == User.id).join(Unit, User.unit_id == Unit.id) \
        .options(contains_eager(Enrollment.user).contains_eager(User.unit)) \
        .where(Enrollment.class_id == training_class.id, Enrollment.status == EnrollmentStatus.ACTIVE.value)
    if unit is not None:
        query = query.where(subtree_condition(Unit.path, unit.path))
    if scope_path is not None:
        query = query.where(subtree_condition(Unit.path, scope_path))
    enrollments = db.session.scalars(query.order_by(Unit.path, User.full_name)).unique().all()
    results = db.session.scalars(select(ItemResult).where(
        ItemResult.enrollment_id.in_([e.id for e in enrollments]))).all() if enrollments else []
    by_enrollment = {}
    for result in results:
        by_enrollment.setdefault(result.enrollment_id, {})[result.item_id] = result
    rows = []
    for enrollment in enrollments:
        mine = by_enrollment.get(enrollment.id, {})
        rows.append(ProgressRow(enrollment, tuple(mine.get(i.id) for i in items), progress_for(enrollment, items, mine)))
    return items, rows


def cell_text(result):
    """Return the text of one cell: the score, a tick for completion, or empty."""
    if result is None or (result.completed_at is None and result.score is None):
        return ""
    if result.score is not None:
        return f"{result.score.normalize():f}%".replace(".", ",")
    return "✓"


def export_table(items, rows, labels):
    """Return ``(header, rows)`` for spreadsheets; ``labels`` holds the translated column names."""
    header = [labels["name"], labels["email"], labels["unit"], labels["position"]]
    header += [f"{index}. {item.title}" for index, item in enumerate(items, start=1)]
    header += [labels["progress"], labels["completed"]]
    body = []
    for row in rows:
        user = row.enrollment.user
        body.append([user.full_name, user.email, user.unit.name if user.unit else "", user.position]
                    + [cell_text(cell) for cell in row.cells]
                    + [row.progress.percent / 100, format_date(row.enrollment.completed_at)])
    return header, body
