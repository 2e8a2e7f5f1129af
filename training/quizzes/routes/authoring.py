"""Authoring a quiz: create it in a module, its settings, its slots, regrade."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from training.core.errors import DomainError, apply_domain_error
from training.core.forms import as_choices, csrf_valid
from training.core.messages import N_
from training.core.security import AUTHORS, allow
from training.core.time import local_day_bounds, to_local, utcnow
from training.courses.loaders import load_module_for_author
from training.courses.services import authoring as course_authoring
from training.extensions import db
from training.quizzes.forms import FixedSlotForm, OverrideForm, QuizSettingsForm, RandomSlotForm
from training.quizzes.loaders import (
    load_category_for_course,
    load_question_for_author,
    load_quiz_for_author,
    load_slot_for_author,
)
from training.quizzes.services import bank, marking, quizzes
from training.quizzes.services.attempts import attempt_count

bp = Blueprint("quiz_admin", __name__, url_prefix="/manage/quizzes", template_folder="../templates")


def _settings(form):
    tz = current_app.config["TIMEZONE"]
    return {"intro": form.intro.data or "", "mode": form.mode.data, "time_limit_minutes": form.time_limit_minutes.data,
            "attempts_allowed": form.attempts_allowed.data or 0, "delay_minutes": form.delay_minutes.data or 0,
            "grading_method": form.grading_method.data, "pass_percent": form.pass_percent.data or 0,
            "shuffle_questions": form.shuffle_questions.data, "shuffle_choices": form.shuffle_choices.data,
            "questions_per_page": form.questions_per_page.data or 5,
            "open_at": local_day_bounds(form.open_on.data, tz)[0] if form.open_on.data else None,
            "close_at": local_day_bounds(form.close_on.data, tz)[1] if form.close_on.data else None,
            "review_after_attempt": form.review_after_attempt.data, "review_after_close": form.review_after_close.data}


@bp.route("/new/<int:module_id>", methods=["GET", "POST"])
@allow(AUTHORS)
def create(module_id):
    module = load_module_for_author(current_user, module_id)
    form = QuizSettingsForm(title=request.args.get("title", ""), review_after_attempt=quizzes.DEFAULTS[
        "review_after_attempt"], review_after_close=quizzes.DEFAULTS["review_after_close"]) \
        if request.method == "GET" else QuizSettingsForm()
    if form.validate_on_submit():
        try:
            quiz = quizzes.create_quiz(current_user, module, form.title.data, _settings(form), utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("quizzes/manage/settings.html", form=form, module=module, quiz=None), 400
        db.session.commit()
        flash(_("The quiz was created. Now add its questions."), "success")
        return redirect(url_for("quiz_admin.edit", item_id=quiz.item_id))
    return render_template("quizzes/manage/settings.html", form=form, module=module, quiz=None), \
        400 if form.is_submitted() else 200


@bp.route("/<int:item_id>", methods=["GET", "POST"])
@allow(AUTHORS)
def edit(item_id):
    item, quiz = load_quiz_for_author(current_user, item_id)
    if request.method == "GET":
        form = _stored_settings(item, quiz)
    else:
        form = QuizSettingsForm()
    if form.validate_on_submit():
        try:
            now = utcnow()
            if form.title.data != item.title:
                course_authoring.update_item(current_user, item, {"title": form.title.data}, now)
            quizzes.update_settings(current_user, quiz, _settings(form), now)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return _edit_page(item, quiz, form), 400
        db.session.commit()
        flash(_("The quiz settings were saved."), "success")
        return redirect(url_for("quiz_admin.edit", item_id=item.id))
    return _edit_page(item, quiz, form), 400 if form.is_submitted() else 200


def _stored_settings(item, quiz):
    """The settings form showing what is stored (``formdata=None``: a POST of another form must not fill it)."""
    tz = current_app.config["TIMEZONE"]
    return QuizSettingsForm(formdata=None, obj=quiz, title=item.title,
                            open_on=to_local(quiz.open_at, tz).date() if quiz.open_at else None,
                            close_on=to_local(quiz.close_at, tz).date() if quiz.close_at else None)


def _edit_page(item, quiz, form, fixed=None, random=None, override=None):
    categories = bank.categories_for(item.course_id)
    fixed = fixed or FixedSlotForm()
    paths = {category.id: path for category, path in categories}
    fixed.question_id.choices = as_choices((q.id, f"{bank.path_label(paths.get(q.category_id, ()))} › {q.name}")
                                           for q, _category in bank.bank_questions(item.course_id))
    random = random or RandomSlotForm()
    random.category_id.choices = as_choices((c.id, bank.path_label(path)) for c, path in categories)
    return render_template("quizzes/manage/edit.html", item=item, quiz=quiz, form=form, fixed_form=fixed,
                           random_form=random, slots=quizzes.slot_rows(quiz), attempts=attempt_count(quiz.id),
                           path_label=bank.path_label, override_form=override or OverrideForm(prefix="override"),
                           overrides=quizzes.overrides_of(quiz))


@bp.post("/<int:item_id>/slots")
@allow(AUTHORS)
def add_slot(item_id):
    item, quiz = load_quiz_for_author(current_user, item_id)
    now = utcnow()
    try:
        if request.form.get("kind") == "random":
            form = RandomSlotForm()
            if not form.validate_on_submit():
                return _edit_page(item, quiz, QuizSettingsForm(obj=quiz, title=item.title), random=form), 400
            category = load_category_for_course(item.course_id, form.category_id.data)
            quizzes.add_random_slot(current_user, quiz, category, form.draw_count.data, now, form.points.data)
        else:
            form = FixedSlotForm()
            if not form.validate_on_submit():
                return _edit_page(item, quiz, QuizSettingsForm(obj=quiz, title=item.title), fixed=form), 400
            question = load_question_for_author(current_user, form.question_id.data)
            quizzes.add_question_slot(current_user, quiz, question, now, form.points.data)
    except DomainError as error:
        db.session.rollback()
        flash(_(error.message, **error.params), "danger")
        return redirect(url_for("quiz_admin.edit", item_id=item.id)), 303
    db.session.commit()
    flash(_("The questions were added to the quiz."), "success")
    return redirect(url_for("quiz_admin.edit", item_id=item.id) + "#slots")


@bp.post("/slots/<int:slot_id>/remove")
@allow(AUTHORS)
def remove_slot(slot_id):
    slot, quiz = load_slot_for_author(current_user, slot_id)
    if csrf_valid():
        quizzes.remove_slot(current_user, slot, utcnow())
        db.session.commit()
        flash(_("The slot was removed. Attempts already started keep their questions."), "info")
    return redirect(url_for("quiz_admin.edit", item_id=quiz.item_id) + "#slots")


@bp.post("/<int:item_id>/regrade")
@allow(AUTHORS)
def regrade(item_id):
    item, quiz = load_quiz_for_author(current_user, item_id)
    summary = marking.regrade_quiz(current_user, quiz, utcnow())
    db.session.commit()
    flash(_("%(attempts)s attempt(s) regraded; %(moved)s answer(s) moved to the corrected question.",
            **summary), "success")
    return redirect(url_for("quiz_admin.edit", item_id=item.id))


@bp.post("/<int:item_id>/overrides")
@allow(AUTHORS)
def save_override(item_id):
    from training.accounts.sessions import find_user_by_email
    from training.core.text import normalize_email

    item, quiz = load_quiz_for_author(current_user, item_id)
    form = OverrideForm(prefix="override")
    target = url_for("quiz_admin.edit", item_id=item.id) + "#overrides"
    settings = _stored_settings(item, quiz)
    if not form.validate_on_submit():
        return _edit_page(item, quiz, settings, override=form), 400
    user = find_user_by_email(normalize_email(form.email.data))
    tz = current_app.config["TIMEZONE"]
    try:
        if user is None:
            raise DomainError(N_("No one is registered with this e-mail address."), field="email")
        quizzes.save_override(current_user, quiz, user, {
            "extra_minutes": form.extra_minutes.data, "extra_attempts": form.extra_attempts.data,
            "open_at": local_day_bounds(form.open_on.data, tz)[0] if form.open_on.data else None,
            "close_at": local_day_bounds(form.close_on.data, tz)[1] if form.close_on.data else None}, utcnow())
    except DomainError as error:
        db.session.rollback()
        apply_domain_error(form, error)
        return _edit_page(item, quiz, settings, override=form), 400
    db.session.commit()
    flash(_("The override for %(name)s was saved.", name=user.full_name), "success")
    return redirect(target)
