"""Frozen reports: freeze, identical downloads after the data changed, replacement, integrity."""

import hashlib
import json

import pytest
from sqlalchemy import select

from tests.reports.test_dashboard import fixed_now  # noqa: F401
from training.core.audit import AuditEvent
from training.extensions import db
from training.reports.models import ReportSnapshot


def freeze(client, period="2026-Q4", unit="", note=""):
    return client.post("/reports/snapshots/", data={"period": period, "unit": unit, "note": note})


def test_freeze_and_download_identically_after_the_data_changed(city, login_as, fixed_now):  # noqa: F811
    client = login_as("board")
    response = freeze(client)
    assert response.status_code == 302
    snapshot = db.session.scalar(select(ReportSnapshot))
    assert snapshot.scope_code == "" and snapshot.period == "2026-Q4" and snapshot.created_by_id
    pdf = client.get(f"/reports/snapshots/{snapshot.id}/report.pdf")
    xlsx = client.get(f"/reports/snapshots/{snapshot.id}/report.xlsx")
    assert pdf.data.startswith(b"%PDF") and xlsx.data.startswith(b"PK")
    assert pdf.headers["X-Content-SHA256"] == hashlib.sha256(pdf.data).hexdigest()
    # The live data changes: a spokesperson leaves. The live report moves, the frozen one does not.
    city["people"]["p2_spoke"].is_active = False
    db.session.commit()
    live = json.loads(client.get("/reports/export.json?period=2026-Q4").data)
    assert live["total"]["spokespersons"] == 3
    assert client.get(f"/reports/snapshots/{snapshot.id}/report.pdf").data == pdf.data
    frozen = json.loads(client.get(f"/reports/snapshots/{snapshot.id}/report.json").data)
    assert frozen["total"]["spokespersons"] == 4
    page = client.get(f"/reports/snapshots/{snapshot.id}").get_data(as_text=True)
    assert snapshot.sha256 in page
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "report.freeze")) is not None


def test_freezing_again_replaces_but_keeps_the_old_one(city, login_as, fixed_now):  # noqa: F811
    client = login_as("scoped_admin")
    freeze(client, unit="P1")
    freeze(client, unit="P1", note="Sửa số liệu phường")
    first, second = db.session.scalars(select(ReportSnapshot).order_by(ReportSnapshot.id)).all()
    assert second.replaces_id == first.id and first.superseded_by_id == second.id
    assert second.superseded_by_id is None
    page = client.get("/reports/snapshots/").get_data(as_text=True)
    assert f"#{first.id}" in page and f"#{second.id}" in page
    # The P1 admin may not freeze the city (no unit means their own ward) or another ward.
    assert freeze(client, unit="").status_code == 302
    assert {s.scope_code for s in db.session.scalars(select(ReportSnapshot))} == {"P1"}
    assert freeze(client, unit="P2").status_code == 400  # not among the form's choices


@pytest.mark.parametrize("data, message", [
    ({"period": "2099-Q1", "unit": ""}, "Reporting period"), ({"period": "2026-Q4", "unit": "NOPE"}, None),
])
def test_bad_freeze_changes_nothing(city, login_as, fixed_now, data, message):  # noqa: F811
    client = login_as("board")
    assert client.post("/reports/snapshots/", data=data).status_code == 400
    assert db.session.scalar(select(ReportSnapshot)) is None


def test_integrity_check_detects_an_altered_file(city, login_as, fixed_now):  # noqa: F811
    client = login_as("board")
    freeze(client)
    snapshot = db.session.scalar(select(ReportSnapshot))
    assert "integrity-ok" in client.get(f"/reports/snapshots/{snapshot.id}/integrity").get_data(as_text=True)
    pdf = next(f for f in snapshot.files if f.kind == "pdf")
    pdf.content = pdf.content + b"%"
    db.session.commit()
    page = client.get(f"/reports/snapshots/{snapshot.id}/integrity").get_data(as_text=True)
    assert "integrity-bad" in page


def test_snapshot_ids_beyond_integer_range_are_404(city, login_as):
    client = login_as("board")
    assert client.get("/reports/snapshots/99999999999").status_code == 404
    assert client.get("/reports/snapshots/99999").status_code == 404
