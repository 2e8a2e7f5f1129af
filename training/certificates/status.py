"""What a certificate's status is on a given day, and how long it is valid (pure).

The status is derived from dates and marks, never stored, so expiry needs no scheduled job:
a certificate whose last valid day has passed is expired the next morning, in the register,
on the public verification page and in the reports alike.
"""

import calendar
from datetime import date, timedelta
from enum import StrEnum

from training.core.messages import N_


class Status(StrEnum):
    """A certificate's standing, strongest first when several apply."""

    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    EXPIRED = "expired"
    REFRESHER = "refresher"  # "cần bồi dưỡng cập nhật": the law changed since it was issued
    VALID = "valid"


LABELS = {
    Status.VALID: N_("Valid"),
    Status.REVOKED: N_("Revoked"),
    Status.EXPIRED: N_("Expired"),
    Status.REFRESHER: N_("Refresher training required"),
    Status.SUPERSEDED: N_("Superseded by a newer certificate"),
}

#: Bootstrap colour of each status badge (text never relies on colour alone).
COLOURS = {Status.VALID: "success", Status.REVOKED: "danger", Status.EXPIRED: "secondary",
           Status.REFRESHER: "warning", Status.SUPERSEDED: "info"}


def certificate_status(today, *, revoked=False, superseded=False, expires_on=None, refresher_required=False):
    """Return the :class:`Status` of a certificate on the local calendar day ``today``."""
    if revoked:
        return Status.REVOKED
    if superseded:
        return Status.SUPERSEDED
    if expires_on is not None and expires_on < today:
        return Status.EXPIRED
    if refresher_required:
        return Status.REFRESHER
    return Status.VALID


def add_months(day, months):
    """Return ``day`` plus ``months`` calendar months (31 January + 1 month = 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_date(issued_on, valid_months):
    """Return the last day a certificate issued on ``issued_on`` is valid, or ``None``.

    "Valid for 24 months" from 26/11/2026 means valid to the end of 25/11/2028.
    """
    if not valid_months:
        return None
    return add_months(issued_on, valid_months) - timedelta(days=1)


def days_left(expires_on, today):
    """Return how many days after ``today`` the certificate stays valid (0 on its last day)."""
    return None if expires_on is None else (expires_on - today).days
