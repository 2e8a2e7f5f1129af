"""The demo gives the city a past: a rising trend, overdue learners, a frozen report."""

from sqlalchemy import func, select

from training.core.time import utcnow
from training.extensions import db
from training.reports.models import ReportSnapshot
from training.reports.periods import parse_period
from training.reports.services.coverage import ReportSettings, coverage_report
from training.reports.services.requests import current_quarter


def test_seed_demo_gives_history_and_a_frozen_report(app, runner):
    result = runner.invoke(args=["seed-demo", "--password", "Mật khẩu demo 2026"])
    assert result.exit_code == 0, result.output
    now = utcnow()
    quarter = current_quarter(now, "Asia/Ho_Chi_Minh")
    coverage = coverage_report(None, None, quarter, now, ReportSettings.from_config(app.config))
    report = coverage.report
    assert report.total.spokespersons >= 10 and report.total.overdue >= 2
    assert report.uncertified and report.expiring and report.overdue
    certified = [p.certified_spokespersons for p in report.trend]
    assert certified == sorted(certified) and certified[0] < certified[-1]
    snapshot = db.session.scalar(select(ReportSnapshot))
    assert snapshot.period == quarter.previous().code and {f.kind for f in snapshot.files} == {"pdf", "xlsx"}
    assert parse_period(snapshot.period) == quarter.previous()
    again = runner.invoke(args=["seed-demo", "--password", "Mật khẩu demo 2026"])
    assert again.exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(ReportSnapshot)) == 1
