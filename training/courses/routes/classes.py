"""Training classes (lớp tập huấn): list, create, edit, the progress table and its exports."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from training.accounts.models import User
from training.core.errors import DomainError, apply_domain_error
from training.core.forms import as_choices
from training.core.roles import Role, is_path_within
from training.core.security import ADMINS, STAFF, admin_scope_path, allow
from training.core.tabular import csv_bytes, xlsx_bytes
from training.core.text import slugify
from training.core.time import utcnow
from training.courses.forms import ClassForm
from training.courses.loaders import load_class_for, load_course
from training.courses.models import Course, TrainingClass
from training.courses.progress_table import class_progress, export_table
from training.courses.registry import class_actions_for
from training.courses.services import enrolment
from training.extensions import db
from training.orgunits.loaders import load_unit_for, unit_choices, unit_code_choices
from training.orgunits.services import get_unit_by_code

bp = Blueprint("classes", __name__, url_prefix="/manage/classes", template_folder="../templates")


@bp.get("/")
@allow(STAFF)
def index():
    classes = db.session.scalars(select(TrainingClass).options(
        joinedload(TrainingClass.course), joinedload(TrainingClass.trainer), joinedload(TrainingClass.unit))
        .order_by(TrainingClass.is_archived,
                                                                TrainingClass.starts_on.desc().nulls_last())).unique().all()
    scope = admin_scope_path(current_user)
    if scope is not None:
        classes = [c for c in classes if is_path_within(c.unit.path, scope)]
    return render_template("courses/classes/index.html", classes=classes)


def _class_form(obj=None):
    form = ClassForm(obj=obj)
    courses = db.session.scalars(select(Course).where(Course.status != "archived").order_by(Course.title)).all()
    form.course_id.choices = as_choices((c.id, c.title) for c in courses)
    form.unit_id.choices = as_choices(unit_choices(current_user))
    trainers = db.session.scalars(select(User).where(User.role.in_((Role.TRAINER.value, Role.ADMIN.value)),
                                                     User.is_active.is_(True)).order_by(User.full_name)).unique().all()
    form.trainer_id.choices = as_choices([(0, _("— None —"))] + [(t.id, t.full_name) for t in trainers])
    return form


@bp.route("/new", methods=["GET", "POST"])
@allow(ADMINS)
def create():
    form = _class_form()
    if request.method == "GET" and request.args.get("course", type=int):
        form.course_id.data = request.args.get("course", type=int)
    if form.validate_on_submit():
        course = load_course(form.course_id.data)
        try:
            training_class = enrolment.save_class(current_user, None, course, _data(form), utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("courses/classes/form.html", form=form, training_class=None), 400
        db.session.commit()
        flash(_("The class was created. Now enrol its learners."), "success")
        return redirect(url_for("enrolment.enrol", course_id=course.id, **{"class": training_class.id}))
    return render_template("courses/classes/form.html", form=form, training_class=None), \
        400 if form.is_submitted() else 200


@bp.route("/<int:class_id>/edit", methods=["GET", "POST"])
@allow(ADMINS)
def edit(class_id):
    training_class = load_class_for(current_user, class_id)
    form = _class_form(obj=training_class)
    del form.course_id  # a class stays with its course; its enrolments belong to it
    if request.method == "GET":
        form.trainer_id.data = training_class.trainer_id or 0
    if form.validate_on_submit():
        try:
            enrolment.save_class(current_user, training_class, training_class.course, _data(form), utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("courses/classes/form.html", form=form, training_class=training_class), 400
        db.session.commit()
        flash(_("The class was saved."), "success")
        return redirect(url_for("classes.detail", class_id=training_class.id))
    return render_template("courses/classes/form.html", form=form, training_class=training_class), \
        400 if form.is_submitted() else 200


@bp.get("/<int:class_id>")
@allow(STAFF)
def detail(class_id):
    training_class = load_class_for(current_user, class_id)
    unit = _unit_filter()
    items, rows = class_progress(training_class, unit, admin_scope_path(current_user))
    return render_template("courses/classes/detail.html", training_class=training_class, items=items, rows=rows,
                           unit=unit, args=request.args, units=unit_code_choices(current_user), now=utcnow(),
                           actions=class_actions_for(current_user))


@bp.get("/<int:class_id>/progress.<fmt>")
@allow(STAFF)
def export(class_id, fmt):
    training_class = load_class_for(current_user, class_id)
    if fmt not in ("xlsx", "csv"):
        return redirect(url_for("classes.detail", class_id=class_id))
    items, rows = class_progress(training_class, _unit_filter(), admin_scope_path(current_user))
    labels = {"name": _("Full name"), "email": _("E-mail"), "unit": _("Unit"), "position": _("Position"),
              "progress": _("Progress"), "completed": _("Completed on")}
    header, body = export_table(items, rows, labels)
    filename = f"tien-do-{slugify(training_class.name, 60)}.{fmt}"
    if fmt == "csv":
        body = [row[:-2] + [f"{round(row[-2] * 100)}%", row[-1]] for row in body]
        data, mimetype = csv_bytes(header, body), "text/csv; charset=utf-8"
    else:
        data = xlsx_bytes([(_("Progress"), header, body, {len(header) - 2: "0%"})])
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _unit_filter():
    code = request.args.get("unit", "")
    unit = get_unit_by_code(code) if code else None
    if unit is not None and current_user.role == Role.ADMIN:
        unit = load_unit_for(current_user, unit.id)
    return unit


def _data(form):
    return {"name": form.name.data, "trainer_id": form.trainer_id.data or None, "unit_id": form.unit_id.data,
            "starts_on": form.starts_on.data, "ends_on": form.ends_on.data, "due_on": form.due_on.data,
            "location": form.location.data, "notes": form.notes.data or ""}
