"""Loading units for a user: 404 when missing, 403 when outside the user's scope."""

from flask_babel import gettext as _
from sqlalchemy import select

from training.core.errors import abort_with
from training.core.security import admin_scope_path, can_manage_unit_path
from training.extensions import db
from training.orgunits.models import Unit
from training.orgunits.services import unit_tree


def load_unit_for(user, unit_id):
    """Return unit ``unit_id`` if ``user`` may manage it."""
    unit = db.session.get(Unit, unit_id)
    if unit is None:
        abort_with(404)
    if not can_manage_unit_path(user, unit.path):
        abort_with(403, _("This unit is outside the units you manage."))
    return unit


def scope_root(user):
    """Return the unit an admin is limited to, or ``None`` when they see the whole city."""
    if admin_scope_path(user) is None:
        return None
    return user.scope_unit


def unit_choices(user, include_inactive=False, blank=None):
    """Return ``[(id, indented name)]`` of the units ``user`` may pick, tree-ordered."""
    choices = [(0, blank)] if blank is not None else []
    for unit, depth in unit_tree(scope_root(user), include_inactive=include_inactive):
        choices.append((unit.id, "\u2003" * depth + f"{unit.name} ({unit.code})"))
    return choices


def unit_code_choices(user):
    """Return ``[(code, indented name)]`` of the units ``user`` may filter by."""
    return [(unit.code, "\u2003" * depth + unit.name) for unit, depth in unit_tree(scope_root(user))]


def all_unit_codes():
    """Return every unit code (for filters)."""
    return db.session.scalars(select(Unit.code).order_by(Unit.code)).all()
