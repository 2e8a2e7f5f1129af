"""Scenarios: import (a new immutable version when the content changed), export, and the pure view.

Every way in (the authoring form, the JSON upload, ``flask simulations import``, the demo)
goes through ``save_scenario``, which validates with the pure ``load_scenario`` and stores the
normalised dump, so what is stored always loads again.
"""

import hashlib
import json
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import aliased, joinedload

from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_, Issue
from training.courses.models import LegalDocument
from training.courses.services import legal
from training.extensions import db
from training.simulations.models import ScenarioRecord, ScenarioVersion
from training.simulations.scenario import dump_scenario, load_scenario


CITATION_TARGET = "scenario"


class ScenarioInvalid(DomainError):
    """The scenario JSON did not validate; ``issues`` name the JSON paths."""

    def __init__(self, issues):
        super().__init__(N_("The scenario has errors; nothing was saved."), status=422)
        self.issues = tuple(issues)


def fingerprint(data):
    """Return the sha256 of ``data`` as canonical JSON (sorted keys)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_scenario(actor, data, now, note=""):
    """Validate decoded scenario JSON and store it: a new scenario, a new version, or nothing if unchanged.

    :raises ScenarioInvalid: with the validator's issues; nothing is written.
    :return: ``(ScenarioRecord, ScenarioVersion, created_version: bool)``.
    """
    scenario, issues = load_scenario(data)
    if scenario is None:
        raise ScenarioInvalid(issues)
    if not scenario.slug:
        raise ScenarioInvalid(())
    documents, issues = _register_documents(scenario)
    if issues:
        raise ScenarioInvalid(issues)
    stored = dump_scenario(scenario)
    digest = fingerprint(stored)
    record = db_scenario_by_slug(scenario.slug)
    if record is None:
        record = ScenarioRecord(slug=scenario.slug, title=scenario.title, current_version=0, created_by_id=getattr(
            actor, "id", None), created_at=now, updated_at=now)
        db.session.add(record)
        db.session.flush()
    else:
        current = current_version(record)
        if current is not None and current.sha256 == digest:
            _cite(record, scenario, documents)
            return record, current, False
    number = record.current_version + 1
    version = ScenarioVersion(scenario_id=record.id, number=number, data=stored, sha256=digest, note=note,
                              created_by_id=getattr(actor, "id", None), created_at=now)
    db.session.add(version)
    record.current_version = number
    record.title = scenario.title
    record.updated_at = now
    db.session.flush()
    _cite(record, scenario, documents)
    audit.record(actor, "simulation.scenario_version", "sim_scenario", record.id,
                 {"slug": record.slug, "version": number}, now)
    return record, version, True


def _register_documents(scenario):
    """Return ``({code: LegalDocument}, issues)``: every legal ground must cite a document of the register."""
    codes = {ref.document for ref in scenario.legal_refs()}
    found = {d.code: d for d in db.session.scalars(select(LegalDocument).where(LegalDocument.code.in_(codes)))} \
        if codes else {}
    issues = []
    for key, entries in (("facts.internal", scenario.internal), ("restricted", scenario.restricted)):
        for index, entry in enumerate(entries):
            if entry.legal_ref is not None and entry.legal_ref.document not in found:
                path = f"{key}[{index}].legal_ref.document"
                issues.append(Issue(N_("%(path)s: \"%(value)s\" is not a document of the legal register."),
                                    column=path, params={"path": path, "value": entry.legal_ref.document}))
    return found, issues


def _cite(record, scenario, documents):
    """Make the register list the scenario under the documents its current version cites."""
    legal.set_citations(CITATION_TARGET, record.id,
                        [(documents[ref.document].id, ref.article) for ref in scenario.legal_refs()])


def describe_citing(scenario_ids):
    """Describe citing scenarios for the legal register: title and link to the authoring page."""
    records = db.session.scalars(select(ScenarioRecord).where(ScenarioRecord.id.in_(list(scenario_ids)))).all()
    return {r.id: (r.title, r.slug, "sim_parts.edit", {"scenario_id": r.id, "part": "restricted"}) for r in records}


def documents_by_code(codes):
    """Return ``{code: (LegalDocument, the newer document replacing it or None)}`` in one query.

    For the debrief's legal grounds: what superseded a document is loaded with it.
    """
    if not codes:
        return {}
    newer = aliased(LegalDocument)
    rows = db.session.execute(
        select(LegalDocument, newer).outerjoin(newer, newer.replaces_id == LegalDocument.id)
        .options(joinedload(LegalDocument.superseded_by)).where(LegalDocument.code.in_(set(codes)))).unique().all()
    return {document.code: (document, replacement) for document, replacement in rows}


def db_scenario_by_slug(slug):
    """Return the scenario record with ``slug`` or ``None``."""
    return db.session.scalar(select(ScenarioRecord).where(ScenarioRecord.slug == slug))


def current_version(record):
    """Return the record's current version row (``None`` before the first)."""
    return db.session.scalar(select(ScenarioVersion).where(ScenarioVersion.scenario_id == record.id,
                                                           ScenarioVersion.number == record.current_version))


def pure_scenario(version):
    """Return the pure ``Scenario`` of a stored version (versions are immutable, so it is cached by id)."""
    return _cached(version.id, version.sha256, json.dumps(version.data, sort_keys=True))


@lru_cache(maxsize=64)
def _cached(_version_id, _sha256, text):
    scenario, issues = load_scenario(json.loads(text))
    if scenario is None:
        raise ValueError(f"stored scenario version does not validate: {issues[0].message if issues else ''}")
    return scenario


def export_data(version):
    """Return the JSON-ready data of ``version`` (the versioned schema)."""
    return dict(version.data)
