"""Taking a quiz: the quiz page, start, the attempt pages, autosave, submit, review.

The attempt page is a plain form that works page by page without JavaScript; the script adds
autosave (``POST .../answer``, JSON), a copy in the browser's storage and a retry queue.
"""

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from training.core.errors import DomainError, abort_with
from training.core.messages import N_
from training.core.security import AUTHENTICATED, allow
from training.core.time import utcnow
from training.courses.models import Course
from training.extensions import db
from training.quizzes.form_fields import response_from_fields
from training.quizzes.loaders import load_attempt_for_learner, load_attempt_for_saving, load_quiz_for_learner
from training.quizzes.models import Quiz
from training.quizzes.responses import InvalidResponse, invalid
from training.quizzes.services import attempts as engine
from training.quizzes.view_models import question_view

bp = Blueprint("quizzes", __name__, url_prefix="/quizzes", template_folder="../templates")


def _grace():
    return current_app.config["QUIZ_GRACE_SECONDS"]


def _message(error):
    return _(error.message, **error.params) if error.params else _(error.message)


@bp.get("/<int:item_id>")
@allow(AUTHENTICATED)
def quiz_page(item_id):
    item, quiz, enrollment = load_quiz_for_learner(current_user, item_id)
    now = utcnow()
    attempts = engine.attempts_of(quiz.id, current_user.id)
    closed = False
    for attempt in attempts:
        closed = engine.close_if_overdue(attempt, now, _grace()) or closed
    if closed:
        db.session.commit()
    refusal = engine.start_refusal(quiz, current_user.id, attempts, now)
    percent, passed = engine.quiz_grade(quiz, current_user.id)
    return render_template("quizzes/quiz.html", item=item, quiz=quiz, enrollment=enrollment, attempts=attempts,
                           course=db.session.get(Course, item.course_id), rules=engine.rules_for(quiz, current_user.id),
                           refusal=_(refusal[0], **refusal[1]) if refusal else None, grade=percent, passed=passed,
                           in_progress=next((a for a in attempts if a.status == engine.IN_PROGRESS), None))


@bp.post("/<int:item_id>/start")
@allow(AUTHENTICATED)
def start(item_id):
    item, quiz, enrollment = load_quiz_for_learner(current_user, item_id)
    if enrollment is None:
        abort_with(403, _("You are not enrolled in this course."))
    try:
        attempt = engine.start_attempt(current_user, quiz, enrollment, utcnow())
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        abort_with(error.status, _message(error))
    except IntegrityError:
        # A second click started the same attempt number at the same moment: use that one.
        db.session.rollback()
        attempt = next(a for a in engine.attempts_of(quiz.id, current_user.id) if a.status == engine.IN_PROGRESS)
    return redirect(url_for("quizzes.attempt_page", attempt_id=attempt.id))


def _open_attempt(attempt_id):
    """Load the learner's attempt; a finished (or just timed-out) one redirects to its review."""
    attempt = load_attempt_for_learner(current_user, attempt_id)
    if engine.close_if_overdue(attempt, utcnow(), _grace()):
        db.session.commit()
        flash(_("The time ran out: your attempt was submitted with every saved answer."), "warning")
    return attempt


