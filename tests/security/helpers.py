"""Shared helpers of the security tests: the access matrix as data, a CSRF-enabled logged-in client."""

import re

from tests.conftest import PASSWORD
from tests.test_access import ROUTES, SETUPS


def routes(method):
    """Return the matrix entries for ``method`` with their setup function."""
    return [(route, SETUPS[id(route)]) for route in ROUTES if route.method == method]


def csrf_login(app, email):
    """Return a client of a CSRF-enforcing app, logged in through the form with its token."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return client


def table_counts(db):
    """Return ``{table: rows}`` for every table (to prove a request changed nothing)."""
    from sqlalchemy import func, select

    return {table.name: db.session.scalar(select(func.count()).select_from(table)) for table in db.metadata.sorted_tables}
