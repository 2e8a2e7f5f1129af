"""Certificate settings per course (city-wide administrators), their images, a sample, refreshers."""

from datetime import timedelta

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from training.certificates.forms import RefresherForm, SettingsForm
from training.certificates.models import CertificateSettings
from training.certificates.services import lifecycle
from training.certificates.services.settings import IssueConfig, missing_settings, save_settings, settings_for
from training.certificates.specimen import sample_pdf
from training.core.errors import DomainError, abort_with, apply_domain_error
from training.core.filestore import read_bytes
from training.core.forms import as_choices
from training.core.security import ADMINS, CITY_ADMINS, allow
from training.core.time import local_today, utcnow
from training.courses.loaders import load_course
from training.courses.models import Course
from training.extensions import db
from training.orgunits.loaders import unit_choices

bp = Blueprint("cert_settings", __name__, url_prefix="/admin/certificates/courses", template_folder="../templates")


def _today():
    return local_today(utcnow(), current_app.config["TIMEZONE"])


@bp.get("/")
@allow(CITY_ADMINS)
def index():
    courses = db.session.scalars(select(Course).where(Course.status != "archived").order_by(Course.title)).all()
    settings = {s.course_id: s for s in db.session.scalars(select(CertificateSettings))}
    return render_template("certificates/courses.html", courses=courses, settings=settings,
                           missing={c.id: missing_settings(settings.get(c.id)) for c in courses},
                           notices=lifecycle.open_notices())


def _other_courses(course):
    courses = db.session.scalars(select(Course).where(Course.id != course.id, Course.status != "archived")
                                 .order_by(Course.title)).all()
    return [(0, _("— None —"))] + [(c.id, c.title) for c in courses]


@bp.route("/<int:course_id>", methods=["GET", "POST"])
@allow(CITY_ADMINS)
def edit(course_id):
    course = load_course(course_id)
    settings = settings_for(course.id)
    form = SettingsForm(obj=settings)
    form.issuer_unit_id.choices = as_choices(unit_choices(current_user, blank=_("— Choose —")))
    form.refresher_course_id.choices = as_choices(_other_courses(course))
    if request.method == "GET" and settings is not None:
        form.issuer_unit_id.data = settings.issuer_unit_id or 0
        form.refresher_course_id.data = settings.refresher_course_id or 0
    if form.validate_on_submit():
        images = {kind: getattr(form, kind).data.read() for kind in ("signature", "seal")
                  if getattr(form, kind).data}
        remove = [kind for kind in ("signature", "seal") if getattr(form, f"remove_{kind}").data]
        try:
            save_settings(current_user, course, form.data, images, utcnow(), _today(),
                          current_app.config["UPLOAD_IMAGE_MAX_BYTES"], remove)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return _render(course, settings, form), 400
        db.session.commit()
        flash(_("The certificate settings of %(course)s were saved.", course=course.title), "success")
        return redirect(url_for("cert_settings.edit", course_id=course.id))
    return _render(course, settings, form), 400 if form.is_submitted() else 200


def _render(course, settings, form):
    return render_template("certificates/settings.html", course=course, settings=settings, form=form,
                           missing=missing_settings(settings))


@bp.get("/<int:course_id>/image/<kind>")
@allow(ADMINS)
def image(course_id, kind):
    settings = settings_for(course_id)
    digest = getattr(settings, f"{kind}_sha256", None) if kind in ("signature", "seal") and settings else None
    data = read_bytes(digest) if digest else None
    if data is None:
        abort_with(404)
    response = Response(data, mimetype="image/png" if data.startswith(b"\x89PNG") else "image/jpeg")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.get("/<int:course_id>/sample.pdf")
@allow(CITY_ADMINS)
def sample(course_id):
    course = load_course(course_id)
    settings = settings_for(course.id)
    if missing_settings(settings):
        abort_with(409, _("Complete the settings first: the sample prints the issuer, the signer and the place."))
    pdf = sample_pdf(course, settings, IssueConfig.from_config(current_app.config), _today())
    return Response(pdf, mimetype="application/pdf", headers={"Content-Disposition": "inline; filename=mau.pdf"})


@bp.route("/<int:course_id>/refresher", methods=["GET", "POST"])
@allow(CITY_ADMINS)
def refresher(course_id):
    course = load_course(course_id)
    settings = settings_for(course.id)
    form = RefresherForm()
    form.refresher_course_id.choices = as_choices(_other_courses(course))
    if request.method == "GET":
        form.refresher_course_id.data = settings.refresher_course_id if settings and settings.refresher_course_id else 0
        form.due_on.data = _today() + timedelta(days=60)
    today = _today()
    if form.validate_on_submit():
        target = db.session.get(Course, form.refresher_course_id.data) if form.refresher_course_id.data else None
        try:
            result = lifecycle.require_refresher(current_user, course, target, form.reason.data, utcnow(),
                                                 IssueConfig.from_config(current_app.config),
                                                 older_only=form.scope.data != "all", due_on=form.due_on.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return _render_refresher(course, form, today), error.status if error.status != 400 else 400
        db.session.commit()
        flash(_("%(num)s holders must now complete %(course)s; they were enrolled in it.", num=result.certificates,
                course=result.refresher_course.title), "success")
        return redirect(url_for("cert_register.index", course=course.id, status="refresher"))
    return _render_refresher(course, form, today), 400 if form.is_submitted() else 200


def _render_refresher(course, form, today):
    return render_template("certificates/refresher.html", course=course, form=form,
                           older=lifecycle.refresher_candidates(course, today, True),
                           every=lifecycle.refresher_candidates(course, today, False))
