"""The reports API against its own served OpenAPI document, with schemathesis.

The document is read from ``/api/v1/openapi.json`` of the running app (not from the Python
function), and schemathesis generates requests from it (valid parameters and invalid ones)
and checks each response: no 500, a documented status code, a documented content type and
headers, and a body that matches the documented schema. Examples are bounded so the test
takes seconds; the database is not reset between examples, as it would not be for a client.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.reports.snapshots import stored_snapshot
from tests.reports.test_api import make_token
from tests.reports.test_dashboard import fixed_now  # noqa: F401
from training.core.time import utcnow
from training.extensions import db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
EXAMPLES = 12


@pytest.fixture
def api(app, city, fixed_now):  # noqa: F811
    """The served schema, a city-wide token's headers, two frozen reports (city and P1)."""
    app.config["API_RATE_LIMIT"] = "100000 per minute"  # the rate limit has a test of its own
    _token, headers = make_token(city)
    snapshots = {"city": stored_snapshot(None), "P1": stored_snapshot(city["units"]["P1"])}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

    @schema.auth()
    class Bearer:
        """The document's ``bearer`` scheme with the token (so negative cases break parameters, not auth)."""

        def get(self, case, ctx):
            return headers["Authorization"]

        def set(self, case, data, ctx):
            case.headers = {**(case.headers or {}), "Authorization": data}

    return schema, headers, snapshots


def operations(schema):
    return {op.ok().definition.raw["operationId"]: op.ok() for op in schema.get_all_operations()}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_conforms_to_the_served_document(api, mode):
    """Requests generated from the document (valid ones, then ones breaking it) get documented answers."""
    schema, _headers, _snapshots = api
    found = operations(schema)
    # schemathesis leaves out the operation serving the document it was loaded from.
    assert set(found) == {"coverage", "snapshots", "snapshot", "snapshot_file"}
    checks = CHECKS + ([negative_data_rejection] if mode is GenerationMode.NEGATIVE else [])
    statuses = {}
    for operation_id, operation in found.items():

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call_and_validate(checks=checks)
            statuses.setdefault(operation_id, set()).add(response.status_code)  # noqa: B023

        check()
    assert set(statuses) == set(found)
    if mode is GenerationMode.POSITIVE:  # valid requests reach real answers, not only refusals
        assert 200 in statuses["coverage"] and 200 in statuses["snapshots"]
    else:
        assert all(code // 100 == 4 for codes in statuses.values() for code in codes), statuses


def call(schema, operation_id, headers, **parts):
    """Send one request built from the document's operation; validate its response; return it."""
    case = operations(schema)[operation_id].Case(**parts)
    return case.call_and_validate(headers=headers, checks=CHECKS)


def test_documented_successes(api, city):
    schema, headers, snapshots = api
    assert call(schema, "coverage", headers, query={"period": "2026-Q4"}).json()["total"]["spokespersons"] == 4
    listed = call(schema, "snapshots", headers).json()["snapshots"]
    assert {s["id"] for s in listed} == {s.id for s in snapshots.values()}
    listed = call(schema, "snapshots", headers, query={"period": "2026-Q3", "unit": "P1"}).json()["snapshots"]
    assert [s["id"] for s in listed] == [snapshots["P1"].id]
    assert [s["id"] for s in call(schema, "snapshots", headers, query={"unit": ""}).json()["snapshots"]] == [
        snapshots["city"].id]
    # The list's filters are checked like the report's, not silently matched against nothing.
    assert call(schema, "snapshots", headers, query={"period": "2026-Q9"}).status_code == 400
    assert call(schema, "snapshots", headers, query={"unit": "NOPE"}).status_code == 404
    detail = call(schema, "snapshot", headers, path_parameters={"snapshot_id": snapshots["P1"].id}).json()
    assert detail["report"]["schema"] == "coverage-report/1"
    pdf = call(schema, "snapshot_file", headers, path_parameters={"snapshot_id": snapshots["P1"].id, "kind": "pdf"})
    assert pdf.content == b"%PDF-1.4 test"


def test_a_revoked_token_is_refused_as_documented(api):
    schema, headers, snapshots = api
    from training.reports.models import ApiToken

    token = db.session.scalar(db.select(ApiToken))
    token.revoked_at = utcnow()
    db.session.commit()
    requests = [("coverage", {}), ("snapshots", {}),
                ("snapshot", {"path_parameters": {"snapshot_id": snapshots["city"].id}}),
                ("snapshot_file", {"path_parameters": {"snapshot_id": snapshots["city"].id, "kind": "json"}})]
    for operation_id, parts in requests:
        response = call(schema, operation_id, headers, **parts)
        assert response.status_code == 401, operation_id
        assert response.headers["www-authenticate"][0].lower().startswith("bearer")
        assert response.json()["error"]["status"] == 401


def test_a_token_of_another_unit_is_refused_as_documented(api, city):
    schema, _headers, snapshots = api
    _token, p2_headers = make_token(city, unit=city["units"]["P2"])
    assert call(schema, "coverage", p2_headers, query={"unit": "P1"}).status_code == 403
    for operation_id, kind in (("snapshot", None), ("snapshot_file", "pdf")):
        for frozen in (snapshots["P1"], snapshots["city"]):
            path = {"snapshot_id": frozen.id, **({"kind": kind} if kind else {})}
            response = call(schema, operation_id, p2_headers, path_parameters=path)
            assert response.status_code == 403, (operation_id, frozen.scope_code)
            assert response.json()["error"]["status"] == 403
    assert call(schema, "snapshots", p2_headers).json() == {"snapshots": []}
    assert call(schema, "snapshots", p2_headers, query={"unit": "P1"}).status_code == 403
