"""Who may use the report pages and the API (the API answers 401 to every session: it needs a token)."""

from tests.access import PUBLIC, REPORT_READERS, Route, expect

READERS_BAD_FORM = expect(302, 403, 403, 400, 400, 400)
CITY_READERS = expect(302, 403, 403, 200, 403, 200)  # the whole city or ward P2: not the P1 admin
ADMIN_ONLY_REDIRECT = expect(302, 403, 403, 302, 403, 403)  # the city admin's own token
NEEDS_TOKEN = expect(401, 401, 401, 401, 401, 401)


def setup(world):
    """A frozen city report, a frozen P1 report and the city admin's token."""
    from tests.reports.snapshots import stored_snapshot
    from training.core.time import utcnow
    from training.extensions import db
    from training.reports.services.tokens import create_token

    city = stored_snapshot(None, creator=world["people"]["board"])
    p1 = stored_snapshot(world["units"]["P1"], creator=world["people"]["scoped_admin"])
    token, _text = create_token(world["people"]["admin"], "Hệ thống Ban", None, None, utcnow())
    db.session.commit()
    return {"snapshots": {"city": city, "P1": p1}, "token": token}


def snap(key, **extra):
    return lambda w: {"snapshot_id": w["snapshots"][key].id, **extra}


ROUTES = [
    Route("reports.index", "GET", REPORT_READERS),
    Route("reports.export", "GET", REPORT_READERS, lambda w: {"fmt": "pdf"}),
    Route("reports.export", "GET", REPORT_READERS, lambda w: {"fmt": "csv", "table": "courses"}),
    Route("reports.unit", "GET", REPORT_READERS, lambda w: {"code": "P1"}),
    Route("reports.unit", "GET", CITY_READERS, lambda w: {"code": "P2"}),
    Route("report_snapshots.index", "GET", REPORT_READERS),
    Route("report_snapshots.freeze", "POST", READERS_BAD_FORM),
    Route("report_snapshots.detail", "GET", REPORT_READERS, snap("P1")),
    Route("report_snapshots.detail", "GET", CITY_READERS, snap("city")),
    Route("report_snapshots.download", "GET", REPORT_READERS, snap("P1", fmt="pdf")),
    Route("report_snapshots.download", "GET", CITY_READERS, snap("city", fmt="xlsx")),
    Route("report_snapshots.integrity", "GET", REPORT_READERS, snap("P1")),
    Route("report_snapshots.integrity", "GET", CITY_READERS, snap("city")),
    Route("report_tokens.index", "GET", REPORT_READERS),
    Route("report_tokens.create", "POST", READERS_BAD_FORM),
    Route("report_tokens.revoke", "POST", ADMIN_ONLY_REDIRECT, lambda w: {"token_id": w["token"].id}),
    Route("reports_api.coverage", "GET", NEEDS_TOKEN),
    Route("reports_api.snapshots", "GET", NEEDS_TOKEN),
    Route("reports_api.snapshot", "GET", NEEDS_TOKEN, snap("city")),
    Route("reports_api.snapshot_file", "GET", NEEDS_TOKEN, snap("city", kind="pdf")),
    Route("reports_api.openapi", "GET", PUBLIC),
]
