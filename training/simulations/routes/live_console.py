"""The trainer's live console: start a session for a class, push prompts, watch answers arrive, close.

The answers panel polls ``answers`` with a ``since`` cursor (the session's change number):
each poll is the session lookup and one indexed query, and returns at once (short polling,
so a gunicorn sync worker is never held by a waiting browser).
"""

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from training.core.errors import DomainError, apply_domain_error
from training.core.forms import as_choices
from training.core.roles import is_path_within
from training.core.security import STAFF, admin_scope_path, allow
from training.core.time import utcnow
from training.courses.loaders import load_class_for
from training.courses.models import TrainingClass
from training.extensions import db
from training.simulations import live_views
from training.simulations.live_forms import LiveQuestionForm, LiveStartForm
from training.simulations.live_loaders import load_live_for_staff
from training.simulations.models import ScenarioRecord
from training.simulations.services import live
from training.simulations.views import TONES

bp = Blueprint("sim_live", __name__, url_prefix="/manage/simulations/live", template_folder="../templates")


def _classes():
    """The open classes the user may run a session for (an admin: within their units)."""
    classes = db.session.scalars(select(TrainingClass).options(joinedload(TrainingClass.unit))
                                 .where(TrainingClass.is_archived.is_(False)).order_by(TrainingClass.name)).all()
    scope = admin_scope_path(current_user)
    return [c for c in classes if scope is None or is_path_within(c.unit.path, scope)]


@bp.get("/")
@allow(STAFF)
def index():
    scoped = admin_scope_path(current_user) is not None
    sessions = live.sessions_for([c.id for c in _classes()] if scoped else None)
    return render_template("simulations/live/index.html", sessions=sessions)


@bp.route("/new", methods=["GET", "POST"])
@allow(STAFF)
def new():
    form = LiveStartForm()
    form.class_id.choices = as_choices((c.id, c.name) for c in _classes())
    records = db.session.scalars(select(ScenarioRecord).order_by(ScenarioRecord.title)).all()
    form.scenario_id.choices = as_choices((r.id, r.title) for r in records)
    if request.method == "GET":
        form.class_id.data = request.args.get("class", type=int)
        form.scenario_id.data = request.args.get("scenario", type=int)
    if form.validate_on_submit():
        training_class = load_class_for(current_user, form.class_id.data)
        record = db.session.get(ScenarioRecord, form.scenario_id.data)
        try:
            session, created = live.start_session(current_user, training_class, record, utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("simulations/live/new.html", form=form), 400
        db.session.commit()
        if not created:
            flash(_("This class already has a live session running; here it is."), "info")
        return redirect(url_for("sim_live.console", session_id=session.id))
    return render_template("simulations/live/new.html", form=form), 400 if form.is_submitted() else 200


@bp.get("/<int:session_id>")
@allow(STAFF)
def console(session_id):
    return _console_page(load_live_for_staff(current_user, session_id))


def _question_form():
    form = LiveQuestionForm()
    form.tone.choices = as_choices((key, label) for key, label in TONES.items())
    return form


def _console_page(session, form=None, status=200):
    pushed = live.prompts_of(session)
    tz = current_app.config["TIMEZONE"]
    answers = [live_views.answer_data(a, name, tz) for a, name in live.answers_since(session, 0)]
    return render_template("simulations/live/console.html", session=session, scenario=live.scenario_of(session),
                           pushed=pushed, asked={row.prompt_id for row in pushed}, form=form or _question_form(),
                           next_prompt=live.next_scripted_prompt(session, pushed), roster=live.roster(session),
                           answers=answers, cursor=max((a["seq"] for a in answers), default=0), tones=TONES), status


@bp.post("/<int:session_id>/push")
@allow(STAFF)
def push(session_id):
    session = load_live_for_staff(current_user, session_id)
    try:
        live.push_scenario_prompt(current_user, session, request.form.get("prompt_id", ""), utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(_(error.message, **error.params), "warning")
        return _console_page(session, status=error.status)
    db.session.commit()
    return redirect(url_for("sim_live.console", session_id=session.id))


@bp.post("/<int:session_id>/improvise")
@allow(STAFF)
def improvise(session_id):
    session = load_live_for_staff(current_user, session_id)
    form = _question_form()
    if not form.validate_on_submit():
        return _console_page(session, form, 400)
    try:
        live.push_improvised(current_user, session, form.data, utcnow())
    except DomainError as error:
        db.session.rollback()
        apply_domain_error(form, error)
        return _console_page(session, form, error.status)
    db.session.commit()
    return redirect(url_for("sim_live.console", session_id=session.id))


@bp.post("/<int:session_id>/close")
@allow(STAFF)
def close(session_id):
    session = load_live_for_staff(current_user, session_id)
    if live.close_session(current_user, session, utcnow()):
        db.session.commit()
        flash(_("The live session is closed. Learners' answers are kept."), "success")
    return redirect(url_for("sim_live.console", session_id=session.id))


@bp.get("/<int:session_id>/answers")
@allow(STAFF)
def answers(session_id):
    """Answers written after the ``since`` cursor (JSON), and whether the session is still open."""
    session = load_live_for_staff(current_user, session_id)
    since = max(0, request.args.get("since", 0, type=int))
    tz = current_app.config["TIMEZONE"]
    rows = [live_views.answer_data(a, name, tz) for a, name in live.answers_since(session, since)]
    for row in rows:  # the console inserts the same markup the page was rendered with
        row["fragment"] = render_template("simulations/live/_answer.html", a=row)
        row["html"] = str(row["html"])
    return jsonify({"cursor": max((r["seq"] for r in rows), default=since), "open": session.is_open,
                    "answers": rows})
