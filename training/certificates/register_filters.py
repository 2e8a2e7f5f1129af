"""Reading the register's filters from a query string, and the register as spreadsheet rows."""

from flask_babel import gettext as _

from training.certificates.queries import RegisterFilter, status_of
from training.certificates.status import Status
from training.core.errors import abort_with
from training.core.security import can_manage_unit_path
from training.core.text import clean_line
from training.core.time import format_date, parse_date
from training.orgunits.services import get_unit_by_code


def _int(value, low=None, high=None):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number


def parse_filters(actor, args):
    """Return the :class:`RegisterFilter` of ``args``; a unit outside ``actor``'s units answers 403."""
    filters = RegisterFilter(text=clean_line(args.get("q", ""))[:100])
    code = args.get("unit", "")
    if code:
        unit = get_unit_by_code(code)
        if unit is None:
            filters.errors.append(_("There is no unit with the code %(code)s.", code=code))
        elif not can_manage_unit_path(actor, unit.path):
            abort_with(403, _("This unit is outside the units you manage."))
        else:
            filters.unit = unit
    filters.course_id = _int(args.get("course"), 1)
    filters.class_id = _int(args.get("class"), 1)
    status = args.get("status", "")
    filters.status = status if status in {s.value for s in Status} else ""
    for name, attribute in (("from", "issued_from"), ("to", "issued_to")):
        value = args.get(name, "")
        if value:
            try:
                setattr(filters, attribute, parse_date(value))
            except ValueError:
                filters.errors.append(_("%(value)s is not a valid date (use dd/mm/yyyy).", value=value))
    if args.get("expiring"):
        filters.expiring_days = _int(args.get("expiring"), 0, 3650)
        if filters.expiring_days is None:
            filters.errors.append(_("Enter the number of days as a whole number from 0 to 3650."))
    return filters


def export_rows(certificates, today, labels):
    """Return ``(header, rows)`` of the register for XLSX (cells are made formula-safe by the writer)."""
    header = [_("Serial"), _("Full name"), _("E-mail"), _("Unit"), _("Course"), _("Version"), _("Completed on"),
              _("Score (%)"), _("Issued on"), _("Valid until"), _("Status"), _("Revoked on"), _("Reason"),
              _("Issued or approved by")]
    rows = []
    for c in certificates:
        user = c.user
        rows.append([c.serial, user.full_name, user.email, user.unit.name if user.unit else "", c.course.title,
                     c.course_version, format_date(c.completed_at), float(c.score) if c.score is not None else "",
                     format_date(c.issued_on), format_date(c.expires_on), labels[str(status_of(c, today))],
                     format_date(c.revoked_at), c.revoked_reason or "",
                     c.issued_by.email if c.issued_by else _("automatic")])
    return header, rows
