"""``flask reports coverage|freeze|snapshots``: reports from the command line (meant for cron)."""

import os

import click
from flask import current_app

from training.core.cli_helpers import fail
from training.core.errors import DomainError
from training.core.time import utcnow
from training.extensions import db
from training.reports.exports import CSV_TABLES, csv_report, json_report, xlsx_report
from training.reports.pdf_report import render_coverage_report
from training.reports.services import snapshots
from training.reports.services.coverage import ReportSettings, coverage_report, document_for
from training.reports.services.requests import resolve_request

FORMATS = ("pdf", "xlsx", "csv", "json")


@click.group("reports")
def reports_cli():
    """Coverage reports and frozen reports."""


def _request(period, unit, now, config):
    try:
        return resolve_request({"period": period or "", "unit": unit or ""}, None, now, config.timezone)
    except DomainError as error:
        fail(str(error))


@reports_cli.command("coverage")
@click.option("--period", help="2026-Q4, 2026-H2, 2026 or 2026-10-01:2026-12-31 (default: the current quarter).")
@click.option("--unit", help="Unit code: the unit and its sub-units (default: the whole city).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="pdf", show_default=True)
@click.option("--table", type=click.Choice(CSV_TABLES), default="units", show_default=True, help="Table written as CSV.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--snapshot", is_flag=True, help="Also freeze the report (chốt số liệu) and print its number.")
def coverage(period, unit, fmt, table, output, snapshot):
    """Write the coverage report of a period to a file."""
    now, config = utcnow(), ReportSettings.from_config(current_app.config)
    req = _request(period, unit, now, config)
    if snapshot:
        frozen = snapshots.freeze(None, req, now, config, "")
        db.session.commit()
        report = snapshots.stored_report(frozen)
        stored = {f.kind: f.content for f in frozen.files}
        data = stored.get(fmt) or _render(report, fmt, table, config, now)
        click.echo(f"Frozen report #{frozen.id} sha256 {frozen.sha256}")
    else:
        report = coverage_report(None, req.unit, req.period, now, config).report
        data = _render(report, fmt, table, config, now)
    directory = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(directory):
        fail(f"No such directory: {directory}")
    with open(output, "wb") as fh:
        fh.write(data)
    click.echo(f"{report.period.label} — {report.scope_name}: {output} ({len(data)} bytes)")


def _render(report, fmt, table, config, now):
    if fmt == "pdf":
        return render_coverage_report(report, document_for(config, now))
    if fmt == "xlsx":
        return xlsx_report(report)
    if fmt == "csv":
        return csv_report(report, table)
    return json_report(report)


@reports_cli.command("snapshots")
def list_snapshots():
    """List frozen reports, newest first."""
    rows = snapshots.visible_snapshots(None)
    if not rows:
        click.echo("No frozen report.")
    for s in rows:
        state = f"replaced by #{s.superseded_by_id}" if s.superseded_by_id else "current"
        click.echo(f"#{s.id}\t{s.period}\t{s.scope_code or '(city)'}\t{s.created_at:%Y-%m-%d %H:%M}Z\t{state}\t{s.sha256}")


@reports_cli.command("freeze")
@click.option("--period", required=True, help="Period to freeze (e.g. 2026-Q4).")
@click.option("--unit", help="Unit code (default: the whole city).")
@click.option("--note", default="", help="Why (e.g. a correction of an earlier freeze).")
def freeze(period, unit, note):
    """Freeze the report of a period (chốt số liệu)."""
    now, config = utcnow(), ReportSettings.from_config(current_app.config)
    req = _request(period, unit, now, config)
    try:
        frozen = snapshots.freeze(None, req, now, config, note)
    except DomainError as error:
        fail(str(error))
    db.session.commit()
    replaced = f" (replaces #{frozen.replaces_id})" if frozen.replaces_id else ""
    click.echo(f"Frozen report #{frozen.id}{replaced}: {frozen.period} {frozen.scope_name} sha256 {frozen.sha256}")


@click.command("seed-load")
@click.option("--people", "--users", "people", type=click.IntRange(10, 2_000_000), default=100_000, show_default=True,
              help="Number of people (about one unit per 333, at most 300 units).")
@click.option("--attempts", type=click.IntRange(0, 20_000_000), default=None,
              help="Ledger rows (quiz, simulation and lesson results); default ten per person.")
def seed_load(people, attempts):
    """Bulk-insert a synthetic city into an empty database, for benchmarks."""
    import time

    from training.reports.seed_load import LoadError, analyze
    from training.reports.seed_load import seed_load as load

    started = time.perf_counter()
    try:
        counts = load(people, attempts, utcnow(), current_app.config["TIMEZONE"], echo=click.echo)
    except LoadError as error:
        db.session.rollback()
        fail(str(error))
    db.session.commit()
    analyze()
    total = sum(counts.values())
    click.echo(f"Loaded {total:,} rows in {time.perf_counter() - started:.1f} s (statistics refreshed).")
