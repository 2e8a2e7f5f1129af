"""The audit log: who changed what, when, from where. Append-only.

Services call :func:`record` inside the same transaction as the change, so an audited
change and its log entry are committed (or rolled back) together.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from training.core.types import JSONText, NFCString, UTCDateTime
from training.extensions import db

#: Actions shown in the filter; features add theirs with :func:`register_actions`.
KNOWN_ACTIONS: dict = {}


def register_actions(mapping):
    """Register ``{action: lazy translatable label}`` for the audit filter and list."""
    KNOWN_ACTIONS.update(mapping)


class AuditEvent(db.Model):
    """One administrative change."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: When the change was made (UTC).
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    #: Who made it; ``None`` for the command line or the system.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: The actor's e-mail (or "cli") at the time, kept even if the account changes later.
    actor_label: Mapped[str] = mapped_column(NFCString(255))
    #: Dotted verb, e.g. ``user.create``, ``unit.move``, ``import.apply``.
    action: Mapped[str] = mapped_column(String(64), index=True)
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(64))
    #: Human-readable summary and the fields that changed (old -> new).
    summary: Mapped[dict] = mapped_column(JSONText)
    ip: Mapped[str | None] = mapped_column(String(64))


def record(actor, action, target_type, target_id, summary, now, ip=None):
    """Add an audit event to the current transaction.

    :param actor: the acting user, or ``None`` for the command line.
    :param summary: a JSON-serialisable dict (no passwords, no answers).
    """
    event = AuditEvent(
        at=now,
        actor_id=getattr(actor, "id", None),
        actor_label=getattr(actor, "email", None) or "cli",
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        summary=summary,
        ip=ip,
    )
    db.session.add(event)
    return event


def changes(obj, fields, new_values):
    """Return ``{field: [old, new]}`` for the fields whose value differs (for summaries)."""
    diff = {}
    for field in fields:
        old = getattr(obj, field)
        new = new_values.get(field, old)
        if old != new:
            diff[field] = [_plain(old), _plain(new)]
    return diff


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value
