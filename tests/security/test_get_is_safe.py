"""Opening a page never changes data (apart from the documented visit record of a lesson)."""

import pytest

from tests.security.helpers import routes, table_counts
from training.extensions import db

GETS = routes("GET")
# Session bookkeeping (last seen) and the visit of a lesson ("continue where you left off",
# completion on view) are recorded on GET by design; nothing else may change.
TOLERATED = {"user_sessions", "item_results", "enrollments"}


@pytest.mark.parametrize(("route", "setup"), GETS, ids=[f"{r.endpoint}-{i}" for i, (r, _s) in enumerate(GETS)])
@pytest.mark.parametrize("role", ["learner", "admin"])
def test_get_changes_nothing(app, world, login_as, route, setup, role):
    extra = setup(world) if setup else {}
    client = login_as(role)
    from flask import url_for

    with app.test_request_context():
        url = url_for(route.endpoint, **(route.args({**world, **extra}) if route.args else {}))
    before = {k: v for k, v in table_counts(db).items() if k not in TOLERATED}
    client.get(url)
    db.session.expire_all()
    after = {k: v for k, v in table_counts(db).items() if k not in TOLERATED}
    assert after == before, f"GET {url} changed {set(k for k in after if after[k] != before[k])}"
