"""The synthetic city's plan (pure) and ``flask seed-load``."""

from datetime import date

import pytest
from sqlalchemy import func, select

from training.reports.load_plan import LoadPlan, certificate_expiry, enrolment_rows, person_rows, result_rows, unit_rows


def test_plan_scales_units_with_people_up_to_300():
    assert LoadPlan.for_people(100_000, 1_000_000).units == 300
    assert LoadPlan.for_people(10_000).units == 30
    assert LoadPlan.for_people(100).units == 12
    with pytest.raises(ValueError):
        LoadPlan.for_people(5)


def test_rows_are_deterministic_and_consistent():
    plan = LoadPlan.for_people(500, 2000)
    units = list(unit_rows(plan))
    assert len(units) == plan.units and all(parent is None or parent < index for index, parent, *_ in units)
    people = list(person_rows(plan, date(2026, 11, 26)))
    assert people == list(person_rows(plan, date(2026, 11, 26)))
    assert 20 < sum(1 for p in people if p[4]) < 90  # about one in ten is a spokesperson
    enrolments = list(enrolment_rows(plan))
    assert len({(e.person, e.course) for e in enrolments}) == len(enrolments)
    results = list(result_rows(plan, enrolments))
    assert len(results) <= 2000
    assert len({(r[0], r[1]) for r in results}) == len(results)  # one ledger row per enrolment and item
    assert certificate_expiry(date(2026, 11, 26)) == date(2028, 11, 25)


def test_seed_load_command(app, runner):
    from training.accounts.models import User
    from training.extensions import db
    from training.reports.models import ReportSnapshot  # noqa: F401  (the schema is complete)

    result = runner.invoke(args=["seed-load", "--people", "60", "--attempts", "300"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 60
    again = runner.invoke(args=["seed-load", "--people", "60"])
    assert again.exit_code != 0 and "already holds people" in again.output
