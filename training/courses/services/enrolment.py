"""Enrolling people: individuals, a unit's subtree, spokespersons only, a list, a training class.

Enrolling someone twice is a no-op: the ``(user, course)`` pair is unique and new rows are
inserted with ``ON CONFLICT DO NOTHING``, so even two admins enrolling the same unit at the
same moment create each enrolment once.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from training.accounts.models import User
from training.core import audit
from training.core.database import insert_ignoring_conflicts
from training.core.errors import DomainError
from training.core.messages import N_, Issue
from training.core.roles import is_path_within
from training.core.security import admin_scope_path
from training.core.text import normalize_email
from training.core.time import local_day_bounds, local_today
from training.courses.models import Enrollment, EnrollmentRequest, EnrollmentStatus, TrainingClass
from training.extensions import db
from training.orgunits.models import Unit, subtree_condition


@dataclass(frozen=True)
class EnrolResult:
    """How many people were newly enrolled, re-activated, added to a class, or already there."""

    created: int
    reactivated: int
    added_to_class: int
    unchanged: int


def people_in_unit(actor, unit, include_subunits=True, spokespersons_only=False):
    """Return the active people of ``unit`` (and its sub-units) that ``actor`` may enrol."""
    query = select(User).join(Unit, User.unit_id == Unit.id).options(contains_eager(User.unit)) \
        .where(User.is_active.is_(True))
    query = query.where(subtree_condition(Unit.path, unit.path) if include_subunits else Unit.id == unit.id)
    if spokespersons_only:
        query = query.where(User.is_spokesperson.is_(True))
    scope = admin_scope_path(actor) if actor is not None else None
    if scope is not None:
        query = query.where(subtree_condition(Unit.path, scope))
    return db.session.scalars(query.order_by(User.full_name)).unique().all()


def check_enrollable(actor, users):
    """Return the users ``actor`` may enrol; raise when one is outside their scope or inactive."""
    scope = admin_scope_path(actor) if actor is not None else None
    for user in users:
        if not user.is_active:
            raise DomainError(N_("%(name)s's account is deactivated."), name=user.full_name)
        if scope is not None and (user.unit is None or not is_path_within(user.unit.path, scope)):
            raise DomainError(N_("%(name)s belongs to a unit outside the units you manage."), name=user.full_name)
    return users


def due_instant(course, enrolled_at, due_on, training_class, tz):
    """Return when an enrolment is due: explicit date, else the class's, else N days after enrolling."""
    day = due_on or (training_class.due_on if training_class is not None else None)
    if day is None and course.relative_due_days:
        day = local_today(enrolled_at, tz) + timedelta(days=course.relative_due_days)
    return local_day_bounds(day, tz)[1] if day else None


def enrol_people(actor, course, users, now, tz, training_class=None, due_on=None, source="manual"):
    """Enrol ``users`` in ``course`` (already checked with :func:`check_enrollable`).

    :return: an :class:`EnrolResult`.
    """
    if training_class is not None and training_class.course_id != course.id:
        raise DomainError(N_("This class belongs to another course."))
    ids = sorted({u.id for u in users})
    existing = {e.user_id: e for e in db.session.scalars(
        select(Enrollment).where(Enrollment.course_id == course.id, Enrollment.user_id.in_(ids)))} if ids else {}
    rows, reactivated, added_to_class, unchanged = [], 0, 0, 0
    for user_id in ids:
        enrollment = existing.get(user_id)
        if enrollment is None:
            rows.append({"user_id": user_id, "course_id": course.id, "class_id": training_class.id if training_class else None,
                         "status": EnrollmentStatus.ACTIVE.value, "source": source, "enrolled_at": now,
                         "enrolled_by_id": actor.id if actor else None,
                         "due_at": due_instant(course, now, due_on, training_class, tz)})
        elif enrollment.status != EnrollmentStatus.ACTIVE.value:
            enrollment.status = EnrollmentStatus.ACTIVE.value
            reactivated += 1
        elif training_class is not None and enrollment.class_id is None:
            enrollment.class_id = training_class.id
            added_to_class += 1
        else:
            unchanged += 1
    insert_ignoring_conflicts(db.session, Enrollment.__table__, rows, ["user_id", "course_id"])
    result = EnrolResult(len(rows), reactivated, added_to_class, unchanged)
    if rows or reactivated or added_to_class:
        audit.record(actor, "enrolment.add", "course", course.id,
                     {"course": course.slug, "class": training_class.name if training_class else None,
                      "source": source, "created": result.created, "reactivated": reactivated,
                      "added_to_class": added_to_class, "unchanged": unchanged}, now)
    return result


def withdraw(actor, enrollment, now):
    """Take someone out of a course; their results are kept and enrolling again restores them."""
    if enrollment.status == EnrollmentStatus.WITHDRAWN.value:
        return enrollment
    enrollment.status = EnrollmentStatus.WITHDRAWN.value
    audit.record(actor, "enrolment.withdraw", "course", enrollment.course_id,
                 {"user": enrollment.user.email, "course": enrollment.course.slug}, now)
    return enrollment


