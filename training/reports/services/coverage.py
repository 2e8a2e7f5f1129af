"""Compute a coverage report: a constant number of SQL aggregates, rolled up the unit tree in Python.

The number of statements does not depend on how many units, people or enrolments there are
(tests/reports/test_query_budget.py holds it): per-unit counts for the period and the previous
one, per-course counts, a two-statement trend and the capped lists. The aggregates and lists do
not depend on each other, so they are read at once on several connections (``concurrent_reads``).
"""

from dataclasses import dataclass, field

from training.core.time import local_today
from training.reports import activity_queries as activity
from training.reports import queries
from training.reports.concurrent_reads import connections_for, read_concurrently
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
    #: How many of the report's independent queries run at once, each on its own connection.
    query_connections: int = 1

    @classmethod
    def from_config(cls, config):
        """Read the settings from a Flask config mapping."""
        return cls(scope_name=config.get("REPORT_SCOPE_NAME") or DEFAULT_SCOPE_NAME,
                   trend_periods=int(config.get("REPORT_TREND_PERIODS") or 4),
                   timezone=config.get("TIMEZONE") or "Asia/Ho_Chi_Minh",
                   document=dict(config.get("REPORT_DOCUMENT") or {}),
                   query_connections=connections_for(config.get("SQLALCHEMY_DATABASE_URI") or "",
                                                     config.get("REPORT_QUERY_CONNECTIONS")))

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


def _windows(period, settings, now):
    """Return ``(periods, windows)``: the period, the previous one, then the trend's (each once)."""
    periods = {}
    for p in (period, period.previous(), *period.last_n(settings.trend_periods)):
        periods.setdefault(p.code, p)
    ordered = list(periods.values())
    return ordered, [Window.of(p, now, settings.timezone) for p in ordered]


def _by_unit(rows, width):
    """Add ``{(unit, course): (tuples per window)}`` up to ``{unit: (tuples per window)}``."""
    totals = {}
    for (unit_id, _course_id), per_window in rows.items():
        current = totals.setdefault(unit_id, [[0] * width for _ in per_window])
        for index, values in enumerate(per_window):
            values = values if isinstance(values, tuple) else (values,)
            for position, value in enumerate(values):
                current[index][position] += value
    return totals


@dataclass(frozen=True)
class _Counts:
    """Every aggregate of a report, fetched once: five statements over the whole scope."""

    people: dict
    enrolments: dict
    certificates: dict
    certified: dict
    results: dict

    @staticmethod
    def calls(scope, windows):
        """Return ``{name: call}`` of the five aggregates, the slowest (the ledger) first."""
        compared = windows[:2]  # the period and the previous one: full figures; the trend: coverage only
        return {"results": lambda: activity.result_counts(scope, compared),
                "enrolments": lambda: queries.enrolment_counts(scope, compared),
                "certificates": lambda: activity.certificate_counts(scope, compared, EXPIRING_DAYS),
                "certified": lambda: activity.certified_spokespersons(scope, windows),
                "people": lambda: queries.people_counts(scope, windows)}

    def units(self, index, codes):
        """Return the :class:`UnitCounts` of window ``index`` (0: the period, 1: the previous one)."""
        enrolments, certificates, results = self._unit_totals()
        rows = []
        for unit_id in set(self.people) | set(enrolments) | set(certificates) | set(results):
            if unit_id not in codes:
                continue
            people, spokes = self.people.get(unit_id, (0, None))
            spokes = spokes[index] if spokes else 0
            enrolled, in_period, ever, overdue = enrolments[unit_id][index] if unit_id in enrolments else (0,) * 4
            score_sum, scored, passed, runs = results[unit_id][index] if unit_id in results else (0,) * 4
            certified = self.certified[unit_id][index] if unit_id in self.certified else 0
            rows.append(UnitCounts(
                code=codes[unit_id], people=people, spokespersons=spokes, enrolled=enrolled,
                completed_in_period=in_period, completed_ever=ever,
                valid_certificates=certificates[unit_id][index][0] if unit_id in certificates else 0,
                certified_spokespersons=min(certified, spokes), overdue=overdue, quiz_score_sum=score_sum,
                quiz_scored=scored, simulation_passed=passed, simulation_runs=runs))
        return rows

    def _unit_totals(self):
        if "_totals" not in self.__dict__:  # computed once, shared by the period and the previous one
            object.__setattr__(self, "_totals", (_by_unit(self.enrolments, 4), _by_unit(self.certificates, 1),
                                                 _by_unit(self.results, 4)))
        return self.__dict__["_totals"]

    def courses(self):
        """Return the :class:`CourseFigures` of the period, one per course with enrolments or certificates."""
        totals = {}
        for (_unit, course_id), per_window in self.enrolments.items():
            totals.setdefault(course_id, [0] * 9)[:4] = [a + b for a, b in
                                                         zip(totals.get(course_id, [0] * 9)[:4], per_window[0],
                                                             strict=True)]
        for (_unit, course_id), per_window in self.certificates.items():
            totals.setdefault(course_id, [0] * 9)[4] += per_window[0]
        for (_unit, course_id), per_window in self.results.items():
            row = totals.setdefault(course_id, [0] * 9)
            row[5:9] = [a + b for a, b in zip(row[5:9], per_window[0], strict=True)]
        titles = queries.course_titles(totals)
        return [CourseFigures(slug=titles[cid][0], title=titles[cid][1], enrolled=t[0], completed_in_period=t[1],
                              completed_ever=t[2], overdue=t[3], valid_certificates=t[4], quiz_score_sum=t[5],
                              quiz_scored=t[6], simulation_passed=t[7], simulation_runs=t[8])
                for cid, t in totals.items() if cid in titles]

    def trend_point(self, period, index):
        """Return the city-wide :class:`TrendPoint` of window ``index``."""
        spokes = sum(row[1][index] for row in self.people.values())
        certified = sum(row[index] for row in self.certified.values())
        return TrendPoint(period, spokes, min(certified, spokes))


