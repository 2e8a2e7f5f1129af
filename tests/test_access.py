"""Every route, every role: the expected status is declared in ``tests/<feature>/access_matrix.py``.

The first test builds the list of endpoints from ``app.url_map``: a route added without an
entry fails it, so nobody can ship a page without deciding who may open it. The second runs
every entry for anonymous visitors, a learner, a trainer, a city-wide admin, an admin scoped
to ward P1, and a board reader (the ``world`` fixture).
"""

import importlib
from pathlib import Path

import pytest

from tests.access import ROLES


def _collect():
    routes, setups = [], {}
    for path in sorted(Path(__file__).parent.glob("*/access_matrix.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.access_matrix")
        routes.extend(module.ROUTES)
        for route in module.ROUTES:
            setups[id(route)] = getattr(module, "setup", None)
    return routes, setups


ROUTES, SETUPS = _collect()


def test_every_route_is_in_the_matrix(app):
    declared = {(r.endpoint, r.method) for r in ROUTES}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (rule.endpoint, method) not in declared:
                missing.append(f"{method} {rule.rule} ({rule.endpoint})")
    assert not missing, "routes missing from tests/*/access_matrix.py: " + ", ".join(sorted(missing))


def test_every_matrix_entry_exists(app):
    endpoints = {(rule.endpoint, m) for rule in app.url_map.iter_rules() for m in rule.methods}
    stale = [f"{r.method} {r.endpoint}" for r in ROUTES if (r.endpoint, r.method) not in endpoints]
    assert not stale, stale


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.method}-{r.endpoint}-{i}" for i, r in enumerate(ROUTES)])
def test_route_answers_each_role_as_declared(app, world, login_as, route, role):
    from flask import url_for

    setup = SETUPS[id(route)]
    if setup is not None:
        world = {**world, **setup(world)}
    client = login_as(role)
    with app.test_request_context():
        url = url_for(route.endpoint, **(route.args(world) if route.args else {}))
    data = route.data(world) if route.data else None
    payload = route.json(world) if route.json else None
    response = client.open(url, method=route.method, data=data, json=payload)
    expected = route.statuses[role]
    assert response.status_code == expected, f"{route.method} {url} as {role}: {response.status_code}"
    if role == "anonymous" and expected == 302 and route.endpoint not in ("core.set_language", "accounts.logout"):
        assert "/login" in response.headers["Location"]
