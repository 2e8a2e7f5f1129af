"""Who may open the shared pages."""

from tests.access import ADMINS, LOGGED_IN, PUBLIC, Route, expect

ROUTES = [
    Route("core.home", "GET", LOGGED_IN),
    Route("core.set_language", "POST", expect(302, 302, 302, 302, 302, 302), data=lambda w: {"locale": "en"}),
    Route("core.healthz", "GET", PUBLIC),
    Route("core.readyz", "GET", PUBLIC),
    Route("core.audit_log", "GET", ADMINS),
]
