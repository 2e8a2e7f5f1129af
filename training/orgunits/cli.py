"""``flask units import FILE [--dry-run] [--valid-only] [--json]``."""

import click
from flask.cli import AppGroup

from training.core.cli_helpers import run_import_command
from training.core.messages import N_
from training.orgunits import services

units_cli = AppGroup("units", help="Manage organisational units.")


@units_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file and report; change nothing.")
@click.option("--valid-only", is_flag=True, help="Import the valid rows even if some rows fail.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def import_units(file, dry_run, valid_only, as_json):
    """Create or update units from a CSV/XLSX file (columns code,name,kind,parent_code)."""
    run_import_command(
        file, "units", services.check_unit_import,
        lambda check, now: services.apply_unit_import(None, check, now),
        5000, dry_run, valid_only, as_json,
        N_("Units: %(created)s created, %(updated)s updated, %(unchanged)s unchanged."),
    )
