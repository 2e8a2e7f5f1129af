"""A report read on several connections at once equals the one read in order, and sees the caller's writes."""

import dataclasses
import threading

import pytest
from sqlalchemy import event

from tests.reports.city import NOW
from training.extensions import db
from training.reports.concurrent_reads import connections_for, own_writes_pending, read_concurrently
from training.reports.periods import parse_period
from training.reports.report_json import to_json_dict
from training.reports.services.coverage import coverage_report


def reading_threads(run):
    """Run ``run()``; return its result and the names of the threads that sent statements."""
    names = set()

    def remember(*_args):
        names.add(threading.current_thread().name)

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        return run(), names
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)


def test_the_same_report_on_one_connection_and_on_several(city, settings):
    settings = dataclasses.replace(settings, query_connections=4)  # also on SQLite, whose default is 1
    period = parse_period("2026-Q4")
    at_once, names = reading_threads(lambda: coverage_report(None, None, period, NOW, settings))
    assert any(name.startswith("report-read") for name in names)
    in_order, names = reading_threads(
        lambda: coverage_report(None, None, period, NOW, dataclasses.replace(settings, query_connections=1)))
    assert names == {threading.current_thread().name}
    assert to_json_dict(at_once.report) == to_json_dict(in_order.report)
    assert at_once.list_totals == in_order.list_totals
    assert at_once.report.total.spokespersons == 4


def test_uncommitted_writes_are_read_in_the_callers_session(city, settings, make_user):
    settings = dataclasses.replace(settings, query_connections=4)
    period = parse_period("2026-Q4")
    db.session.commit()
    assert not own_writes_pending(db.session())
    make_user("learner", city["units"]["P2"], spokesperson=True, name="Đinh Phát Ngôn")  # commits
    db.session.get(type(city["people"]["p2_spoke"]), city["people"]["p2_spoke"].id).is_spokesperson = False
    db.session.flush()  # written, not committed: other connections still see the old row
    assert own_writes_pending(db.session())
    report, names = reading_threads(lambda: coverage_report(None, None, period, NOW, settings))
    assert names == {threading.current_thread().name}
    p2 = next(u for u in report.report.units if u.code == "P2")
    assert p2.spokespersons == 1  # the new one counted, the one just changed no longer
    db.session.rollback()
    assert not own_writes_pending(db.session())


def test_results_come_back_by_name_and_errors_reach_the_caller(app):
    assert read_concurrently({"a": lambda: 1, "b": lambda: 2}, 4) == {"a": 1, "b": 2}

    def broken():
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        read_concurrently({"a": lambda: 1, "b": broken}, 4)


@pytest.mark.parametrize(("uri", "configured", "expected"), [
    ("sqlite://", 4, 1), ("sqlite:///:memory:", 4, 1), ("sqlite:///file:x?mode=memory&uri=true", 4, 1),
    ("sqlite:////srv/training.sqlite", None, 1), ("sqlite:////srv/training.sqlite", 4, 4),
    ("postgresql+psycopg://db/training", None, 4), ("postgresql+psycopg://db/training", 3, 3),
    ("postgresql+psycopg://db/training", 0, 1),
])
def test_connections_for(uri, configured, expected):
    assert connections_for(uri, configured) == expected
