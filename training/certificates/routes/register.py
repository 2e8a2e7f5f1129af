"""The register (sổ cấp giấy chứng nhận) for administrators within their units: list, export,
detail, revoke, and a class's certificates as one ZIP or one merged PDF (streamed)."""

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from training.certificates import queries
from training.certificates.forms import ReasonForm
from training.certificates.loaders import load_certificate_for_admin
from training.certificates.register_filters import export_rows, parse_filters
from training.certificates.services import lifecycle
from training.certificates.services.printing import check_integrity, iter_certificates_pdf, iter_certificates_zip
from training.certificates.status import COLOURS, LABELS, Status
from training.core.errors import DomainError, abort_with, apply_domain_error
from training.core.pagination import page_number, paginate
from training.core.security import ADMINS, allow
from training.core.tabular import xlsx_bytes
from training.core.text import slugify
from training.core.time import local_today, utcnow
from training.courses.loaders import load_class_for
from training.courses.models import Course, TrainingClass
from training.extensions import db
from training.orgunits.loaders import unit_code_choices

bp = Blueprint("cert_register", __name__, url_prefix="/admin/certificates", template_folder="../templates")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _today():
    return local_today(utcnow(), current_app.config["TIMEZONE"])


@bp.get("/")
@allow(ADMINS)
def index():
    today = _today()
    filters = parse_filters(current_user, request.args)
    page = paginate(queries.register_query(current_user, filters, today), page_number(request.args), per_page=50)
    courses = db.session.scalars(select(Course).order_by(Course.title)).all()
    classes = db.session.scalars(select(TrainingClass).order_by(TrainingClass.name)).all()
    return render_template("certificates/register.html", page=page, filters=filters, args=request.args, today=today,
                           labels=LABELS, colours=COLOURS, statuses=list(Status), courses=courses, classes=classes,
                           units=unit_code_choices(current_user), counts=queries.status_counts(current_user, today),
                           pending=queries.pending_count(current_user), notices=lifecycle.open_notices(),
                           status_of=queries.status_of)


@bp.get("/export.xlsx")
@allow(ADMINS)
def export():
    today = _today()
    filters = parse_filters(current_user, request.args)
    rows = db.session.scalars(queries.register_query(current_user, filters, today)).unique().all()
    header, body = export_rows(rows, today, {str(k): _(v) for k, v in LABELS.items()})
    data = xlsx_bytes([(_("Certificate register"), header, body, {})])
    return Response(data, mimetype=XLSX, headers={
        "Content-Disposition": f'attachment; filename="so-cap-giay-chung-nhan-{today:%Y%m%d}.xlsx"'})


@bp.get("/<int:certificate_id>")
@allow(ADMINS)
def detail(certificate_id):
    certificate = load_certificate_for_admin(current_user, certificate_id)
    today = _today()
    return render_template("certificates/detail.html", certificate=certificate, form=ReasonForm(),
                           status=queries.status_of(certificate, today), labels=LABELS, colours=COLOURS,
                           integrity=check_integrity(certificate), events=queries.history(certificate))


@bp.post("/<int:certificate_id>/revoke")
@allow(ADMINS)
def revoke(certificate_id):
    certificate = load_certificate_for_admin(current_user, certificate_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            lifecycle.revoke(current_user, certificate, form.reason.data, utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Certificate %(serial)s was revoked; the verification page now says so, with the reason.",
                    serial=certificate.serial), "success")
            return redirect(url_for("cert_register.detail", certificate_id=certificate.id))
    today = _today()
    return render_template("certificates/detail.html", certificate=certificate, form=form,
                           status=queries.status_of(certificate, today), labels=LABELS, colours=COLOURS,
                           integrity=None, events=queries.history(certificate)), 400


@bp.get("/classes/<int:class_id>/certificates.<fmt>")
@allow(ADMINS)
def class_download(class_id, fmt):
    training_class = load_class_for(current_user, class_id)
    if fmt not in ("zip", "pdf"):
        abort_with(404)
    ids = queries.class_certificate_ids(current_user, training_class)
    if not ids:
        abort_with(404, _("No certificate has been issued in this class yet."))
    name = f"giay-chung-nhan-{slugify(training_class.name, 60)}.{fmt}"
    problems = _("These certificates were left out: their record does not match its fingerprint.")
    if fmt == "zip":
        body, mimetype = (lambda: iter_certificates_zip(ids, problems)), "application/zip"
    else:
        info = {"title": training_class.name, "author": current_app.config["ORGANISATION_NAME"],
                "subject": training_class.course.title, "created_on": _today(), "problems_title": problems}
        body, mimetype = (lambda: iter_certificates_pdf(ids, **info)), "application/pdf"
    return Response(_streamed(current_app._get_current_object(), body), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store",
                             "X-Accel-Buffering": "no"})


def _streamed(app, make):
    """Yield ``make()``'s chunks, each produced inside an application context of its own.

    Everything tied to the request (the admin's scope, the translated texts, the list of ids)
    is decided before the first byte; the body then streams one certificate at a time. No
    context stays pushed between two chunks, so a client that disconnects (the generator is
    closed wherever the server happens to be) leaves nothing half-popped.
    """
    body = None
    while True:
        with app.app_context():
            body = body or make()
            chunk = next(body, None)
        if chunk is None:
            return
        yield chunk
