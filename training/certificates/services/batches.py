"""Bulk issue for a training class or a unit subtree, in chunks the progress page drives.

The preview sorts people into: certified already, ready (completed, no certificate), and not
completed (with the required items they still miss). A job fixes the list of the ready ones;
each call of :func:`run_chunk` claims the next few with a conditional UPDATE and issues them in
that request's transaction, so no request runs long and two open tabs never issue twice.
"""

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import contains_eager

from training.accounts.models import User
from training.certificates.models import BulkIssueJob, Certificate, CertificateRequest, RequestStatus
from training.certificates.services.issuing import issue_certificate
from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_
from training.core.security import admin_scope_path
from training.courses.models import Enrollment, ItemResult
from training.courses.services.progress import course_items, progress_for
from training.extensions import db
from training.orgunits.models import Unit, subtree_condition

CHUNK = 10


@dataclass(frozen=True)
class Candidate:
    """One person of the batch and where they stand."""

    enrollment: object
    certificate: object  # the certificate already issued for this completion, or None
    missing: tuple  # titles of required items not done (empty when completed)
    pending: bool  # waiting in the approval queue

    @property
    def ready(self):
        return self.certificate is None and self.enrollment.completed_at is not None


def candidates(actor, course, training_class=None, unit=None, include_subunits=True):
    """Return the :class:`Candidate` rows of a class or a unit subtree, within ``actor``'s scope (4 queries)."""
    query = select(Enrollment).join(User, Enrollment.user_id == User.id).join(Unit, User.unit_id == Unit.id) \
        .options(contains_eager(Enrollment.user).contains_eager(User.unit)) \
        .where(Enrollment.course_id == course.id)
    if training_class is not None:
        query = query.where(Enrollment.class_id == training_class.id)
    if unit is not None:
        query = query.where(subtree_condition(Unit.path, unit.path) if include_subunits else Unit.id == unit.id)
    scope = admin_scope_path(actor)
    if scope is not None:
        query = query.where(subtree_condition(Unit.path, scope))
    enrollments = db.session.scalars(query.order_by(Unit.path, User.full_name)).unique().all()
    ids = [e.id for e in enrollments]
    if not ids:
        return []
    issued = {c.enrollment_id: c for c in db.session.scalars(select(Certificate).where(
        Certificate.enrollment_id.in_(ids), Certificate.course_id == course.id))}
    pending = set(db.session.scalars(select(CertificateRequest.enrollment_id).where(
        CertificateRequest.enrollment_id.in_(ids), CertificateRequest.course_id == course.id,
        CertificateRequest.status == RequestStatus.PENDING.value)))
    items = course_items(course.id)
    results = {}
    for result in db.session.scalars(select(ItemResult).where(ItemResult.enrollment_id.in_(ids))):
        results.setdefault(result.enrollment_id, {})[result.item_id] = result
    rows = []
    for enrollment in enrollments:
        missing = ()
        if enrollment.completed_at is None:
            done = progress_for(enrollment, items, results.get(enrollment.id, {})).done_ids
            missing = tuple(i.title for i in items if i.is_required and i.id not in done)
        rows.append(Candidate(enrollment, issued.get(enrollment.id), missing, enrollment.id in pending))
    return rows


def start_job(actor, course, rows, now, training_class=None, unit=None, include_subunits=True):
    """Create a job issuing to the ready ``rows``; return it (audited)."""
    ready = [row.enrollment.id for row in rows if row.ready]
    if not ready:
        raise DomainError(N_("Nobody in this selection is ready for a certificate."), status=409)
    job = BulkIssueJob(course_id=course.id, class_id=training_class.id if training_class else None,
                       unit_id=unit.id if unit else None, include_subunits=include_subunits, enrollment_ids=ready,
                       position=0, issued=0, skipped=0, results=[], created_by_id=actor.id if actor else None,
                       created_at=now)
    db.session.add(job)
    db.session.flush()
    audit.record(actor, "certificate.bulk", "course", course.id,
                 {"course": course.slug, "job": job.id, "people": len(ready),
                  "class": training_class.name if training_class else None, "unit": unit.code if unit else None}, now)
    return job


def run_chunk(actor, job, now, config, size=CHUNK):
    """Issue the next ``size`` certificates of ``job``; return how many were handled by this call."""
    if job.finished_at is not None:
        return 0
    start = job.position
    end = min(start + size, job.total)
    table = BulkIssueJob.__table__
    claimed = db.session.execute(update(table).where(table.c.id == job.id, table.c.position == start)
                                 .values(position=end)).rowcount
    if not claimed:  # another tab took this chunk; show its progress
        db.session.refresh(job)
        return 0
    results = list(job.results or [])
    issued = skipped = 0
    for enrollment_id in job.enrollment_ids[start:end]:
        enrollment = db.session.get(Enrollment, enrollment_id)
        entry = {"enrollment": enrollment_id, "name": enrollment.user.full_name}
        try:
            certificate = issue_certificate(actor, enrollment, job.course, now, config, "bulk")
        except DomainError as error:
            entry["problem"] = error.message
            entry["params"] = {k: str(v) for k, v in error.params.items()}
            skipped += 1
        else:
            entry["serial"] = certificate.serial
            issued += 1
        results.append(entry)
    db.session.expire(job, ["position"])
    job.results = results
    job.issued += issued
    job.skipped += skipped
    if end >= job.total:
        job.finished_at = now
    return end - start
