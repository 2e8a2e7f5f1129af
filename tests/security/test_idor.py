"""IDOR: an object id that is not yours gives 403/404 and the refusal leaks nothing about it.

The access matrix (``tests/*/access_matrix.py``) declares, per route and role, what another
person's or another ward's object answers. These tests add two guarantees on top of it:

* every route that takes an object id in its URL has at least one matrix entry in which a
  logged-in role is refused (403/404) an object that someone else may open, so nobody can add
  an ``/<int:id>`` route without deciding whose objects it refuses;
* the refusal pages of those entries show nobody's name but the visitor's own: a 403 or 404
  must not quote the person, course or unit it refused.
"""

import re

import pytest
from werkzeug.routing import IntegerConverter

from tests.access import ROLES
from tests.test_access import ROUTES, SETUPS

REFUSED = {403, 404}
REACHED = {200, 302, 303, 400, 409, 422}  # the object was found (400/422: its form was checked)
LOGGED_IN_ROLES = [role for role in ROLES if role != "anonymous"]


def _object_id_endpoints(app):
    """Endpoints whose URL holds an integer object id, with their methods."""
    found = set()
    for rule in app.url_map.iter_rules():
        if any(isinstance(converter, IntegerConverter) for converter in rule._converters.values()):
            found.update((rule.endpoint, method) for method in rule.methods - {"HEAD", "OPTIONS"})
    return found


def _guards_someone_elses_object(route):
    statuses = [route.statuses[role] for role in LOGGED_IN_ROLES]
    return any(s in REFUSED for s in statuses) and any(s in REACHED for s in statuses)


def _token_only(routes):
    """A route no session may use (401 for everyone): API tokens, whose unit scope is tested with
    tokens of two subtrees in tests/reports/test_api.py."""
    return bool(routes) and all(status == 401 for route in routes for status in route.statuses.values())


def test_every_object_route_declares_a_refusal(app):
    declared = {}
    for route in ROUTES:
        declared.setdefault((route.endpoint, route.method), []).append(route)
    unguarded = [f"{method} {endpoint}" for endpoint, method in sorted(_object_id_endpoints(app))
                 if not _token_only(declared.get((endpoint, method), []))
                 and not any(_guards_someone_elses_object(r) for r in declared.get((endpoint, method), []))]
    assert not unguarded, "object routes without a refused case in the access matrix: " + ", ".join(unguarded)


REFUSALS = [(route, role) for route in ROUTES if route.method == "GET"
            for role in LOGGED_IN_ROLES if route.statuses[role] in REFUSED and route.args is not None]


@pytest.mark.parametrize(("route", "role"), REFUSALS,
                         ids=[f"{r.endpoint}-{role}-{i}" for i, (r, role) in enumerate(REFUSALS)])
def test_refusal_leaks_no_name(app, world, login_as, route, role):
    from flask import url_for

    setup = SETUPS[id(route)]
    if setup is not None:
        world = {**world, **setup(world)}
    client = login_as(role)
    with app.test_request_context():
        url = url_for(route.endpoint, **route.args(world))
    response = client.get(url)
    assert response.status_code in REFUSED
    body = response.get_data(as_text=True)
    visitor = world["people"][role]
    others = [p.full_name for key, p in world["people"].items() if p.id != visitor.id]
    leaked = [name for name in others if re.search(re.escape(name), body)]
    assert not leaked, f"{url} as {role} ({response.status_code}) shows {leaked}"
