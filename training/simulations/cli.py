"""``flask simulations check | import | export``: tune and share scenarios from the command line.

Bad input gives a one-line message (or one JSON object with ``--json``) and exit status 1,
and changes nothing.
"""

import json
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from training.core.cli_helpers import fail, print_json
from training.core.time import utcnow
from training.extensions import db
from training.simulations.check import check_answers
from training.simulations.services import scenarios

simulations_cli = AppGroup("simulations", help="Check answers against a scenario; import and export scenarios.")


def _read_json(path, as_json=False):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as error:
        fail(_("Cannot read %(path)s: %(error)s", path=path, error=error.strerror or error), as_json)
    except UnicodeDecodeError:
        fail(_("The file is not UTF-8 text."), as_json)
    except json.JSONDecodeError as error:
        fail(_("Not valid JSON: %(error)s (line %(line)s, column %(column)s).", error=error.msg, line=error.lineno,
               column=error.colno), as_json)
    return None


def _scenario(slug, as_json=False):
    record = scenarios.db_scenario_by_slug(slug)
    if record is None:
        fail(_("No scenario has the address %(slug)s.", slug=slug), as_json)
    return record


@simulations_cli.command("check")
@click.argument("slug")
@click.argument("answers", type=click.Path(dir_okay=False))
@click.option("--detailed", is_flag=True, help="Add offsets, levels, criterion scores and follow-ups.")
def check_command(slug, answers, detailed):
    """Run the checks on a JSON file of answers; print findings and rubric scores as JSON."""
    record = _scenario(slug, True)
    scenario = scenarios.pure_scenario(scenarios.current_version(record))
    result, issues = check_answers(scenario, _read_json(answers, True), gettext=_, detailed=detailed)
    if result is None:
        fail(issues[0].text(_), True, errors=[issue.text(_) for issue in issues])
    print_json(result)


@simulations_cli.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--note", default="", help="What changed, for the version history.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def import_command(path, note, as_json):
    """Import a scenario JSON file (a new version if its slug exists and the content changed)."""
    data = _read_json(path, as_json)
    try:
        record, version, created = scenarios.save_scenario(None, data, utcnow(), note)
    except scenarios.ScenarioInvalid as error:
        db.session.rollback()
        messages = [issue.text(_) for issue in error.issues] or [_("The scenario needs a slug.")]
        fail(messages[0] if len(messages) == 1 else _("The scenario has %(n)s errors; nothing was imported: %(first)s",
                                                        n=len(messages), first=messages[0]), as_json, errors=messages)
    db.session.commit()
    if as_json:
        print_json({"slug": record.slug, "version": version.number, "created": created})
    else:
        click.echo(_("%(slug)s: version %(n)s", slug=record.slug, n=version.number) if created
                   else _("%(slug)s: unchanged (version %(n)s)", slug=record.slug, n=version.number))


@simulations_cli.command("export")
@click.argument("slug")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
def export_command(slug, output):
    """Export a scenario's current version as JSON (the versioned schema)."""
    record = _scenario(slug)
    text = json.dumps(scenarios.export_data(scenarios.current_version(record)), ensure_ascii=False, indent=2) + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
