"""Issuing certificates: eligibility, gapless serials, the approval queue, the completion hook.

A serial comes from an atomic counter (``UPDATE ... SET value = value + 1 RETURNING value``)
in the same transaction as the certificate's insert. On PostgreSQL the UPDATE locks the
counter row and on SQLite it takes the database's write lock, so two issuers are serialised
and a rolled-back issue gives its number back: no gap, no duplicate. The pair (enrolment,
certified course) is unique, so one completion never gets two certificates, even when two
administrators press the button at the same moment.
"""

import hashlib
import logging
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from training.accounts.models import User
from training.certificates.images import ImageError, prepared_image
from training.certificates.models import (
    Certificate,
    CertificateRequest,
    IssueMode,
    Refresher,
    RequestStatus,
    SerialCounter,
)
from training.certificates.pdf import SEAL_BOX, SIGNATURE_BOX, CertificateData, render_certificate
from training.certificates.record import params_from_data
from training.certificates.serials import compile_pattern, new_verification_code, normalize_code
from training.certificates.services.settings import authority_lines, counter_key, missing_settings, settings_for
from training.certificates.status import expiry_date
from training.core import audit
from training.core.database import insert_ignoring_conflicts
from training.core.errors import DomainError
from training.core.filestore import read_bytes
from training.core.messages import N_
from training.core.time import local_today
from training.courses.models import Course, Enrollment, Item, ItemResult
from training.courses.services.progress import course_items, progress_for
from training.extensions import db

logger = logging.getLogger(__name__)


def verification_url(base_url, serial, code):
    """Return the public verification address printed in the QR code."""
    return f"{base_url}/verify/{serial}?code={normalize_code(code)}"


def missing_items(enrollment):
    """Return the titles of the required items ``enrollment``'s learner has not completed, in order."""
    items = course_items(enrollment.course_id)
    progress = progress_for(enrollment, items=items)
    return [item.title for item in items if item.is_required and item.id not in progress.done_ids]


def completion_problem(enrollment):
    """Return ``None`` when ``enrollment`` is complete, else a :class:`DomainError` saying what is missing."""
    if enrollment is None:
        return DomainError(N_("This person is not enrolled in the course."), status=422)
    if enrollment.completed_at is not None:
        return None
    missing = missing_items(enrollment)
    return DomainError(N_("%(name)s has not completed the course yet; still missing: %(items)s."), status=422,
                       name=enrollment.user.full_name, items="; ".join(missing) or "—")


def existing_certificate(enrollment_id, course_id):
    """Return the certificate already issued for this completion, or ``None``."""
    return db.session.scalar(select(Certificate).where(Certificate.enrollment_id == enrollment_id,
                                                       Certificate.course_id == course_id))


def final_score(enrollment):
    """Return the best score of the course's last scored item (its final quiz), or ``None``."""
    scored = db.session.execute(
        select(ItemResult.item_id, ItemResult.score, Item.kind).join(Item, ItemResult.item_id == Item.id)
        .where(ItemResult.enrollment_id == enrollment.id, ItemResult.score.is_not(None))).all()
    if not scored:
        return None
    order = {item.id: index for index, item in enumerate(course_items(enrollment.course_id))}
    live = [row for row in scored if row.item_id in order]
    candidates = [row for row in live if row.kind == "quiz"] or live
    if not candidates:
        return None
    return Decimal(max(candidates, key=lambda row: order[row.item_id]).score)


def _next_sequence(key):
    """Return the next number of counter ``key`` (the row stays locked until the transaction ends)."""
    insert_ignoring_conflicts(db.session, SerialCounter.__table__, [{"key": key, "value": 0}], ["key"])
    table = SerialCounter.__table__
    return db.session.execute(update(table).where(table.c.key == key).values(value=table.c.value + 1)
                              .returning(table.c.value)).scalar_one()


def _give_back(key):
    table = SerialCounter.__table__
    db.session.execute(update(table).where(table.c.key == key).values(value=table.c.value - 1))


