"""The report's SQL aggregates against the hand-counted city (tests/reports/city.py)."""

from datetime import date
from decimal import Decimal

from tests.reports.city import NOW, TZ
from training.reports import activity_queries as activity
from training.reports import queries
from training.reports.periods import parse_period
from training.reports.queries import Scope, Window
from training.reports.services.coverage import coverage_report

CITY = Scope()


def window(code):
    return Window.of(parse_period(code), NOW, TZ)


def test_window_of_the_current_quarter_ends_now(app):
    w = window("2026-Q4")
    assert w.end == NOW and w.as_of == date(2026, 11, 26)
    past = window("2026-Q3")
    assert past.as_of == date(2026, 9, 30) and past.end.isoformat() == "2026-09-30T17:00:00+00:00"


def by_code(rows, codes):
    """Fold ``{(unit, course): per window}`` or ``{unit: ...}`` rows into ``{code: first window}``."""
    folded = {}
    for key, per_window in rows.items():
        unit_id = key[0] if isinstance(key, tuple) else key
        first = per_window[0]
        first = first if isinstance(first, tuple) else (first,)
        total = folded.get(codes[unit_id])
        folded[codes[unit_id]] = first if total is None else tuple(a + b for a, b in zip(total, first, strict=True))
    return folded


def test_people_enrolments_certificates_and_results_per_unit(city):
    nodes, codes = queries.unit_rows(CITY)
    assert {n.code for n in nodes} == {"TU", "UBND", "BTG", "PVHTT", "P1", "P2"}
    w = [window("2026-Q4")]
    people = {codes[u]: (n, spokes[0]) for u, (n, spokes) in queries.people_counts(CITY, w).items()}
    assert people == {"PVHTT": (1, 1), "P1": (4, 2), "P2": (2, 1), "BTG": (3, 0)}
    # (enrolled, completed in Q4, completed ever, overdue)
    assert by_code(queries.enrolment_counts(CITY, w), codes) == {"PVHTT": (1, 0, 1, 0), "P1": (3, 1, 1, 1),
                                                                 "P2": (2, 0, 2, 0)}
    certificates, expiring = activity.certificate_counts(CITY, w, 90)
    assert by_code(certificates, codes) == {"PVHTT": (1,), "P1": (1,), "P2": (0,)}
    assert expiring == 1  # GCN-2026-000002, the one test_lists finds expiring within 90 days
    assert by_code(activity.certified_spokespersons(CITY, w), codes) == {"PVHTT": (1,), "P1": (1,), "P2": (0,)}
    results = by_code(activity.result_counts(CITY, w), codes)
    assert results["PVHTT"] == (Decimal(80), 1, 0, 0)
    assert results["P1"] == (Decimal(90), 1, 1, 2)


def test_a_past_period_is_counted_as_it_stood(city):
    _nodes, codes = queries.unit_rows(CITY)
    w = [window("2026-Q3"), window("2026-Q4")]
    # p1_spoke_b was designated on 01/10: not yet a spokesperson at the end of Q3.
    p1 = queries.people_counts(CITY, w)[city["units"]["P1"].id]
    assert p1 == (4, (1, 2))
    # Due at the very end of 30/09: not overdue within Q3; p1_spoke_a completed only in Q4.
    assert by_code(queries.enrolment_counts(CITY, w), codes)["P1"] == (2, 0, 0, 0)
    # p2_spoke's second certificate was revoked on 01/11: still valid at the end of Q3.
    assert by_code(activity.certified_spokespersons(CITY, w), codes) == {"PVHTT": (1,), "P1": (0,), "P2": (1,)}


def test_every_window_is_one_statement_per_aggregate(city, count_queries):
    windows = [Window.of(p, NOW, TZ) for p in parse_period("2026-Q4").last_n(8)]
    with count_queries() as counter:
        queries.people_counts(CITY, windows)
        activity.certified_spokespersons(CITY, windows)
        queries.enrolment_counts(CITY, windows)
    assert len(counter.statements) == 3


def test_lists(city):
    w = window("2026-Q4")
    uncertified = activity.uncertified_spokespersons(CITY, w, 10)
    assert [(r.full_name, r.unit_code, r.last_expired_on) for r in uncertified] == [
        ("Bùi Phát Ngôn", "P1", None), ("Cao Phát Ngôn", "P2", date(2026, 8, 15))]
    assert [r.full_name for r in activity.uncertified_spokespersons(CITY, w, 1)] == ["Bùi Phát Ngôn"]
    expiring = activity.expiring_certificates(CITY, w, 90, 10)
    assert [(r.serial, r.expires_on) for r in expiring] == [("GCN-2026-000002", date(2027, 1, 10))]
    assert activity.certificate_counts(CITY, [w], 90)[1] == len(expiring) == 1
    assert activity.certificate_counts(CITY, [w], 30)[1] == 0
    assert activity.expiring_certificates(CITY, w, 30, 10) == []
    overdue = queries.overdue_enrolments(CITY, w, 10, TZ)
    assert [(r.full_name, r.due_on) for r in overdue] == [("Bùi Phát Ngôn", date(2026, 9, 30))]
    assert round(overdue[0].progress, 2) == Decimal("33.33")


def test_a_subtree_scope_sees_only_its_units(city):
    p1 = city["units"]["P1"]
    scope = Scope(p1.path)
    nodes, codes = queries.unit_rows(scope)
    assert [n.code for n in nodes] == ["P1"]
    w = window("2026-Q4")
    assert queries.people_counts(scope, [w]) == {p1.id: (4, (2,))}
    assert [r.unit_code for r in activity.uncertified_spokespersons(scope, w, 10)] == ["P1"]


def test_a_course_scope_counts_that_course_only(city):
    scope = Scope(course_id=city["courses"]["B"].id)
    _nodes, codes = queries.unit_rows(scope)
    w = [window("2026-Q3")]
    assert by_code(queries.enrolment_counts(scope, w), codes) == {"P2": (1, 1, 1, 0)}
    assert by_code(activity.certified_spokespersons(scope, w), codes) == {"P2": (1,)}


def test_coverage_report_rolls_up_compares_and_totals(city, settings):
    report = coverage_report(None, None, parse_period("2026-Q4"), NOW, settings).report
    total = report.total
    assert (total.people, total.spokespersons, total.certified_spokespersons) == (10, 4, 2)
    assert total.coverage == Decimal(50)
    assert (total.enrolled, total.completed_in_period, total.completed_ever, total.overdue) == (6, 1, 4, 1)
    assert total.average_quiz_score == Decimal(85)
    assert total.simulation_pass_rate == Decimal(50)
    ubnd = next(u for u in report.units if u.code == "UBND")
    assert (ubnd.people, ubnd.spokespersons, ubnd.certified_spokespersons, ubnd.depth) == (7, 4, 2, 0)
    assert report.previous_period.code == "2026-Q3"
    assert (report.previous_total.spokespersons, report.previous_total.certified_spokespersons) == (3, 2)
    assert [(p.spokespersons, p.certified_spokespersons) for p in report.trend] == [(3, 2), (3, 2), (3, 2), (4, 2)]
    courses = {c.slug: c for c in report.courses}
    assert (courses["khoa-a"].enrolled, courses["khoa-a"].completed_ever, courses["khoa-a"].valid_certificates) \
        == (5, 3, 2)
    assert courses["khoa-b"].valid_certificates == 0


def test_an_empty_city_gives_an_empty_report(app, settings):
    report = coverage_report(None, None, parse_period("2026-Q4"), NOW, settings).report
    assert report.units == () and report.total.people == 0 and report.total.coverage is None
