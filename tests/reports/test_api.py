"""API tokens and the JSON API: shown once, stored hashed, scoped, revocable, strict parameters."""

import hashlib
import json
import re

from sqlalchemy import select

from tests.reports.snapshots import stored_snapshot
from tests.reports.test_dashboard import fixed_now  # noqa: F401
from training.core.time import utcnow
from training.extensions import db
from training.reports.models import ApiToken
from training.reports.openapi import COVERAGE_PARAMS, openapi_document
from training.reports.services.tokens import create_token


def make_token(world, unit=None, creator="admin"):
    token, text = create_token(world["people"][creator], "Hệ thống Ban", unit, None, utcnow())
    db.session.commit()
    return token, {"Authorization": f"Bearer {text}"}


def test_created_token_is_shown_once_and_stored_hashed(city, login_as):
    client = login_as("board")
    page = client.post("/reports/tokens/", data={"name": "Cổng báo cáo", "unit": ""}).get_data(as_text=True)
    text = re.search(r"bgt_[A-Za-z0-9_-]{40,}", page).group(0)
    token = db.session.scalar(select(ApiToken))
    assert token.token_hash == hashlib.sha256(text.encode()).hexdigest() and token.prefix == text[:8]
    assert text not in client.get("/reports/tokens/").get_data(as_text=True)
    assert client.post("/reports/tokens/", data={"name": "  ", "unit": ""}).status_code == 400


def test_api_coverage_with_a_token(city, client, fixed_now):  # noqa: F811
    _token, headers = make_token(city)
    response = client.get("/api/v1/coverage?period=2026-Q4", headers=headers)
    assert response.status_code == 200
    data = response.get_json()
    assert data["total"]["spokespersons"] == 4 and data["list_totals"]["uncertified"] == 2
    assert db.session.scalar(select(ApiToken)).last_used_at is not None


def test_a_scoped_token_reads_only_its_subtree(city, client, fixed_now):  # noqa: F811
    _token, headers = make_token(city, unit=city["units"]["P1"], creator="scoped_admin")
    data = client.get("/api/v1/coverage", headers=headers).get_json()
    assert [u["code"] for u in data["units"]] == ["P1"]
    assert client.get("/api/v1/coverage?unit=P2", headers=headers).status_code == 403
    city_snapshot = stored_snapshot(None)
    p1_snapshot = stored_snapshot(city["units"]["P1"])
    listed = client.get("/api/v1/snapshots", headers=headers).get_json()["snapshots"]
    assert [s["id"] for s in listed] == [p1_snapshot.id]
    assert client.get(f"/api/v1/snapshots/{city_snapshot.id}", headers=headers).status_code == 403
    detail = client.get(f"/api/v1/snapshots/{p1_snapshot.id}", headers=headers).get_json()
    assert detail["report"]["schema"] == "coverage-report/1"
    pdf = client.get(f"/api/v1/snapshots/{p1_snapshot.id}/report.pdf", headers=headers)
    assert pdf.data == b"%PDF-1.4 test"


def test_bad_tokens_and_parameters(city, client, fixed_now):  # noqa: F811
    token, headers = make_token(city)
    missing = client.get("/api/v1/coverage")
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"].lower().startswith("bearer")
    assert missing.get_json()["error"]["status"] == 401
    assert client.get("/api/v1/coverage", headers={"Authorization": "Bearer bgt_wrong"}).status_code == 401
    assert client.get("/api/v1/coverage?perod=2026-Q4", headers=headers).status_code == 400
    assert client.get("/api/v1/coverage?period=2026-Q9", headers=headers).status_code == 400
    assert client.get("/api/v1/coverage?unit=NOPE", headers=headers).status_code == 404
    assert client.get("/api/v1/snapshots/99999999999", headers=headers).status_code == 404
    assert client.post("/api/v1/coverage", headers=headers).headers.get("Allow")
    token.revoked_at = utcnow()
    db.session.commit()
    assert client.get("/api/v1/coverage", headers=headers).status_code == 401


def test_revoking_through_the_page(city, login_as):
    token, headers = make_token(city, creator="board")
    client = login_as("board")
    assert client.post(f"/reports/tokens/{token.id}/revoke").status_code == 302
    db.session.refresh(token)
    assert token.revoked_at is not None


def test_rate_limit(city, make_app):
    app = make_app(API_RATE_LIMIT="2 per minute")
    with app.app_context():
        from training.accounts.models import User

        admin = db.session.scalar(select(User).where(User.email == "admin@test.vn"))
        _token, text = create_token(admin, "Hệ thống", None, None, utcnow())
        db.session.commit()
    client = app.test_client()
    statuses = [client.get("/api/v1/snapshots", headers={"Authorization": f"Bearer {text}"}).status_code
                for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_openapi_document_matches_the_routes(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document == json.loads(json.dumps(openapi_document()))
    params = [p["name"] for p in document["paths"]["/api/v1/coverage"]["get"]["parameters"]]
    assert tuple(params) == COVERAGE_PARAMS
    rules = {r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("reports_api.")}
    documented = {re.sub(r"\{(\w+)\}", r"<\1>", path) for path in document["paths"]}
    normalised = {re.sub(r"<(?:[\w]+(?:\([^)]*\))?:)?(\w+)>", r"<\1>", rule) for rule in rules}
    assert normalised == documented
