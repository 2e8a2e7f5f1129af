"""People: create, update, (de)activate, passwords, and the roster import. Callers commit."""

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload
from werkzeug.security import check_password_hash, generate_password_hash

from training.accounts.models import User
from training.accounts.passwords import password_problem
from training.accounts.roster_rows import check_roster_rows, is_valid_email
from training.accounts.sessions import find_user_by_email, revoke_all_sessions
from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_, Issue
from training.core.roles import ROLE_VALUES, Role
from training.core.security import admin_scope_path
from training.core.text import clean_line, fold, normalize_email
from training.extensions import db
from training.orgunits.models import Unit, subtree_condition

PROFILE_FIELDS = ("full_name", "position", "unit_id", "is_spokesperson", "spokesperson_decision", "designated_on")
# A real hash of a random string: checking it takes as long as checking a real password,
# so "unknown e-mail" and "wrong password" cannot be told apart by timing.
_DUMMY_HASH = generate_password_hash("timing-equaliser-8d1f0c")


def hash_password(password):
    """Return a scrypt hash of ``password`` (Werkzeug's default)."""
    return generate_password_hash(password)


def authenticate(email, password):
    """Return the active user whose ``email`` and ``password`` match, else ``None``.

    Unknown e-mail, wrong password and deactivated account all look the same from outside.
    """
    user = find_user_by_email(normalize_email(email))
    if user is None or not user.password_hash:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    if not user.is_active:
        return None
    return user


def allowed_roles_for(actor):
    """Return the roles ``actor`` may give: a scoped admin only learners and trainers."""
    if actor is None or actor.is_city_admin:
        return set(ROLE_VALUES)
    return {Role.LEARNER.value, Role.TRAINER.value}


def users_query(actor, search="", unit=None, role=None, spokesperson=None, active=None):
    """Return a select of the users ``actor`` may manage, filtered as the users list asks."""
    query = select(User).outerjoin(Unit, User.unit_id == Unit.id).options(contains_eager(User.unit),
                                                                        joinedload(User.scope_unit))
    scope_path = admin_scope_path(actor)
    if scope_path is not None:
        query = query.where(subtree_condition(Unit.path, scope_path))
    if unit is not None:
        query = query.where(subtree_condition(Unit.path, unit.path))
    if role:
        query = query.where(User.role == role)
    if spokesperson is not None:
        query = query.where(User.is_spokesperson.is_(spokesperson))
    if active is not None:
        query = query.where(User.is_active.is_(active))
    words = fold(clean_line(search))
    if words:
        escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(User.search_text.like(f"%{escaped}%", escape="\\"))
    return query.order_by(Unit.path, User.full_name)


def create_user(actor, data, now, password=None):
    """Create a person from ``data`` (email, full_name, position, unit, role, ...)."""
    email = normalize_email(data.get("email"))
    if not is_valid_email(email):
        raise DomainError(N_("Enter a valid e-mail address."), field="email")
    if find_user_by_email(email) is not None:
        raise DomainError(N_("Another person already uses this e-mail address."), field="email")
    _check_assignment(actor, data)
    user = User(email=email, locale=data.get("locale") or "vi", is_active=True, created_at=now, updated_at=now,
                role=data.get("role") or Role.LEARNER.value, scope_unit_id=_scope_id(data))
    _apply_profile(user, data)
    if password:
        _check_password(password, email)
        user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", "user", user.id,
                 {"email": email, "name": user.full_name, "role": user.role,
                  "unit": user.unit.code if user.unit else None}, now)
    return user


def update_user(actor, user, data, now):
    """Change a person's profile, role or admin scope; every change is audited."""
    email = normalize_email(data.get("email", user.email))
    if email != user.email:
        if not is_valid_email(email):
            raise DomainError(N_("Enter a valid e-mail address."), field="email")
        if find_user_by_email(email) is not None:
            raise DomainError(N_("Another person already uses this e-mail address."), field="email")
    _check_assignment(actor, data, user)
    if actor is not None and actor.id == user.id and data.get("role", user.role) != user.role:
        raise DomainError(N_("You cannot change your own role."), field="role")
    new_values = {**_profile_values(data, user), "email": email, "role": data.get("role", user.role),
                  "scope_unit_id": _scope_id(data) if "role" in data else user.scope_unit_id,
                  "locale": data.get("locale", user.locale)}
    diff = audit.changes(user, PROFILE_FIELDS + ("email", "role", "scope_unit_id", "locale"), new_values)
    if not diff:
        return user
    for field, value in new_values.items():
        setattr(user, field, value)
    user.updated_at = now
    action = "user.role_change" if "role" in diff or "scope_unit_id" in diff else "user.update"
    audit.record(actor, action, "user", user.id, {"email": user.email, "changes": diff}, now)
    return user


def set_user_active(actor, user, active, now):
    """Deactivate (ends every session at once) or reactivate a person."""
    if actor is not None and actor.id == user.id and not active:
        raise DomainError(N_("You cannot deactivate your own account."))
    if user.is_active == active:
        return user
    user.is_active, user.updated_at = active, now
    if not active:
        revoke_all_sessions(user, now)
    audit.record(actor, "user.activate" if active else "user.deactivate", "user", user.id, {"email": user.email}, now)
    return user


