"""The number of SQL statements of a report does not grow with units, people or enrolments."""

from datetime import date

from tests.reports.city import NOW, _enrol
from tests.reports.test_dashboard import fixed_now  # noqa: F401
from training.extensions import db
from training.reports.periods import parse_period
from training.reports.services.coverage import coverage_report


def grow(city, make_unit, make_user, wards=4, people=5):
    """Add wards full of spokespersons enrolled (some overdue) in course A."""
    for n in range(wards):
        ward = make_unit(f"W{n}", city["units"]["UBND"], name=f"Phường Mới {n}", kind="ward")
        for m in range(people):
            user = make_user("learner", ward, spokesperson=True, name=f"Cán Bộ {n}-{m}")
            _enrol(user, city["courses"]["A"], date(2026, 7, 1), due=date(2026, 8, 1) if m % 2 else None)
    db.session.commit()


def test_report_statements_are_constant(city, settings, count_queries, make_unit, make_user):
    period = parse_period("2026-Q4")
    with count_queries() as before:
        coverage_report(None, None, period, NOW, settings)
    grow(city, make_unit, make_user)
    with count_queries() as after:
        report = coverage_report(None, None, period, NOW, settings).report
    assert report.total.spokespersons == 24
    assert len(after.statements) == len(before.statements) <= 25


def test_dashboard_statements_are_constant(city, login_as, count_queries, make_unit, make_user, fixed_now):  # noqa: F811
    client = login_as("board")
    client.get("/reports/")
    with count_queries() as before:
        assert client.get("/reports/").status_code == 200
    grow(city, make_unit, make_user)
    with count_queries() as after:
        page = client.get("/reports/").get_data(as_text=True)
    assert "Phường Mới 3" in page
    assert len(after.statements) == len(before.statements)
