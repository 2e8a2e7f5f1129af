"""The register of legal documents and the citations that lessons and questions make to them."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.types import NFCString, NFCText, UTCDateTime
from training.extensions import db


class LegalDocument(db.Model):
    """A law, decree or decision (e.g. Luật Báo chí 2016 — 103/2016/QH13)."""

    __tablename__ = "legal_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Stable key used in imports and demo data, e.g. ``luat-bao-chi-2016``.
    code: Mapped[str] = mapped_column(String(64), unique=True)
    number: Mapped[str] = mapped_column(NFCString(64))
    title: Mapped[str] = mapped_column(NFCString(255))
    kind: Mapped[str] = mapped_column(String(20), default="luat")
    issued_on: Mapped[date | None] = mapped_column(Date)
    effective_on: Mapped[date | None] = mapped_column(Date)
    #: The document this one replaces when it takes effect (the register warns when it has).
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("legal_documents.id"))
    #: Set when an author marks this document superseded: by what, from when.
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("legal_documents.id"))
    superseded_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(NFCText, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    superseded_by = relationship("LegalDocument", foreign_keys=[superseded_by_id], remote_side=[id])
    replaces = relationship("LegalDocument", foreign_keys=[replaces_id], remote_side=[id])

    def is_superseded(self, today):
        """Return whether the document no longer applies on ``today``."""
        return self.superseded_on is not None and self.superseded_on <= today

    @property
    def label(self):
        return f"{self.title} ({self.number})" if self.number else self.title


class LegalCitation(db.Model):
    """A citation of a document and article by a lesson, a question or anything else.

    ``target_type`` names the citing kind (``lesson``, ``question`` ...); features register how
    to show their targets (courses.registry), so courses can list every citation of a document
    without importing the features that cite.
    """

    __tablename__ = "legal_citations"
    __table_args__ = (Index("ix_legal_citations_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("legal_documents.id"), index=True)
    #: Free text, e.g. "Điều 38 khoản 2 điểm c".
    article: Mapped[str] = mapped_column(NFCString(120), default="")
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column(Integer)

    document = relationship("LegalDocument", lazy="joined")
