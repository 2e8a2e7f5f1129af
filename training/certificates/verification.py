"""The public answer about a serial and a code: the same facts for the page and for JSON."""

from dataclasses import dataclass

from sqlalchemy import select

from training.certificates.models import Certificate
from training.certificates.queries import status_of
from training.certificates.serials import codes_match, normalize_serial
from training.certificates.status import Status
from training.extensions import db


@dataclass(frozen=True)
class Answer:
    """What the public may learn: ``outcome`` is unknown, wrong_code, need_code or a status."""

    outcome: str
    serial: str
    certificate: object = None

    def as_json(self, labels):
        """Return the JSON form: the holder's name, the course and the dates, nothing else personal."""
        payload = {"serial": self.serial, "result": self.outcome, "message": labels[self.outcome]}
        cert = self.certificate
        if cert is None:
            return payload
        params = cert.params
        payload.update({
            "holder": params.get("learner_name"), "course": params.get("course_title"),
            "course_version": params.get("course_version"), "issuer": params.get("issuer_name"),
            "completed_on": params.get("completion_date"), "issued_on": cert.issued_on.isoformat(),
            "valid_until": cert.expires_on.isoformat() if cert.expires_on else None,
        })
        if self.outcome == Status.REVOKED:
            payload["revoked_on"] = cert.revoked_at.date().isoformat()
            payload["revoked_reason"] = cert.revoked_reason
        if self.outcome == Status.REFRESHER and cert.refresher is not None:
            payload["refresher_reason"] = cert.refresher.reason
        if self.outcome == Status.SUPERSEDED and cert.superseded_by is not None:
            payload["superseded_by"] = cert.superseded_by.serial
        return payload


def check(serial, code, today):
    """Return the :class:`Answer` for ``serial`` and the typed ``code`` on ``today``."""
    serial = normalize_serial(serial)
    certificate = db.session.scalar(select(Certificate).where(Certificate.serial == serial))
    if certificate is None:
        return Answer("unknown", serial)
    if not (code or "").strip():
        return Answer("need_code", serial)
    if not codes_match(certificate.verification_code, code):
        return Answer("wrong_code", serial)
    return Answer(str(status_of(certificate, today)), serial, certificate)
