"""``flask users create`` and ``flask users import``."""

import secrets

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _

from training.accounts import services
from training.core.cli_helpers import fail, run_import_command
from training.core.errors import DomainError
from training.core.messages import N_
from training.core.roles import ROLE_VALUES
from training.core.time import utcnow
from training.extensions import db
from training.orgunits.services import get_unit_by_code

users_cli = AppGroup("users", help="Manage people.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True, help="Full name, e.g. 'Nguyễn Văn A'.")
@click.option("--role", required=True, type=click.Choice(ROLE_VALUES))
@click.option("--unit", "unit_code", help="Unit code, e.g. PVHTT.")
@click.option("--password", help="Initial password; a random one is printed when omitted.")
def create(email, name, role, unit_code, password):
    """Create one account (the first administrator of a new installation, for example)."""
    unit = None
    if unit_code:
        unit = get_unit_by_code(unit_code)
        if unit is None:
            fail(_("Unit %(code)s does not exist.", code=unit_code))
    generated = password is None
    password = password or secrets.token_urlsafe(12)
    try:
        user = services.create_user(None, {"email": email, "full_name": name, "role": role,
                                           "unit_id": unit.id if unit else None}, utcnow(), password=password)
    except DomainError as error:
        db.session.rollback()
        fail(_(error.message, **error.params))
    user.must_change_password = generated
    db.session.commit()
    click.echo(_("Created %(email)s (%(role)s).", email=user.email, role=role))
    if generated:
        click.echo(_("Temporary password (to be changed at first login): %(password)s", password=password))


@users_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file and report; change nothing.")
@click.option("--valid-only", is_flag=True, help="Import the valid rows even if some rows fail.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def import_users(file, dry_run, valid_only, as_json):
    """Create or update people from a CSV/XLSX roster, idempotently by e-mail."""
    run_import_command(
        file, "users", lambda table: services.check_roster_import(None, table),
        lambda check, now: services.apply_roster_import(None, check, now),
        current_app.config["IMPORT_MAX_ROWS"], dry_run, valid_only, as_json,
        N_("People: %(created)s created, %(updated)s updated, %(unchanged)s unchanged."),
    )
