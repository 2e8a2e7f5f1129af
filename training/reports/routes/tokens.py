"""API tokens: list, create (the token is shown once), revoke."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from training.core.errors import DomainError, abort_with
from training.core.roles import Role
from training.core.security import REPORT_READERS, admin_scope_path, allow
from training.core.time import utcnow
from training.extensions import db
from training.reports.forms import TokenForm
from training.reports.loaders import load_token_for, load_unit_by_code, reader_scope_path
from training.reports.routes.dashboard import error_text, unit_code_choices_for_reader
from training.reports.services import tokens

bp = Blueprint("report_tokens", __name__, url_prefix="/reports/tokens", template_folder="../templates")


def _city_admin():
    return current_user.role == Role.ADMIN and admin_scope_path(current_user) is None


def _form():
    form = TokenForm()
    city = reader_scope_path(current_user) is None
    form.unit.choices = ([("", _("Whole city"))] if city else []) + unit_code_choices_for_reader()
    return form


def _render(form, created=None, status=200):
    rows = tokens.visible_tokens(current_user, _city_admin())
    return render_template("reports/tokens.html", tokens=rows, form=form, created=created), status


@bp.get("/")
@allow(REPORT_READERS)
def index():
    return _render(_form())


@bp.post("/")
@allow(REPORT_READERS)
def create():
    form = _form()
    if not form.validate_on_submit():
        return _render(form, status=400)
    unit = load_unit_by_code(current_user, form.unit.data) if form.unit.data else None
    try:
        token, text = tokens.create_token(current_user, form.name.data, unit, reader_scope_path(current_user), utcnow())
    except DomainError as error:
        db.session.rollback()
        if error.status != 400:
            abort_with(error.status, error_text(error))
        form.form_errors.append(error_text(error))
        return _render(form, status=400)
    db.session.commit()
    # Shown once, in this answer only: the database keeps its sha256.
    return _render(_form(), created={"token": token, "text": text})


@bp.post("/<id32:token_id>/revoke")
@allow(REPORT_READERS)
def revoke(token_id):
    token = load_token_for(current_user, token_id)
    tokens.revoke_token(current_user, token, utcnow())
    db.session.commit()
    flash(_("The token was revoked: systems using it can no longer read reports."), "success")
    return redirect(url_for("report_tokens.index"))
