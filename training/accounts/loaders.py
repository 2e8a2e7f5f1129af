"""Loading people for an administrator: 404 when missing, 403 outside their scope."""

from flask_babel import gettext as _

from training.accounts.models import User
from training.core.errors import abort_with
from training.core.security import admin_scope_path
from training.extensions import db


def load_user_for(actor, user_id):
    """Return person ``user_id`` if admin ``actor`` may manage them."""
    user = db.session.get(User, user_id)
    if user is None:
        abort_with(404)
    scope_path = admin_scope_path(actor)
    if scope_path is not None and (user.unit is None or not user.unit.path.startswith(scope_path)):
        abort_with(403, _("This person belongs to a unit outside the units you manage."))
    return user
