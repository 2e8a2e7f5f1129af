"""``flask seed-load``: bulk-insert a synthetic city (``load_plan``) for benchmarks, then ANALYZE.

Rows go in with explicit ids through Core ``INSERT``s of 5,000 rows (executemany), never through
the ORM: 100,000 people and a million ledger rows in minutes. The database must hold no people
yet (a demo or real city would be mixed with the synthetic one). On PostgreSQL the id sequences
are moved past the inserted ids afterwards.
"""

import hashlib
from datetime import timedelta

from sqlalchemy import func, insert, select, text

from training.accounts.models import User
from training.certificates.models import Certificate
from training.core.time import as_utc, local_day_bounds, local_today
from training.courses.models import Course, Enrollment, Item, ItemResult, Module
from training.extensions import db
from training.orgunits.models import Unit
from training.reports.load_plan import ITEMS, LoadPlan, certificate_expiry, enrolment_rows, person_rows, result_rows
from training.reports.load_plan import unit_rows as plan_units

CHUNK = 5000


class LoadError(Exception):
    """The database cannot take a synthetic city."""


def _flush(table, rows):
    if rows:
        db.session.execute(insert(table), rows)
        rows.clear()


def _bulk(table, iterator):
    rows, count = [], 0
    for row in iterator:
        rows.append(row)
        count += 1
        if len(rows) >= CHUNK:
            _flush(table, rows)
    _flush(table, rows)
    return count


def seed_load(people, attempts, now, tz, echo=print):
    """Insert the synthetic city of ``people`` people and ``attempts`` ledger rows; return counts."""
    if db.session.scalar(select(func.count()).select_from(User)):
        raise LoadError("the database already holds people: use an empty, migrated database")
    plan = LoadPlan.for_people(people, attempts)
    today = local_today(now, tz)
    counts = {}
    paths = {}
    units = []
    for index, parent, code, name, kind in plan_units(plan):
        uid = index + 1
        paths[index] = (paths[parent] if parent is not None else "/") + f"{uid}/"
        units.append({"id": uid, "code": code, "name": name, "kind": kind,
                      "parent_id": parent + 1 if parent is not None else None, "path": paths[index],
                      "depth": 0 if parent is None else 1, "is_active": True, "created_at": now, "updated_at": now})
    counts["units"] = _bulk(Unit.__table__, units)
    echo(f"units: {counts['units']}")
    counts["users"] = _bulk(User.__table__, (
        {"id": i + 1, "email": f"nguoi{i + 1}@load.test", "full_name": name, "position": "Chuyên viên",
         "unit_id": unit + 1, "role": "learner", "is_spokesperson": spokes, "spokesperson_decision": "",
         "designated_on": designated, "locale": "vi", "is_active": True, "must_change_password": False,
         "created_at": now, "updated_at": now, "search_text": search}
        for i, unit, name, search, spokes, designated in person_rows(plan, today)))
    echo(f"users: {counts['users']}")
    _courses(plan, now)
    enrolments = list(enrolment_rows(plan))
    counts["enrollments"] = _bulk(Enrollment.__table__, (_enrolment(row, now, today, tz) for row in enrolments))
    echo(f"enrollments: {counts['enrollments']}")
    counts["item_results"] = _bulk(ItemResult.__table__, (
        {"enrollment_id": e + 1, "item_id": enrolments[e].course * len(ITEMS) + position + 1, "source": kind,
         "score": score, "passed": passed, "completed_at": now - timedelta(days=days) if completed else None,
         "first_seen_at": now - timedelta(days=days), "updated_at": now - timedelta(days=days)}
        for e, position, kind, score, passed, completed, days in result_rows(plan, enrolments)))
    echo(f"item_results: {counts['item_results']}")
    counts["certificates"] = _bulk(Certificate.__table__, _certificates(enrolments, now, today))
    echo(f"certificates: {counts['certificates']}")
    db.session.flush()
    _after_insert()
    return counts


def _courses(plan, now):
    for c in range(plan.courses):
        db.session.execute(insert(Course.__table__), [{
            "id": c + 1, "slug": f"khoa-tai-{c + 1}", "title": f"Khóa bồi dưỡng tải thử {c + 1}", "status": "published",
            "version": 1, "created_at": now, "updated_at": now, "published_at": now}])
        db.session.execute(insert(Module.__table__), [{"id": c + 1, "course_id": c + 1, "title": "Học phần",
                                                      "position": 0}])
        db.session.execute(insert(Item.__table__), [
            {"id": c * len(ITEMS) + p + 1, "course_id": c + 1, "module_id": c + 1, "kind": kind,
             "title": f"{kind} {p + 1}", "position": p, "is_required": True, "created_at": now, "updated_at": now}
            for p, kind in enumerate(ITEMS)])


def _enrolment(row, now, today, tz):
    due = local_day_bounds(today - timedelta(days=row.due_days_ago), tz)[1] if row.due_days_ago is not None else None
    return {"id": row.index + 1, "user_id": row.person + 1, "course_id": row.course + 1, "status": "active",
            "source": "import", "enrolled_at": now - timedelta(days=row.enrolled_days_ago), "due_at": due,
            "completed_at": now - timedelta(days=row.completed_days_ago) if row.completed_days_ago else None,
            "completed_version": 1 if row.completed_days_ago else None}


def _certificates(enrolments, now, today):
    number = 0
    for row in enrolments:
        if not row.certified:
            continue
        number += 1
        issued_at = now - timedelta(days=row.completed_days_ago)
        issued_on = today - timedelta(days=row.completed_days_ago)
        yield {"serial": f"TAI-{number:07d}", "verification_code": "LOAD-TEST-00", "user_id": row.person + 1,
               "course_id": row.course + 1, "enrollment_id": row.index + 1, "course_version": 1,
               "completed_at": as_utc(issued_at), "issued_at": issued_at, "issued_on": issued_on,
               "expires_on": certificate_expiry(issued_on), "source": "cli", "params": {},
               "sha256": hashlib.sha256(str(number).encode()).hexdigest(), "revoked_reason": ""}


def _after_insert():
    """Move PostgreSQL's id sequences past the explicit ids."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in (Unit.__table__, User.__table__, Course.__table__, Module.__table__, Item.__table__,
                  Enrollment.__table__, ItemResult.__table__, Certificate.__table__):
        highest = select(func.coalesce(func.max(table.c.id), 1)).scalar_subquery()
        db.session.execute(select(func.setval(func.pg_get_serial_sequence(table.name, "id"), highest)))


def analyze():
    """Refresh the planner's statistics after a bulk load (PostgreSQL: VACUUM ANALYZE).

    On PostgreSQL VACUUM also sets the visibility map, which index-only scans need (the report's
    ledger aggregate reads ``ix_item_results_source_ledger`` alone); a live database gets it
    from autovacuum, a freshly loaded one would otherwise fetch every heap row until then.
    Run outside a transaction, as both commands must be.
    """
    engine = db.engine
    command = "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(command))
