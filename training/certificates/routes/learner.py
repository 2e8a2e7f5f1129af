"""The learner's page "Giấy chứng nhận của tôi": list, download, share link."""

from flask import Blueprint, Response, current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user

from training.certificates import queries
from training.certificates.loaders import load_certificate_for_download
from training.certificates.serials import normalize_code
from training.certificates.services.printing import IntegrityProblem, download_name, pdf_for_download
from training.certificates.status import COLOURS, LABELS
from training.core.errors import abort_with
from training.core.security import AUTHENTICATED, allow
from training.core.time import local_today, utcnow

bp = Blueprint("my_certificates", __name__, url_prefix="/certificates", template_folder="../templates")


def share_url(certificate):
    """Return the public verification address of ``certificate`` (the QR code's)."""
    base = str(current_app.config["PUBLIC_BASE_URL"]).rstrip("/")
    return f"{base}/verify/{certificate.serial}?code={normalize_code(certificate.verification_code)}"


@bp.get("/")
@allow(AUTHENTICATED)
def index():
    today = local_today(utcnow(), current_app.config["TIMEZONE"])
    rows = [(c, queries.status_of(c, today), share_url(c)) for c in queries.my_certificates(current_user)]
    return render_template("certificates/mine.html", rows=rows, requests=queries.my_requests(current_user),
                           labels=LABELS, colours=COLOURS, today=today)


@bp.get("/<int:certificate_id>/pdf")
@allow(AUTHENTICATED)
def download(certificate_id):
    certificate = load_certificate_for_download(current_user, certificate_id)
    try:
        pdf = pdf_for_download(certificate)
    except IntegrityProblem:
        abort_with(409, _("This certificate's record does not match its fingerprint, so it was not printed. "
                          "The administrators have been told; please contact them."))
    filename = download_name(certificate)
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "private, no-store"})
