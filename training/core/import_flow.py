"""The shared upload -> preview -> confirm flow of every spreadsheet import.

A feature supplies how to check a parsed table and how to apply a checked one; this module
does the rest the same way everywhere: nothing is written while any row fails unless the
admin explicitly chooses "import only the valid rows", and the whole import is one
transaction with one audit entry.
"""

from dataclasses import dataclass

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from training.core import audit, imports
from training.core.forms import ConfirmImportForm
from training.core.tabular import TableError, read_table
from training.core.time import utcnow
from training.extensions import db


@dataclass(frozen=True)
class SimpleCheck:
    """A checked table: the valid rows (whatever the kind needs) and the issues found."""

    rows: tuple
    issues: tuple


@dataclass(frozen=True)
class ImportKind:
    """How one kind of import is checked, applied and shown."""

    kind: str
    title: object
    check: object  # (table) -> check with .rows and .issues
    apply: object  # (check, now) -> list of per-row result dicts
    upload_endpoint: str
    preview_endpoint: str
    done_endpoint: str
    result_columns: tuple  # ((key, label), ...) shown in the result table
    expected_columns: tuple = ()  # ((column, required, description), ...) shown on the upload page
    url_values: tuple = ()  # extra ((name, value), ...) for the endpoints, e.g. the course's slug


def handle_upload(kind, form, user):
    """Store an uploaded file and redirect to its preview, or re-show the upload form."""
    if form.validate_on_submit():
        record = imports.store_upload(kind.kind, form.file.data.filename, form.file.data.read(), user, utcnow())
        db.session.commit()
        return redirect(url_for(kind.preview_endpoint, import_id=record.id, **dict(kind.url_values)))
    status = 400 if form.is_submitted() else 200
    return render_template("imports/upload.html", form=form, kind=kind), status


def handle_preview(kind, record, user):
    """Show the preview of ``record``, or apply or cancel it on POST."""
    if record.status != imports.PENDING:
        return render_template("imports/result.html", record=record, kind=kind)
    form = ConfirmImportForm()
    context = {"record": record, "form": form, "kind": kind, "table": None, "check": None, "file_error": None}
    try:
        context["table"] = read_table(record.filename, record.content, current_app.config["IMPORT_MAX_ROWS"])
        context["check"] = kind.check(context["table"])
    except TableError as error:
        context["file_error"] = _(error.message, **error.params) if error.params else _(error.message)
        return render_template("imports/preview.html", **context), 400
    if not form.validate_on_submit():
        return render_template("imports/preview.html", **context)
    now, action, check = utcnow(), request.form.get("action"), context["check"]
    if action == "cancel":
        imports.finish_import(record, imports.CANCELLED, None, None, now)
        db.session.commit()
        flash(_("The import was cancelled; nothing was changed."), "info")
        return redirect(url_for(kind.done_endpoint, **dict(kind.url_values)))
    if check.issues and action != "valid_only":
        flash(_("Nothing was imported: fix the rows listed below, or choose to import only the valid rows."), "danger")
        return render_template("imports/preview.html", **context), 400
    results = kind.apply(check, now)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": len({i.row for i in check.issues})}
    for row in results:
        counts[row["status"]] += 1
    result = {"rows": results, "counts": counts, "issues": [i.as_dict(_) for i in check.issues]}
    imports.finish_import(record, imports.APPLIED, result, {"valid_only": action == "valid_only"}, now)
    audit.record(user, f"import.{kind.kind}", "data_import", record.id, {"file": record.filename, "counts": counts}, now)
    db.session.commit()
    return redirect(url_for(kind.preview_endpoint, import_id=record.id, **dict(kind.url_values)))