@bp.get("/attempts/<int:attempt_id>")
@allow(AUTHENTICATED)
def attempt_page(attempt_id):
    attempt = _open_attempt(attempt_id)
    if attempt.status != engine.IN_PROGRESS:
        return redirect(url_for("quizzes.review", attempt_id=attempt.id))
    quiz = db.session.get(Quiz, attempt.quiz_id)
    rows = engine.answers_with_specs(attempt)
    per_page = max(quiz.questions_per_page or 1, 1)
    pages = max((len(rows) + per_page - 1) // per_page, 1)
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    shown = [question_view(answer, spec, number)
             for number, (answer, spec) in enumerate(rows, start=1)][(page - 1) * per_page:page * per_page]
    now = utcnow()
    remaining = None
    if attempt.deadline_at is not None:
        remaining = max(int((attempt.deadline_at - now).total_seconds()), 0)
    answered = sum(1 for answer, _spec in rows if answer.response not in (None, "", [], {}))
    return render_template("quizzes/attempt.html", attempt=attempt, quiz=quiz, item=quiz.item, questions=shown,
                           page=page, pages=pages, remaining=remaining, answered=answered, total=len(rows),
                           per_page=per_page, rows=rows)


def _save_form_fields(attempt, now):
    """Save the page's questions from the posted form (the no-JavaScript path)."""
    positions = request.form.getlist("positions", type=int)
    rows = {answer.position: (answer, spec) for answer, spec in engine.answers_with_specs(attempt)}
    for position in positions:
        if position not in rows:
            abort_with(400, _("This question is not part of your attempt."))
        answer, spec = rows[position]
        try:
            response = response_from_fields(spec, position, request.form.getlist)
        except InvalidResponse as error:
            db.session.rollback()
            abort_with(400, _("Question %(number)s: %(message)s", number=position, message=error.issue.text(_)))
        seq = request.form.get(f"seq-{position}", type=int) or answer.seq + 1
        engine.save_answer(attempt, position, seq, response, now, _grace())


@bp.post("/attempts/<int:attempt_id>/page")
@allow(AUTHENTICATED)
def save_page(attempt_id):
    attempt = _open_attempt(attempt_id)
    if attempt.status != engine.IN_PROGRESS:
        return redirect(url_for("quizzes.review", attempt_id=attempt.id))
    now = utcnow()
    try:
        _save_form_fields(attempt, now)
        if request.form.get("action") == "finish":
            engine.finish_attempt(attempt, now, by="learner")
    except DomainError as error:
        db.session.rollback()
        abort_with(error.status, _message(error))
    db.session.commit()
    if attempt.status != engine.IN_PROGRESS:
        return redirect(url_for("quizzes.review", attempt_id=attempt.id))
    target = request.form.get("goto", type=int) or 1
    return redirect(url_for("quizzes.attempt_page", attempt_id=attempt.id, page=target))


@bp.post("/attempts/<int:attempt_id>/check/<int:position>")
@allow(AUTHENTICATED)
def check(attempt_id, position):
    """Practice mode: save the page, grade one question at once and lock it (works without JavaScript)."""
    attempt = _open_attempt(attempt_id)
    if attempt.status != engine.IN_PROGRESS:
        return redirect(url_for("quizzes.review", attempt_id=attempt.id))
    quiz = db.session.get(Quiz, attempt.quiz_id)
    now = utcnow()
    try:
        if quiz.mode != "practice":
            raise DomainError(N_("Answers are checked one by one only in practice quizzes."), status=403)
        _save_form_fields(attempt, now)
        engine.check_answer(attempt, quiz, position, now, _grace())
    except DomainError as error:
        if error.status != 400:
            db.session.rollback()
            abort_with(error.status, _message(error))
        db.session.commit()  # unanswered: keep the page's other answers, lock nothing
        flash(_message(error), "warning")
    else:
        db.session.commit()
    page = (position - 1) // max(quiz.questions_per_page or 1, 1) + 1
    return redirect(url_for("quizzes.attempt_page", attempt_id=attempt.id, page=page, _anchor=f"question-{position}"))


@bp.post("/attempts/<int:attempt_id>/answer")
@allow(AUTHENTICATED)
def save_answer(attempt_id):
    payload = request.get_json(silent=True)
    position = payload.get("position") if isinstance(payload, dict) else None
    if isinstance(position, bool) or not isinstance(position, int) or not 0 < position < 2 ** 31:
        position = None  # no place of any attempt: refused below, after the ownership check
    attempt, spec = load_attempt_for_saving(current_user, attempt_id, position)
    if not isinstance(payload, dict) or not isinstance(payload.get("fields"), dict):
        abort_with(400, _("The answer could not be read."))
    seq = payload.get("seq")
    if spec is None:
        abort_with(400, _("This question is not part of your attempt."))
    fields = payload["fields"]

    def values(name):
        given = fields.get(name, [])
        given = given if isinstance(given, list) else [given]
        if not all(isinstance(value, str) for value in given):
            raise invalid(N_("The answer could not be read."))
        return given

    now = utcnow()
    try:
        response = response_from_fields(spec, position, values)
        saved, current_seq, saved_at = engine.save_answer(attempt, position, seq, response, now, _grace())
    except InvalidResponse as error:
        db.session.rollback()
        return jsonify({"error": {"status": 400, "message": error.issue.text(_)}}), 400
    except DomainError as error:
        db.session.rollback()
        if error.status == 409 and attempt.status == engine.IN_PROGRESS:
            # Past the deadline and grace: submit with what was saved, as the page would.
            engine.close_if_overdue(load_attempt_for_learner(current_user, attempt.id), now, _grace())
            db.session.commit()
        if error.message == engine.CHECKED_MESSAGE:
            return jsonify({"error": {"status": 409, "message": _message(error)}, "locked": position}), 409
        return jsonify({"error": {"status": error.status, "message": _message(error)},
                        "review_url": url_for("quizzes.review", attempt_id=attempt.id)}), error.status
    db.session.commit()
    return jsonify({"saved": saved, "position": position, "seq": current_seq,
                    "saved_at": saved_at.isoformat() if saved_at else None,
                    "stale": not saved})


@bp.post("/attempts/<int:attempt_id>/submit")
@allow(AUTHENTICATED)
def submit(attempt_id):
    attempt = _open_attempt(attempt_id)
    if attempt.status == engine.IN_PROGRESS:
        now = utcnow()
        try:
            _save_form_fields(attempt, now)
            engine.finish_attempt(attempt, now, by="learner")
        except DomainError as error:
            db.session.rollback()
            abort_with(error.status, _message(error))
        db.session.commit()
    return redirect(url_for("quizzes.review", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>/review")
@allow(AUTHENTICATED)
def review(attempt_id):
    attempt = _open_attempt(attempt_id)
    if attempt.status == engine.IN_PROGRESS:
        return redirect(url_for("quizzes.attempt_page", attempt_id=attempt.id))
    quiz = db.session.get(Quiz, attempt.quiz_id)
    now = utcnow()
    closed = quiz.close_at is not None and now >= quiz.close_at
    options = set(quiz.review_after_close if closed else quiz.review_after_attempt)
    if quiz.mode == "practice":
        options |= {"score", "correctness", "feedback", "right_answer"}
    questions = [question_view(answer, spec, number)
                 for number, (answer, spec) in enumerate(engine.answers_with_specs(attempt), start=1)]
    return render_template("quizzes/review.html", attempt=attempt, quiz=quiz, item=quiz.item, questions=questions,
                           options=options)