def self_enrol(user, course, now, tz):
    """Let a learner enrol themselves in a published course that allows it."""
    if not (course.is_published and course.self_enrollment):
        raise DomainError(N_("This course does not accept self-enrolment. Ask your unit's administrator."), status=403)
    return enrol_people(user, course, [user], now, tz, source="self")


def request_enrolment(user, course, message, now):
    """Record a learner's request to join ``course`` (asking twice keeps one pending request)."""
    request = db.session.scalar(select(EnrollmentRequest).where(EnrollmentRequest.user_id == user.id,
                                                               EnrollmentRequest.course_id == course.id))
    if request is None:
        request = EnrollmentRequest(user_id=user.id, course_id=course.id, requested_at=now)
        db.session.add(request)
    request.message = (message or "")[:500]
    request.status = "pending"
    request.requested_at = now
    return request


def decide_request(actor, request, approve, course, now, tz):
    """Approve (enrolling the person) or decline a pending request."""
    check_enrollable(actor, [request.user])
    request.status = "approved" if approve else "declined"
    request.decided_by_id = actor.id
    request.decided_at = now
    if approve:
        enrol_people(actor, course, [request.user], now, tz, source="request")
    audit.record(actor, "enrolment.request", "course", course.id,
                 {"user": request.user.email, "decision": request.status}, now)


def pending_requests(actor, course):
    """Return the pending requests for ``course`` from people within ``actor``'s scope."""
    query = select(EnrollmentRequest).join(User, EnrollmentRequest.user_id == User.id) \
        .join(Unit, User.unit_id == Unit.id).options(contains_eager(EnrollmentRequest.user).contains_eager(User.unit))
    query = query.where(EnrollmentRequest.course_id == course.id, EnrollmentRequest.status == "pending")
    scope = admin_scope_path(actor)
    if scope is not None:
        query = query.where(subtree_condition(Unit.path, scope))
    return db.session.scalars(query.order_by(EnrollmentRequest.requested_at)).unique().all()


def check_enrolment_list(actor, table):
    """Validate an uploaded list of e-mail addresses (an ``email`` column) for enrolment."""
    from training.core.import_flow import SimpleCheck

    if "email" not in table.header:
        return SimpleCheck(rows=(), issues=(Issue(N_("Missing column(s): %(columns)s."), row=1,
                                                  params={"columns": "email"}),))
    emails = {normalize_email(values.get("email", "")) for _n, values in table.rows}
    people = {u.email: u for u in db.session.scalars(select(User).options(selectinload(User.unit))
                                                     .where(User.email.in_(emails)))} if emails else {}
    scope = admin_scope_path(actor)
    rows, issues, seen = [], [], set()
    for number, values in table.rows:
        email = normalize_email(values.get("email", ""))
        person = people.get(email)
        if not email:
            issues.append(Issue(N_("The e-mail address is empty."), row=number, column="email"))
        elif person is None:
            issues.append(Issue(N_("No one with the e-mail address %(value)s is registered."), row=number,
                                column="email", params={"value": email}))
        elif not person.is_active:
            issues.append(Issue(N_("%(value)s is deactivated."), row=number, column="email", params={"value": email}))
        elif scope is not None and (person.unit is None or not is_path_within(person.unit.path, scope)):
            issues.append(Issue(N_("%(value)s belongs to a unit outside the units you manage."), row=number,
                                column="email", params={"value": email}))
        elif email not in seen:
            rows.append((number, person))
        seen.add(email)
    return SimpleCheck(rows=tuple(rows), issues=tuple(issues))


def save_class(actor, training_class, course, data, now):
    """Create (``training_class`` None) or update a training class; audited."""
    if not data.get("name"):
        raise DomainError(N_("The class name is required."), field="name")
    if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        raise DomainError(N_("The class cannot end before it starts."), field="ends_on")
    unit = db.session.get(Unit, data["unit_id"]) if data.get("unit_id") else None
    scope = admin_scope_path(actor)
    if unit is None or (scope is not None and not is_path_within(unit.path, scope)):
        raise DomainError(N_("Choose a unit within the units you manage."), field="unit_id")
    creating = training_class is None
    if creating:
        training_class = TrainingClass(course_id=course.id, created_by_id=actor.id if actor else None,
                                       created_at=now)
        db.session.add(training_class)
    for field in ("name", "trainer_id", "unit_id", "starts_on", "ends_on", "due_on", "location", "notes"):
        setattr(training_class, field, data.get(field) if field != "location" else (data.get(field) or ""))
    training_class.notes = training_class.notes or ""
    training_class.updated_at = now
    db.session.flush()
    audit.record(actor, "class.create" if creating else "class.update", "training_class", training_class.id,
                 {"name": training_class.name, "course": course.slug}, now)
    return training_class

