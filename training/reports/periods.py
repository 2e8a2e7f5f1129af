"""Reporting periods (pure): quarters, half-years, years and date ranges.

Units report to the Propaganda Board quarterly, half-yearly, yearly or on demand (plan
139-KH/TU, section IV), so a period is written ``2026-Q4``, ``2026-H2``, ``2026`` or a date range
``2026-10-01:2026-12-31`` (also ``01/10/2026:31/12/2026``). A period covers whole local days in
Asia/Ho_Chi_Minh; :meth:`Period.bounds` turns them into the UTC instants stored in the database.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from training.core.messages import N_, Issue
from training.core.time import DEFAULT_TZ, format_date, local_day_bounds, parse_date

MIN_YEAR, MAX_YEAR = 2000, 2100
# Ten calendar years hold at most three 29 Februaries; anything longer is a typing mistake
# (or an attempt to make the server aggregate decades), not a report.
MAX_RANGE_DAYS = 10 * 365 + 3
MAX_TREND_PERIODS = 40
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
QUARTER, HALF, YEAR, RANGE = "quarter", "half", "year", "range"

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^([0-9./-]+)\s*:\s*([0-9./-]+)$")


class PeriodError(ValueError):
    """The text is not a usable period; ``issue`` says why (a message id and parameters)."""

    def __init__(self, issue):
        super().__init__(issue.message % issue.params if issue.params else issue.message)
        self.issue = issue


def _refuse(message, **params):
    raise PeriodError(Issue(message, column="period", params=params))


@dataclass(frozen=True)
class Period:
    """A reporting period of whole local days, ``start`` to ``end`` inclusive.

    ``number`` is the quarter (1-4) or half (1-2); ``year`` is ``None`` for a date range.
    """

    kind: str
    start: date
    end: date
    year: int | None = None
    number: int | None = None

    @classmethod
    def quarter(cls, year, number):
        """Return quarter ``number`` (1-4) of ``year``."""
        first = date(year, 3 * number - 2, 1)
        return cls(QUARTER, first, _month_end(year, 3 * number), year, number)

    @classmethod
    def half(cls, year, number):
        """Return half-year ``number`` (1-2) of ``year``."""
        return cls(HALF, date(year, 6 * number - 5, 1), _month_end(year, 6 * number), year, number)

    @classmethod
    def whole_year(cls, year):
        """Return the calendar ``year``."""
        return cls(YEAR, date(year, 1, 1), date(year, 12, 31), year)

    @classmethod
    def between(cls, start, end):
        """Return the date range ``start`` to ``end`` (inclusive), checked like a typed range."""
        _check_range(start, end)
        return cls(RANGE, start, end)

    @property
    def code(self):
        """Return the canonical text of the period (what :func:`parse_period` reads back)."""
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == HALF:
            return f"{self.year}-H{self.number}"
        if self.kind == YEAR:
            return str(self.year)
        return f"{self.start.isoformat()}:{self.end.isoformat()}"

    @property
    def label(self):
        """Return the Vietnamese name of the period, as a title: ``Quý IV năm 2026``."""
        if self.kind == YEAR:
            return f"Năm {self.year}"
        if self.kind == RANGE:
            return f"Từ {format_date(self.start)} đến {format_date(self.end)}"
        return self.phrase

    @property
    def phrase(self):
        """Return the period inside a sentence: ``Quý IV năm 2026``, ``năm 2026``, ``từ ... đến ...``."""
        if self.kind == QUARTER:
            return f"Quý {ROMAN[self.number]} năm {self.year}"
        if self.kind == HALF:
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        if self.kind == YEAR:
            return f"năm {self.year}"
        return f"từ {format_date(self.start)} đến {format_date(self.end)}"

    @property
    def during(self):
        """Return the opening of a sentence about the period: ``Trong Quý IV năm 2026``."""
        if self.kind == RANGE:
            return self.label
        return f"Trong {self.phrase}"

    @property
    def short_label(self):
        """Return a compact label for chart axes: ``Quý IV/2026``, ``6T cuối/2026``, ``2026``."""
        if self.kind == QUARTER:
            return f"Quý {ROMAN[self.number]}/{self.year}"
        if self.kind == HALF:
            return f"6T {'đầu' if self.number == 1 else 'cuối'}/{self.year}"
        if self.kind == YEAR:
            return str(self.year)
        if self.start.year == self.end.year:
            return f"{self.start:%d/%m}–{self.end:%d/%m/%Y}"
        return f"{format_date(self.start)}–{format_date(self.end)}"

    @property
    def days(self):
        """Return the number of days in the period."""
        return (self.end - self.start).days + 1

    def contains(self, day):
        """Tell whether the local calendar ``day`` falls in the period."""
        return self.start <= day <= self.end

    def bounds(self, tz_name=DEFAULT_TZ):
        """Return the UTC instants ``[start, end)`` covering the period's local days."""
        return local_day_bounds(self.start, tz_name)[0], local_day_bounds(self.end, tz_name)[1]

    def previous(self):
        """Return the period just before: Q1 -> last year's Q4; a range -> the same length before it."""
        if self.kind == QUARTER:
            return Period.quarter(self.year - 1, 4) if self.number == 1 else Period.quarter(self.year, self.number - 1)
        if self.kind == HALF:
            return Period.half(self.year - 1, 2) if self.number == 1 else Period.half(self.year, 1)
        if self.kind == YEAR:
            return Period.whole_year(self.year - 1)
        end = self.start - timedelta(days=1)
        return Period(RANGE, end - timedelta(days=self.days - 1), end)

    @classmethod
    def from_code(cls, code):
        """Return the period of a stored :attr:`code`, trusted (no limits: it was checked when made)."""
        upper = code.upper()
        for pattern, make in ((_QUARTER, cls.quarter), (_HALF, cls.half)):
            if match := pattern.match(upper):
                return make(int(match.group(1)), int(match.group(2)))
        if _YEAR.match(upper):
            return cls.whole_year(int(upper))
        start, _, end = code.partition(":")
        return cls(RANGE, date.fromisoformat(start), date.fromisoformat(end))

    def last_n(self, n):
        """Return ``n`` consecutive periods ending with this one, oldest first (for trend charts)."""
        if not 1 <= n <= MAX_TREND_PERIODS:
            raise ValueError(f"n must be between 1 and {MAX_TREND_PERIODS}")
        periods = [self]
        while len(periods) < n:
            periods.append(periods[-1].previous())
        return tuple(reversed(periods))


