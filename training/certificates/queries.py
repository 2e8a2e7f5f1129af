"""Read-only data for the certificate pages: the register's filters, a person's certificates, counts."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from training.accounts.models import User
from training.certificates.models import Certificate, CertificateRequest, RequestStatus
from training.certificates.status import Status, certificate_status
from training.core.audit import AuditEvent
from training.core.security import admin_scope_path
from training.core.text import fold
from training.courses.models import Course, Enrollment
from training.extensions import db
from training.orgunits.models import Unit, subtree_condition


def status_of(certificate, today):
    """Return the :class:`Status` of a certificate row on ``today``."""
    return certificate_status(today, revoked=certificate.revoked_at is not None,
                              superseded=certificate.superseded_by_id is not None,
                              expires_on=certificate.expires_on,
                              refresher_required=certificate.refresher_id is not None)


def status_condition(status, today):
    """Return the SQL condition selecting certificates whose status on ``today`` is ``status``."""
    live = and_(Certificate.revoked_at.is_(None), Certificate.superseded_by_id.is_(None))
    current = or_(Certificate.expires_on.is_(None), Certificate.expires_on >= today)
    return {
        Status.REVOKED: Certificate.revoked_at.is_not(None),
        Status.SUPERSEDED: and_(Certificate.revoked_at.is_(None), Certificate.superseded_by_id.is_not(None)),
        Status.EXPIRED: and_(live, Certificate.expires_on < today),
        Status.REFRESHER: and_(live, current, Certificate.refresher_id.is_not(None)),
        Status.VALID: and_(live, current, Certificate.refresher_id.is_(None)),
    }[Status(status)]


@dataclass
class RegisterFilter:
    """The register's filters, parsed from the query string (bad values are ignored, with a note)."""

    text: str = ""
    unit: object = None
    course_id: int | None = None
    class_id: int | None = None
    status: str = ""
    issued_from: date | None = None
    issued_to: date | None = None
    expiring_days: int | None = None
    errors: list = field(default_factory=list)


def register_query(actor, filters, today):
    """Return the select of register rows ``actor`` may see, filtered, newest first."""
    query = select(Certificate).join(User, Certificate.user_id == User.id).join(Unit, User.unit_id == Unit.id) \
        .join(Course, Certificate.course_id == Course.id) \
        .options(contains_eager(Certificate.user).contains_eager(User.unit), contains_eager(Certificate.course))
    scope = admin_scope_path(actor)
    if scope is not None:
        query = query.where(subtree_condition(Unit.path, scope))
    if filters.unit is not None:
        query = query.where(subtree_condition(Unit.path, filters.unit.path))
    if filters.course_id:
        query = query.where(Certificate.course_id == filters.course_id)
    if filters.class_id:
        query = query.join(Enrollment, Certificate.enrollment_id == Enrollment.id) \
            .where(Enrollment.class_id == filters.class_id)
    if filters.status:
        query = query.where(status_condition(filters.status, today))
    if filters.issued_from:
        query = query.where(Certificate.issued_on >= filters.issued_from)
    if filters.issued_to:
        query = query.where(Certificate.issued_on <= filters.issued_to)
    if filters.expiring_days is not None:
        query = query.where(status_condition(Status.VALID, today) | status_condition(Status.REFRESHER, today),
                            Certificate.expires_on <= today + timedelta(days=filters.expiring_days))
    if filters.text:
        needle = filters.text.strip()
        folded = fold(needle)
        query = query.where(or_(Certificate.serial == needle.upper(), User.search_text.contains(folded),
                                Certificate.serial.contains(needle.upper())))
    order = Certificate.expires_on if filters.expiring_days is not None else Certificate.issued_at.desc()
    return query.order_by(order, Certificate.id.desc())


def status_counts(actor, today):
    """Return ``{status: count}`` over the register rows ``actor`` may see."""
    counts = {}
    for status in Status:
        query = select(func.count()).select_from(Certificate).join(User, Certificate.user_id == User.id) \
            .join(Unit, User.unit_id == Unit.id).where(status_condition(status, today))
        scope = admin_scope_path(actor)
        if scope is not None:
            query = query.where(subtree_condition(Unit.path, scope))
        counts[status] = db.session.scalar(query)
    return counts


def pending_requests(actor):
    """Return the pending approval requests of people within ``actor``'s scope, oldest first."""
    query = select(CertificateRequest).join(User, CertificateRequest.user_id == User.id) \
        .join(Unit, User.unit_id == Unit.id) \
        .options(contains_eager(CertificateRequest.user).contains_eager(User.unit),
                 joinedload(CertificateRequest.course), joinedload(CertificateRequest.enrollment)) \
        .where(CertificateRequest.status == RequestStatus.PENDING.value)
    scope = admin_scope_path(actor)
    if scope is not None:
        query = query.where(subtree_condition(Unit.path, scope))
    return db.session.scalars(query.order_by(CertificateRequest.created_at, CertificateRequest.id)).unique().all()


def pending_count(actor):
    """Return how many approval requests wait for ``actor``."""
    query = select(func.count()).select_from(CertificateRequest).join(User, CertificateRequest.user_id == User.id) \
        .join(Unit, User.unit_id == Unit.id).where(CertificateRequest.status == RequestStatus.PENDING.value)
    scope = admin_scope_path(actor)
    if scope is not None:
        query = query.where(subtree_condition(Unit.path, scope))
    return db.session.scalar(query)


def my_certificates(user):
    """Return ``user``'s certificates, newest first, with their course."""
    return db.session.scalars(select(Certificate).options(joinedload(Certificate.course))
                              .where(Certificate.user_id == user.id)
                              .order_by(Certificate.issued_at.desc(), Certificate.id.desc())).unique().all()


def my_requests(user):
    """Return ``user``'s completions waiting for approval or declined."""
    return db.session.scalars(select(CertificateRequest).options(joinedload(CertificateRequest.course))
                              .where(CertificateRequest.user_id == user.id,
                                     CertificateRequest.status != RequestStatus.APPROVED.value)
                              .order_by(CertificateRequest.created_at.desc())).unique().all()


def history(certificate):
    """Return the audit events about ``certificate``, oldest first."""
    return db.session.scalars(select(AuditEvent).where(AuditEvent.target_type == "certificate",
                                                       AuditEvent.target_id == str(certificate.id))
                              .order_by(AuditEvent.at, AuditEvent.id)).all()


def class_certificate_ids(actor, training_class):
    """Return the ids of a class's certificates (not revoked) ``actor`` may download, in name order."""
    query = select(Certificate.id).join(Enrollment, Certificate.enrollment_id == Enrollment.id) \
        .join(User, Certificate.user_id == User.id).join(Unit, User.unit_id == Unit.id) \
        .where(Enrollment.class_id == training_class.id, Certificate.course_id == training_class.course_id,
               Certificate.revoked_at.is_(None))
    scope = admin_scope_path(actor)
    if scope is not None:
        query = query.where(subtree_condition(Unit.path, scope))
    return list(db.session.scalars(query.order_by(Unit.path, User.full_name, Certificate.id)))
