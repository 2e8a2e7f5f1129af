"""``flask quizzes import | export | close-overdue``: the question bank and the exam clock from a shell.

Bad input gives line-precise messages and exit status 1, and imports nothing.
"""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _
from sqlalchemy import select

from training.core.cli_helpers import fail, print_json
from training.core.errors import DomainError
from training.core.time import utcnow
from training.courses.models import Course
from training.extensions import db
from training.quizzes.services import attempts, bank
from training.quizzes.services.interchange import FORMATS, export_course, issue_dicts, parse_file

quizzes_cli = AppGroup("quizzes", help="Import and export questions; close overdue attempts.")


def _course(slug, as_json=False):
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    if course is None:
        fail(_("No course has the address %(slug)s.", slug=slug), as_json)
    return course


@quizzes_cli.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--format", "file_format", type=click.Choice(FORMATS), required=True)
@click.option("--course", "slug", required=True, help="Address (slug) of the course whose bank receives them.")
@click.option("--category", default=None, help="Category to import into (nested with '/').")
@click.option("--dry-run", is_flag=True, help="Check the file and report, without importing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def import_command(path, file_format, slug, category, dry_run, as_json):
    """Import a GIFT or Moodle XML file into a course's question bank (all or nothing)."""
    course = _course(slug, as_json)
    file = Path(path)
    if not file.is_file():
        fail(_("The file %(path)s does not exist.", path=path), as_json)
    result = parse_file(file_format, file.read_bytes())
    payload = {"file": str(file), "format": file_format, "course": course.slug, "dry_run": dry_run,
               "questions": len(result.questions), "by_type": result.by_type(),
               "errors": issue_dicts(result.issues, _), "notices": issue_dicts(result.notices, _)}
    if not result.ok:
        db.session.rollback()
        payload["questions"] = 0
        if as_json:
            print_json(payload)
            raise SystemExit(1)
        for error in payload["errors"]:
            click.echo(_("line %(line)s: %(message)s", line=error["line"] or "?", message=error["message"]), err=True)
        fail(_("Nothing was imported: the file has %(count)s error(s).", count=len(payload["errors"])))
    if not dry_run:
        try:
            bank.import_questions(None, course.id, result, utcnow(), category)
        except DomainError as error:
            db.session.rollback()
            fail(_(error.message, **error.params), as_json)
        db.session.commit()
    if as_json:
        print_json(payload)
        return
    for notice in payload["notices"]:
        click.echo(_("line %(line)s: %(message)s", line=notice["line"] or "?", message=notice["message"]))
    message = _("%(count)s question(s) would be imported.", count=payload["questions"]) if dry_run else \
        _("%(count)s question(s) imported.", count=payload["questions"])
    click.echo(message)


@quizzes_cli.command("export")
@click.option("--course", "slug", required=True)
@click.option("--format", "file_format", type=click.Choice(FORMATS), required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
def export_command(slug, file_format, output):
    """Write a course's question bank as GIFT or Moodle XML."""
    course = _course(slug)
    data, count = export_course(course.id, file_format)
    Path(output).write_bytes(data)
    click.echo(_("%(count)s question(s) written to %(path)s.", count=count, path=output))


@quizzes_cli.command("close-overdue")
def close_overdue_command():
    """Submit every attempt past its deadline and grace period with its saved answers (for cron)."""
    closed = attempts.close_overdue(utcnow(), current_app.config["QUIZ_GRACE_SECONDS"])
    db.session.commit()
    click.echo(_("%(count)s overdue attempt(s) submitted.", count=closed))
