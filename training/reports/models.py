"""Frozen reports ("chốt số liệu") with their files, and API tokens for the Board's systems."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.types import NFCString, NFCText, UTCDateTime
from training.extensions import db


class ReportSnapshot(db.Model):
    """A coverage report frozen for one period and scope; never edited.

    ``data`` holds the canonical JSON text of the report (``report_json.json_bytes``) and
    ``sha256`` its hash, so an integrity check can tell whether the row was altered. Freezing the
    same scope and period again makes a new snapshot naming the one it replaces; the old one is
    kept, marked ``superseded_by``.
    """

    __tablename__ = "report_snapshots"
    __table_args__ = (Index("ix_report_snapshots_scope_period", "scope_code", "period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(40))
    #: The root unit of the report, or ``None`` for the whole city.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    #: The unit code and name as they were when frozen ("" code: the whole city).
    scope_code: Mapped[str] = mapped_column(String(32), default="")
    scope_name: Mapped[str] = mapped_column(NFCString(255))
    data: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(NFCText, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("report_snapshots.id"))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("report_snapshots.id"))
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit = relationship("Unit")
    created_by = relationship("User")
    replaces = relationship("ReportSnapshot", foreign_keys=[replaces_id], remote_side=[id])
    superseded_by = relationship("ReportSnapshot", foreign_keys=[superseded_by_id], remote_side=[id])
    files = relationship("ReportSnapshotFile", back_populates="snapshot", order_by="ReportSnapshotFile.kind")


class ReportSnapshotFile(db.Model):
    """The exact bytes of a frozen report's PDF or XLSX, with their sha256."""

    __tablename__ = "report_snapshot_files"
    __table_args__ = (UniqueConstraint("snapshot_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("report_snapshots.id"))
    #: pdf or xlsx.
    kind: Mapped[str] = mapped_column(String(8))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))

    snapshot = relationship("ReportSnapshot", back_populates="files")


class ApiToken(db.Model):
    """A bearer token for the reports API: only its sha256 is stored, the token is shown once."""

    __tablename__ = "report_api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(NFCString(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The first characters of the token ("bgt_AbC1"), so its owner recognises it in the list.
    prefix: Mapped[str] = mapped_column(String(16))
    #: The unit subtree the token may read; ``None``: the whole city.
    scope_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    scope_unit = relationship("Unit")
    created_by = relationship("User", foreign_keys=[created_by_id])
