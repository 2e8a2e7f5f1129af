"""Every state-changing route refuses a POST without a valid CSRF token and changes nothing."""

import pytest

from tests.security.helpers import csrf_login, routes, table_counts
from training.extensions import db

POSTS = routes("POST")
# Logging in and choosing the language are refused too, but a logged-in client cannot post to them meaningfully.
ANONYMOUS_OK = {"accounts.login", "core.set_language"}


@pytest.mark.parametrize(("route", "setup"), POSTS, ids=[f"{r.endpoint}-{i}" for i, (r, _s) in enumerate(POSTS)])
@pytest.mark.parametrize("token", ["missing", "forged"])
def test_post_without_a_valid_token_is_refused(make_app, world, route, setup, token):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        extra = setup(world) if setup else {}
        client = csrf_login(app, world["people"]["admin"].email)
        from flask import url_for

        with app.test_request_context():
            url = url_for(route.endpoint, **(route.args({**world, **extra}) if route.args else {}))
        before = table_counts(db)
        forged = {"X-CSRFToken": "IjQ2YjY3.forged.token"} if token == "forged" else {}
        if route.json:
            response = client.open(url, method="POST", json=route.json({**world, **extra}), headers=forged)
        else:
            data = route.data({**world, **extra}) if route.data else {}
            if forged:
                data = {**data, "csrf_token": forged["X-CSRFToken"]}
            response = client.open(url, method="POST", data=data)
        assert response.status_code == 400, f"{route.endpoint}: {response.status_code}"
        db.session.expire_all()
        assert table_counts(db) == before


def test_state_changing_routes_do_not_answer_get(app):
    """A link or an <img> cannot trigger a change: POST-only routes refuse GET with 405."""
    get_endpoints = {r.endpoint for r, _s in routes("GET")}
    client = app.test_client()
    from flask import url_for

    checked = 0
    adapter = app.url_map.bind("localhost")
    for route, _setup in POSTS:
        if route.endpoint in get_endpoints or route.args:
            continue
        with app.test_request_context():
            url = url_for(route.endpoint)
        try:
            adapter.match(url, method="GET")
            continue  # the same address also shows a page (a form and its action): that GET is a read
        except Exception:  # noqa: BLE001 - MethodNotAllowed is what we expect for a POST-only address
            pass
        assert client.get(url).status_code == 405, route.endpoint
        checked += 1
    assert checked >= 1
