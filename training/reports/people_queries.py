"""The drill-down from a unit to its people: each person with their training status, one statement."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select

from training.accounts.models import User
from training.certificates.models import Certificate
from training.courses.models import Enrollment
from training.extensions import db
from training.orgunits.models import Unit, subtree_condition
from training.reports.activity_queries import valid_at
from training.reports.queries import active_enrolment, overdue_at, spokesperson_at

PEOPLE_LIMIT = 500


@dataclass(frozen=True)
class PersonStatus:
    """One person of a unit: how far their training is at the end of the report's window."""

    id: int
    full_name: str
    position: str
    unit_name: str
    spokesperson: bool
    enrolled: int
    completed: int
    overdue: int
    valid_until: date | None
    certified: bool


def unit_people(unit, scope, window, limit=PEOPLE_LIMIT):
    """Return ``(rows, total)``: up to ``limit`` :class:`PersonStatus` of ``unit``'s subtree, by unit then name."""
    enrolments = select(
        Enrollment.user_id.label("user_id"), func.count().label("enrolled"),
        func.count(Enrollment.completed_at).filter(Enrollment.completed_at < window.end).label("completed"),
        func.count().filter(overdue_at(window)).label("overdue"),
    ).join(User, Enrollment.user_id == User.id).join(Unit, User.unit_id == Unit.id) \
        .where(active_enrolment(scope), Enrollment.enrolled_at < window.end, subtree_condition(Unit.path, unit.path)) \
        .group_by(Enrollment.user_id).subquery()
    certificates = select(
        Certificate.user_id.label("user_id"), func.count().label("valid"),
        # NULL sorts as "no expiry": the latest expiry among certificates that expire.
        func.max(Certificate.expires_on).label("until"),
    ).join(User, Certificate.user_id == User.id).join(Unit, User.unit_id == Unit.id) \
        .where(valid_at(window), subtree_condition(Unit.path, unit.path)) \
        .group_by(Certificate.user_id).subquery()
    base = and_(User.is_active.is_(True), subtree_condition(Unit.path, unit.path))
    query = select(
        User.id, User.full_name, User.position, Unit.name, spokesperson_at(window.as_of),
        func.coalesce(enrolments.c.enrolled, 0), func.coalesce(enrolments.c.completed, 0),
        func.coalesce(enrolments.c.overdue, 0), certificates.c.until, func.coalesce(certificates.c.valid, 0),
    ).join(Unit, User.unit_id == Unit.id).outerjoin(enrolments, enrolments.c.user_id == User.id) \
        .outerjoin(certificates, certificates.c.user_id == User.id).where(base) \
        .order_by(Unit.path, User.full_name, User.id).limit(limit)
    rows = [PersonStatus(uid, name, position, unit_name, bool(spokes), int(enrolled), int(completed), int(overdue),
                         until, bool(valid))
            for uid, name, position, unit_name, spokes, enrolled, completed, overdue, until, valid
            in db.session.execute(query)]
    total = db.session.scalar(select(func.count()).select_from(User).join(Unit, User.unit_id == Unit.id).where(base))
    return rows, total
