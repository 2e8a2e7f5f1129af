"""Top-level commands (``flask seed-demo``) and registration of every feature's command group."""

import os
import secrets

import click
from flask import current_app
from flask_babel import gettext as _

from training.accounts.passwords import password_problem
from training.core.cli_helpers import fail
from training.core.seeding import seed_steps
from training.core.time import utcnow
from training.extensions import db

DEMO_LOGINS_FILE = "DEMO_LOGINS.txt"


def register(app):
    """Add every command group to ``app.cli``."""
    from training.accounts.cli import users_cli
    from training.orgunits.cli import units_cli

    app.cli.add_command(units_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(backup)
    app.cli.add_command(restore)


@click.command("seed-demo")
@click.option("--password", help="Password for every demo account (random when omitted).")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has data (used by make run).")
def seed_demo(password, if_empty):
    """Load demo units, accounts and content; safe to run again. Prints every login."""
    from training.demo import seed

    logins_path = os.path.join(current_app.instance_path, DEMO_LOGINS_FILE)
    if if_empty and not seed.database_is_empty():
        if os.path.exists(logins_path):
            click.echo(_("The database already has data; demo logins are in %(path)s", path=logins_path))
        else:
            click.echo(_("The database already has data; the demo was not loaded."))
        return
    if password is not None:
        problem = password_problem(password)
        if problem:
            fail(_(problem))
    password = password or secrets.token_urlsafe(9)
    now = utcnow()
    seed.seed_units(now)
    logins = seed.seed_accounts(password, now)
    for step in seed_steps():
        click.echo(_("Loading demo data: %(name)s", name=step.name))
        step.load(now)
        db.session.flush()
    db.session.commit()
    lines = [_("Demo accounts (password for all: %(password)s)", password=password)]
    for role, email, name, unit, scope in logins:
        label = f"{role}{' (' + scope + ')' if scope else ''}"
        lines.append(f"  {label:<14} {email:<28} {name} — {unit}")
    text = "\n".join(lines)
    click.echo(text)
    with open(logins_path, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    os.chmod(logins_path, 0o600)


@click.command("backup")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Backup file (.tar.gz).")
def backup(output):
    """Back up the SQLite database (consistent while the app runs) and the uploads."""
    from training.core.backup import BackupError, create_backup
    from training.core.filestore import upload_root

    try:
        manifest = create_backup(current_app.config["SQLALCHEMY_DATABASE_URI"], str(upload_root()), output, utcnow())
    except BackupError as error:
        fail(str(error))
    rows = sum(manifest["counts"].values())
    click.echo(_("Backup written to %(file)s: %(rows)s rows in %(tables)s tables, schema %(revision)s.",
                 file=output, rows=rows, tables=len(manifest["counts"]), revision=manifest.get("revision") or "—"))


@click.command("restore")
@click.argument("backup_file", type=click.Path(dir_okay=False, exists=True))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(backup_file, yes):
    """Replace the database and uploads with a backup made by ``flask backup``."""
    from training.core.backup import BackupError, read_manifest, restore_backup
    from training.core.filestore import upload_root

    try:
        manifest = read_manifest(backup_file)
    except BackupError as error:
        fail(str(error))
    if not yes:
        click.confirm(_("Replace ALL current data with the backup of %(when)s?", when=manifest["created_at"]),
                      abort=True)
    db.session.remove()
    db.engine.dispose()
    try:
        restore_backup(backup_file, current_app.config["SQLALCHEMY_DATABASE_URI"], str(upload_root()))
    except BackupError as error:
        fail(str(error))
    click.echo(_("Restored the backup of %(when)s (%(rows)s rows).", when=manifest["created_at"],
                 rows=sum(manifest["counts"].values())))
