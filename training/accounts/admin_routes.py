"""Admin screens for people: list with search and filters, create, edit, deactivate, import."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from training.accounts import services
from training.accounts.forms import ActionForm, TemporaryPasswordForm, UserForm
from training.accounts.loaders import load_user_for
from training.accounts.models import ROLE_LABELS
from training.accounts.sessions import active_sessions
from training.core import imports
from training.core.audit import AuditEvent
from training.core.errors import DomainError, apply_domain_error
from training.core.forms import UploadForm, as_choices
from training.core.import_flow import ImportKind, handle_preview, handle_upload
from training.core.pagination import page_number, paginate
from training.core.security import ADMINS, allow
from training.core.time import utcnow
from training.extensions import db
from training.orgunits.loaders import load_unit_for, unit_choices, unit_code_choices
from training.orgunits.services import get_unit_by_code

bp = Blueprint("users", __name__, url_prefix="/admin/users", template_folder="templates")


def _user_form(**kwargs):
    form = UserForm(**kwargs)
    form.unit_id.choices = as_choices(unit_choices(current_user))
    allowed = services.allowed_roles_for(current_user)
    form.role.choices = as_choices((r.value, label) for r, label in ROLE_LABELS.items() if r.value in allowed)
    blank = _("Whole city") if current_user.is_city_admin else None
    form.scope_unit_id.choices = as_choices(unit_choices(current_user, blank=blank))
    return form


def _filters():
    args = request.args
    unit = get_unit_by_code(args.get("unit", "")) if args.get("unit") else None
    if unit is not None:
        unit = load_unit_for(current_user, unit.id)
    spokesperson = {"yes": True, "no": False}.get(args.get("spokesperson", ""))
    active = {"yes": True, "no": False, "all": None}.get(args.get("active", "yes"), True)
    role = args.get("role") if args.get("role") in {r.value for r in ROLE_LABELS} else None
    return {"search": args.get("q", "")[:100], "unit": unit, "role": role, "spokesperson": spokesperson,
            "active": active}


@bp.get("/")
@allow(ADMINS)
def index():
    filters = _filters()
    page = paginate(services.users_query(current_user, **filters), page_number(request.args), per_page=25)
    return render_template("accounts/users.html", page=page, filters=filters, args=request.args,
                           units=unit_code_choices(current_user), roles=ROLE_LABELS)


@bp.route("/new", methods=["GET", "POST"])
@allow(ADMINS)
def create():
    form = _user_form()
    if form.validate_on_submit():
        try:
            user = services.create_user(current_user, form.to_data(), utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("accounts/user_form.html", form=form, user=None), 400
        db.session.commit()
        flash(_("%(name)s was added. Give them a temporary password so they can log in.", name=user.full_name),
              "success")
        return redirect(url_for("users.detail", user_id=user.id))
    return render_template("accounts/user_form.html", form=form, user=None), 400 if form.is_submitted() else 200


@bp.get("/<int:user_id>")
@allow(ADMINS)
def detail(user_id):
    user = load_user_for(current_user, user_id)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.target_type == "user", AuditEvent.target_id == str(user.id))
        .order_by(AuditEvent.at.desc()).limit(20)
    ).all()
    return render_template("accounts/user_detail.html", user=user, events=events,
                           sessions=active_sessions(user, utcnow()), form=ActionForm(),
                           password_form=TemporaryPasswordForm())


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
@allow(ADMINS)
def edit(user_id):
    user = load_user_for(current_user, user_id)
    form = _user_form(obj=user)
    if request.method == "GET":
        form.scope_unit_id.data = user.scope_unit_id or 0
    if form.validate_on_submit():
        try:
            services.update_user(current_user, user, form.to_data(), utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("accounts/user_form.html", form=form, user=user), 400
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect(url_for("users.detail", user_id=user.id))
    return render_template("accounts/user_form.html", form=form, user=user), 400 if form.is_submitted() else 200


@bp.post("/<int:user_id>/active")
@allow(ADMINS)
def set_active(user_id):
    user = load_user_for(current_user, user_id)
    if ActionForm().validate_on_submit():
        active = request.form.get("active") == "1"
        try:
            services.set_user_active(current_user, user, active, utcnow())
        except DomainError as error:
            db.session.rollback()
            flash(_(error.message), "danger")
            return redirect(url_for("users.detail", user_id=user.id))
        db.session.commit()
        flash(_("The account was reactivated.") if active
              else _("The account was deactivated; its sessions were ended."), "success")
    return redirect(url_for("users.detail", user_id=user.id))


@bp.post("/<int:user_id>/password")
@allow(ADMINS)
def set_password(user_id):
    user = load_user_for(current_user, user_id)
    form = TemporaryPasswordForm()
    if form.validate_on_submit():
        try:
            services.set_temporary_password(current_user, user, form.password.data, utcnow())
        except DomainError as error:
            db.session.rollback()
            flash(_(error.message), "danger")
            return redirect(url_for("users.detail", user_id=user.id))
        db.session.commit()
        flash(_("The temporary password was set. Give it to the person in private."), "success")
    else:
        flash(_("Enter a password."), "danger")
    return redirect(url_for("users.detail", user_id=user.id))


def _roster_kind():
    return ImportKind(
        kind="users", title=_("Import people"),
        check=lambda table: services.check_roster_import(current_user, table),
        apply=lambda check, now: services.apply_roster_import(current_user, check, now),
        upload_endpoint="users.import_upload",
        preview_endpoint="users.import_preview", done_endpoint="users.index",
        result_columns=(("row", _("Row")), ("email", _("E-mail")), ("name", _("Full name")), ("unit", _("Unit")),
                        ("status", _("Result"))),
        expected_columns=(
            ("email", True, _("E-mail address; people are matched by it, so importing again updates them")),
            ("full_name", True, _("Full name with diacritics")),
            ("unit_code", True, _("Code of an existing unit, e.g. PVHTT")),
            ("position", False, _("Position")),
            ("role", False, _("learner (default), trainer, admin or board; only used for new people")),
            ("is_spokesperson", False, _("yes/no (có/không)")),
            ("decision_no", False, _("Designation decision number, e.g. 125/QĐ-UBND")),
            ("designated_on", False, _("Designation date, dd/mm/yyyy")),
        ),
    )


@bp.route("/import", methods=["GET", "POST"])
@allow(ADMINS)
def import_upload():
    return handle_upload(_roster_kind(), UploadForm(), current_user)


@bp.route("/import/<int:import_id>", methods=["GET", "POST"])
@allow(ADMINS)
def import_preview(import_id):
    record = imports.load_import_for(current_user, import_id, "users")
    return handle_preview(_roster_kind(), record, current_user)
