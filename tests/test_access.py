"""Every route, every role: the expected status is declared here.

The first test builds the list of endpoints from ``app.url_map``: a route added without an
entry below fails it, so nobody can ship a page without deciding who may open it. The
second runs every entry for anonymous visitors, a learner, a trainer, a city-wide admin,
an admin scoped to ward P1, and a board reader.
"""

from dataclasses import dataclass

import pytest

from tests.conftest import ROLES


def expect(anonymous, learner, trainer, admin, scoped_admin, board):
    return dict(zip(ROLES, (anonymous, learner, trainer, admin, scoped_admin, board), strict=True))


PUBLIC = expect(200, 200, 200, 200, 200, 200)
LOGGED_IN = expect(302, 200, 200, 200, 200, 200)
ADMINS = expect(302, 403, 403, 200, 200, 403)
CITY_ADMINS = expect(302, 403, 403, 200, 403, 403)
ADMIN_REDIRECT = expect(302, 403, 403, 302, 302, 403)
CITY_ADMIN_REDIRECT = expect(302, 403, 403, 302, 403, 403)
ADMINS_BAD_FORM = expect(302, 403, 403, 400, 400, 403)  # POST without the form's fields
CITY_ADMINS_BAD_FORM = expect(302, 403, 403, 400, 403, 403)


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    statuses: dict
    args: object = None  # world -> url values
    data: object = None  # world -> form data


def _person(key):
    return lambda w: {"user_id": w["people"][key].id}


def _unit(code):
    return lambda w: {"unit_id": w["units"][code].id}


ROUTES = [
    # core
    Route("core.home", "GET", LOGGED_IN),
    Route("core.set_language", "POST", expect(302, 302, 302, 302, 302, 302), data=lambda w: {"locale": "en"}),
    Route("core.healthz", "GET", PUBLIC),
    Route("core.readyz", "GET", PUBLIC),
    Route("core.audit_log", "GET", ADMINS),
    # accounts
    Route("accounts.login", "GET", expect(200, 302, 302, 302, 302, 302)),
    Route("accounts.login", "POST", expect(200, 302, 302, 302, 302, 302)),
    Route("accounts.logout", "POST", expect(302, 302, 302, 302, 302, 302)),
    Route("accounts.change_password", "GET", LOGGED_IN),
    Route("accounts.change_password", "POST", expect(302, 400, 400, 400, 400, 400)),
    Route("accounts.profile", "GET", LOGGED_IN),
    Route("accounts.profile", "POST", expect(302, 302, 302, 302, 302, 302), data=lambda w: {"locale": "en"}),
    # people (scoped admin: ward P1 only)
    Route("users.index", "GET", ADMINS),
    Route("users.create", "GET", ADMINS),
    Route("users.create", "POST", ADMINS_BAD_FORM),
    Route("users.detail", "GET", ADMINS, _person("p1_learner")),
    Route("users.detail", "GET", expect(302, 403, 403, 200, 403, 403), _person("p2_learner")),
    Route("users.edit", "GET", ADMINS, _person("p1_learner")),
    Route("users.edit", "GET", expect(302, 403, 403, 200, 403, 403), _person("p2_learner")),
    Route("users.edit", "POST", ADMINS_BAD_FORM, _person("p1_learner")),
    Route("users.set_active", "POST", ADMIN_REDIRECT, _person("p1_learner"), lambda w: {"active": "0"}),
    Route("users.set_active", "POST", expect(302, 403, 403, 302, 403, 403), _person("p2_learner"),
          lambda w: {"active": "0"}),
    Route("users.set_password", "POST", ADMIN_REDIRECT, _person("p1_learner"),
          lambda w: {"password": "Một mật khẩu tạm rất dài"}),
    Route("users.import_upload", "GET", ADMINS),
    Route("users.import_upload", "POST", ADMINS_BAD_FORM),
    Route("users.import_preview", "GET", expect(302, 403, 403, 404, 404, 403), lambda w: {"import_id": 999}),
    Route("users.import_preview", "POST", expect(302, 403, 403, 404, 404, 403), lambda w: {"import_id": 999}),
    # units
    Route("orgunits.tree", "GET", ADMINS),
    Route("orgunits.create", "GET", ADMINS),
    Route("orgunits.create", "POST", ADMINS_BAD_FORM),
    Route("orgunits.edit", "GET", ADMINS, _unit("P1")),
    Route("orgunits.edit", "GET", expect(302, 403, 403, 200, 403, 403), _unit("P2")),
    # An empty POST to an edit page re-submits the stored values (Flask-WTF falls back to the object).
    Route("orgunits.edit", "POST", ADMIN_REDIRECT, _unit("P1")),
    Route("orgunits.set_active", "POST", ADMIN_REDIRECT, _unit("P1"), lambda w: {"active": "1"}),
    Route("orgunits.set_active", "POST", expect(302, 403, 403, 302, 403, 403), _unit("P2"), lambda w: {"active": "1"}),
    Route("orgunits.import_upload", "GET", CITY_ADMINS),
    Route("orgunits.import_upload", "POST", CITY_ADMINS_BAD_FORM),
    Route("orgunits.import_preview", "GET", expect(302, 403, 403, 404, 403, 403), lambda w: {"import_id": 999}),
    Route("orgunits.import_preview", "POST", expect(302, 403, 403, 404, 403, 403), lambda w: {"import_id": 999}),
]


def test_every_route_is_in_the_matrix(app):
    declared = {(r.endpoint, r.method) for r in ROUTES}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (rule.endpoint, method) not in declared:
                missing.append(f"{method} {rule.rule} ({rule.endpoint})")
    assert not missing, "routes missing from tests/test_access.py: " + ", ".join(sorted(missing))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.method}-{r.endpoint}-{i}" for i, r in enumerate(ROUTES)])
def test_route_answers_each_role_as_declared(app, world, login_as, route, role):
    from flask import url_for

    client = login_as(role)
    with app.test_request_context():
        url = url_for(route.endpoint, **(route.args(world) if route.args else {}))
    data = route.data(world) if route.data else {}
    response = client.open(url, method=route.method, data=data)
    expected = route.statuses[role]
    assert response.status_code == expected, f"{route.method} {url} as {role}: {response.status_code}"
    if role == "anonymous" and expected == 302 and route.endpoint not in ("core.set_language", "accounts.logout"):
        assert "/login" in response.headers["Location"]
