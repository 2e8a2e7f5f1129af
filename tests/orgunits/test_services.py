"""Unit tree operations against the database."""

import pytest
from sqlalchemy import select

from tests.paths import fixture
from training.core.audit import AuditEvent
from training.core.errors import DomainError
from training.core.tabular import read_table
from training.core.time import utcnow
from training.extensions import db
from training.orgunits import services
from training.orgunits.models import Unit


def _import_sample():
    table = read_table("units.csv", fixture("roster", "units-sample.csv").read_bytes(), 100)
    check = services.check_unit_import(table)
    results = services.apply_unit_import(None, check, utcnow())
    db.session.commit()
    return results


def test_import_builds_paths_and_is_idempotent(app):
    first = _import_sample()
    assert {r["status"] for r in first} == {"created"} and len(first) == 20
    ubnd, p1 = services.get_unit_by_code("UBND"), services.get_unit_by_code("P1")
    assert p1.path == f"{ubnd.path}{p1.id}/" and p1.depth == 1
    events = db.session.scalar(select(db.func.count()).select_from(AuditEvent))
    second = _import_sample()
    assert {r["status"] for r in second} == {"unchanged"}
    assert db.session.scalar(select(db.func.count()).select_from(AuditEvent)) == events


def test_subtree_query_uses_the_path(app):
    _import_sample()
    codes = {u.code for u in db.session.scalars(services.units_in_subtree(services.get_unit_by_code("MTTQ")))}
    assert codes == {"MTTQ", "DTN", "HLHPN", "HND", "HCCB"}


def test_subtree_does_not_match_a_sibling_sharing_a_prefix(app, make_unit):
    root = make_unit("R", kind="other")
    # Create enough units that ids 1 and 10.. both exist under one parent.
    units = [make_unit(f"U{i}", root) for i in range(12)]
    first = units[0]
    inside = {u.id for u in db.session.scalars(services.units_in_subtree(first))}
    assert inside == {first.id}


def test_move_carries_the_subtree(app):
    _import_sample()
    mttq, ubnd = services.get_unit_by_code("MTTQ"), services.get_unit_by_code("UBND")
    services.move_unit(None, mttq, ubnd, utcnow())
    db.session.commit()
    db.session.expire_all()
    hccb = services.get_unit_by_code("HCCB")
    assert hccb.path.startswith(ubnd.path) and hccb.depth == 2
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "unit.move")).summary["to"] == "UBND"


def test_cannot_move_under_own_descendant(app):
    _import_sample()
    with pytest.raises(DomainError):
        services.move_unit(None, services.get_unit_by_code("UBND"), services.get_unit_by_code("P1"), utcnow())


def test_deactivation_needs_children_deactivated_first(app):
    _import_sample()
    with pytest.raises(DomainError):
        services.set_unit_active(None, services.get_unit_by_code("MTTQ"), False, utcnow())
    services.set_unit_active(None, services.get_unit_by_code("HCCB"), False, utcnow())
    assert services.get_unit_by_code("HCCB").is_active is False


def test_duplicate_code_refused(app, make_unit):
    make_unit("P1")
    with pytest.raises(DomainError):
        services.create_unit(None, "p1", "Khác", "ward", None, utcnow())


def test_names_are_stored_nfc(app):
    import unicodedata

    unit = services.create_unit(None, "NFD", unicodedata.normalize("NFD", "Phường Thắng Nhì"), "ward", None, utcnow())
    db.session.commit()
    stored = db.session.scalar(select(Unit.name).where(Unit.id == unit.id))
    assert stored == unicodedata.normalize("NFC", "Phường Thắng Nhì")