def parse_period(text):
    """Parse ``2026-Q4``, ``2026-H2``, ``2026`` or a date range ``start:end`` into a :class:`Period`.

    :raises PeriodError: for anything else, a reversed range, or a range longer than ten years.
    """
    value = (text or "").strip()
    if not value:
        _refuse(N_("Choose a reporting period."))
    upper = value.upper()
    for pattern, make in ((_QUARTER, Period.quarter), (_HALF, Period.half)):
        if match := pattern.match(upper):
            year = _year(match.group(1))
            return make(year, int(match.group(2)))
    if match := _YEAR.match(upper):
        return Period.whole_year(_year(match.group(1)))
    if match := _RANGE.match(value):
        start, end = _day(match.group(1)), _day(match.group(2))
        return Period.between(start, end)
    _refuse(N_("\"%(text)s\" is not a period. Write 2026-Q4, 2026-H2, 2026 or 01/10/2026:31/12/2026."),
            text=value[:40])


def _year(text):
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        _refuse(N_("The year %(year)s is outside %(min)s–%(max)s."), year=year, min=MIN_YEAR, max=MAX_YEAR)
    return year


def _day(text):
    try:
        day = parse_date(text)
    except ValueError:
        _refuse(N_("\"%(text)s\" is not a valid date (dd/mm/yyyy)."), text=text[:20])
    _year(str(day.year))
    return day


def _check_range(start, end):
    if end < start:
        _refuse(N_("The period ends (%(end)s) before it starts (%(start)s)."),
                start=format_date(start), end=format_date(end))
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        _refuse(N_("A reporting period may cover at most %(years)s years."), years=10)


def _month_end(year, month):
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)
