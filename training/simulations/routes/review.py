"""Trainer review: the queue of finished runs and the review page (rubric, red flags, comments, decision)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from training.core.errors import DomainError, abort_with
from training.core.roles import is_path_within
from training.core.security import STAFF, admin_scope_path, allow
from training.core.time import utcnow
from training.courses.models import TrainingClass
from training.extensions import db
from training.orgunits.models import Unit
from training.orgunits.services import unit_tree
from training.simulations import views
from training.simulations.loaders import load_run_for_reviewer
from training.simulations.models import RunState, ScenarioRecord
from training.simulations.services import reviews

bp = Blueprint("sim_review", __name__, url_prefix="/manage/simulations", template_folder="../templates")


@bp.get("/reviews")
@allow(STAFF)
def queue():
    scope = current_user.scope_unit
    unit = db.session.get(Unit, request.args.get("unit_id", type=int) or 0)
    if unit is not None and scope is not None and not is_path_within(unit.path, scope.path):
        unit = None  # an admin filters within the units they manage, never outside
    filters = {"class_id": request.args.get("class_id", type=int),
               "scenario_id": request.args.get("scenario_id", type=int), "unit_id": unit.id if unit else None,
               "unit_path": unit.path if unit else admin_scope_path(current_user)}
    rows = reviews.queue(filters)
    scenarios = db.session.scalars(select(ScenarioRecord).order_by(ScenarioRecord.title)).all()
    classes = db.session.scalars(select(TrainingClass).where(TrainingClass.is_archived.is_(False))
                                 .order_by(TrainingClass.name)).all()
    return render_template("simulations/manage/queue.html", rows=rows, scenarios=scenarios, classes=classes,
                           units=unit_tree(scope, include_inactive=False),
                           filters=filters, now=utcnow(), claim_minutes=reviews.CLAIM_MINUTES)


@bp.get("/runs/<int:run_id>/review")
@allow(STAFF)
def review(run_id):
    run = load_run_for_reviewer(current_user, run_id)
    if run.state == RunState.IN_PROGRESS.value:
        abort_with(404)
    if run.state == RunState.REVIEWED.value:
        return redirect(url_for("simulations.debrief", run_id=run.id))
    held = not reviews.claim(current_user, run, utcnow())
    db.session.commit()
    return _render(run, held=held)


@bp.post("/runs/<int:run_id>/review")
@allow(STAFF)
def save(run_id):
    run = load_run_for_reviewer(current_user, run_id)
    scenario = views.runs.scenario_of(run)
    data = {"criteria": {c.id: request.form.get(f"criterion-{c.id}", type=int) for c in scenario.rubric.criteria},
            "red_flags": request.form.getlist("red_flag"),
            "comments": {row.id: request.form.get(f"comment-{row.id}", "")
                         for row in views.runs.shown_prompts(run)},
            "comment": request.form.get("comment", ""),
            "passed": {"pass": True, "fail": False}.get(request.form.get("decision"))}
    try:
        reviews.save_review(current_user, run, data, utcnow())
    except DomainError as error:
        db.session.rollback()
        params = {key: _(value) if key == "label" else value for key, value in error.params.items()}
        flash(_(error.message, **params), "danger")
        return _render(run, held=False), error.status
    db.session.commit()
    flash(_("The review was saved; the learner sees it in the debrief."), "success")
    return redirect(url_for("sim_review.queue"))


def _render(run, held):
    context = views.debrief(run, None)
    suggested_flags = {h.id for h in context["score"].red_flags}
    return render_template("simulations/manage/review.html", held=held, suggested_flags=suggested_flags,
                           form=request.form if request.method == "POST" else None, **context)
