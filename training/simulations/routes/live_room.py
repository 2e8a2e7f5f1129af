"""The learner's side of a live session: the page, its state poll, and the answer box.

The page polls ``state`` about once a second; each poll is two single-row queries (the session
with the learner's enrolment, the current prompt with the learner's answer) and returns at
once. Without JavaScript the page is a form: send the answer, reload for the next question.
"""

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from training.core.errors import DomainError
from training.core.security import AUTHENTICATED, allow
from training.core.time import utcnow
from training.extensions import db
from training.simulations import live_views
from training.simulations.live_loaders import load_live_for_learner
from training.simulations.services import live

bp = Blueprint("live_room", __name__, url_prefix="/simulations/live", template_folder="../templates")


def _state(session, now):
    row, answer = live.learner_view(session.id, current_user.id)
    tz = current_app.config["TIMEZONE"]
    return {"open": session.is_open, "prompt": live_views.prompt_data(row, now),
            "answer": live_views.own_answer_data(answer, tz)}


@bp.get("/<int:session_id>")
@allow(AUTHENTICATED)
def room(session_id):
    return _page(load_live_for_learner(current_user, session_id))


def _page(session, typed=None):
    state = _state(session, utcnow())
    return render_template("simulations/live/room.html", session=session, state=state, typed=typed,
                           scenario=live.scenario_of(session))


@bp.get("/<int:session_id>/state")
@allow(AUTHENTICATED)
def state(session_id):
    """The current prompt, the seconds left and the learner's saved answer (JSON, answered at once)."""
    session = load_live_for_learner(current_user, session_id)
    return jsonify(_state(session, utcnow()))


@bp.post("/<int:session_id>/answer")
@allow(AUTHENTICATED)
def answer(session_id):
    """Save the answer (JSON from the page's script, or the plain form); a resend never duplicates."""
    session = load_live_for_learner(current_user, session_id)
    payload = request.get_json(silent=True) if request.is_json else request.form
    payload = payload or {}
    try:
        saved, changed = live.save_answer(current_user, session, _int(payload.get("prompt")), payload.get("text"),
                                          max(1, _int(payload.get("rev"))), utcnow())
    except DomainError as error:
        db.session.rollback()
        message = _(error.message, **error.params)
        if request.is_json:
            return jsonify({"error": message}), error.status
        flash(message, "warning")
        return _page(session, typed=payload.get("text") or ""), error.status
    db.session.commit()
    if request.is_json:
        return jsonify({**live_views.own_answer_data(saved, current_app.config["TIMEZONE"]), "changed": changed})
    flash(_("Your answer was sent."), "success")
    return redirect(url_for("live_room.room", session_id=session.id))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
