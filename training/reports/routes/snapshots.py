"""Frozen reports: list and freeze form, detail, stored file download, integrity check."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from training.core.errors import DomainError, abort_with
from training.core.security import REPORT_READERS, allow
from training.core.time import utcnow
from training.extensions import db
from training.reports.forms import FreezeForm
from training.reports.loaders import load_snapshot_for, reader_scope_path
from training.reports.routes.dashboard import (
    MIMETYPES,
    error_text,
    export_name,
    settings,
    unit_code_choices_for_reader,
)
from training.reports.services import snapshots
from training.reports.services.requests import period_choices, resolve_request

bp = Blueprint("report_snapshots", __name__, url_prefix="/reports/snapshots", template_folder="../templates")


def _form(now, config):
    form = FreezeForm()
    form.period.choices = period_choices(now, config.timezone)
    city = reader_scope_path(current_user) is None
    form.unit.choices = ([("", _("Whole city"))] if city else []) + unit_code_choices_for_reader()
    return form


@bp.get("/")
@allow(REPORT_READERS)
def index():
    now, config = utcnow(), settings()
    form = _form(now, config)
    # Opened from the dashboard's "freeze this report": the form starts on that period and unit.
    form.period.data = request.args.get("period") or form.period.choices[0][0]
    form.unit.data = request.args.get("unit", "")
    return _render(form)


def _render(form, status=200):
    rows = snapshots.visible_snapshots(reader_scope_path(current_user))
    return render_template("reports/snapshots.html", snapshots=rows, form=form), status


@bp.post("/")
@allow(REPORT_READERS)
def freeze():
    now, config = utcnow(), settings()
    form = _form(now, config)
    if not form.validate_on_submit():
        return _render(form, 400)
    try:
        req = resolve_request({"period": form.period.data, "unit": form.unit.data},
                              reader_scope_path(current_user), now, config.timezone)
        snapshot = snapshots.freeze(current_user, req, now, config, form.note.data)
    except DomainError as error:
        db.session.rollback()
        if error.status in (403, 404):
            abort_with(error.status, error_text(error))
        form.form_errors.append(error_text(error))
        return _render(form, 400)
    db.session.commit()
    flash(_("The report was frozen. Its files will download identically from now on."), "success")
    return redirect(url_for("report_snapshots.detail", snapshot_id=snapshot.id))


@bp.get("/<id32:snapshot_id>")
@allow(REPORT_READERS)
def detail(snapshot_id):
    snapshot = load_snapshot_for(current_user, snapshot_id)
    report = snapshots.stored_report(snapshot)
    return render_template("reports/snapshot.html", snapshot=snapshot, report=report)


@bp.get("/<id32:snapshot_id>/report.<any(pdf, xlsx, json):fmt>")
@allow(REPORT_READERS)
def download(snapshot_id, fmt):
    snapshot = load_snapshot_for(current_user, snapshot_id)
    if fmt == "json":
        data = snapshot.data.encode("utf-8")
    else:
        stored = snapshots.snapshot_file(snapshot, fmt)
        if stored is None:
            abort_with(404)
        data = stored.content
    report_name = export_name(snapshots.stored_report(snapshot), fmt).replace("bao-cao", f"bao-cao-chot-{snapshot.id}")
    return Response(data, mimetype=MIMETYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="{report_name}"', "X-Content-SHA256": snapshots.sha256_hex(data)})


@bp.get("/<id32:snapshot_id>/integrity")
@allow(REPORT_READERS)
def integrity(snapshot_id):
    snapshot = load_snapshot_for(current_user, snapshot_id)
    return render_template("reports/integrity.html", snapshot=snapshot, result=snapshots.check_integrity(snapshot))
