"""Time helpers (pure): UTC storage, local display in the configured timezone.

Datetimes are stored in UTC and shown in Asia/Ho_Chi_Minh. Code receives ``now`` as an
argument instead of reading the clock, so tests and the CLI control it.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

UTC = UTC
DEFAULT_TZ = "Asia/Ho_Chi_Minh"


def utcnow():
    """Return the current time as an aware UTC datetime (call only at the edge)."""
    return datetime.now(UTC)


def as_utc(value):
    """Return ``value`` as an aware UTC datetime; naive values are taken to be UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def to_local(value, tz_name=DEFAULT_TZ):
    """Return the aware datetime ``value`` in the display timezone."""
    if value is None:
        return None
    return as_utc(value).astimezone(ZoneInfo(tz_name))


def format_date(value):
    """Format a date (or datetime, shown in local time) as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_local(value).date()
    return value.strftime("%d/%m/%Y")


def format_datetime(value, tz_name=DEFAULT_TZ, seconds=False):
    """Format an aware datetime as ``dd/mm/yyyy HH:MM`` in the display timezone."""
    if value is None:
        return ""
    pattern = "%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M"
    return to_local(value, tz_name).strftime(pattern)


def parse_date(text):
    """Parse ``dd/mm/yyyy`` (also ``d/m/yyyy``, ``dd-mm-yyyy``) or ISO ``yyyy-mm-dd``.

    :raises ValueError: when the text is not a real calendar date.
    """
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def local_day_bounds(day, tz_name=DEFAULT_TZ):
    """Return the UTC instants ``[start, end)`` of the local calendar ``day``."""
    tz = ZoneInfo(tz_name)
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def local_today(now, tz_name=DEFAULT_TZ):
    """Return the local calendar date at the instant ``now``."""
    return to_local(now, tz_name).date()

