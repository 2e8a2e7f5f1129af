"""The coverage dashboard, its exports (PDF, XLSX, CSV, JSON) and the drill-down to a unit's people."""

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from training.core.errors import DomainError, abort_with
from training.core.security import REPORT_READERS, allow
from training.core.time import utcnow
from training.orgunits.loaders import unit_code_choices
from training.reports import charts
from training.reports.exports import CSV_TABLES, csv_report, json_report, xlsx_report
from training.reports.loaders import load_unit_by_code, reader_scope_path
from training.reports.pdf_report import render_coverage_report
from training.reports.people_queries import unit_people
from training.reports.queries import Scope, Window
from training.reports.services.coverage import ReportSettings, coverage_report, document_for
from training.reports.services.requests import period_choices, resolve_period, resolve_request
from training.reports.services.snapshots import visible_snapshots

bp = Blueprint("reports", __name__, url_prefix="/reports", template_folder="../templates")
MIMETYPES = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "csv": "text/csv; charset=utf-8", "json": "application/json"}


def settings():
    """Return the deployment's report settings."""
    return ReportSettings.from_config(current_app.config)


def error_text(error):
    """Return a :class:`DomainError`'s message in the user's language."""
    return _(error.message, **error.params) if error.params else _(error.message)


def resolve_or_abort(args, now, tz):
    """Return the checked report request, or answer 4xx with the reason (nothing computed)."""
    try:
        return resolve_request(args, reader_scope_path(current_user), now, tz)
    except DomainError as error:
        abort_with(error.status, error_text(error))


def _courses():
    from sqlalchemy import select

    from training.courses.models import Course
    from training.extensions import db

    return db.session.execute(select(Course.slug, Course.title).order_by(Course.title)).all()


@bp.get("/")
@allow(REPORT_READERS)
def index():
    now, config = utcnow(), settings()
    context = {"periods": period_choices(now, config.timezone), "units": unit_code_choices_for_reader(),
               "courses": _courses(), "args": request.args}
    try:
        req = resolve_request(request.args, reader_scope_path(current_user), now, config.timezone)
    except DomainError as error:
        if error.status != 400:
            abort_with(error.status, error_text(error))
        return render_template("reports/dashboard.html", error=error_text(error), coverage=None, **context), 400
    coverage = coverage_report(current_user, req.unit, req.period, now, config, req.course)
    report = coverage.report
    # Top units and their children: a bar per ward office of a large city would fill pages.
    bar_svg = charts.coverage_bar_svg(charts.coverage_bars(report.units, max_depth=1)) if report.units else ""
    trend_svg = charts.trend_svg(charts.trend_points(report.trend)) if len(report.trend) > 1 else ""
    snapshots = visible_snapshots(reader_scope_path(current_user), limit=3, period=report.period.code,
                                  scope_code=req.unit.code if req.unit else "")
    return render_template("reports/dashboard.html", error=None, coverage=coverage, report=report, req=req,
                           bar_svg=bar_svg, trend_svg=trend_svg, snapshots=snapshots, csv_tables=CSV_TABLES,
                           **context)


def unit_code_choices_for_reader():
    """Return ``[(code, indented name)]`` of the units the reader may pick (the board: every unit)."""
    if reader_scope_path(current_user) is None:
        from training.orgunits.services import unit_tree

        return [(unit.code, "\u2003" * depth + unit.name) for unit, depth in unit_tree(None)]
    return unit_code_choices(current_user)


@bp.get("/export.<any(pdf, xlsx, csv, json):fmt>")
@allow(REPORT_READERS)
def export(fmt):
    now, config = utcnow(), settings()
    args = request.args
    table = args.get("table", "units")
    if fmt == "csv" and table not in CSV_TABLES:
        abort_with(400, _("Unknown table \"%(table)s\".", table=table[:40]))
    req = resolve_or_abort(args, now, config.timezone)
    report = coverage_report(current_user, req.unit, req.period, now, config, req.course).report
    if fmt == "pdf":
        data = render_coverage_report(report, document_for(config, now))
    elif fmt == "xlsx":
        data = xlsx_report(report)
    elif fmt == "csv":
        data = csv_report(report, table)
    else:
        data = json_report(report)
    name = export_name(report, fmt, table if fmt == "csv" else None)
    return Response(data, mimetype=MIMETYPES[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})


def export_name(report, fmt, table=None):
    """Return an ASCII file name: ``bao-cao-2026-Q4-P1.pdf``."""
    parts = ["bao-cao", report.period.code.replace(":", "_")]
    if report.scope_code:
        parts.append(report.scope_code)
    if table:
        parts.append(table)
    return "-".join(parts) + f".{fmt}"


@bp.get("/units/<code>")
@allow(REPORT_READERS)
def unit(code):
    now, config = utcnow(), settings()
    unit = load_unit_by_code(current_user, code)
    try:
        period = resolve_period(request.args, now, config.timezone)
    except DomainError as error:
        abort_with(error.status, error_text(error))
    window = Window.of(period, now, config.timezone)
    people, total = unit_people(unit, Scope(unit.path), window)
    return render_template("reports/unit.html", unit=unit, period=period, window=window, people=people,
                           total=total)
