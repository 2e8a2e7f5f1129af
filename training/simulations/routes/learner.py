"""The learner's press room: the brief, prompts one at a time with a countdown, autosave, debrief."""

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from training.core.errors import DomainError, abort_with
from training.core.filestore import read_bytes
from training.core.security import AUTHENTICATED, allow
from training.core.time import utcnow
from training.courses.models import Course
from training.extensions import db
from training.simulations import views
from training.simulations.loaders import load_own_run, load_run_for_viewer, load_simulation_for_learner
from training.simulations.models import RunPrompt
from training.simulations.services import live, runs
from training.simulations.services.reviews import review_of

bp = Blueprint("simulations", __name__, url_prefix="/simulations", template_folder="../templates")


@bp.get("/items/<int:item_id>")
@allow(AUTHENTICATED)
def item(item_id):
    item, enrollment, simulation = load_simulation_for_learner(current_user, item_id)
    course = db.session.get(Course, item.course_id)
    scenario = runs.pure_scenario(runs.current_version(simulation.scenario))
    live_session = live.open_session_of_class(enrollment.class_id) if enrollment and enrollment.class_id else None
    return render_template("simulations/item.html", item=item, course=course, simulation=simulation,
                           scenario=scenario, enrollment=enrollment, past=runs.runs_of(current_user, simulation),
                           live_session=live_session)


@bp.post("/items/<int:item_id>/start")
@allow(AUTHENTICATED)
def start(item_id):
    item, enrollment, simulation = load_simulation_for_learner(current_user, item_id)
    run = runs.start_run(current_user, simulation, enrollment, utcnow())
    db.session.commit()
    return redirect(url_for("simulations.run", run_id=run.id))


@bp.get("/runs/<int:run_id>")
@allow(AUTHENTICATED)
def run(run_id):
    run = load_own_run(current_user, run_id)
    if run.is_finished:
        return redirect(url_for("simulations.debrief", run_id=run.id))
    now = utcnow()
    scenario = runs.scenario_of(run)
    if not runs.close_preparation(run, now):
        remaining = max(0, int((run.prep_deadline - now).total_seconds())) if run.prep_deadline else None
        return render_template("simulations/brief.html", run=run, scenario=scenario, simulation=run.simulation,
                               remaining=remaining)
    row = runs.current_prompt(run, now)
    db.session.commit()
    if row is None:
        return redirect(url_for("simulations.debrief", run_id=run.id))
    return render_template("simulations/press_room.html", **views.press_room(run, scenario, row, now))


@bp.post("/runs/<int:run_id>/begin")
@allow(AUTHENTICATED)
def begin(run_id):
    run = load_own_run(current_user, run_id)
    if not run.is_finished:
        runs.begin(run, utcnow())
        db.session.commit()
    return redirect(url_for("simulations.run", run_id=run.id))


@bp.post("/runs/<int:run_id>/save")
@allow(AUTHENTICATED)
def save(run_id):
    """Autosave the answer being typed (JSON from the press room's script)."""
    run = load_own_run(current_user, run_id)
    payload = request.get_json(silent=True) or {}
    try:
        row = runs.save_draft(run, _int(payload.get("prompt")), payload.get("text"), utcnow())
    except DomainError as error:
        db.session.rollback()
        return jsonify({"error": _(error.message, **error.params)}), error.status
    db.session.commit()
    return jsonify({"saved_at": row.draft_saved_at.isoformat()})


@bp.post("/runs/<int:run_id>/audio")
@allow(AUTHENTICATED)
def audio(run_id):
    """Receive a spoken answer recorded in the browser (multipart: prompt, seconds, audio)."""
    run = load_own_run(current_user, run_id)
    upload = request.files.get("audio")
    limit = current_app.config["SIMULATIONS_AUDIO_MAX_BYTES"]
    data = upload.stream.read(limit + 1) if upload else b""
    try:
        row = runs.attach_audio(run, _int(request.form.get("prompt")), data, request.form.get("seconds", type=float),
                                utcnow(), max_bytes=limit,
                                max_seconds=current_app.config["SIMULATIONS_AUDIO_MAX_SECONDS"])
    except DomainError as error:
        db.session.rollback()
        return jsonify({"error": _(error.message, **error.params)}), error.status
    db.session.commit()
    return jsonify({"url": url_for("simulations.recording", run_id=run.id, prompt_row_id=row.id),
                    "seconds": row.audio_seconds})


@bp.get("/runs/<int:run_id>/audio/<int:prompt_row_id>")
@allow(AUTHENTICATED)
def recording(run_id, prompt_row_id):
    """Play a recording: only to its learner and to staff who may review the run."""
    run = load_run_for_viewer(current_user, run_id)
    row = db.session.get(RunPrompt, prompt_row_id)
    if row is None or row.run_id != run.id or not row.audio_sha256:
        abort_with(404)
    data = read_bytes(row.audio_sha256)
    if data is None:
        abort_with(404)
    response = Response(data, mimetype=row.audio_type)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.post("/runs/<int:run_id>/answer")
@allow(AUTHENTICATED)
def answer(run_id):
    run = load_own_run(current_user, run_id)
    try:
        runs.submit_answer(run, _int(request.form.get("prompt")), request.form.get("text", ""), utcnow())
    except DomainError as error:
        db.session.rollback()
        abort_with(error.status, _(error.message, **error.params))
    db.session.commit()
    return redirect(url_for("simulations.run", run_id=run.id))


@bp.get("/runs/<int:run_id>/debrief")
@allow(AUTHENTICATED)
def debrief(run_id):
    run = load_run_for_viewer(current_user, run_id)
    if not run.is_finished:
        if run.user_id == current_user.id:
            return redirect(url_for("simulations.run", run_id=run.id))
        abort_with(404)
    context = views.debrief(run, review_of(run))
    return render_template("simulations/debrief.html", **context)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
