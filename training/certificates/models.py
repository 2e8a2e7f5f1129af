"""The certificate register: settings per course, issued certificates, the approval queue,
refreshers, legal-change notices, bulk-issue jobs and the serial counters."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.certificates.serials import DEFAULT_PATTERN
from training.core.types import JSONText, NFCString, NFCText, UTCDateTime
from training.extensions import db


class IssueMode(StrEnum):
    """How a completion becomes a certificate."""

    AUTO = "auto"  # issued at once, when the learner completes the course
    APPROVAL = "approval"  # queued until an administrator approves it (the default)
    NONE = "none"  # the course gives no certificate


class CertificateSettings(db.Model):
    """How one course's certificates are issued and what they print (issuer, signer, images)."""

    __tablename__ = "certificate_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), unique=True)
    mode: Mapped[str] = mapped_column(String(16), default=IssueMode.APPROVAL.value)
    #: Months a certificate stays valid; ``None``: it does not expire.
    valid_months: Mapped[int | None] = mapped_column(Integer)
    serial_pattern: Mapped[str] = mapped_column(String(60), default=DEFAULT_PATTERN)
    issuer_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    #: The header at the top left, one line per line; empty: the issuer unit's parent and name.
    header_lines: Mapped[str] = mapped_column(NFCText, default="")
    #: The place of the date line ("Vũng Tàu, ngày ...").
    place: Mapped[str] = mapped_column(NFCString(100), default="")
    signer_name: Mapped[str] = mapped_column(NFCString(200), default="")
    #: One printed line per line, e.g. "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN".
    signer_title: Mapped[str] = mapped_column(NFCText, default="")
    #: Images in the file store (checked by content when uploaded).
    signature_sha256: Mapped[str | None] = mapped_column(String(64))
    seal_sha256: Mapped[str | None] = mapped_column(String(64))
    #: The course holders must complete when a refresher is required (e.g. a new law).
    refresher_course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    course = relationship("Course", foreign_keys=[course_id])
    issuer_unit = relationship("Unit")
    refresher_course = relationship("Course", foreign_keys=[refresher_course_id])

    __mapper_args__ = {"version_id_col": row_version}


class SerialCounter(db.Model):
    """The last sequence number handed out for one serial pattern (and year).

    Incremented with one ``UPDATE ... RETURNING`` in the transaction that inserts the
    certificate: a rolled-back issue gives its number back, so serials have no gaps.
    """

    __tablename__ = "certificate_serial_counters"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Certificate(db.Model):
    """One issued certificate (giấy chứng nhận): an entry of the register, never deleted.

    Its status is derived, not stored: revoked, superseded, expired (by date), waiting for a
    refresher, or valid (see ``status.certificate_status``).
    """

    __tablename__ = "certificates"
    __table_args__ = (
        # One certificate per completion: an enrolment completes once, and a refresher
        # enrolment certifies the original course, hence the pair.
        UniqueConstraint("enrollment_id", "course_id"),
        Index("ix_certificates_course_issued", "course_id", "issued_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    serial: Mapped[str] = mapped_column(String(80), unique=True)
    #: The secret half of the verification link, grouped ("K7QX-3MNP-2R").
    verification_code: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"))
    course_version: Mapped[int] = mapped_column(Integer)
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    #: The issue date printed on the certificate (Vietnam time).
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    #: Who issued or approved it; ``None`` when issued automatically or from the command line.
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: auto, approval, admin, bulk, cli, refresher.
    source: Mapped[str] = mapped_column(String(16))
    #: Everything printed (plain data for ``CertificateData``), so a reprint is identical.
    params: Mapped[dict] = mapped_column(JSONText)
    #: sha256 of the PDF as issued: a reprint must hash the same, or the record was altered.
    sha256: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoked_reason: Mapped[str] = mapped_column(NFCText, default="")
    #: Set while the holder must complete a refresher; cleared into ``superseded_by`` after.
    refresher_id: Mapped[int | None] = mapped_column(ForeignKey("certificate_refreshers.id"), index=True)
    refresher_required_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The certificate this one replaces (issued after a refresher), and the one replacing it.
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User", foreign_keys=[user_id])
    course = relationship("Course")
    issued_by = relationship("User", foreign_keys=[issued_by_id])
    revoked_by = relationship("User", foreign_keys=[revoked_by_id])
    refresher = relationship("Refresher")
    replaces = relationship("Certificate", foreign_keys=[replaces_id], remote_side=[id])
    superseded_by = relationship("Certificate", foreign_keys=[superseded_by_id], remote_side=[id])


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


class CertificateRequest(db.Model):
    """A completion waiting for an administrator's approval (no serial is used until then)."""

    __tablename__ = "certificate_requests"
    __table_args__ = (UniqueConstraint("enrollment_id", "course_id"),
                      Index("ix_certificate_requests_status", "status", "created_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"))
    #: The course certified (the original course when the enrolment is a refresher's).
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Why it waits: ``approval`` (the course's setting) or ``settings`` (issuing is not set up).
    reason: Mapped[str] = mapped_column(String(16), default="approval")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.PENDING.value)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_note: Mapped[str] = mapped_column(NFCText, default="")
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))

    user = relationship("User", foreign_keys=[user_id])
    course = relationship("Course")
    enrollment = relationship("Enrollment")


class Refresher(db.Model):
    """A decision that holders of a course's certificates must complete a refresher course."""

    __tablename__ = "certificate_refreshers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    refresher_course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    #: Shown publicly with "cần bồi dưỡng cập nhật", e.g. the law that changed.
    reason: Mapped[str] = mapped_column(NFCText)
    #: Certificates of versions before this one were concerned (``None``: every valid one).
    before_version: Mapped[int | None] = mapped_column(Integer)
    certificates: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    course = relationship("Course", foreign_keys=[course_id])
    refresher_course = relationship("Course", foreign_keys=[refresher_course_id])


class LegalChangeNotice(db.Model):
    """A law cited by a certified course was superseded: admins should consider a refresher."""

    __tablename__ = "certificate_legal_notices"
    __table_args__ = (UniqueConstraint("document_id", "course_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("legal_documents.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    refresher_id: Mapped[int | None] = mapped_column(ForeignKey("certificate_refreshers.id"))

    document = relationship("LegalDocument")
    course = relationship("Course")


class BulkIssueJob(db.Model):
    """Issuing to a class or a unit subtree in chunks; the page polls and each poll does one chunk."""

    __tablename__ = "certificate_bulk_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    class_id: Mapped[int | None] = mapped_column(ForeignKey("training_classes.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    include_subunits: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The enrolments to issue to, fixed when the job was created.
    enrollment_ids: Mapped[list] = mapped_column(JSONText)
    #: How many of them were handled; a chunk claims the next ones with a conditional UPDATE.
    position: Mapped[int] = mapped_column(Integer, default=0)
    issued: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    #: ``[{"enrollment": id, "name": ..., "serial": ... | "problem": ...}]`` in order.
    results: Mapped[list] = mapped_column(JSONText)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    course = relationship("Course")
    training_class = relationship("TrainingClass")
    unit = relationship("Unit")

    @property
    def total(self):
        return len(self.enrollment_ids or [])
