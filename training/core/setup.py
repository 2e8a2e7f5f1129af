"""Wire the shared pages (home, language, health, audit log) into the app."""

from flask_babel import lazy_gettext as _l

from training.core import routes
from training.core.navigation import NavEntry, register_nav
from training.core.security import ADMINS


def init_app(app):
    """Register the core blueprint and the audit log's menu entry."""
    app.register_blueprint(routes.bp)
    register_nav(NavEntry("core.audit_log", _l("Audit log"), ADMINS, _l("Who changed what, and when."), 95,
                          section="admin"))
