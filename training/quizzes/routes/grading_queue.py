"""Trainers: the queue of essays to mark, marking one answer, item statistics and their export."""

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from training.core.errors import DomainError, apply_domain_error
from training.core.security import AUTHORS, allow
from training.core.tabular import csv_bytes, xlsx_bytes
from training.core.time import utcnow
from training.extensions import db
from training.quizzes.forms import MarkForm
from training.quizzes.loaders import load_answer_for_grader, load_quiz_for_author
from training.quizzes.models import QuizAttempt
from training.quizzes.services import marking
from training.quizzes.services.stats import statistics_for
from training.quizzes.spec import QuestionSpec
from training.quizzes.view_models import question_view

bp = Blueprint("quiz_grading", __name__, url_prefix="/manage/quizzes", template_folder="../templates")


@bp.get("/grading")
@allow(AUTHORS)
def queue():
    return render_template("quizzes/manage/queue.html", rows=marking.grading_queue())


@bp.route("/answers/<int:answer_id>/mark", methods=["GET", "POST"])
@allow(AUTHORS)
def mark(answer_id):
    answer = load_answer_for_grader(current_user, answer_id)
    attempt = db.session.get(QuizAttempt, answer.attempt_id)
    spec = QuestionSpec.from_dict(answer.version.spec)
    form = MarkForm(score=(format(answer.manual_score.normalize(), "f") if answer.manual_score is not None else None),
                    comment=answer.grader_comment) if not MarkForm().is_submitted() else MarkForm()
    context = {"answer": answer, "attempt": attempt, "spec": spec, "view": question_view(answer, spec, answer.position)}
    if form.validate_on_submit():
        try:
            marking.mark_answer(current_user, answer, form.score.data, form.comment.data, utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("quizzes/manage/mark.html", form=form, **context), error.status
        db.session.commit()
        flash(_("The mark was saved and the learner's result updated."), "success")
        return redirect(url_for("quiz_grading.queue"))
    return render_template("quizzes/manage/mark.html", form=form, **context), 400 if form.is_submitted() else 200


def _statistics_rows(quiz):
    stats, labels = statistics_for(quiz)
    rows = []
    for item in sorted(stats.items, key=lambda i: labels[i.slot][0]):
        name, version, qtype = labels[item.slot]
        choices = "; ".join(f"{c.key}: {c.count}" for c in item.choices)
        rows.append([name, version, qtype, item.attempts, item.facility, item.discrimination,
                     item.standard_deviation, choices])
    return stats, rows


def _header():
    return [_("Question"), _("Version"), _("Type"), _("Attempts"), _("Facility"), _("Discrimination"),
            _("Standard deviation"), _("Responses")]


@bp.get("/<int:item_id>/statistics")
@allow(AUTHORS)
def statistics(item_id):
    item, quiz = load_quiz_for_author(current_user, item_id)
    stats, rows = _statistics_rows(quiz)
    return render_template("quizzes/manage/statistics.html", item=item, quiz=quiz, stats=stats, rows=rows,
                           header=_header())


@bp.get("/<int:item_id>/statistics.<any(csv, xlsx):extension>")
@allow(AUTHORS)
def statistics_export(item_id, extension):
    item, quiz = load_quiz_for_author(current_user, item_id)
    _stats, rows = _statistics_rows(quiz)
    plain = [[None if value is None else (float(value) if hasattr(value, "is_finite") else value) for value in row]
             for row in rows]
    if extension == "csv":
        data, mimetype = csv_bytes(_header(), plain), "text/csv; charset=utf-8"
    else:
        data = xlsx_bytes([(_("Statistics"), _header(), plain, {4: "0.00", 5: "0.00", 6: "0.00"})])
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(data, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="quiz-{item.id}-statistics.{extension}"'})
