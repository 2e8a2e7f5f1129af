"""Load the demo data through the same services an administrator uses. Idempotent."""

from sqlalchemy import func, select

from training.accounts import services as accounts
from training.accounts.models import User
from training.accounts.sessions import find_user_by_email
from training.core.time import parse_date
from training.demo.people import ACCOUNTS, UNITS
from training.extensions import db
from training.orgunits import services as orgunits
from training.orgunits.models import Unit


def database_is_empty():
    """Return whether the database has neither units nor people yet."""
    units = db.session.scalar(select(func.count()).select_from(Unit))
    users = db.session.scalar(select(func.count()).select_from(User))
    return not units and not users


def seed_units(now):
    """Create the demo unit tree (existing codes are left as they are)."""
    created = 0
    for code, name, kind, parent_code in UNITS:
        if orgunits.get_unit_by_code(code) is None:
            parent = orgunits.get_unit_by_code(parent_code) if parent_code else None
            orgunits.create_unit(None, code, name, kind, parent, now)
            created += 1
    return created


def seed_accounts(password, now):
    """Create or refresh the demo accounts; every one gets ``password``.

    :return: ``[(role, email, full name, unit code)]`` for printing the logins.
    """
    logins = []
    for email, name, unit_code, position, role, scope_code, decision, designated in ACCOUNTS:
        unit = orgunits.get_unit_by_code(unit_code)
        scope = orgunits.get_unit_by_code(scope_code) if scope_code else None
        data = {"email": email, "full_name": name, "position": position, "unit_id": unit.id, "role": role,
                "scope_unit_id": scope.id if scope else None, "is_spokesperson": bool(decision),
                "spokesperson_decision": decision, "designated_on": parse_date(designated) if designated else None}
        user = find_user_by_email(email)
        if user is None:
            user = accounts.create_user(None, data, now)
        user.password_hash = accounts.hash_password(password)
        user.must_change_password = False
        user.is_active = True
        logins.append((role, email, name, unit_code, scope_code))
    return logins
