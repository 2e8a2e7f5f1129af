"""Enrolment management for administrators: enrol people, list learners, requests, upload lists."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload

from training.accounts.models import User
from training.core import imports
from training.core.errors import DomainError, abort_with
from training.core.forms import UploadForm, as_choices, csrf_valid
from training.core.import_flow import ImportKind, handle_preview, handle_upload
from training.core.pagination import page_number, paginate
from training.core.security import ADMINS, admin_scope_path, allow
from training.core.text import normalize_email
from training.core.time import utcnow
from training.courses.forms import EnrolForm
from training.courses.loaders import load_course, load_enrollment_for_admin
from training.courses.models import Enrollment, EnrollmentRequest, TrainingClass
from training.courses.services import enrolment
from training.extensions import db
from training.orgunits.loaders import load_unit_for, unit_choices
from training.orgunits.models import Unit, subtree_condition

bp = Blueprint("enrolment", __name__, url_prefix="/manage", template_folder="../templates")


def _form(course):
    form = EnrolForm()
    form.unit_id.choices = as_choices(unit_choices(current_user, blank=_("— No unit —")))
    classes = db.session.scalars(select(TrainingClass).where(TrainingClass.course_id == course.id,
                                                             TrainingClass.is_archived.is_(False))).all()
    form.class_id.choices = as_choices([(0, _("— No class —"))] + [(c.id, c.name) for c in classes])
    if request.method == "GET" and request.args.get("class", type=int):
        form.class_id.data = request.args.get("class", type=int)
    return form


@bp.route("/courses/<int:course_id>/enrol", methods=["GET", "POST"])
@allow(ADMINS)
def enrol(course_id):
    course = load_course(course_id)
    form = _form(course)
    if form.validate_on_submit():
        try:
            people = _people_from(form)
            if not people:
                raise DomainError(_("Choose a unit or list e-mail addresses: no one was selected."))
            training_class = db.session.get(TrainingClass, form.class_id.data) if form.class_id.data else None
            result = enrolment.enrol_people(current_user, course, people, utcnow(), current_app.config["TIMEZONE"],
                                            training_class=training_class, due_on=form.due_on.data,
                                            source="class" if training_class else ("unit" if form.unit_id.data else "manual"))
        except DomainError as error:
            db.session.rollback()
            form.form_errors.append(_(error.message, **error.params) if error.params else _(error.message))
            return _render_enrol(course, form), 400
        db.session.commit()
        flash(_("%(created)s enrolled, %(reactivated)s re-enrolled, %(added)s added to the class, "
                "%(unchanged)s already enrolled.", created=result.created, reactivated=result.reactivated,
                added=result.added_to_class, unchanged=result.unchanged), "success")
        return redirect(url_for("enrolment.learners", course_id=course.id))
    return _render_enrol(course, form), 400 if form.is_submitted() else 200


def _render_enrol(course, form):
    requests = enrolment.pending_requests(current_user, course)
    return render_template("courses/manage/enrol.html", course=course, form=form, requests=requests)


def _people_from(form):
    people = []
    emails = [normalize_email(line) for line in (form.emails.data or "").replace(",", "\n").splitlines() if line.strip()]
    if emails:
        found = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(emails)))}
        unknown = [e for e in emails if e not in found]
        if unknown:
            raise DomainError(_("No one is registered with: %(emails)s", emails=", ".join(unknown[:10])))
        people.extend(found.values())
    if form.unit_id.data:
        unit = load_unit_for(current_user, form.unit_id.data)
        people.extend(enrolment.people_in_unit(current_user, unit, form.include_subunits.data,
                                               form.spokespersons_only.data))
    return enrolment.check_enrollable(current_user, list({p.id: p for p in people}.values()))


@bp.get("/courses/<int:course_id>/learners")
@allow(ADMINS)
def learners(course_id):
    course = load_course(course_id)
    query = select(Enrollment).join(User, Enrollment.user_id == User.id).join(Unit, User.unit_id == Unit.id) \
        .options(contains_eager(Enrollment.user).contains_eager(User.unit), joinedload(Enrollment.training_class)) \
        .where(Enrollment.course_id == course.id)
    scope = admin_scope_path(current_user)
    if scope is not None:
        query = query.where(subtree_condition(Unit.path, scope))
    status = request.args.get("status", "active")
    if status in ("active", "withdrawn"):
        query = query.where(Enrollment.status == status)
    if request.args.get("state") == "completed":
        query = query.where(Enrollment.completed_at.is_not(None))
    elif request.args.get("state") == "overdue":
        query = query.where(Enrollment.completed_at.is_(None), Enrollment.due_at < utcnow())
    page = paginate(query.order_by(Unit.path, User.full_name), page_number(request.args), per_page=50)
    return render_template("courses/manage/learners.html", course=course, page=page, args=request.args,
                           now=utcnow(), requests=enrolment.pending_requests(current_user, course))


@bp.post("/enrollments/<int:enrollment_id>/withdraw")
@allow(ADMINS)
def withdraw(enrollment_id):
    enrollment = load_enrollment_for_admin(current_user, enrollment_id)
    if csrf_valid():
        enrolment.withdraw(current_user, enrollment, utcnow())
        db.session.commit()
        flash(_("%(name)s was withdrawn from the course; their results are kept.", name=enrollment.user.full_name),
              "info")
    return redirect(url_for("enrolment.learners", course_id=enrollment.course_id))


@bp.post("/enrolment-requests/<int:request_id>/decide")
@allow(ADMINS)
def decide(request_id):
    record = db.session.get(EnrollmentRequest, request_id)
    if record is None:
        abort_with(404)
    course = load_course(record.course_id)
    if not csrf_valid():
        return redirect(url_for("enrolment.enrol", course_id=course.id))
    try:
        enrolment.decide_request(current_user, record, request.form.get("decision") == "approve", course, utcnow(),
                                 current_app.config["TIMEZONE"])
    except DomainError as error:
        db.session.rollback()
        abort_with(403, _(error.message, **error.params))
    db.session.commit()
    flash(_("The request was answered."), "success")
    return redirect(url_for("enrolment.enrol", course_id=course.id))


def _list_kind(course):
    return ImportKind(
        kind="enrolments", title=_("Enrol a list of people: %(course)s", course=course.title),
        check=lambda table: enrolment.check_enrolment_list(current_user, table),
        apply=lambda check, now: _apply_list(course, check, now),
        upload_endpoint="enrolment.import_upload", preview_endpoint="enrolment.import_preview",
        done_endpoint="enrolment.learners",
        result_columns=(("row", _("Row")), ("email", _("E-mail")), ("name", _("Full name")), ("status", _("Result"))),
        expected_columns=(("email", True, _("E-mail address of a registered person")),),
        url_values=(("course_id", course.id),),
    )


def _apply_list(course, check, now):
    results = []
    for number, person in check.rows:
        outcome = enrolment.enrol_people(current_user, course, [person], now, current_app.config["TIMEZONE"],
                                         source="import")
        status = "created" if outcome.created else ("updated" if outcome.reactivated else "unchanged")
        results.append({"row": number, "email": person.email, "name": person.full_name, "status": status})
    return results


@bp.route("/courses/<int:course_id>/enrol/import", methods=["GET", "POST"])
@allow(ADMINS)
def import_upload(course_id):
    course = load_course(course_id)
    return handle_upload(_list_kind(course), UploadForm(), current_user)


@bp.route("/courses/<int:course_id>/enrol/import/<int:import_id>", methods=["GET", "POST"])
@allow(ADMINS)
def import_preview(course_id, import_id):
    course = load_course(course_id)
    record = imports.load_import_for(current_user, import_id, "enrolments")
    return handle_preview(_list_kind(course), record, current_user)
