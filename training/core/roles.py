"""The four roles and what each may do (pure)."""

from enum import StrEnum


class Role(StrEnum):
    """A user's role. Everyone can also learn; the role adds what else they may do."""

    LEARNER = "learner"
    TRAINER = "trainer"
    ADMIN = "admin"
    BOARD = "board"


ROLE_VALUES = tuple(r.value for r in Role)


def is_path_within(path, scope_path):
    """Return whether the unit at materialized ``path`` lies in the subtree at ``scope_path``."""
    return bool(path) and bool(scope_path) and path.startswith(scope_path)