def _images(settings, config):
    """Return the signature and seal bytes, checked now so that nothing fails after a serial is taken."""
    found = []
    for kind, box in (("signature", SIGNATURE_BOX), ("seal", SEAL_BOX)):
        digest = getattr(settings, f"{kind}_sha256")
        data = read_bytes(digest) if digest else None
        if digest and data is None:
            raise DomainError(N_("The %(kind)s image is missing from the file store; upload it again."), kind=kind)
        if data is not None:
            try:
                prepared_image(data, *(round(side * 300 / 72) for side in box), config.image_max_bytes)
            except ImageError as error:
                raise DomainError(error.issue.message, **error.issue.params) from None
        found.append((digest, data))
    return found


def issue_certificate(actor, enrollment, course, now, config, source, replaces=None):
    """Issue the certificate of ``course`` for ``enrollment``'s completion; return it.

    ``course`` is the course certified: the enrolment's own, or the original course when the
    enrolment is in a refresher course (then ``replaces`` is the certificate it supersedes).

    :raises DomainError: not set up (400), not completed (422, with what is missing), already
        issued (409), or an unusable image; nothing is changed then.
    """
    settings = settings_for(course.id)
    missing = missing_settings(settings)
    if missing:
        raise DomainError(N_("Certificates of %(course)s are not set up yet: complete the issuing unit, the "
                             "signer and the place in the course's certificate settings."), course=course.title)
    if settings.mode == IssueMode.NONE.value:
        raise DomainError(N_("The course %(course)s does not give certificates."), course=course.title)
    problem = completion_problem(enrollment)
    if problem is not None:
        raise problem
    _refuse_if_issued(enrollment, course)
    (signature_sha, signature), (seal_sha, seal) = _images(settings, config)
    today = local_today(now, config.tz)
    pattern = compile_pattern(settings.serial_pattern)
    key = counter_key(settings.serial_pattern, today.year)
    serial = pattern.format(_next_sequence(key), today.year)
    if existing_certificate(enrollment.id, course.id) is not None:  # issued meanwhile, before our lock
        _give_back(key)
        _refuse_if_issued(enrollment, course)
    code = new_verification_code()
    learner = db.session.get(User, enrollment.user_id)
    data = CertificateData(
        learner_name=learner.full_name, course_title=course.title, course_version=str(course.version),
        completion_date=local_today(enrollment.completed_at, config.tz), issuer_name=settings.issuer_unit.name,
        authority_lines=authority_lines(settings), signer_name=settings.signer_name,
        signer_title=settings.signer_title, serial=serial, verification_url=verification_url(config.base_url, serial, code),
        verification_code=code, issue_date=today, place=settings.place, learner_position=learner.position or "",
        learner_unit=learner.unit.name if learner.unit else "", score=final_score(enrollment),
        expiry_date=expiry_date(today, settings.valid_months), signature_image=signature, seal_image=seal)
    pdf = render_certificate(data)
    certificate = Certificate(
        serial=serial, verification_code=code, user_id=learner.id, course_id=course.id, enrollment_id=enrollment.id,
        course_version=course.version, completed_at=enrollment.completed_at, score=data.score, issued_at=now,
        issued_on=today, expires_on=data.expiry_date, issued_by_id=actor.id if actor else None, source=source,
        params=params_from_data(data, signature_sha, seal_sha), sha256=hashlib.sha256(pdf).hexdigest(),
        replaces_id=replaces.id if replaces else None, revoked_reason="")
    db.session.add(certificate)
    try:
        db.session.flush()
    except IntegrityError:  # the unique pair: another transaction issued it and committed first
        raise DomainError(N_("A certificate was already issued for this completion."), status=409) from None
    if replaces is not None:
        replaces.superseded_by_id = certificate.id
        replaces.superseded_at = now
    _close_requests(actor, enrollment.id, course.id, certificate, now)
    audit.record(actor, "certificate.issue", "certificate", certificate.id,
                 {"serial": serial, "user": learner.email, "course": course.slug, "source": source,
                  "replaces": replaces.serial if replaces else None}, now)
    return certificate


def _refuse_if_issued(enrollment, course):
    existing = existing_certificate(enrollment.id, course.id)
    if existing is not None:
        raise DomainError(N_("%(name)s already holds certificate %(serial)s for this completion."), status=409,
                          name=enrollment.user.full_name, serial=existing.serial)


def _close_requests(actor, enrollment_id, course_id, certificate, now):
    request = db.session.scalar(select(CertificateRequest).where(
        CertificateRequest.enrollment_id == enrollment_id, CertificateRequest.course_id == course_id))
    if request is not None and request.status != RequestStatus.APPROVED.value:
        request.status = RequestStatus.APPROVED.value
        request.decided_at = now
        request.decided_by_id = actor.id if actor else None
        request.certificate_id = certificate.id