def coverage_report(actor, unit, period, now, settings, course=None):
    """Return the :class:`Coverage` of ``unit``'s subtree (``None``: the whole city) for ``period``.

    ``actor`` was checked by the caller (route loader, API token, command line); it is accepted so
    every service has the same shape and may be ``None``.
    """
    del actor  # access is decided at the edge; the figures do not depend on who asks
    scope = Scope(unit.path if unit is not None else None, course.id if course is not None else None)
    periods, windows = _windows(period, settings, now)
    window, limit = windows[0], settings.list_limit
    read = read_concurrently({
        **_Counts.calls(scope, windows),
        "uncertified": lambda: activity.uncertified_spokespersons(scope, window, limit),
        "overdue": lambda: queries.overdue_enrolments(scope, window, limit, settings.timezone),
        "expiring": lambda: activity.expiring_certificates(scope, window, EXPIRING_DAYS, limit),
        "tree": lambda: queries.unit_rows(scope),
    }, settings.query_connections)
    (tree, codes), (certificates, expiring_total) = read["tree"], read["certificates"]
    counts = _Counts(read["people"], read["enrolments"], certificates, read["certified"], read["results"])
    index = {p.code: i for i, p in enumerate(periods)}
    trend = [counts.trend_point(p, index[p.code]) for p in period.last_n(settings.trend_periods)]
    uncertified, expiring, overdue = read["uncertified"], read["expiring"], read["overdue"]
    report = build_report(
        period=period, scope_code=unit.code if unit is not None else "",
        scope_name=unit.name if unit is not None else settings.scope_name, as_of=window.as_of,
        generated_at=now, tree=tree, counts=counts.units(0, codes), courses=counts.courses(),
        uncertified=uncertified, expiring=expiring, overdue=overdue, previous_counts=counts.units(1, codes),
        trend=trend)
    totals = {
        "uncertified": report.total.uncertified_spokespersons,
        "overdue": report.total.overdue,
        # The count comes from the certificates aggregate; a full list is capped, a shorter one is all.
        "expiring": expiring_total if len(expiring) >= limit else len(expiring),
    }
    return Coverage(report, totals, limit)


def document_for(settings, now):
    """Return the report document dated today (local) for a live export."""
    return settings.report_document(local_today(now, settings.timezone))
