"""Who may use the unit tree pages (the scoped admin manages ward P1 only)."""

from tests.access import (
    ADMIN_REDIRECT,
    ADMINS,
    ADMINS_BAD_FORM,
    CITY_ADMINS,
    CITY_ADMINS_BAD_FORM,
    OUTSIDE_SCOPE,
    Route,
    expect,
    unit,
)


def setup(world):
    """An upload made by the city-wide admin: only they may open or confirm it."""
    from training.core import imports
    from training.core.time import utcnow
    from training.extensions import db

    record = imports.store_upload("units", "donvi.csv", b"code\n", world["people"]["admin"], utcnow())
    db.session.commit()
    return {"admin_import": record}


ROUTES = [
    Route("orgunits.tree", "GET", ADMINS),
    Route("orgunits.create", "GET", ADMINS),
    Route("orgunits.create", "POST", ADMINS_BAD_FORM),
    Route("orgunits.edit", "GET", ADMINS, unit("P1")),
    Route("orgunits.edit", "GET", OUTSIDE_SCOPE, unit("P2")),
    # An empty POST to an edit page re-submits the stored values (Flask-WTF falls back to the object).
    Route("orgunits.edit", "POST", ADMIN_REDIRECT, unit("P1")),
    Route("orgunits.set_active", "POST", ADMIN_REDIRECT, unit("P1"), lambda w: {"active": "1"}),
    Route("orgunits.set_active", "POST", expect(302, 403, 403, 302, 403, 403), unit("P2"), lambda w: {"active": "1"}),
    Route("orgunits.import_upload", "GET", CITY_ADMINS),
    Route("orgunits.import_upload", "POST", CITY_ADMINS_BAD_FORM),
    Route("orgunits.import_preview", "GET", expect(302, 403, 403, 404, 403, 403), lambda w: {"import_id": 999}),
    Route("orgunits.import_preview", "POST", expect(302, 403, 403, 404, 403, 403), lambda w: {"import_id": 999}),
    Route("orgunits.import_preview", "GET", expect(302, 403, 403, 200, 403, 403), lambda w: {"import_id": w["admin_import"].id}),
    Route("orgunits.import_preview", "POST", expect(302, 403, 403, 302, 403, 403), lambda w: {"import_id": w["admin_import"].id},
          lambda w: {"action": "cancel"}),
]
