"""Helpers for command-line commands: one-line errors, JSON output, translated issues."""

import json
import sys

import click
from flask_babel import gettext as _


def fail(message, as_json=False, **extra):
    """Print a one-line error (or a JSON object) and exit with status 1; nothing was changed."""
    if as_json:
        click.echo(json.dumps({"error": message, **extra}, ensure_ascii=False))
        sys.exit(1)
    raise click.ClickException(message)


def print_json(payload):
    """Print exactly one JSON object on stdout."""
    click.echo(json.dumps(payload, ensure_ascii=False, default=str))


def issue_lines(issues):
    """Return human-readable lines for import issues: "row 3, email: ..."."""
    lines = []
    for issue in issues:
        where = _("row %(row)s", row=issue.row) if issue.row else ""
        if issue.column:
            where = f"{where}, {issue.column}" if where else issue.column
        lines.append(f"{where}: {issue.text(_)}" if where else issue.text(_))
    return lines


def run_import_command(path, kind, check, apply, max_rows, dry_run, valid_only, as_json, summary):
    """Run a spreadsheet import from the command line, all-or-nothing unless ``valid_only``.

    :param check: ``(table) -> check`` and ``apply``: ``(check, now) -> per-row results``.
    :param summary: a message id with ``%(created)s %(updated)s %(unchanged)s`` placeholders.
    """
    from pathlib import Path

    from training.core import audit
    from training.core.tabular import TableError, read_table
    from training.core.time import utcnow
    from training.extensions import db

    path = Path(path)
    if not path.is_file():
        fail(_("File not found: %(path)s", path=str(path)), as_json)
    try:
        table = read_table(path.name, path.read_bytes(), max_rows)
    except TableError as error:
        fail(_(error.message, **error.params), as_json)
    checked = check(table)
    issues = [i.as_dict(_) for i in checked.issues]
    if checked.issues and not valid_only:
        if as_json:
            fail(_("Nothing was imported."), True, imported=0, errors=issues)
        fail(_("Nothing was imported:") + " " + "; ".join(issue_lines(checked.issues)))
    now = utcnow()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in apply(checked, now):
        counts[row["status"]] += 1
    if dry_run:
        db.session.rollback()
    else:
        audit.record(None, f"import.{kind}", "file", None, {"file": path.name, "counts": counts}, now)
        db.session.commit()
    if as_json:
        print_json({"imported": counts["created"] + counts["updated"], "dry_run": dry_run, "counts": counts,
                    "errors": issues})
        return
    prefix = _("Dry run, nothing saved.") + " " if dry_run else ""
    click.echo(prefix + _(summary, **counts))
    for line in issue_lines(checked.issues):
        click.echo(_("Skipped") + f" {line}")
