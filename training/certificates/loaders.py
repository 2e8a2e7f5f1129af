"""Loading certificate objects for a user: 404 when missing, 403 outside an admin's units.

A learner asking for someone else's certificate gets 404, not 403: whether a certificate
exists is nobody else's business (the public page answers only with the code).
"""

from sqlalchemy import select

from training.accounts.models import User
from training.certificates.models import BulkIssueJob, Certificate, CertificateRequest
from training.core.errors import abort_with
from training.core.roles import Role
from training.core.security import can_manage_unit_path
from training.extensions import db


def _holder_within_scope(user, holder_id):
    holder = db.session.get(User, holder_id)
    unit = holder.unit if holder is not None else None
    return unit is not None and can_manage_unit_path(user, unit.path)


def load_certificate_for_admin(user, certificate_id):
    """Return a certificate whose holder is within admin ``user``'s units."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None:
        abort_with(404)
    if not _holder_within_scope(user, certificate.user_id):
        abort_with(403)
    return certificate


def load_certificate_for_download(user, certificate_id):
    """Return a certificate ``user`` holds, or one an admin may manage; 404 for anyone else."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None:
        abort_with(404)
    if certificate.user_id == user.id:
        return certificate
    if user.role == Role.ADMIN:
        if not _holder_within_scope(user, certificate.user_id):
            abort_with(403)
        return certificate
    abort_with(404)


def load_request_for_admin(user, request_id):
    """Return an approval request of someone within ``user``'s units."""
    request = db.session.get(CertificateRequest, request_id)
    if request is None:
        abort_with(404)
    if not _holder_within_scope(user, request.user_id):
        abort_with(403)
    return request


def load_job_for(user, job_id):
    """Return a bulk-issue job ``user`` started (a city-wide admin may follow anyone's)."""
    job = db.session.scalar(select(BulkIssueJob).where(BulkIssueJob.id == job_id))
    if job is None:
        abort_with(404)
    if job.created_by_id != user.id and not user.is_city_admin:
        abort_with(403)
    return job
