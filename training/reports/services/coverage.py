"""Compute a coverage report: a constant number of SQL aggregates, rolled up the unit tree in Python.

The number of statements does not depend on how many units, people or enrolments there are
(tests/reports/test_query_budget.py holds it): per-unit counts for the period and the previous
one, per-course counts, a two-statement trend and the capped lists.
"""

from dataclasses import dataclass, field

from training.core.time import local_today
from training.reports import activity_queries as activity
from training.reports import queries
from training.reports.document import ReportDocument
from training.reports.figures import CourseFigures, TrendPoint, UnitCounts, build_report
from training.reports.lists import EXPIRING_DAYS
from training.reports.queries import Scope, Window

LIST_LIMIT = 200
DEFAULT_SCOPE_NAME = "Toàn thành phố"


@dataclass(frozen=True)
class ReportSettings:
    """What the deployment configures about reports (``REPORT_*`` keys)."""

    scope_name: str = DEFAULT_SCOPE_NAME
    trend_periods: int = 4
    timezone: str = "Asia/Ho_Chi_Minh"
    list_limit: int = LIST_LIMIT
    document: dict = field(default_factory=dict)

    @classmethod
    def from_config(cls, config):
        """Read the settings from a Flask config mapping."""
        return cls(scope_name=config.get("REPORT_SCOPE_NAME") or DEFAULT_SCOPE_NAME,
                   trend_periods=int(config.get("REPORT_TREND_PERIODS") or 4),
                   timezone=config.get("TIMEZONE") or "Asia/Ho_Chi_Minh",
                   document=dict(config.get("REPORT_DOCUMENT") or {}))

    def report_document(self, day):
        """Return the :class:`ReportDocument` dated ``day``, with the deployment's overrides."""
        values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in self.document.items()}
        return ReportDocument(date=day, **values)


@dataclass(frozen=True)
class Coverage:
    """A computed report, with the real length of each (capped) list."""

    report: object
    list_totals: dict
    list_limit: int

    def capped(self, name):
        """Return whether the list ``name`` shows fewer rows than it has."""
        return self.list_totals[name] > len(getattr(self.report, name))


def _unit_counts(scope, window, codes):
    people = queries.people_counts(scope, window)
    enrolments = queries.enrolment_counts(scope, window)
    certificates = activity.certificate_counts(scope, window)
    results = activity.result_counts(scope, window)
    rows = []
    for unit_id in set(people) | set(enrolments) | set(certificates) | set(results):
        if unit_id not in codes:
            continue
        n_people, spokes = people.get(unit_id, (0, 0))
        enrolled, in_period, ever, overdue = enrolments.get(unit_id, (0, 0, 0, 0))
        valid, certified = certificates.get(unit_id, (0, 0))
        score_sum, scored, passed, runs = results.get(unit_id, (0, 0, 0, 0))
        rows.append(UnitCounts(
            code=codes[unit_id], people=n_people, spokespersons=spokes, enrolled=enrolled,
            completed_in_period=in_period, completed_ever=ever, valid_certificates=valid,
            # A spokesperson who left the role keeps certificates but no longer counts here.
            certified_spokespersons=min(certified, spokes), overdue=overdue, quiz_score_sum=score_sum,
            quiz_scored=scored, simulation_passed=passed, simulation_runs=runs))
    return rows


def _course_figures(scope, window):
    enrolments = queries.enrolment_counts(scope, window, by="course")
    certificates = activity.certificate_counts(scope, window, by="course")
    results = activity.result_counts(scope, window, by="course")
    ids = set(enrolments) | set(certificates)
    titles = queries.course_titles(ids)
    rows = []
    for course_id in ids:
        if course_id not in titles:
            continue
        enrolled, in_period, ever, overdue = enrolments.get(course_id, (0, 0, 0, 0))
        score_sum, scored, passed, runs = results.get(course_id, (0, 0, 0, 0))
        slug, title = titles[course_id]
        rows.append(CourseFigures(slug=slug, title=title, enrolled=enrolled, completed_in_period=in_period,
                                  completed_ever=ever, valid_certificates=certificates.get(course_id, (0, 0))[0],
                                  overdue=overdue, quiz_score_sum=score_sum, quiz_scored=scored,
                                  simulation_passed=passed, simulation_runs=runs))
    return rows


def coverage_report(actor, unit, period, now, settings, course=None):
    """Return the :class:`Coverage` of ``unit``'s subtree (``None``: the whole city) for ``period``.

    ``actor`` was checked by the caller (route loader, API token, command line); it is accepted so
    every service has the same shape and may be ``None``.
    """
    del actor  # access is decided at the edge; the figures do not depend on who asks
    scope = Scope(unit.path if unit is not None else None, course.id if course is not None else None)
    window = Window.of(period, now, settings.timezone)
    tree, codes = queries.unit_rows(scope)
    counts = _unit_counts(scope, window, codes)
    previous = period.previous()
    previous_counts = _unit_counts(scope, Window.of(previous, now, settings.timezone), codes)
    periods = period.last_n(settings.trend_periods)
    windows = [Window.of(p, now, settings.timezone) for p in periods]
    trend = [TrendPoint(p, s, min(c, s)) for p, (s, c) in zip(periods, activity.trend_counts(scope, windows),
                                                               strict=True)]
    limit = settings.list_limit
    uncertified = activity.uncertified_spokespersons(scope, window, limit)
    expiring = activity.expiring_certificates(scope, window, EXPIRING_DAYS, limit)
    overdue = queries.overdue_enrolments(scope, window, limit, settings.timezone)
    report = build_report(
        period=period, scope_code=unit.code if unit is not None else "",
        scope_name=unit.name if unit is not None else settings.scope_name, as_of=window.as_of,
        generated_at=now, tree=tree, counts=counts, courses=_course_figures(scope, window),
        uncertified=uncertified, expiring=expiring, overdue=overdue, previous_counts=previous_counts,
        trend=trend)
    totals = {
        "uncertified": report.total.uncertified_spokespersons,
        "overdue": report.total.overdue,
        # Counted only when the list is full: otherwise its length is the total.
        "expiring": activity.expiring_count(scope, window, EXPIRING_DAYS) if len(expiring) >= limit
        else len(expiring),
    }
    return Coverage(report, totals, limit)


def document_for(settings, now):
    """Return the report document dated today (local) for a live export."""
    return settings.report_document(local_today(now, settings.timezone))
