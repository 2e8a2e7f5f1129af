"""Wire the unit tree into the app: blueprint, menu entry, audit labels."""

from flask_babel import lazy_gettext as _l

from training.core.audit import register_actions
from training.core.navigation import NavEntry, register_nav
from training.core.security import ADMINS
from training.orgunits import routes


def init_app(app):
    """Register the blueprint of the unit tree."""
    app.register_blueprint(routes.bp)
    register_nav(NavEntry("orgunits.tree", _l("Units"), ADMINS, _l("The tree of party, government and mass bodies."), 70,
                          section="admin"))
    register_actions({
        "unit.create": _l("Unit created"), "unit.update": _l("Unit renamed"), "unit.move": _l("Unit moved"),
        "unit.deactivate": _l("Unit deactivated"), "unit.activate": _l("Unit reactivated"),
        "import.units": _l("Units imported"),
    })
