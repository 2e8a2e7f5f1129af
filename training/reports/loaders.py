"""Load report objects for a reader: 404 when missing, 403 outside the reader's unit subtree."""

from flask_babel import gettext as _
from sqlalchemy import select

from training.core.errors import abort_with
from training.core.roles import Role, is_path_within
from training.core.security import admin_scope_path
from training.extensions import db
from training.orgunits.models import Unit
from training.reports.models import ApiToken, ReportSnapshot
from training.reports.services.snapshots import may_read


def reader_scope_path(user):
    """Return the unit path a report reader is limited to; ``None`` for the board and city-wide admins."""
    if user.role == Role.BOARD:
        return None
    return admin_scope_path(user)


def load_unit_by_code(user, code):
    """Return the unit ``code`` if ``user`` may read its reports."""
    unit = db.session.scalar(select(Unit).where(Unit.code == code[:32]))
    if unit is None:
        abort_with(404)
    scope = reader_scope_path(user)
    if scope is not None and not is_path_within(unit.path, scope):
        abort_with(403, _("This unit is outside the units you may report on."))
    return unit


def load_snapshot_for(user, snapshot_id):
    """Return snapshot ``snapshot_id`` if ``user`` may read it."""
    snapshot = db.session.get(ReportSnapshot, snapshot_id)
    if snapshot is None:
        abort_with(404)
    if not may_read(reader_scope_path(user), snapshot):
        abort_with(403, _("This report is outside the units you may report on."))
    return snapshot


def load_token_for(user, token_id):
    """Return API token ``token_id`` if ``user`` created it or reads the whole city as an admin."""
    token = db.session.get(ApiToken, token_id)
    if token is None:
        abort_with(404)
    if token.created_by_id != user.id and not (user.role == Role.ADMIN and admin_scope_path(user) is None):
        abort_with(403)
    return token
