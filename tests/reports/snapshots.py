"""Cheap frozen reports for tests that need one to exist (no PDF rendering)."""

import hashlib

from tests.reports.sample import sample_report
from training.core.time import utcnow
from training.extensions import db
from training.reports.models import ReportSnapshot, ReportSnapshotFile
from training.reports.report_json import json_bytes


def stored_snapshot(unit=None, period="2026-Q3", creator=None):
    """Store a snapshot of the sample report for ``unit`` (``None``: the city) with small files."""
    data = json_bytes(sample_report(period))
    snapshot = ReportSnapshot(period=period, unit_id=unit.id if unit else None, scope_code=unit.code if unit else "",
                              scope_name=unit.name if unit else "Thành phố", data=data.decode("utf-8"),
                              sha256=hashlib.sha256(data).hexdigest(), created_at=utcnow(),
                              created_by_id=creator.id if creator else None)
    db.session.add(snapshot)
    db.session.flush()
    for kind, content in (("pdf", b"%PDF-1.4 test"), ("xlsx", b"PK test")):
        db.session.add(ReportSnapshotFile(snapshot_id=snapshot.id, kind=kind, content=content, size=len(content),
                                          sha256=hashlib.sha256(content).hexdigest()))
    db.session.commit()
    return snapshot
