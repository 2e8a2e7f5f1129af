"""Validate rows of a people (roster) import (pure).

Each bad cell becomes an :class:`Issue` with its spreadsheet row number and column, so the
admin sees exactly what to fix. Which units and roles are acceptable is passed in: a scoped
admin may only import people into their own subtree.
"""

import re
from dataclasses import dataclass
from datetime import date

from training.core.messages import N_, Issue
from training.core.text import normalize_email
from training.core.time import parse_date

EMAIL_PATTERN = re.compile(r"^[^@\s,;<>\"']+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
REQUIRED_COLUMNS = ("email", "full_name", "unit_code")
YES = {"yes", "y", "x", "1", "true", "có", "co", "c"}
NO = {"", "no", "n", "0", "false", "không", "khong", "k"}


@dataclass(frozen=True)
class PersonRow:
    """One valid person row."""

    row: int
    email: str
    full_name: str
    unit_code: str
    position: str
    role: str
    is_spokesperson: bool
    decision_no: str
    designated_on: date | None


@dataclass(frozen=True)
class RosterCheck:
    """The valid rows and every issue found."""

    rows: tuple
    issues: tuple

    @property
    def ok(self):
        return not self.issues


def is_valid_email(value):
    """Return whether ``value`` looks like a deliverable address (syntax only)."""
    return bool(value) and len(value) <= 254 and bool(EMAIL_PATTERN.match(value))


def parse_yes_no(value):
    """Return ``True``/``False`` for yes/no words in Vietnamese or English, ``None`` if unclear."""
    word = (value or "").strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    return None


def check_roster_rows(header, table_rows, unit_codes, allowed_unit_codes, roles, allowed_roles):
    """Validate roster rows.

    :param unit_codes: every unit code in the system.
    :param allowed_unit_codes: the codes this admin may import into (``None`` = all).
    :param roles: every role value; ``allowed_roles`` those this admin may give.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        issue = Issue(N_("Missing column(s): %(columns)s."), row=1, params={"columns": ", ".join(missing)})
        return RosterCheck(rows=(), issues=(issue,))
    valid, issues, seen = [], [], {}
    for number, values in table_rows:
        email = normalize_email(values.get("email", ""))
        row_issues = []
        _check_email(number, email, seen, row_issues)
        _check_name(number, values.get("full_name", ""), row_issues)
        unit_code = values.get("unit_code", "").upper()
        _check_unit(number, unit_code, unit_codes, allowed_unit_codes, row_issues)
        role = (values.get("role") or "learner").strip().lower()
        _check_role(number, role, roles, allowed_roles, row_issues)
        spokesperson = parse_yes_no(values.get("is_spokesperson", ""))
        if spokesperson is None:
            row_issues.append(Issue(N_("Write yes or no (có/không), not %(value)s."), row=number,
                                    column="is_spokesperson", params={"value": values.get("is_spokesperson")}))
        designated_on = _check_date(number, values.get("designated_on", ""), row_issues)
        position = values.get("position", "")
        if len(position) > 200:
            row_issues.append(Issue(N_("The position is longer than 200 characters."), row=number, column="position"))
        if email and email not in seen:
            seen[email] = number
        if row_issues:
            issues.extend(row_issues)
            continue
        valid.append(PersonRow(number, email, values["full_name"], unit_code, position, role,
                               bool(spokesperson), values.get("decision_no", "")[:64], designated_on))
    return RosterCheck(rows=tuple(valid), issues=tuple(issues))


def _check_email(number, email, seen, issues):
    if not email:
        issues.append(Issue(N_("The e-mail address is empty."), row=number, column="email"))
    elif not is_valid_email(email):
        issues.append(Issue(N_("%(value)s is not a valid e-mail address."), row=number, column="email",
                            params={"value": email}))
    elif email in seen:
        issues.append(Issue(N_("The e-mail address %(value)s already appears in row %(first)s."), row=number,
                            column="email", params={"value": email, "first": seen[email]}))


def _check_name(number, name, issues):
    if not name:
        issues.append(Issue(N_("The full name is empty."), row=number, column="full_name"))
    elif len(name) > 200:
        issues.append(Issue(N_("The full name is longer than 200 characters."), row=number, column="full_name"))


def _check_unit(number, code, unit_codes, allowed, issues):
    if not code:
        issues.append(Issue(N_("The unit code is empty."), row=number, column="unit_code"))
    elif code not in unit_codes:
        issues.append(Issue(N_("Unit %(code)s does not exist."), row=number, column="unit_code", params={"code": code}))
    elif allowed is not None and code not in allowed:
        issues.append(Issue(N_("Unit %(code)s is outside the units you manage."), row=number, column="unit_code",
                            params={"code": code}))


def _check_role(number, role, roles, allowed, issues):
    if role not in roles:
        issues.append(Issue(N_("Unknown role %(role)s (use learner, trainer, admin or board)."), row=number,
                            column="role", params={"role": role}))
    elif role not in allowed:
        issues.append(Issue(N_("You may not give the role %(role)s."), row=number, column="role",
                            params={"role": role}))


def _check_date(number, text, issues):
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        issues.append(Issue(N_("%(value)s is not a valid date (use dd/mm/yyyy)."), row=number,
                            column="designated_on", params={"value": text}))
        return None