def set_temporary_password(actor, user, password, now):
    """Give ``user`` a password they must change at their next login; ends their sessions."""
    _check_password(password, user.email)
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.updated_at = now
    revoke_all_sessions(user, now)
    audit.record(actor, "user.password_reset", "user", user.id, {"email": user.email}, now)


def change_own_password(user, current_password, new_password, now):
    """Change ``user``'s password after checking the current one; every session ends."""
    if not user.password_hash or not check_password_hash(user.password_hash, current_password or ""):
        raise DomainError(N_("The current password is not correct."), field="current_password")
    if current_password == new_password:
        raise DomainError(N_("Choose a password different from the current one."), field="new_password")
    _check_password(new_password, user.email, field="new_password")
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    user.updated_at = now
    revoke_all_sessions(user, now)
    audit.record(user, "user.password_change", "user", user.id, {"email": user.email}, now)


def check_roster_import(actor, table):
    """Validate a roster table for ``actor``: units in scope, roles allowed, people in scope."""
    units = db.session.execute(select(Unit.code, Unit.path, Unit.is_active)).all()
    codes = {u.code for u in units if u.is_active}
    scope_path = admin_scope_path(actor)
    allowed_codes = None if scope_path is None else {u.code for u in units if u.path.startswith(scope_path)}
    check = check_roster_rows(table.header, table.rows, codes, allowed_codes, set(ROLE_VALUES), allowed_roles_for(actor))
    if scope_path is None or not check.rows:
        return check
    existing = {u.email: u for u in db.session.scalars(select(User).options(selectinload(User.unit))
                                                       .where(User.email.in_([r.email for r in check.rows])))}
    extra, rows = [], []
    for row in check.rows:
        person = existing.get(row.email)
        if person is not None and (person.unit is None or not person.unit.path.startswith(scope_path)):
            extra.append(Issue(N_("%(value)s belongs to a unit outside the units you manage."), row=row.row,
                               column="email", params={"value": row.email}))
        else:
            rows.append(row)
    return type(check)(rows=tuple(rows), issues=tuple(sorted(check.issues + tuple(extra), key=lambda i: i.row)))


def apply_roster_import(actor, check, now):
    """Create or update the people of a validated roster, idempotently by e-mail.

    An existing person's role is never changed by an import (that is done, audited, on their page).
    :return: per-row results with status created/updated/unchanged.
    """
    unit_ids = dict(db.session.execute(select(Unit.code, Unit.id)).all())
    results = []
    for row in check.rows:
        data = {"email": row.email, "full_name": row.full_name, "position": row.position,
                "unit_id": unit_ids[row.unit_code], "role": row.role, "is_spokesperson": row.is_spokesperson,
                "spokesperson_decision": row.decision_no, "designated_on": row.designated_on}
        person = find_user_by_email(row.email)
        if person is None:
            create_user(actor, data, now)
            status = "created"
        else:
            data.pop("role")
            before = person.updated_at
            update_user(actor, person, data, now)
            status = "updated" if person.updated_at != before else "unchanged"
        results.append({"row": row.row, "email": row.email, "name": row.full_name, "unit": row.unit_code,
                        "status": status})
    return results


def _profile_values(data, user=None):
    values = {}
    for field in PROFILE_FIELDS:
        if field in data:
            value = data[field]
            values[field] = clean_line(value) if isinstance(value, str) else value
        elif user is not None:
            values[field] = getattr(user, field)
    return values


def _apply_profile(user, data):
    values = _profile_values(data)
    if not values.get("full_name"):
        raise DomainError(N_("The full name is required."), field="full_name")
    for field, value in values.items():
        setattr(user, field, value)
    user.position = user.position or ""
    user.spokesperson_decision = user.spokesperson_decision or ""
    user.is_spokesperson = bool(user.is_spokesperson)


def _scope_id(data):
    return data.get("scope_unit_id") if data.get("role") == Role.ADMIN.value else None


def _check_assignment(actor, data, user=None):
    """Refuse roles and units outside what ``actor`` may give."""
    if "full_name" in data and not clean_line(data.get("full_name")):
        raise DomainError(N_("The full name is required."), field="full_name")
    role = data.get("role", user.role if user else Role.LEARNER.value)
    if role not in ROLE_VALUES:
        raise DomainError(N_("Unknown role."), field="role")
    if actor is None:
        return
    changing_role = user is None or role != user.role
    if changing_role and role not in allowed_roles_for(actor):
        raise DomainError(N_("You may not give this role."), field="role")
    if user is not None and not actor.is_city_admin and user.role not in allowed_roles_for(actor):
        raise DomainError(N_("Only a city-wide administrator can change this account."))
    scope_path = admin_scope_path(actor)
    unit_id = data.get("unit_id", user.unit_id if user else None)
    if scope_path is not None:
        unit = db.session.get(Unit, unit_id) if unit_id else None
        if unit is None or not unit.path.startswith(scope_path):
            raise DomainError(N_("Choose a unit within the units you manage."), field="unit_id")


def _check_password(password, email, field="password"):
    problem = password_problem(password, email)
    if problem:
        raise DomainError(problem, field=field)
