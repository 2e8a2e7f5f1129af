"""``flask certificates issue | pdf | revoke``: the register from the command line.

Bad input gives a one-line message and exit status 1, and changes nothing.
"""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _
from sqlalchemy import select

from training.accounts.sessions import find_user_by_email
from training.certificates.models import Certificate
from training.certificates.serials import normalize_serial
from training.certificates.services import issuing, lifecycle
from training.certificates.services.printing import IntegrityProblem, pdf_for_download
from training.certificates.services.settings import IssueConfig
from training.core.cli_helpers import fail
from training.core.errors import DomainError
from training.core.text import normalize_email
from training.core.time import utcnow
from training.courses.models import Course
from training.extensions import db

certificates_cli = AppGroup("certificates", help="Issue, print and revoke certificates.")


def _message(error):
    return _(error.message, **error.params) if error.params else _(error.message)


def _certificate(serial):
    certificate = db.session.scalar(select(Certificate).where(Certificate.serial == normalize_serial(serial)))
    if certificate is None:
        fail(_("No certificate has the serial %(serial)s.", serial=normalize_serial(serial)))
    return certificate


@certificates_cli.command("issue")
@click.option("--user", "email", required=True, help="E-mail address of the person.")
@click.option("--course", "slug", required=True, help="Address (slug) of the course.")
def issue_command(email, slug):
    """Issue the course's certificate to someone who completed it; print the serial."""
    user = find_user_by_email(normalize_email(email))
    if user is None:
        fail(_("No one is registered with: %(emails)s", emails=email))
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    if course is None:
        fail(_("There is no course with the address %(slug)s.", slug=slug))
    try:
        certificate = issuing.issue_for_person(None, user, course, utcnow(), IssueConfig.from_config(current_app.config),
                                               source="cli")
    except DomainError as error:
        db.session.rollback()
        fail(_message(error))
    db.session.commit()
    click.echo(certificate.serial)


@certificates_cli.command("pdf")
@click.argument("serial")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The PDF file to write.")
def pdf_command(serial, output):
    """Write a certificate's PDF, checked against the sha256 recorded at issue."""
    certificate = _certificate(serial)
    target = Path(output)
    if not target.parent.is_dir():
        fail(_("The folder %(path)s does not exist.", path=str(target.parent)))
    try:
        pdf = pdf_for_download(certificate)
    except IntegrityProblem:
        fail(_("Certificate %(serial)s does not match its recorded fingerprint; it was not printed.",
               serial=certificate.serial))
    target.write_bytes(pdf)
    click.echo(_("%(serial)s written to %(path)s", serial=certificate.serial, path=str(target)))


@certificates_cli.command("revoke")
@click.argument("serial")
@click.option("--reason", required=True, help="Why (shown on the public verification page).")
def revoke_command(serial, reason):
    """Revoke a certificate with a reason."""
    certificate = _certificate(serial)
    try:
        lifecycle.revoke(None, certificate, reason, utcnow())
    except DomainError as error:
        db.session.rollback()
        fail(_message(error))
    db.session.commit()
    click.echo(_("Certificate %(serial)s was revoked.", serial=certificate.serial))
