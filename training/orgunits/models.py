"""The unit tree, stored with a materialized path so a subtree is one indexed range filter."""

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.types import NFCString, UTCDateTime
from training.extensions import db

# Paths compare bytewise on PostgreSQL too ("C" collation), so the range filter below is
# the same on both databases and uses the plain B-tree index.
PathString = String(255).with_variant(String(255, collation="C"), "postgresql")


class UnitKind(StrEnum):
    """What kind of body a unit is."""

    PARTY_COMMITTEE = "party_committee"
    PARTY_BOARD = "party_board"
    PEOPLES_COMMITTEE = "peoples_committee"
    DEPARTMENT = "department"
    WARD = "ward"
    COMMUNE = "commune"
    FRONT = "front"
    MASS_ORG = "mass_org"
    OTHER = "other"


KIND_LABELS = {
    UnitKind.PARTY_COMMITTEE: _l("Party committee"),
    UnitKind.PARTY_BOARD: _l("Party board or office"),
    UnitKind.PEOPLES_COMMITTEE: _l("People's Committee"),
    UnitKind.DEPARTMENT: _l("Specialised department"),
    UnitKind.WARD: _l("Ward"),
    UnitKind.COMMUNE: _l("Commune"),
    UnitKind.FRONT: _l("Fatherland Front"),
    UnitKind.MASS_ORG: _l("Mass organisation"),
    UnitKind.OTHER: _l("Other"),
}


class Unit(db.Model):
    """A unit. ``path`` lists the ids from the root, e.g. ``/1/4/17/``."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Short code used in imports and reports (``PVHTT``); unique, upper case.
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(NFCString(255))
    kind: Mapped[str] = mapped_column(String(32))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    #: Materialized path of ids, ending with this unit's id and a slash.
    path: Mapped[str] = mapped_column(PathString, index=True, default="")
    depth: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    parent = relationship("Unit", remote_side=[id])

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    def __repr__(self):
        return f"<Unit {self.code}>"


def subtree_condition(path_column, prefix):
    """Return a filter for rows whose unit path lies under ``prefix`` (the prefix included).

    A range, not ``LIKE``: '/' sorts just before '0', so every path starting with
    ``/1/4/`` sorts in ``['/1/4/', '/1/40')`` and the index serves it on both databases.
    """
    upper = prefix[:-1] + "0"
    return and_(path_column >= prefix, path_column < upper)
