"""Who may use the login, account and people pages (the scoped admin manages ward P1 only)."""

from tests.access import ADMIN_REDIRECT, ADMINS, ADMINS_BAD_FORM, LOGGED_IN, OUTSIDE_SCOPE, Route, expect, person


def setup(world):
    """An upload made by the city-wide admin: only they may open or confirm it."""
    from training.core import imports
    from training.core.time import utcnow
    from training.extensions import db

    record = imports.store_upload("users", "nguoi.csv", b"email\n", world["people"]["admin"], utcnow())
    db.session.commit()
    return {"admin_import": record}


ROUTES = [
    Route("accounts.login", "GET", expect(200, 302, 302, 302, 302, 302)),
    Route("accounts.login", "POST", expect(200, 302, 302, 302, 302, 302)),
    Route("accounts.logout", "POST", expect(302, 302, 302, 302, 302, 302)),
    Route("accounts.change_password", "GET", LOGGED_IN),
    Route("accounts.change_password", "POST", expect(302, 400, 400, 400, 400, 400)),
    Route("accounts.profile", "GET", LOGGED_IN),
    Route("accounts.profile", "POST", expect(302, 302, 302, 302, 302, 302), data=lambda w: {"locale": "en"}),
    Route("users.index", "GET", ADMINS),
    Route("users.create", "GET", ADMINS),
    Route("users.create", "POST", ADMINS_BAD_FORM),
    Route("users.detail", "GET", ADMINS, person("p1_learner")),
    Route("users.detail", "GET", OUTSIDE_SCOPE, person("p2_learner")),
    Route("users.edit", "GET", ADMINS, person("p1_learner")),
    Route("users.edit", "GET", OUTSIDE_SCOPE, person("p2_learner")),
    Route("users.edit", "POST", ADMINS_BAD_FORM, person("p1_learner")),
    Route("users.set_active", "POST", ADMIN_REDIRECT, person("p1_learner"), lambda w: {"active": "0"}),
    Route("users.set_active", "POST", expect(302, 403, 403, 302, 403, 403), person("p2_learner"),
          lambda w: {"active": "0"}),
    Route("users.set_password", "POST", ADMIN_REDIRECT, person("p1_learner"),
          lambda w: {"password": "Một mật khẩu tạm rất dài"}),
    Route("users.import_upload", "GET", ADMINS),
    Route("users.import_upload", "POST", ADMINS_BAD_FORM),
    Route("users.import_preview", "GET", expect(302, 403, 403, 404, 404, 403), lambda w: {"import_id": 999}),
    Route("users.import_preview", "POST", expect(302, 403, 403, 404, 404, 403), lambda w: {"import_id": 999}),
    Route("users.import_preview", "GET", expect(302, 403, 403, 200, 404, 403), lambda w: {"import_id": w["admin_import"].id}),
    Route("users.import_preview", "POST", expect(302, 403, 403, 302, 404, 403), lambda w: {"import_id": w["admin_import"].id},
          lambda w: {"action": "cancel"}),
]
