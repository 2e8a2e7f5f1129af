"""Issuing for administrators: the approval queue and bulk issue with a progress page."""

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from training.certificates import queries
from training.certificates.forms import BulkForm, DeclineForm
from training.certificates.loaders import load_job_for, load_request_for_admin
from training.certificates.services import batches, issuing
from training.certificates.services.settings import IssueConfig
from training.core.errors import DomainError, abort_with
from training.core.forms import as_choices, csrf_valid
from training.core.security import ADMINS, allow
from training.core.time import utcnow
from training.courses.loaders import load_class_for, load_course
from training.courses.models import Course, TrainingClass
from training.extensions import db
from training.orgunits.loaders import load_unit_for, unit_choices

bp = Blueprint("cert_issue", __name__, url_prefix="/admin/certificates", template_folder="../templates")


def _config():
    return IssueConfig.from_config(current_app.config)


def _message(error):
    return _(error.message, **error.params) if error.params else _(error.message)


@bp.get("/approvals")
@allow(ADMINS)
def approvals():
    return render_template("certificates/approvals.html", requests=queries.pending_requests(current_user),
                           form=DeclineForm())


@bp.post("/approvals/<int:request_id>/approve")
@allow(ADMINS)
def approve(request_id):
    record = load_request_for_admin(current_user, request_id)
    if not csrf_valid():
        abort_with(400)
    try:
        certificate = issuing.approve_request(current_user, record, utcnow(), _config())
    except DomainError as error:
        db.session.rollback()
        flash(_message(error), "danger")
        return redirect(url_for("cert_issue.approvals"))
    db.session.commit()
    flash(_("Certificate %(serial)s was issued to %(name)s.", serial=certificate.serial, name=record.user.full_name),
          "success")
    return redirect(url_for("cert_issue.approvals"))


@bp.post("/approvals/<int:request_id>/decline")
@allow(ADMINS)
def decline(request_id):
    record = load_request_for_admin(current_user, request_id)
    form = DeclineForm()
    if not form.validate_on_submit():
        flash(_("Give the reason for declining (at least 5 characters)."), "danger")
        return redirect(url_for("cert_issue.approvals"))
    try:
        issuing.decline_request(current_user, record, form.note.data, utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(_message(error), "danger")
        return redirect(url_for("cert_issue.approvals"))
    db.session.commit()
    flash(_("The request was declined."), "info")
    return redirect(url_for("cert_issue.approvals"))


def _bulk_form():
    form = BulkForm(request.args or None if request.method == "GET" else None)
    courses = db.session.scalars(select(Course).where(Course.status != "draft").order_by(Course.title)).all()
    form.course_id.choices = as_choices([(c.id, c.title) for c in courses])
    classes = db.session.scalars(select(TrainingClass).where(TrainingClass.is_archived.is_(False))
                                 .order_by(TrainingClass.name)).all()
    form.class_id.choices = as_choices([(0, _("— No class —"))] + [(c.id, c.name) for c in classes])
    form.unit_id.choices = as_choices(unit_choices(current_user, blank=_("— No unit —")))
    return form


def _selection(form):
    """Return ``(course, class, unit)`` chosen in ``form``, each loaded with its scope check."""
    training_class = load_class_for(current_user, form.class_id.data) if form.class_id.data else None
    course = training_class.course if training_class else load_course(form.course_id.data)
    unit = load_unit_for(current_user, form.unit_id.data) if form.unit_id.data else None
    return course, training_class, unit


@bp.get("/bulk")
@allow(ADMINS)
def bulk():
    form = _bulk_form()
    rows = None
    selection = (None, None, None)
    if request.args.get("course_id") and (form.class_id.data or form.unit_id.data):
        selection = _selection(form)
        rows = batches.candidates(current_user, *selection, form.include_subunits.data)
    return render_template("certificates/bulk.html", form=form, rows=rows, selection=selection)


@bp.post("/bulk")
@allow(ADMINS)
def start_bulk():
    form = _bulk_form()
    form.class_id.data = request.form.get("class_id", type=int) or 0
    form.unit_id.data = request.form.get("unit_id", type=int) or 0
    form.course_id.data = request.form.get("course_id", type=int) or 0
    include = request.form.get("include_subunits") == "y"
    if not csrf_valid() or not (form.class_id.data or form.unit_id.data) or not form.course_id.data:
        abort_with(400, _("Choose a course and a class or a unit."))
    course, training_class, unit = _selection(form)
    rows = batches.candidates(current_user, course, training_class, unit, include)
    try:
        job = batches.start_job(current_user, course, rows, utcnow(), training_class, unit, include)
    except DomainError as error:
        db.session.rollback()
        abort_with(error.status, _message(error))
    db.session.commit()
    return redirect(url_for("cert_issue.job", job_id=job.id))


@bp.get("/bulk/<int:job_id>")
@allow(ADMINS)
def job(job_id):
    return render_template("certificates/job.html", job=load_job_for(current_user, job_id))


@bp.post("/bulk/<int:job_id>/step")
@allow(ADMINS)
def step(job_id):
    """Issue the next chunk; answer JSON to the page's script, or go back to the page without it."""
    record = load_job_for(current_user, job_id)
    if not csrf_valid():
        abort_with(400)
    batches.run_chunk(current_user, record, utcnow(), _config())
    db.session.commit()
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return jsonify({"done": record.position, "total": record.total, "issued": record.issued,
                        "skipped": record.skipped, "finished": record.finished_at is not None})
    return redirect(url_for("cert_issue.job", job_id=record.id))
