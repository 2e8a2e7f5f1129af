"""Admin screens for the unit tree: view, create, rename, move, (de)activate, import."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from training.core import imports
from training.core.errors import DomainError, apply_domain_error
from training.core.forms import ConfirmImportForm, UploadForm, as_choices
from training.core.import_flow import ImportKind, handle_preview, handle_upload
from training.core.messages import N_
from training.core.security import ADMINS, CITY_ADMINS, allow
from training.core.time import utcnow
from training.extensions import db
from training.orgunits import services
from training.orgunits.forms import UnitForm
from training.orgunits.loaders import load_unit_for, scope_root, unit_choices
from training.orgunits.models import KIND_LABELS
from training.orgunits.services import unit_tree
from training.orgunits.tree_columns import tree_columns

bp = Blueprint("orgunits", __name__, url_prefix="/admin/units", template_folder="templates")


def _unit_form(obj=None, **kwargs):
    form = UnitForm(obj=obj, **kwargs)
    form.kind.choices = as_choices((k.value, label) for k, label in KIND_LABELS.items())
    blank = _("— Top level —") if current_user.is_city_admin else None
    form.parent_id.choices = as_choices(unit_choices(current_user, blank=blank))
    return form


@bp.get("/")
@allow(ADMINS)
def tree():
    rows = unit_tree(scope_root(current_user))
    columns = [(column, column.counts()) for column in tree_columns()]
    return render_template("orgunits/tree.html", rows=rows, columns=columns, form=ConfirmImportForm())


@bp.route("/new", methods=["GET", "POST"])
@allow(ADMINS)
def create():
    form = _unit_form(parent_id=request.args.get("parent", type=int))
    if form.validate_on_submit():
        parent = load_unit_for(current_user, form.parent_id.data) if form.parent_id.data else None
        if parent is None and not current_user.is_city_admin:
            form.parent_id.errors = [_("Choose a parent unit within the units you manage.")]
            return render_template("orgunits/form.html", form=form, unit=None), 400
        try:
            unit = services.create_unit(current_user, form.code.data, form.name.data, form.kind.data, parent, utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("orgunits/form.html", form=form, unit=None), 400
        db.session.commit()
        flash(_("Unit %(name)s was created.", name=unit.name), "success")
        return redirect(url_for("orgunits.tree"))
    return render_template("orgunits/form.html", form=form, unit=None), 400 if form.is_submitted() else 200


@bp.route("/<int:unit_id>/edit", methods=["GET", "POST"])
@allow(ADMINS)
def edit(unit_id):
    unit = load_unit_for(current_user, unit_id)
    form = _unit_form(obj=unit)
    form.code.render_kw = {"readonly": True}
    if unit.parent is not None and unit.parent_id not in {int(c.value) for c in form.parent_id.choices}:
        # A scoped admin editing their own unit keeps its (out-of-scope) parent.
        form.parent_id.choices.insert(0, SelectChoice(unit.parent_id, f"{unit.parent.name} ({unit.parent.code})"))
    if request.method == "GET":
        form.parent_id.data = unit.parent_id or 0
    if form.validate_on_submit():
        try:
            now = utcnow()
            services.update_unit(current_user, unit, form.name.data, form.kind.data, now)
            parent_id = form.parent_id.data or None
            if parent_id != unit.parent_id:
                services.move_unit(current_user, unit, _new_parent_for(unit, parent_id), now)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("orgunits/form.html", form=form, unit=unit), 400
        db.session.commit()
        flash(_("Unit %(name)s was saved.", name=form.name.data), "success")
        return redirect(url_for("orgunits.tree"))
    return render_template("orgunits/form.html", form=form, unit=unit), 400 if form.is_submitted() else 200


def _new_parent_for(unit, parent_id):
    """Return the unit to move ``unit`` under, checking the admin's scope (404/403/DomainError)."""
    if unit.id == current_user.scope_unit_id:
        raise DomainError(N_("You cannot move the unit you are scoped to."), field="parent_id")
    if parent_id is None:
        if not current_user.is_city_admin:
            raise DomainError(N_("Choose a parent unit within the units you manage."), field="parent_id")
        return None
    return load_unit_for(current_user, parent_id)


@bp.post("/<int:unit_id>/active")
@allow(ADMINS)
def set_active(unit_id):
    unit = load_unit_for(current_user, unit_id)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        return redirect(url_for("orgunits.tree"))
    active = request.form.get("active") == "1"
    try:
        services.set_unit_active(current_user, unit, active, utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(_(error.message, **error.params), "danger")
        return redirect(url_for("orgunits.tree")), 303
    db.session.commit()
    flash(_("Unit %(name)s was reactivated.", name=unit.name) if active
          else _("Unit %(name)s was deactivated.", name=unit.name), "success")
    return redirect(url_for("orgunits.tree"))


def _units_kind():
    return ImportKind(
        kind="units", title=_("Import units"),
        check=services.check_unit_import,
        apply=lambda check, now: services.apply_unit_import(current_user, check, now),
        upload_endpoint="orgunits.import_upload",
        preview_endpoint="orgunits.import_preview", done_endpoint="orgunits.tree",
        result_columns=(("row", _("Row")), ("code", _("Code")), ("name", _("Name")), ("status", _("Result"))),
        expected_columns=(
            ("code", True, _("Unique short code; units are matched by it, so importing again updates them")),
            ("name", True, _("Full name of the unit")),
            ("kind", False, _("party_committee, party_board, peoples_committee, department, ward, commune, front, mass_org or other")),
            ("parent_code", False, _("Code of the parent unit (in the file or already in the system); empty for a top-level unit")),
        ),
    )


@bp.route("/import", methods=["GET", "POST"])
@allow(CITY_ADMINS)
def import_upload():
    return handle_upload(_units_kind(), UploadForm(), current_user)


@bp.route("/import/<int:import_id>", methods=["GET", "POST"])
@allow(CITY_ADMINS)
def import_preview(import_id):
    record = imports.load_import_for(current_user, import_id, "units")
    return handle_preview(_units_kind(), record, current_user)
