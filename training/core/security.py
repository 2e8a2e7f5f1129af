"""Access control: every view declares who may use it, and object loaders check scope.

A view is wrapped with :func:`allow` and an :class:`AccessRule`. The factory refuses to
start if any endpoint lacks a rule (fail closed), and ``tests/test_access.py`` checks every
endpoint against every role, so a new route cannot ship without a decision about who may
use it.
"""

from dataclasses import dataclass
from functools import wraps

from flask import redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from training.core.errors import abort_with, wants_json
from training.core.roles import Role, is_path_within


@dataclass(frozen=True)
class AccessRule:
    """Who may call a view: ``public``, any logged-in user, or users passing ``check``."""

    name: str
    public: bool = False
    roles: frozenset = frozenset()
    city_wide_only: bool = False
    predicate: object = None  # an extra check taking the (logged-in) user

    def permits(self, user):
        """Return whether ``user`` (possibly anonymous) passes this rule."""
        if self.public:
            return True
        if not user.is_authenticated:
            return False
        if self.roles and user.role not in self.roles:
            return False
        if self.city_wide_only and getattr(user, "scope_unit_id", None) is not None:
            return False
        return self.predicate is None or bool(self.predicate(user))


PUBLIC = AccessRule("public", public=True)
AUTHENTICATED = AccessRule("authenticated")
def _is_author(user):
    return user.role == Role.TRAINER or (user.role == Role.ADMIN and user.scope_unit_id is None)


#: Trainers and city-wide admins write courses, questions and scenarios (content is city-wide).
AUTHORS = AccessRule("authors", roles=frozenset({Role.TRAINER, Role.ADMIN}), predicate=_is_author)
#: Trainers and every admin: follow classes, grade, manage enrolments within their scope.
STAFF = AccessRule("staff", roles=frozenset({Role.TRAINER, Role.ADMIN}))
ADMINS = AccessRule("admins", roles=frozenset({Role.ADMIN}))
CITY_ADMINS = AccessRule("city-admins", roles=frozenset({Role.ADMIN}), city_wide_only=True)
REPORT_READERS = AccessRule("report-readers", roles=frozenset({Role.ADMIN, Role.BOARD}))


def allow(rule):
    """Declare and enforce who may use the decorated view.

    Anonymous visitors are sent to the login page (401 for JSON clients); logged-in users
    without the right role get 403.
    """

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not rule.permits(current_user):
                if not current_user.is_authenticated:
                    if wants_json():
                        abort_with(401, _("Your session has ended. Log in again."))
                    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
                abort_with(403)
            return view(*args, **kwargs)

        guarded.access_rule = rule
        return guarded

    return decorate


def undeclared_endpoints(app):
    """Return the endpoints whose view has no access rule (the factory refuses to start)."""
    missing = []
    for endpoint, view in app.view_functions.items():
        if endpoint == "static" or endpoint.endswith(".static"):
            continue
        if not hasattr(view, "access_rule"):
            missing.append(endpoint)
    return sorted(missing)


def can_author(user):
    """Return whether ``user`` may write courses, questions and scenarios."""
    return user.is_authenticated and _is_author(user)


def admin_scope_path(user):
    """Return the unit path an admin is limited to, or ``None`` for a city-wide admin."""
    scope = getattr(user, "scope_unit", None)
    return scope.path if scope is not None else None


def can_manage_unit_path(user, unit_path):
    """Return whether admin ``user`` may manage things in the unit at ``unit_path``."""
    if not user.is_authenticated or user.role != Role.ADMIN:
        return False
    scope_path = admin_scope_path(user)
    return scope_path is None or is_path_within(unit_path, scope_path)


def can_read_unit_path(user, unit_path):
    """Return whether ``user`` may read reports about the unit at ``unit_path``."""
    if user.is_authenticated and user.role == Role.BOARD:
        return True
    return can_manage_unit_path(user, unit_path)
