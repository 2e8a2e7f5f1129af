"""The coverage report as stable JSON (pure), for frozen snapshots and the API.

A snapshot ("chốt số liệu") stores these bytes and their sha256, so the same report must always
give the same bytes: keys are sorted, separators fixed, non-ASCII kept as UTF-8, ``Decimal`` values
written as strings (a float would change the digits), dates in ISO 8601 and instants in UTC with a
``Z``. Derived figures (coverage, averages, totals) are written for readers of the API but are
recomputed from the counts on reading, so a snapshot cannot contradict itself.
"""

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal

from training.core.time import as_utc
from training.reports.figures import (
    CourseFigures,
    CoverageReport,
    TrendPoint,
    UnitFigures,
)
from training.reports.formatting import round1
from training.reports.lists import ExpiringRow, OverdueRow, UncertifiedRow
from training.reports.periods import Period

SCHEMA = "coverage-report/1"
_UNIT_FIELDS = ("code", "name", "path", "depth", "parent_code", "kind", "children", "people", "spokespersons",
                "enrolled", "completed_in_period", "completed_ever", "valid_certificates",
                "certified_spokespersons", "overdue", "quiz_score_sum", "quiz_scored", "simulation_passed",
                "simulation_runs")
_UNIT_DERIVED = ("coverage", "average_quiz_score", "simulation_pass_rate")
_COURSE_FIELDS = ("slug", "title", "enrolled", "completed_in_period", "completed_ever", "valid_certificates",
                  "overdue", "quiz_score_sum", "quiz_scored", "simulation_passed", "simulation_runs")
_COURSE_DERIVED = ("completion_rate", "average_quiz_score", "simulation_pass_rate")
_ROWS = {
    "uncertified": (UncertifiedRow, ("full_name", "unit_code", "unit_name", "position", "designated_on",
                                     "last_expired_on")),
    "expiring": (ExpiringRow, ("full_name", "unit_code", "unit_name", "course_title", "serial", "expires_on")),
    "overdue": (OverdueRow, ("full_name", "unit_code", "unit_name", "course_title", "due_on", "progress")),
}
_DATE_FIELDS = {"designated_on", "last_expired_on", "expires_on", "due_on"}


def _value(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return as_utc(value).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _derived(value):
    return None if value is None else str(round1(value))


def _record(row, names, derived):
    data = {name: _value(getattr(row, name)) for name in names}
    data.update({name: _derived(getattr(row, name)) for name in derived})
    return data


def to_json_dict(report):
    """Return the report as plain JSON-ready data (see :data:`SCHEMA`)."""
    data = {
        "schema": SCHEMA,
        "period": report.period.code,
        "period_label": report.period.label,
        "scope": {"code": report.scope_code, "name": report.scope_name},
        "as_of": report.as_of.isoformat(),
        "generated_at": _value(report.generated_at),
        "expiring_days": report.expiring_days,
        "total": _record(report.total, _UNIT_FIELDS, _UNIT_DERIVED),
        "units": [_record(u, _UNIT_FIELDS, _UNIT_DERIVED) for u in report.units],
        "courses": [_record(c, _COURSE_FIELDS, _COURSE_DERIVED) for c in report.courses],
        "previous_period": report.previous_period.code if report.previous_period else None,
        "previous_units": [_record(u, _UNIT_FIELDS, _UNIT_DERIVED) for u in report.previous_units],
        "trend": [{"period": p.period.code, "label": p.period.short_label, "spokespersons": p.spokespersons,
                   "certified_spokespersons": p.certified_spokespersons, "coverage": _derived(p.coverage)}
                  for p in report.trend],
    }
    for key, (_cls, names) in _ROWS.items():
        data[key] = [{name: _value(getattr(row, name)) for name in names} for row in getattr(report, key)]
    return data


def json_bytes(report):
    """Return the canonical UTF-8 JSON bytes of the report (what a snapshot stores and hashes)."""
    text = json.dumps(to_json_dict(report), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def sha256_hex(report):
    """Return the sha256 (hex) of :func:`json_bytes`."""
    return hashlib.sha256(json_bytes(report)).hexdigest()


def _read(value, name):
    if value is None:
        return None
    if name in _DATE_FIELDS:
        return date.fromisoformat(value)
    if name in ("quiz_score_sum", "progress"):
        return Decimal(value)
    return value


def _unit(data):
    return UnitFigures(**{name: _read(data[name], name) for name in _UNIT_FIELDS})


def from_json_dict(data):
    """Rebuild a :class:`CoverageReport` from :func:`to_json_dict` data (derived figures are recomputed).

    :raises ValueError: for another schema or missing fields.
    """
    if data.get("schema") != SCHEMA:
        raise ValueError(f"unknown report schema {data.get('schema')!r}")
    try:
        rows = {key: tuple(cls(**{n: _read(item[n], n) for n in names}) for item in data[key])
                for key, (cls, names) in _ROWS.items()}
        return CoverageReport(
            period=Period.from_code(data["period"]),
            scope_code=data["scope"]["code"],
            scope_name=data["scope"]["name"],
            as_of=date.fromisoformat(data["as_of"]),
            generated_at=datetime.fromisoformat(data["generated_at"]),
            units=tuple(_unit(u) for u in data["units"]),
            courses=tuple(CourseFigures(**{n: _read(c[n], n) for n in _COURSE_FIELDS}) for c in data["courses"]),
            previous_period=Period.from_code(data["previous_period"]) if data["previous_period"] else None,
            previous_units=tuple(_unit(u) for u in data["previous_units"]),
            trend=tuple(TrendPoint(Period.from_code(p["period"]), p["spokespersons"], p["certified_spokespersons"])
                        for p in data["trend"]),
            expiring_days=data["expiring_days"],
            **rows,
        )
    except KeyError as exc:
        raise ValueError(f"report data lacks {exc}") from None