def queue_request(enrollment, course, now, reason, replaces=None):
    """Put a completion in the approval queue (once: a second call changes nothing)."""
    insert_ignoring_conflicts(db.session, CertificateRequest.__table__, [{
        "enrollment_id": enrollment.id, "course_id": course.id, "user_id": enrollment.user_id, "created_at": now,
        "reason": reason, "replaces_id": replaces.id if replaces else None, "status": RequestStatus.PENDING.value,
        "decision_note": ""}], ["enrollment_id", "course_id"])


def _due(enrollment, course, now, config, replaces=None):
    """Issue at once or queue, as the course's settings say; never fail the learner's request."""
    settings = settings_for(course.id)
    mode = settings.mode if settings is not None else IssueMode.APPROVAL.value
    if mode == IssueMode.NONE.value or existing_certificate(enrollment.id, course.id) is not None:
        return None
    if mode == IssueMode.AUTO.value and not missing_settings(settings):
        try:
            return issue_certificate(None, enrollment, course, now, config,
                                     "refresher" if replaces is not None else "auto", replaces=replaces)
        except DomainError as error:
            logger.warning("Automatic certificate for enrolment %s queued instead: %s", enrollment.id, error)
            queue_request(enrollment, course, now, "settings", replaces)
            return None
    ready = settings is not None and not missing_settings(settings)
    queue_request(enrollment, course, now, "approval" if ready and mode == IssueMode.APPROVAL.value else "settings",
                  replaces)
    return None


def completed(enrollment, now, config):
    """Handle a completed enrolment: its course's certificate, and refreshers it satisfies."""
    course = db.session.get(Course, enrollment.course_id)
    _due(enrollment, course, now, config)
    for old in pending_refreshers(enrollment.user_id, enrollment.course_id):
        _due(enrollment, db.session.get(Course, old.course_id), now, config, replaces=old)


def pending_refreshers(user_id, refresher_course_id):
    """Return ``user_id``'s certificates waiting for a refresher done in ``refresher_course_id``."""
    return db.session.scalars(
        select(Certificate).join(Refresher, Certificate.refresher_id == Refresher.id)
        .where(Certificate.user_id == user_id, Refresher.refresher_course_id == refresher_course_id,
               Certificate.superseded_by_id.is_(None), Certificate.revoked_at.is_(None))
        .order_by(Certificate.id)).all()


def issue_for_person(actor, user, course, now, config, source="admin"):
    """Issue ``course``'s certificate to ``user`` (an administrator or the command line)."""
    enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == user.id,
                                                            Enrollment.course_id == course.id))
    if enrollment is None:
        raise DomainError(N_("%(name)s is not enrolled in %(course)s."), status=422, name=user.full_name,
                          course=course.title)
    return issue_certificate(actor, enrollment, course, now, config, source)


def approve_request(actor, request, now, config):
    """Approve a queued completion: the certificate is issued now."""
    if request.status != RequestStatus.PENDING.value:
        raise DomainError(N_("This request was already answered."), status=409)
    replaces = db.session.get(Certificate, request.replaces_id) if request.replaces_id else None
    certificate = issue_certificate(actor, request.enrollment, request.course, now, config, "approval",
                                    replaces=replaces)
    audit.record(actor, "certificate.approve", "certificate", certificate.id,
                 {"serial": certificate.serial, "request": request.id}, now)
    return certificate


def decline_request(actor, request, note, now):
    """Decline a queued completion with a reason (audited); it can be approved later after all."""
    note = " ".join((note or "").split())
    if len(note) < 5:
        raise DomainError(N_("Give the reason for declining (at least 5 characters)."), field="note")
    if request.status != RequestStatus.PENDING.value:
        raise DomainError(N_("This request was already answered."), status=409)
    request.status = RequestStatus.DECLINED.value
    request.decided_at = now
    request.decided_by_id = actor.id if actor else None
    request.decision_note = note[:1000]
    audit.record(actor, "certificate.decline", "certificate_request", request.id,
                 {"user": request.user.email, "course": request.course.slug, "reason": note}, now)
    return request
