"""Frozen reports ("chốt số liệu"): store the report's JSON, PDF and XLSX bytes with their sha256.

A snapshot is never edited. Freezing the same scope and period again adds a new snapshot that
names the one it replaces (``replaces``) and marks the old one superseded; both stay listed.
Downloads serve the stored bytes, so a frozen PDF is the same file years later whatever
happened to the live data since.
"""

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_
from training.core.time import local_today
from training.extensions import db
from training.orgunits.models import Unit, subtree_condition
from training.reports.exports import xlsx_report
from training.reports.models import ReportSnapshot, ReportSnapshotFile
from training.reports.pdf_report import render_coverage_report
from training.reports.report_json import from_json_dict, json_bytes
from training.reports.services.coverage import coverage_report

FILE_KINDS = ("pdf", "xlsx")
MAX_NOTE = 500


def sha256_hex(data):
    """Return the sha256 of ``data`` (bytes) in hex."""
    return hashlib.sha256(data).hexdigest()


def freeze(actor, request, now, settings, note=""):
    """Freeze the report of ``request`` (a ``ReportRequest``) and return the new :class:`ReportSnapshot`."""
    if request.course is not None:
        raise DomainError(N_("A frozen report covers every course: remove the course filter first."), "course")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DomainError(N_("The note may have at most %(max)s characters."), "note", max=MAX_NOTE)
    coverage = coverage_report(actor, request.unit, request.period, now, settings)
    report = coverage.report
    data = json_bytes(report)
    scope_code = request.unit.code if request.unit is not None else ""
    previous = db.session.scalar(select(ReportSnapshot).where(
        ReportSnapshot.scope_code == scope_code, ReportSnapshot.period == report.period.code,
        ReportSnapshot.superseded_by_id.is_(None)).order_by(ReportSnapshot.id.desc()).limit(1))
    snapshot = ReportSnapshot(
        period=report.period.code, unit_id=request.unit.id if request.unit is not None else None,
        scope_code=scope_code, scope_name=report.scope_name, data=data.decode("utf-8"), sha256=sha256_hex(data),
        note=note, created_at=now, created_by_id=getattr(actor, "id", None),
        replaces_id=previous.id if previous is not None else None)
    db.session.add(snapshot)
    db.session.flush()
    document = settings.report_document(local_today(now, settings.timezone))
    for kind, content in (("pdf", render_coverage_report(report, document)), ("xlsx", xlsx_report(report))):
        db.session.add(ReportSnapshotFile(snapshot_id=snapshot.id, kind=kind, content=content, size=len(content),
                                          sha256=sha256_hex(content)))
    if previous is not None:
        previous.superseded_by_id = snapshot.id
        previous.superseded_at = now
    audit.record(actor, "report.freeze", "report_snapshot", snapshot.id,
                 {"period": snapshot.period, "unit": scope_code or None, "sha256": snapshot.sha256,
                  "replaces": snapshot.replaces_id}, now)
    db.session.flush()
    return snapshot


def visible_snapshots(scope_path, limit=200, period=None, scope_code=None):
    """Return the snapshots a reader limited to ``scope_path`` (``None``: everywhere) may see, newest first.

    ``period`` and ``scope_code`` ("" for the city) narrow the list to one period and scope.
    """
    query = select(ReportSnapshot).options(selectinload(ReportSnapshot.files)) \
        .order_by(ReportSnapshot.created_at.desc(), ReportSnapshot.id.desc()).limit(limit)
    if period is not None:
        query = query.where(ReportSnapshot.period == period)
    if scope_code is not None:
        query = query.where(ReportSnapshot.scope_code == scope_code)
    if scope_path is not None:
        query = query.join(Unit, ReportSnapshot.unit_id == Unit.id).where(subtree_condition(Unit.path, scope_path))
    return db.session.scalars(query).all()


def may_read(scope_path, snapshot):
    """Return whether a reader limited to ``scope_path`` may read ``snapshot``."""
    if scope_path is None:
        return True
    return snapshot.unit is not None and snapshot.unit.path.startswith(scope_path)


def snapshot_file(snapshot, kind):
    """Return the stored :class:`ReportSnapshotFile` of ``kind``, or ``None``."""
    return next((f for f in snapshot.files if f.kind == kind), None)


def stored_report(snapshot):
    """Return the frozen ``CoverageReport`` rebuilt from the stored JSON."""
    import json

    return from_json_dict(json.loads(snapshot.data))


@dataclass(frozen=True)
class Integrity:
    """The result of recomputing a snapshot's hashes: one ``(name, expected, actual)`` per part."""

    parts: tuple

    @property
    def ok(self):
        return all(expected == actual for _name, expected, actual in self.parts)


def check_integrity(snapshot):
    """Recompute the sha256 of the stored JSON and files and compare them with the recorded ones."""
    parts = [("json", snapshot.sha256, sha256_hex(snapshot.data.encode("utf-8")))]
    parts += [(f.kind, f.sha256, sha256_hex(f.content)) for f in snapshot.files]
    return Integrity(tuple(parts))
