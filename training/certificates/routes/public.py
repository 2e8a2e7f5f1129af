"""Public verification of a certificate: ``/verify/<serial>`` (the QR target) and its JSON form.

Rate-limited per address, and per serial for wrong codes (the login pattern), so guessing a
code is hopeless; a 429 is answered in the visitor's language.
"""

from flask import Blueprint, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from training.certificates import verification
from training.certificates.serials import normalize_serial
from training.certificates.status import LABELS, Status
from training.core.security import PUBLIC, allow
from training.core.time import local_today, utcnow
from training.extensions import limiter

bp = Blueprint("verify", __name__, template_folder="../templates")


def _serial_key():
    return "verify:" + normalize_serial((request.view_args or {}).get("serial", ""))


def _wrong_code(response):
    return bool(g.get("verify_failed"))


def _limits(view):
    # Shared scopes: the page and its JSON form draw on the same allowance.
    view = limiter.shared_limit(lambda: current_app.config["VERIFY_LIMIT_PER_CERTIFICATE"], scope="verify-serial",
                                key_func=_serial_key, deduct_when=_wrong_code)(view)
    return limiter.shared_limit(lambda: current_app.config["VERIFY_LIMIT_PER_IP"], scope="verify-address")(view)


def outcome_labels():
    """Return the public wording of every answer, in the visitor's language."""
    labels = {str(status): _(label) for status, label in LABELS.items()}
    labels.update({"unknown": _("No certificate has this serial."),
                   "wrong_code": _("The verification code does not match this certificate."),
                   "need_code": _("Enter the verification code printed on the certificate.")})
    return labels


def _answer():
    answer = verification.check(request.view_args["serial"], request.args.get("code", ""),
                                local_today(utcnow(), current_app.config["TIMEZONE"]))
    g.verify_failed = answer.outcome == "wrong_code"
    return answer


@bp.get("/verify")
@allow(PUBLIC)
def lookup():
    serial = normalize_serial(request.args.get("serial", ""))
    if serial:
        return redirect(url_for("verify.certificate", serial=serial, code=request.args.get("code") or None))
    return _robots(render_template("certificates/verify_lookup.html"))


@bp.get("/verify/<serial>")
@allow(PUBLIC)
@_limits
def certificate(serial):
    answer = _answer()
    status = 404 if answer.outcome == "unknown" else 200
    return _robots(render_template("certificates/verify.html", answer=answer, labels=outcome_labels(),
                                   Status=Status, code=request.args.get("code", ""))), status


@bp.get("/api/v1/verify/<serial>")
@allow(PUBLIC)
@_limits
def certificate_json(serial):
    answer = _answer()
    response = jsonify(answer.as_json(outcome_labels()))
    response.status_code = 404 if answer.outcome == "unknown" else 200
    return _robots(response)


def _robots(response):
    response = current_app.make_response(response)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
