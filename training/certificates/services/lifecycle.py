"""After issue: revocation with a public reason, refreshers when the law changes, legal-change notices."""

from sqlalchemy import func, or_, select, update

from training.accounts.models import User
from training.certificates.models import Certificate, LegalChangeNotice, Refresher
from training.certificates.services.issuing import completed
from training.core import audit
from training.core.database import insert_ignoring_conflicts
from training.core.errors import DomainError
from training.core.messages import N_
from training.core.text import clean_line
from training.core.time import local_today
from training.courses.models import Enrollment, Item, LegalCitation
from training.courses.services.enrolment import enrol_people
from training.extensions import db

MIN_REASON = 5


def _reason(text, field="reason"):
    reason = clean_line(text)
    if len(reason) < MIN_REASON:
        raise DomainError(N_("Give the reason (at least %(min)s characters); it is shown publicly."), field=field,
                          min=MIN_REASON)
    return reason[:1000]


def revoke(actor, certificate, reason, now):
    """Revoke ``certificate``: final, audited, and shown with its reason on the verification page."""
    reason = _reason(reason)
    if certificate.revoked_at is not None:
        raise DomainError(N_("Certificate %(serial)s was already revoked."), status=409, serial=certificate.serial)
    certificate.revoked_at = now
    certificate.revoked_by_id = actor.id if actor else None
    certificate.revoked_reason = reason
    audit.record(actor, "certificate.revoke", "certificate", certificate.id,
                 {"serial": certificate.serial, "reason": reason}, now)
    return certificate


def valid_certificates(course_id, today):
    """Return a query of the certificates of a course that are valid on ``today`` (no refresher pending)."""
    return select(Certificate).where(
        Certificate.course_id == course_id, Certificate.revoked_at.is_(None), Certificate.superseded_by_id.is_(None),
        Certificate.refresher_id.is_(None), or_(Certificate.expires_on.is_(None), Certificate.expires_on >= today))


def refresher_candidates(course, today, older_only=True):
    """Return the certificates a refresher for ``course`` would concern."""
    query = valid_certificates(course.id, today)
    if older_only:
        query = query.where(Certificate.course_version < course.version)
    return db.session.scalars(query.order_by(Certificate.id)).all()


def require_refresher(actor, course, refresher_course, reason, now, config, older_only=True, due_on=None):
    """Require holders of ``course``'s certificates to complete ``refresher_course``.

    Holders are enrolled in the refresher course; their certificates read "cần bồi dưỡng cập
    nhật" until they complete it, when a new certificate supersedes the old one. Holders who
    already completed the refresher course get their new certificate (or request) at once.

    :return: the :class:`Refresher`.
    """
    reason = _reason(reason)
    if refresher_course is None:
        raise DomainError(N_("Choose the refresher course."), field="refresher_course_id")
    if refresher_course.id == course.id:
        raise DomainError(N_("A course cannot be its own refresher; create a separate refresher course."),
                          field="refresher_course_id")
    if not refresher_course.is_published:
        raise DomainError(N_("Publish the refresher course first: holders will be enrolled in it."),
                          field="refresher_course_id")
    today = local_today(now, config.tz)
    certificates = refresher_candidates(course, today, older_only)
    if not certificates:
        raise DomainError(N_("No valid certificate of this course needs a refresher."), status=409)
    refresher = Refresher(course_id=course.id, refresher_course_id=refresher_course.id, reason=reason,
                          before_version=course.version if older_only else None, certificates=len(certificates),
                          created_at=now, created_by_id=actor.id if actor else None)
    db.session.add(refresher)
    db.session.flush()
    for certificate in certificates:
        certificate.refresher_id = refresher.id
        certificate.refresher_required_at = now
    holders = db.session.scalars(select(User).where(User.id.in_({c.user_id for c in certificates}),
                                                    User.is_active.is_(True))).all()
    enrol_people(actor, refresher_course, holders, now, config.tz, due_on=due_on, source="refresher")
    db.session.execute(update(LegalChangeNotice).where(LegalChangeNotice.course_id == course.id,
                                                       LegalChangeNotice.resolved_at.is_(None))
                       .values(resolved_at=now, refresher_id=refresher.id))
    audit.record(actor, "certificate.refresher", "course", course.id,
                 {"course": course.slug, "refresher_course": refresher_course.slug, "reason": reason,
                  "certificates": len(certificates), "older_versions_only": older_only}, now)
    done = db.session.scalars(select(Enrollment).where(Enrollment.course_id == refresher_course.id,
                                                       Enrollment.user_id.in_([h.id for h in holders]),
                                                       Enrollment.completed_at.is_not(None))).all()
    for enrollment in done:
        completed(enrollment, now, config)
    return refresher


def notice_legal_change(document, now):
    """Record, for each certified course citing ``document``, that its holders may need a refresher."""
    course_ids = db.session.scalars(
        select(Item.course_id).join(LegalCitation, (LegalCitation.target_id == Item.id)
                                    & (LegalCitation.target_type == "lesson"))
        .where(LegalCitation.document_id == document.id, Item.removed_at.is_(None)).distinct()).all()
    if not course_ids:
        return 0
    certified = db.session.scalars(
        select(Certificate.course_id).where(Certificate.course_id.in_(course_ids), Certificate.revoked_at.is_(None),
                                            Certificate.superseded_by_id.is_(None))
        .group_by(Certificate.course_id).having(func.count() > 0)).all()
    insert_ignoring_conflicts(db.session, LegalChangeNotice.__table__,
                              [{"document_id": document.id, "course_id": course_id, "created_at": now}
                               for course_id in certified], ["document_id", "course_id"])
    return len(certified)


def open_notices():
    """Return the unresolved legal-change notices with their document and course."""
    from sqlalchemy.orm import joinedload

    return db.session.scalars(select(LegalChangeNotice).options(
        joinedload(LegalChangeNotice.document), joinedload(LegalChangeNotice.course))
        .where(LegalChangeNotice.resolved_at.is_(None)).order_by(LegalChangeNotice.created_at)).unique().all()
