"""Authoring (trainers): scenarios as versioned JSON (import, edit, export), answer check preview, items."""

import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from training.core.errors import DomainError, apply_domain_error
from training.core.security import AUTHORS, allow
from training.core.time import utcnow
from training.courses.loaders import load_module_for_author
from training.extensions import db
from training.simulations import views
from training.simulations.analysis import analyse_answer
from training.simulations.findings import Answer
from training.simulations.forms import CheckForm, ScenarioJsonForm, SimulationItemForm
from training.simulations.loaders import load_scenario_for_author, load_simulation_for_author
from training.simulations.models import ScenarioRecord, ScenarioVersion
from training.simulations.scoring import score_run
from training.simulations.services import items, scenarios
from training.simulations.skeleton import SKELETON

bp = Blueprint("sim_author", __name__, url_prefix="/manage/scenarios", template_folder="../templates")
MAX_JSON_BYTES = 2 * 1024 * 1024


@bp.get("/")
@allow(AUTHORS)
def index():
    records = db.session.scalars(select(ScenarioRecord).order_by(ScenarioRecord.title)).all()
    return render_template("simulations/manage/scenarios.html", records=records)


@bp.route("/import", methods=["GET", "POST"])
@allow(AUTHORS)
def import_scenario():
    return _json_page(None)


@bp.route("/<int:scenario_id>", methods=["GET", "POST"])
@allow(AUTHORS)
def edit(scenario_id):
    return _json_page(load_scenario_for_author(current_user, scenario_id))


def _json_page(record):
    """Validate pasted or uploaded JSON; save a new version or show every problem with its JSON path."""
    form = ScenarioJsonForm()
    version = scenarios.current_version(record) if record else None
    issues, status = [], 200
    if form.validate_on_submit():
        data, issues = _decode(form)
        if not issues:
            try:
                record, _version, created = scenarios.save_scenario(current_user, data, utcnow(), form.note.data or "")
            except scenarios.ScenarioInvalid as error:
                db.session.rollback()
                issues = [issue.text(_) for issue in error.issues] or [_("The scenario needs a slug.")]
            else:
                db.session.commit()
                flash(_("The scenario was saved as version %(n)s.", n=record.current_version) if created
                      else _("Nothing changed: the scenario is the same as its current version."), "success")
                return redirect(url_for("sim_author.edit", scenario_id=record.id))
        status = 422
    elif form.is_submitted():
        status = 400
    elif version is not None:
        form.text.data = json.dumps(version.data, ensure_ascii=False, indent=2)
    elif request.args.get("skeleton"):
        form.text.data = json.dumps(SKELETON, ensure_ascii=False, indent=2)
    history = db.session.scalars(select(ScenarioVersion).where(ScenarioVersion.scenario_id == record.id)
                                 .order_by(ScenarioVersion.number.desc())).all() if record else []
    return render_template("simulations/manage/scenario.html", form=form, record=record, issues=issues,
                           history=history), status


def _decode(form):
    raw = form.file.data.read(MAX_JSON_BYTES + 1) if form.file.data else (form.text.data or "").encode("utf-8")
    if not raw.strip():
        return None, [_("Choose a JSON file or paste the scenario.")]
    if len(raw) > MAX_JSON_BYTES:
        return None, [_("The file is too large (at most 2 MB).")]
    try:
        return json.loads(raw.decode("utf-8-sig")), []
    except UnicodeDecodeError:
        return None, [_("The file is not UTF-8 text.")]
    except json.JSONDecodeError as error:
        return None, [_("Not valid JSON: %(error)s (line %(line)s, column %(column)s).", error=error.msg,
                        line=error.lineno, column=error.colno)]


@bp.get("/<int:scenario_id>/export")
@allow(AUTHORS)
def export(scenario_id):
    record = load_scenario_for_author(current_user, scenario_id)
    number = request.args.get("version", type=int) or record.current_version
    version = db.session.scalar(select(ScenarioVersion).where(ScenarioVersion.scenario_id == record.id,
                                                              ScenarioVersion.number == number))
    if version is None:
        return redirect(url_for("sim_author.edit", scenario_id=record.id))
    body = json.dumps(scenarios.export_data(version), ensure_ascii=False, indent=2) + "\n"
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f"attachment; filename={record.slug}-v{version.number}.json"})


@bp.route("/<int:scenario_id>/check", methods=["GET", "POST"])
@allow(AUTHORS)
def check(scenario_id):
    """Try an answer against one prompt and see the findings, highlighted (nothing is stored)."""
    record = load_scenario_for_author(current_user, scenario_id)
    scenario = scenarios.pure_scenario(scenarios.current_version(record))
    form = CheckForm()
    prompts = list(scenario.prompts) + [rule.prompt for rule in scenario.follow_ups]
    form.prompt.choices = [(p.id, f"{p.id}: {p.text[:80]}") for p in prompts]
    result = None
    if form.validate_on_submit():
        answer = Answer(form.prompt.data, form.text.data, form.seconds.data)
        findings = analyse_answer(scenario, answer)
        score = score_run(scenario, [answer], findings)
        result = {"html": views.highlight(answer.text, findings), "score": score,
                  "findings": [{"finding": f, "text": f.text(_), "css": views.LEVELS[f.level][0],
                                "level": views.LEVELS[f.level][1]} for f in findings]}
    return render_template("simulations/manage/check.html", form=form, record=record, result=result), \
        400 if form.is_submitted() and result is None else 200


def _scenario_choices():
    return [(r.id, r.title) for r in db.session.scalars(select(ScenarioRecord).order_by(ScenarioRecord.title))]


@bp.route("/modules/<int:module_id>/new", methods=["GET", "POST"])
@allow(AUTHORS)
def new_item(module_id):
    module = load_module_for_author(current_user, module_id)
    form = SimulationItemForm(title=request.args.get("title", ""))
    form.scenario_id.choices = _scenario_choices()
    if form.validate_on_submit():
        try:
            simulation = items.create_simulation(
                current_user, module, db.session.get(ScenarioRecord, form.scenario_id.data), form.title.data,
                utcnow(), requires_review=form.requires_review.data, prep_minutes=form.prep_minutes.data,
                is_required=form.is_required.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The simulation was added to the course."), "success")
            return redirect(url_for("course_structure.structure", course_id=simulation.item.course_id))
    return render_template("simulations/manage/item.html", form=form, module=module, item=None), \
        400 if form.is_submitted() else 200


@bp.route("/items/<int:item_id>", methods=["GET", "POST"])
@allow(AUTHORS)
def edit_item(item_id):
    item, simulation = load_simulation_for_author(current_user, item_id)
    form = SimulationItemForm(obj=simulation, title=item.title, is_required=item.is_required)
    form.scenario_id.choices = _scenario_choices()
    if form.validate_on_submit():
        items.update_simulation(current_user, simulation, db.session.get(ScenarioRecord, form.scenario_id.data),
                                form.requires_review.data, form.prep_minutes.data, utcnow())
        item.title = form.title.data
        db.session.commit()
        flash(_("The simulation was saved."), "success")
        return redirect(url_for("course_structure.structure", course_id=item.course_id))
    return render_template("simulations/manage/item.html", form=form, module=item.module, item=item), \
        400 if form.is_submitted() else 200
