"""Uploaded imports waiting for confirmation, and their results.

An import is two requests: the upload is parsed and shown as a preview, then the admin
confirms. The file is kept in the database between the two (not on one worker's disk), so
the confirmation can land on any gunicorn worker or app server; it is validated again at
confirmation, because the data may have changed in between.
"""

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from training.core.errors import abort_with
from training.core.types import JSONText, NFCString, UTCDateTime
from training.extensions import db

PENDING, APPLIED, CANCELLED = "pending", "applied", "cancelled"
KEEP_PENDING = timedelta(days=1)


class DataImport(db.Model):
    """One uploaded file for an import, from upload to result."""

    __tablename__ = "data_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: What is imported: ``units``, ``users``, ``enrolments`` ...
    kind: Mapped[str] = mapped_column(String(32), index=True)
    filename: Mapped[str] = mapped_column(NFCString(255))
    sha256: Mapped[str] = mapped_column(String(64))
    #: The uploaded bytes; cleared once the import is applied or cancelled.
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Options chosen at confirmation, e.g. ``{"valid_only": true}``.
    options: Mapped[dict | None] = mapped_column(JSONText)
    #: What happened per row: ``{"rows": [...], "counts": {...}}``.
    result: Mapped[dict | None] = mapped_column(JSONText)


def store_upload(kind, filename, content, user, now):
    """Keep an uploaded file until the admin confirms or cancels it; drop stale ones."""
    db.session.execute(
        delete(DataImport).where(DataImport.status == PENDING, DataImport.created_at < now - KEEP_PENDING)
    )
    record = DataImport(
        kind=kind,
        filename=filename or "upload",
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        status=PENDING,
        created_by_id=user.id,
        created_at=now,
    )
    db.session.add(record)
    db.session.flush()
    return record


def load_import_for(user, import_id, kind):
    """Return the import ``import_id`` of ``kind`` if ``user`` uploaded it, else 404."""
    record = db.session.scalar(
        select(DataImport).where(DataImport.id == import_id, DataImport.kind == kind)
    )
    if record is None or record.created_by_id != user.id:
        abort_with(404)
    return record


def finish_import(record, status, result, options, now):
    """Mark ``record`` applied or cancelled and forget the uploaded bytes."""
    record.status = status
    record.result = result
    record.options = options
    record.applied_at = now
    record.content = None
