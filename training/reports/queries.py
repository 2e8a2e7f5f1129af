"""SQL aggregates of the coverage report: units, people and enrolments per unit or per course.

Every function sends one statement whose cost grows with the data, never with a Python loop:
the database groups, Python only rolls the per-unit rows up the tree (``figures.roll_up``).
People belong to exactly one unit, so counts are grouped by ``users.unit_id`` and the unit tree
is joined only to restrict a report to a subtree (a city-wide report skips that join).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, or_, select

from training.accounts.models import User
from training.core.time import as_utc, local_today, to_local
from training.courses.models import Enrollment, Item, ItemResult
from training.courses.models.enrolment import EnrollmentStatus
from training.extensions import db
from training.orgunits.models import Unit, subtree_condition
from training.reports.figures import UnitNode
from training.reports.lists import OverdueRow


@dataclass(frozen=True)
class Window:
    """What a report counts: activity before ``end`` (an instant), certificates valid on ``as_of``.

    ``end`` is the end of the period or ``now`` when the period is not over, so a report of the
    current quarter counts up to now and a past quarter ignores everything that came later.
    """

    start: datetime
    end: datetime
    as_of: date

    @classmethod
    def of(cls, period, now, tz_name):
        """Return the window of ``period`` (a ``periods.Period``) seen at ``now``."""
        start, end = period.bounds(tz_name)
        now = as_utc(now)
        return cls(start, min(end, now), min(period.end, local_today(now, tz_name)))


@dataclass(frozen=True)
class Scope:
    """The people a report covers: a unit subtree (``path``) or the whole city, optionally one course."""

    path: str | None = None
    course_id: int | None = None


def within(query, scope, joined=False):
    """Restrict ``query`` (which selects from ``users``) to the scope's unit subtree.

    :param joined: the query already joins ``units`` on ``users.unit_id``.
    """
    if scope.path is None:
        return query
    if not joined:
        query = query.join(Unit, User.unit_id == Unit.id)
    return query.where(subtree_condition(Unit.path, scope.path))


def spokesperson_at(as_of):
    """Return the condition "the user was a designated spokesperson on ``as_of``"."""
    return and_(User.is_spokesperson.is_(True), or_(User.designated_on.is_(None), User.designated_on <= as_of))


def active_enrolment(scope):
    """Return the condition on enrolments counted by reports (active, of the scope's course)."""
    condition = Enrollment.status == EnrollmentStatus.ACTIVE.value
    if scope.course_id is not None:
        condition = and_(condition, Enrollment.course_id == scope.course_id)
    return condition


def overdue_at(window):
    """Return the condition "the enrolment was past due and not completed at ``window.end``"."""
    return and_(Enrollment.due_at.is_not(None), Enrollment.due_at < window.end,
                or_(Enrollment.completed_at.is_(None), Enrollment.completed_at >= window.end))


def _sum(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def unit_rows(scope):
    """Return ``(nodes, codes)``: a :class:`UnitNode` per unit in the scope, and ``{unit id: code}``."""
    query = select(Unit.id, Unit.code, Unit.name, Unit.path, Unit.kind)
    if scope.path is not None:
        query = query.where(subtree_condition(Unit.path, scope.path))
    rows = db.session.execute(query).all()
    return [UnitNode(code, name, path, kind) for _id, code, name, path, kind in rows], \
        {unit_id: code for unit_id, code, *_rest in rows}


def people_counts(scope, windows):
    """Return ``{unit id: (people, (spokespersons at the end of each window...))}`` in one statement.

    People are the active roster as it is today; spokespersons are counted from their designation
    date, so each window sees those designated by its ``as_of`` day.
    """
    query = select(User.unit_id, func.count(), *(_sum(spokesperson_at(w.as_of)) for w in windows)) \
        .where(User.is_active.is_(True), User.unit_id.is_not(None))
    query = within(query, scope).group_by(User.unit_id)
    return {row[0]: (row[1], tuple(row[2:])) for row in db.session.execute(query)}


def enrolment_counts(scope, windows):
    """Return ``{(unit id, course id): ((enrolled, completed in window, completed ever, overdue), ...)}``.

    One scan of the enrolments answers every window (the report's period and the previous one):
    the database returns a row per unit and course, a number that does not grow with people.
    """
    columns = []
    for w in windows:
        enrolled = Enrollment.enrolled_at < w.end
        completed = and_(enrolled, Enrollment.completed_at.is_not(None), Enrollment.completed_at < w.end)
        columns += [_sum(enrolled), _sum(and_(completed, Enrollment.completed_at >= w.start)), _sum(completed),
                    _sum(and_(enrolled, overdue_at(w)))]
    query = select(User.unit_id, Enrollment.course_id, *columns) \
        .select_from(Enrollment).join(User, Enrollment.user_id == User.id) \
        .where(active_enrolment(scope), Enrollment.enrolled_at < max(w.end for w in windows))
    query = within(query, scope).group_by(User.unit_id, Enrollment.course_id)
    return {(row[0], row[1]): _chunks(row[2:], 4) for row in db.session.execute(query)}


def _chunks(values, size):
    return tuple(tuple(values[i:i + size]) for i in range(0, len(values), size))


def required_progress(enrollment_ids):
    """Return ``{enrolment id: percentage of required items completed}`` for a few enrolments."""
    if not enrollment_ids:
        return {}
    ids = list(enrollment_ids)
    done = func.count(ItemResult.completed_at)
    # The ledger side is restricted to the same ids too, so the database reads those enrolments'
    # rows through the (enrollment_id, item_id) index; without it PostgreSQL may hash the whole ledger.
    query = select(Enrollment.id, func.count(Item.id), done).select_from(Enrollment) \
        .join(Item, and_(Item.course_id == Enrollment.course_id, Item.is_required.is_(True),
                         Item.removed_at.is_(None))) \
        .outerjoin(ItemResult, and_(ItemResult.enrollment_id == Enrollment.id, ItemResult.item_id == Item.id,
                                    ItemResult.enrollment_id.in_(ids))) \
        .where(Enrollment.id.in_(ids)).group_by(Enrollment.id)
    return {eid: (done * 100 / required if required else None) for eid, required, done in db.session.execute(query)}


def overdue_enrolments(scope, window, limit, tz_name):
    """Return up to ``limit`` :class:`OverdueRow`, the longest overdue first (ordered by due date, id)."""
    from training.courses.models import Course

    query = select(Enrollment.id, User.full_name, Unit.code, Unit.name, Course.title, Enrollment.due_at) \
        .select_from(Enrollment).join(User, Enrollment.user_id == User.id).join(Unit, User.unit_id == Unit.id) \
        .join(Course, Enrollment.course_id == Course.id) \
        .where(active_enrolment(scope), Enrollment.enrolled_at < window.end, overdue_at(window))
    query = within(query, scope, joined=True).order_by(Enrollment.due_at, Enrollment.id).limit(limit)
    rows = db.session.execute(query).all()
    progress = required_progress([row[0] for row in rows])
    # The due instant is the end of the local due day, so the due date is the day just before it.
    return [OverdueRow(name, code, unit_name, title, to_local(as_utc(due_at) - timedelta(seconds=1), tz_name).date(),
                       progress.get(eid))
            for eid, name, code, unit_name, title, due_at in rows]


def course_titles(course_ids):
    """Return ``{course id: (slug, title)}``."""
    from training.courses.models import Course

    if not course_ids:
        return {}
    query = select(Course.id, Course.slug, Course.title).where(Course.id.in_(list(course_ids)))
    return {cid: (slug, title) for cid, slug, title in db.session.execute(query)}
