"""Unit tree operations: create, rename, move, (de)activate, import. Callers commit."""

from sqlalchemy import String, func, literal, select, update

from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_
from training.core.text import clean_line
from training.extensions import db
from training.orgunits.models import Unit, UnitKind, subtree_condition
from training.orgunits.unit_rows import CODE_PATTERN, check_unit_rows

KINDS = tuple(k.value for k in UnitKind)


def units_in_subtree(root):
    """Return a select of the units under ``root`` (itself included), or all units for ``None``."""
    query = select(Unit)
    if root is not None:
        query = query.where(subtree_condition(Unit.path, root.path))
    return query


def unit_tree(root=None, include_inactive=True):
    """Return ``[(unit, depth_below_root)]`` in display order (parents before their children)."""
    query = units_in_subtree(root)
    if not include_inactive:
        query = query.where(Unit.is_active.is_(True))
    units = db.session.scalars(query).unique().all()
    children = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    for siblings in children.values():
        siblings.sort(key=lambda u: (u.name.casefold(), u.code))
    ids = {u.id for u in units}
    roots = [u for u in units if u.parent_id not in ids]
    roots.sort(key=lambda u: (u.path.count("/"), u.name.casefold()))
    ordered = []

    def walk(unit, depth):
        ordered.append((unit, depth))
        for child in children.get(unit.id, []):
            walk(child, depth + 1)

    for unit in roots:
        walk(unit, 0)
    return ordered


def get_unit_by_code(code):
    """Return the unit with ``code`` (case-insensitive) or ``None``."""
    return db.session.scalar(select(Unit).where(Unit.code == (code or "").strip().upper()))


def create_unit(actor, code, name, kind, parent, now):
    """Create a unit under ``parent`` (``None`` for a root) and audit it."""
    code = (code or "").strip().upper()
    name = clean_line(name)
    _validate(code, name, kind)
    if get_unit_by_code(code) is not None:
        raise DomainError(N_("A unit with code %(code)s already exists."), field="code", code=code)
    unit = Unit(code=code, name=name, kind=kind, parent=parent, parent_id=parent.id if parent else None,
                is_active=True, created_at=now, updated_at=now)
    db.session.add(unit)
    db.session.flush()
    unit.path = (parent.path if parent else "/") + f"{unit.id}/"
    unit.depth = parent.depth + 1 if parent else 0
    audit.record(actor, "unit.create", "unit", unit.id,
                 {"code": code, "name": name, "kind": kind, "parent": parent.code if parent else None}, now)
    return unit


def update_unit(actor, unit, name, kind, now):
    """Rename a unit or change its kind."""
    name = clean_line(name)
    _validate(unit.code, name, kind)
    diff = audit.changes(unit, ("name", "kind"), {"name": name, "kind": kind})
    if not diff:
        return unit
    unit.name, unit.kind, unit.updated_at = name, kind, now
    audit.record(actor, "unit.update", "unit", unit.id, {"code": unit.code, "changes": diff}, now)
    return unit


def move_unit(actor, unit, new_parent, now):
    """Move ``unit`` (and its subtree) under ``new_parent`` (``None`` makes it a root)."""
    if (new_parent.id if new_parent else None) == unit.parent_id:
        return unit
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise DomainError(N_("A unit cannot be moved under itself or one of its own sub-units."), field="parent")
    old_path, old_parent = unit.path, unit.parent
    new_path = (new_parent.path if new_parent else "/") + f"{unit.id}/"
    depth_shift = (new_parent.depth + 1 if new_parent else 0) - unit.depth
    db.session.flush()
    db.session.execute(
        update(Unit)
        .where(subtree_condition(Unit.path, old_path))
        .values(path=literal(new_path, String).op("||")(func.substr(Unit.path, len(old_path) + 1)),
                depth=Unit.depth + depth_shift,
                updated_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(Unit).where(Unit.id == unit.id).values(parent_id=new_parent.id if new_parent else None)
        .execution_options(synchronize_session=False)
    )
    db.session.expire_all()
    audit.record(actor, "unit.move", "unit", unit.id,
                 {"code": unit.code, "from": old_parent.code if old_parent else None,
                  "to": new_parent.code if new_parent else None}, now)
    return db.session.get(Unit, unit.id)


def set_unit_active(actor, unit, active, now):
    """Deactivate (or reactivate) a unit. People in it keep their records."""
    if unit.is_active == active:
        return unit
    if not active:
        active_children = db.session.scalar(
            select(func.count()).select_from(Unit).where(Unit.parent_id == unit.id, Unit.is_active.is_(True))
        )
        if active_children:
            raise DomainError(N_("Deactivate or move the %(count)s active sub-unit(s) first."), count=active_children)
    elif unit.parent is not None and not unit.parent.is_active:
        raise DomainError(N_("Reactivate the parent unit %(code)s first."), code=unit.parent.code)
    unit.is_active, unit.updated_at = active, now
    audit.record(actor, "unit.activate" if active else "unit.deactivate", "unit", unit.id, {"code": unit.code}, now)
    return unit


def check_unit_import(table):
    """Validate a parsed unit table against the units in the database."""
    existing = db.session.execute(select(Unit.code, Unit.parent_id, Unit.id)).all()
    code_by_id = {row.id: row.code for row in existing}
    parents = {row.code: code_by_id.get(row.parent_id, "") for row in existing}
    return check_unit_rows(table.header, table.rows, KINDS, parents)


def apply_unit_import(actor, check, now):
    """Create or update the valid units of ``check`` (parents first).

    :return: per-row results ``[{"row", "code", "status"}]`` with status created/updated/unchanged.
    """
    results = []
    for row in check.rows:
        unit = get_unit_by_code(row.code)
        parent = get_unit_by_code(row.parent_code) if row.parent_code else None
        if unit is None:
            create_unit(actor, row.code, row.name, row.kind, parent, now)
            results.append({"row": row.row, "code": row.code, "name": row.name, "status": "created"})
            continue
        changed = unit.name != row.name or unit.kind != row.kind
        update_unit(actor, unit, row.name, row.kind, now)
        if (parent.id if parent else None) != unit.parent_id:
            move_unit(actor, unit, parent, now)
            changed = True
        results.append({"row": row.row, "code": row.code, "name": row.name,
                        "status": "updated" if changed else "unchanged"})
    return results


def _validate(code, name, kind):
    if not CODE_PATTERN.match(code or ""):
        raise DomainError(N_("The code may only contain letters A-Z, digits, '-', '_' and '.' (at most 32)."),
                          field="code")
    if not name:
        raise DomainError(N_("The name is required."), field="name")
    if len(name) > 255:
        raise DomainError(N_("The name is longer than 255 characters."), field="name")
    if kind not in KINDS:
        raise DomainError(N_("Unknown unit kind."), field="kind")
