"""Extra columns on the unit tree (people, enrolments...) registered by later features.

Orgunits must not import the features built on it; they register a counter here instead.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TreeColumn:
    """A per-unit count: ``counts()`` returns ``{unit_id: n}``; ``endpoint`` lists them."""

    key: str
    label: object
    counts: object
    endpoint: str
    unit_arg: str = "unit"


_COLUMNS: dict = {}


def register_tree_column(column):
    """Add a column to the unit tree page."""
    _COLUMNS[column.key] = column


def tree_columns():
    """Return the registered columns in registration order."""
    return list(_COLUMNS.values())
