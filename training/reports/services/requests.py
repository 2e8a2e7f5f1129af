"""Turn request arguments (query string, API, command line) into what a report covers.

Period: ``period=2026-Q4`` (or ``kind``, ``year`` and ``number`` from the dashboard's picker);
unit: ``unit=CODE`` within the actor's scope; course: ``course=slug``. Nothing is computed
until every argument is valid: a bad one raises :class:`~training.core.errors.DomainError`
with the HTTP status to answer (400 bad value, 403 outside scope, 404 unknown unit).
"""

from dataclasses import dataclass

from sqlalchemy import select

from training.core.errors import DomainError
from training.core.messages import N_
from training.core.time import local_today
from training.courses.models import Course
from training.extensions import db
from training.orgunits.models import Unit
from training.reports.periods import HALF, QUARTER, YEAR, Period, PeriodError, parse_period

KINDS = (QUARTER, HALF, YEAR)


@dataclass(frozen=True)
class ReportRequest:
    """A checked request: the period, the root unit (``None``: the whole city), the course or ``None``."""

    period: Period
    unit: Unit | None = None
    course: Course | None = None

    def args(self):
        """Return the query arguments that ask for this report again."""
        args = {"period": self.period.code}
        if self.unit is not None:
            args["unit"] = self.unit.code
        if self.course is not None:
            args["course"] = self.course.slug
        return args


def current_quarter(now, tz_name):
    """Return the quarter containing the local day of ``now`` (Asia/Ho_Chi_Minh by default)."""
    today = local_today(now, tz_name)
    return Period.quarter(today.year, (today.month - 1) // 3 + 1)


def period_choices(now, tz_name, quarters=8, halves=4, years=3):
    """Return ``[(code, label)]`` of recent periods for the picker, newest first."""
    current = current_quarter(now, tz_name)
    half = Period.half(current.year, 1 if current.number <= 2 else 2)
    year = Period.whole_year(current.year)
    choices = [(p.code, p.label) for p in reversed(current.last_n(quarters))]
    choices += [(p.code, p.label) for p in reversed(half.last_n(halves))]
    choices += [(p.code, p.label) for p in reversed(year.last_n(years))]
    return choices


def _period_from_parts(args):
    kind, year, number = args.get("kind", ""), args.get("year", ""), args.get("number", "")
    if kind not in KINDS or not year.isdigit():
        raise DomainError(N_("Choose a reporting period."), "period")
    if kind == YEAR:
        return parse_period(year)
    if not number.isdigit():
        raise DomainError(N_("Choose a reporting period."), "period")
    return parse_period(f"{year}-{'Q' if kind == QUARTER else 'H'}{number}")


def resolve_period(args, now, tz_name):
    """Return the requested :class:`Period` (default: the current quarter).

    :raises DomainError: for an invalid period, or one that has not started yet.
    """
    try:
        if args.get("period"):
            period = parse_period(args["period"])
        elif args.get("kind"):
            period = _period_from_parts(args)
        else:
            period = current_quarter(now, tz_name)
    except PeriodError as error:
        raise DomainError(error.issue.message, "period", **error.issue.params) from None
    if period.start > local_today(now, tz_name):
        raise DomainError(N_("This period has not started yet: there is nothing to report."), "period")
    return period


def resolve_unit(actor_path, code):
    """Return the unit with ``code`` inside the subtree ``actor_path`` (``None``: everywhere).

    With no code, return the actor's own root (``None`` for city-wide readers).
    """
    code = (code or "").strip()
    if not code:
        if actor_path is None:
            return None
        return db.session.scalar(select(Unit).where(Unit.path == actor_path))
    unit = db.session.scalar(select(Unit).where(Unit.code == code[:32]))
    if unit is None:
        raise DomainError(N_("There is no unit with the code \"%(code)s\"."), "unit", 404, code=code[:32])
    if actor_path is not None and not unit.path.startswith(actor_path):
        raise DomainError(N_("This unit is outside the units you may report on."), "unit", 403)
    return unit


def resolve_course(slug):
    """Return the course with ``slug``, ``None`` for all courses."""
    slug = (slug or "").strip()
    if not slug:
        return None
    course = db.session.scalar(select(Course).where(Course.slug == slug[:80]))
    if course is None:
        raise DomainError(N_("There is no course \"%(slug)s\"."), "course", 404, slug=slug[:80])
    return course


def resolve_request(args, actor_path, now, tz_name):
    """Return the :class:`ReportRequest` of ``args`` for a reader limited to ``actor_path``."""
    period = resolve_period(args, now, tz_name)
    unit = resolve_unit(actor_path, args.get("unit"))
    course = resolve_course(args.get("course"))
    return ReportRequest(period, unit, course)
