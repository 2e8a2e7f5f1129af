"""Rows of the report's lists (pure): spokespersons without a valid certificate, certificates
expiring soon, overdue enrolments. Plain frozen rows; the report keeps them in a fixed order.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from training.core.text import fold
from training.reports.formatting import exact

EXPIRING_DAYS = 90


@dataclass(frozen=True)
class UncertifiedRow:
    """A spokesperson without a valid certificate; ``last_expired_on`` when one lapsed."""

    full_name: str
    unit_code: str
    unit_name: str
    position: str = ""
    designated_on: date | None = None
    last_expired_on: date | None = None


@dataclass(frozen=True)
class ExpiringRow:
    """A valid certificate that expires within the report's window."""

    full_name: str
    unit_code: str
    unit_name: str
    course_title: str
    serial: str
    expires_on: date


@dataclass(frozen=True)
class OverdueRow:
    """An enrolment past its due date and not completed."""

    full_name: str
    unit_code: str
    unit_name: str
    course_title: str
    due_on: date
    progress: Decimal | None = None

    def __post_init__(self):
        # A percentage from SQLite (float) and PostgreSQL (numeric) must serialise alike.
        if self.progress is not None:
            object.__setattr__(self, "progress", exact(self.progress))


def select_expiring(rows, as_of, days=EXPIRING_DAYS):
    """Return the :class:`ExpiringRow` rows expiring from ``as_of`` to ``as_of + days``, soonest first."""
    window = (r for r in rows if 0 <= (r.expires_on - as_of).days <= days)
    return tuple(sorted(window, key=lambda r: (r.expires_on, fold(r.unit_name), fold(r.full_name), r.serial)))
