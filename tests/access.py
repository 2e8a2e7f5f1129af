"""Shared vocabulary of the access matrix: statuses per role and the Route record.

Each feature lists its routes in ``tests/<feature>/access_matrix.py`` as ``ROUTES``;
``tests/test_access.py`` collects them all and checks the list is complete.
"""

from dataclasses import dataclass

ROLES = ("anonymous", "learner", "trainer", "admin", "scoped_admin", "board")


def expect(anonymous, learner, trainer, admin, scoped_admin, board):
    """Return the expected status for each role, in the order of ``ROLES``."""
    return dict(zip(ROLES, (anonymous, learner, trainer, admin, scoped_admin, board), strict=True))


PUBLIC = expect(200, 200, 200, 200, 200, 200)
LOGGED_IN = expect(302, 200, 200, 200, 200, 200)
ADMINS = expect(302, 403, 403, 200, 200, 403)
CITY_ADMINS = expect(302, 403, 403, 200, 403, 403)
AUTHORS = expect(302, 403, 200, 200, 403, 403)  # trainers and city-wide admins write content
REPORT_READERS = expect(302, 403, 403, 200, 200, 200)
ADMIN_REDIRECT = expect(302, 403, 403, 302, 302, 403)
CITY_ADMIN_REDIRECT = expect(302, 403, 403, 302, 403, 403)
ADMINS_BAD_FORM = expect(302, 403, 403, 400, 400, 403)  # POST without the form's fields
CITY_ADMINS_BAD_FORM = expect(302, 403, 403, 400, 403, 403)
OUTSIDE_SCOPE = expect(302, 403, 403, 200, 403, 403)  # an object in ward P2: the P1 admin may not


@dataclass(frozen=True)
class Route:
    """One endpoint called one way: ``args(world)`` gives URL values, ``data(world)`` form data."""

    endpoint: str
    method: str
    statuses: dict
    args: object = None
    data: object = None
    json: object = None


def person(key):
    return lambda w: {"user_id": w["people"][key].id}


def unit(code):
    return lambda w: {"unit_id": w["units"][code].id}

STAFF = expect(302, 403, 200, 200, 200, 403)  # trainers and every admin
AUTHORS_BAD_FORM = expect(302, 403, 400, 400, 403, 403)
AUTHOR_REDIRECT = expect(302, 403, 302, 302, 403, 403)
STAFF_REDIRECT = expect(302, 403, 302, 302, 302, 403)
ALL_REDIRECT = expect(302, 302, 302, 302, 302, 302)
