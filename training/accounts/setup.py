"""Wire accounts into the app: the session loader, menu entries, unit-tree column, audit labels."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from training.accounts import admin_routes, auth_routes
from training.accounts.models import User
from training.accounts.sessions import load_session_user
from training.core.audit import register_actions
from training.core.navigation import NavEntry, register_nav
from training.core.security import ADMINS
from training.core.time import utcnow
from training.extensions import db, login_manager
from training.orgunits.tree_columns import TreeColumn, register_tree_column


def init_app(app):
    """Register the blueprints and hooks of the accounts feature."""
    app.register_blueprint(auth_routes.bp)
    app.register_blueprint(admin_routes.bp)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = None  # server-side sessions do the real work
    login_manager.user_loader(_load_user)
    register_nav(NavEntry("users.index", _l("People"), ADMINS, _l("The roster: spokespersons, trainers, administrators."), 80,
                          section="admin"))
    register_tree_column(TreeColumn("people", _l("People"), _people_per_unit, "users.index"))
    register_actions({
        "user.create": _l("Person added"), "user.update": _l("Person edited"),
        "user.role_change": _l("Role or scope changed"), "user.deactivate": _l("Account deactivated"),
        "user.activate": _l("Account reactivated"), "user.password_reset": _l("Temporary password set"),
        "user.password_change": _l("Password changed"), "import.users": _l("People imported"),
    })


def _load_user(token):
    return load_session_user(token, utcnow(), current_app.config["SESSION_IDLE_MINUTES"])


def _people_per_unit():
    rows = db.session.execute(
        select(User.unit_id, func.count()).where(User.is_active.is_(True)).group_by(User.unit_id)
    ).all()
    return dict(rows)
