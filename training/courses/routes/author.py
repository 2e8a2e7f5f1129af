"""Course management for trainers and administrators: list, create, settings, status, versions, rules."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from training.core.errors import DomainError, apply_domain_error
from training.core.forms import csrf_valid
from training.core.security import AUTHORS, STAFF, allow, can_author
from training.core.time import utcnow
from training.courses.forms import CourseForm, VersionForm
from training.courses.loaders import load_course, load_course_for_author
from training.courses.models import Course, Enrollment, EnrollmentStatus
from training.courses.services import authoring
from training.courses.services.progress import course_items, recompute_completion
from training.extensions import db

bp = Blueprint("course_admin", __name__, url_prefix="/manage/courses", template_folder="../templates")


@bp.get("/")
@allow(STAFF)
def index():
    courses = db.session.scalars(select(Course).order_by(Course.status, Course.title)).all()
    counts = dict(db.session.execute(
        select(Enrollment.course_id, func.count()).where(Enrollment.status == EnrollmentStatus.ACTIVE.value)
        .group_by(Enrollment.course_id)).all())
    return render_template("courses/manage/index.html", courses=courses, counts=counts, can_author=can_author(current_user))


@bp.route("/new", methods=["GET", "POST"])
@allow(AUTHORS)
def create():
    form = CourseForm()
    if form.validate_on_submit():
        try:
            course = authoring.create_course(current_user, form.data, utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("courses/manage/settings.html", form=form, course=None), 400
        db.session.commit()
        flash(_("The course was created as a draft. Add modules and lessons, then publish it."), "success")
        return redirect(url_for("course_structure.structure", course_id=course.id))
    return render_template("courses/manage/settings.html", form=form, course=None), 400 if form.is_submitted() else 200


@bp.route("/<int:course_id>/settings", methods=["GET", "POST"])
@allow(AUTHORS)
def settings(course_id):
    course = load_course_for_author(current_user, course_id)
    form = CourseForm(obj=course)
    form.slug.render_kw = {"readonly": True}
    if request.method == "GET":
        form.row_version.data = course.row_version
    if form.validate_on_submit():
        try:
            authoring.update_course(current_user, course, form.data, form.row_version.data or None, utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("courses/manage/settings.html", form=form, course=course), error.status
        db.session.commit()
        flash(_("The course settings were saved."), "success")
        return redirect(url_for("course_structure.structure", course_id=course.id))
    return render_template("courses/manage/settings.html", form=form, course=course), 400 if form.is_submitted() else 200


@bp.post("/<int:course_id>/status")
@allow(AUTHORS)
def set_status(course_id):
    course = load_course_for_author(current_user, course_id)
    try:
        authoring.set_status(current_user, course, request.form.get("status", ""), utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(_(error.message, **error.params), "danger")
        return redirect(url_for("course_structure.structure", course_id=course.id))
    db.session.commit()
    flash(_("The course status is now: %(status)s.", status=status_label(course.status)), "success")
    return redirect(url_for("course_structure.structure", course_id=course.id))


@bp.post("/<int:course_id>/version")
@allow(AUTHORS)
def new_version(course_id):
    course = load_course_for_author(current_user, course_id)
    form = VersionForm()
    if form.validate_on_submit():
        authoring.new_version(current_user, course, form.note.data, utcnow())
        db.session.commit()
        flash(_("The course is now at version %(version)s.", version=course.version), "success")
    else:
        flash(_("Say what changed in this version."), "danger")
    return redirect(url_for("course_structure.structure", course_id=course.id))


@bp.route("/<int:course_id>/rules", methods=["GET", "POST"])
@allow(AUTHORS)
def completion_rules(course_id):
    """Required items decide completion; on a course with learners, saving them recomputes (audited)."""
    course = load_course_for_author(current_user, course_id)
    items = course_items(course.id)
    enrolled = authoring.has_enrolments(course)
    if request.method == "POST" and csrf_valid():
        required = {int(value) for value in request.form.getlist("required") if value.isdigit()}
        now = utcnow()
        changes = authoring.set_required_flags(current_user, course, required, now)
        summary = None
        if enrolled and (changes or request.form.get("recompute")):
            summary = recompute_completion(current_user, course, now)
        db.session.commit()
        if summary:
            flash(_("Completion rules saved and recomputed: %(checked)s enrolments checked, %(newly)s newly completed.",
                    checked=summary["checked"], newly=summary["newly_completed"]), "success")
        else:
            flash(_("Completion rules saved."), "success")
        return redirect(url_for("course_admin.completion_rules", course_id=course.id))
    return render_template("courses/manage/rules.html", course=course, items=items, enrolled=enrolled)


@bp.get("/<int:course_id>/preview")
@allow(STAFF)
def preview(course_id):
    course = load_course(course_id)
    return redirect(url_for("courses.course_page", slug=course.slug))


def status_label(status):
    return {"draft": _("Draft"), "published": _("Published"), "archived": _("Archived")}.get(status, status)
