"""Validate rows of a unit import (pure): codes, names, kinds and a parent tree without cycles."""

import re
from dataclasses import dataclass

from training.core.messages import N_, Issue

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,31}$")
REQUIRED_COLUMNS = ("code", "name")


@dataclass(frozen=True)
class UnitRow:
    """One valid unit row, parent given by code (empty for a root)."""

    row: int
    code: str
    name: str
    kind: str
    parent_code: str


@dataclass(frozen=True)
class UnitRowsCheck:
    """Valid rows in an order where parents come before children, and every issue found."""

    rows: tuple
    issues: tuple

    @property
    def ok(self):
        return not self.issues

    def rows_with_issues(self):
        """Return the set of row numbers that have at least one issue."""
        return {issue.row for issue in self.issues}


def check_unit_rows(header, table_rows, kinds, existing_parents):
    """Validate unit rows.

    :param header: the column names found in the file.
    :param table_rows: ``(row number, {column: text})`` pairs.
    :param kinds: the allowed ``kind`` values.
    :param existing_parents: ``{code: parent code or ""}`` for units already in the database.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        issue = Issue(N_("Missing column(s): %(columns)s."), row=1, column=None,
                      params={"columns": ", ".join(missing)})
        return UnitRowsCheck(rows=(), issues=(issue,))
    issues, candidates, seen = [], {}, {}
    for number, values in table_rows:
        row_issues = _check_one(number, values, kinds, seen)
        code = values.get("code", "").upper()
        if not row_issues:
            candidates[code] = UnitRow(number, code, values["name"], values.get("kind") or "other",
                                       values.get("parent_code", "").upper())
        seen.setdefault(code, number)
        issues.extend(row_issues)
    parents = dict(existing_parents)
    parents.update({code: row.parent_code for code, row in candidates.items()})
    for code, row in list(candidates.items()):
        if row.parent_code and row.parent_code not in parents:
            issues.append(Issue(N_("Parent unit %(code)s does not exist in the file or the system."),
                                row=row.row, column="parent_code", params={"code": row.parent_code}))
            del candidates[code]
        elif _has_cycle(code, parents):
            issues.append(Issue(N_("Unit %(code)s would become its own ancestor."),
                                row=row.row, column="parent_code", params={"code": code}))
            del candidates[code]
    ordered = sorted(candidates.values(), key=lambda r: (_depth(r.code, parents), r.row))
    return UnitRowsCheck(rows=tuple(ordered), issues=tuple(sorted(issues, key=lambda i: (i.row or 0))))


def _check_one(number, values, kinds, seen):
    issues = []
    code = values.get("code", "").upper()
    if not code:
        issues.append(Issue(N_("The unit code is empty."), row=number, column="code"))
    elif not CODE_PATTERN.match(code):
        issues.append(Issue(N_("Unit code %(code)s may only contain letters A-Z, digits, '-', '_' and '.' (at most 32)."),
                            row=number, column="code", params={"code": code}))
    elif code in seen:
        issues.append(Issue(N_("Unit code %(code)s already appears in row %(first)s."),
                            row=number, column="code", params={"code": code, "first": seen[code]}))
    name = values.get("name", "")
    if not name:
        issues.append(Issue(N_("The unit name is empty."), row=number, column="name"))
    elif len(name) > 255:
        issues.append(Issue(N_("The unit name is longer than 255 characters."), row=number, column="name"))
    kind = values.get("kind", "")
    if kind and kind not in kinds:
        issues.append(Issue(N_("Unknown unit kind %(kind)s."), row=number, column="kind", params={"kind": kind}))
    return issues


def _has_cycle(code, parents):
    seen = set()
    current = code
    while current:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current, "")
    return False


def _depth(code, parents):
    depth, current = 0, parents.get(code, "")
    while current and depth < 1000:
        depth += 1
        current = parents.get(current, "")
    return depth
