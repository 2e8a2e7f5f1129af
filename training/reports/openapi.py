"""The OpenAPI 3.1 document of the reports API (pure): coverage figures and frozen reports.

Written by hand from the same parameter lists the routes check (:data:`COVERAGE_PARAMS`,
:data:`SNAPSHOT_LIST_PARAMS`), so the document cannot advertise a parameter the API refuses.
"""

COVERAGE_PARAMS = ("period", "unit", "course")
SNAPSHOT_LIST_PARAMS = ("period", "unit")
FILE_KINDS = ("pdf", "xlsx", "json")

_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["status", "message"],
    "properties": {"status": {"type": "integer"}, "title": {"type": "string"}, "message": {"type": "string"}}}}}
_ROW = {"type": "object", "additionalProperties": True,
        "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "people": {"type": "integer"},
                       "spokespersons": {"type": "integer"}, "certified_spokespersons": {"type": "integer"},
                       "coverage": {"type": ["string", "null"], "description": "percentage, one decimal"}}}
_REPORT = {"type": "object", "required": ["schema", "period", "scope", "total", "units"], "additionalProperties": True,
           "properties": {"schema": {"const": "coverage-report/1"}, "period": {"type": "string"},
                          "period_label": {"type": "string"},
                          "scope": {"type": "object", "properties": {"code": {"type": "string"},
                                                                     "name": {"type": "string"}}},
                          "as_of": {"type": "string", "format": "date"}, "total": _ROW,
                          "units": {"type": "array", "items": _ROW}, "courses": {"type": "array"},
                          "trend": {"type": "array"}, "uncertified": {"type": "array"}, "expiring": {"type": "array"},
                          "overdue": {"type": "array"}}}
_SNAPSHOT = {"type": "object", "required": ["id", "period", "scope", "created_at", "sha256", "files"],
             "properties": {"id": {"type": "integer"}, "period": {"type": "string"},
                            "scope": {"type": "object", "properties": {"code": {"type": "string"},
                                                                       "name": {"type": "string"}}},
                            "created_at": {"type": "string", "format": "date-time"}, "sha256": {"type": "string"},
                            "replaces": {"type": ["integer", "null"]}, "superseded_by": {"type": ["integer", "null"]},
                            "files": {"type": "object", "additionalProperties": {
                                "type": "object", "properties": {"sha256": {"type": "string"},
                                                                 "size": {"type": "integer"},
                                                                 "url": {"type": "string"}}}}}}


def _query(name, description, example=None):
    schema = {"type": "string", "maxLength": 40}
    param = {"name": name, "in": "query", "required": False, "description": description, "schema": schema}
    if example:
        param["example"] = example
    return param


def _errors(*codes):
    texts = {400: "Invalid parameter (period, unknown parameter...)", 401: "Missing, wrong or revoked token",
             403: "Outside the token's units", 404: "Not found (unit, course, frozen report)",
             429: "Too many requests"}
    return {str(c): {"description": texts[c], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            for c in codes}


def openapi_document(server_url=""):
    """Return the OpenAPI document (a dict) of ``/api/v1``."""
    period = _query("period", "2026-Q4, 2026-H2, 2026 or a date range 2026-10-01:2026-12-31; default: the current quarter",
                    "2026-Q4")
    unit = _query("unit", "unit code; the report covers the unit and its sub-units (default: the token's units)")
    course = _query("course", "course slug: only this course (default: every course)")
    snapshot_id = {"name": "snapshot_id", "in": "path", "required": True,
                   "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}
    json_ok = lambda ref, text: {"description": text, "content": {"application/json": {"schema": ref}}}  # noqa: E731
    return {
        "openapi": "3.1.0",
        "info": {"title": "Training coverage reports API", "version": "1.0.0",
                 "description": "Coverage of spokesperson training per unit and period, and frozen reports "
                                "(chốt số liệu), for the Propaganda Board's systems."},
        "servers": [{"url": server_url or "/"}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/coverage": {"get": {
                "operationId": "coverage", "summary": "Live coverage report",
                "parameters": [period, unit, course],
                "responses": {"200": json_ok({"$ref": "#/components/schemas/Report"}, "The report"),
                              **_errors(400, 401, 403, 404, 429)}}},
            "/api/v1/snapshots": {"get": {
                "operationId": "snapshots", "summary": "Frozen reports the token may read, newest first",
                "parameters": [_query("period", "only this period (2026-Q4, 2026-H2, 2026...)", "2026-Q4"),
                               _query("unit", "only frozen reports of this unit code (empty: the city's)")],
                "responses": {"200": json_ok({"type": "object", "required": ["snapshots"], "properties": {
                    "snapshots": {"type": "array", "items": {"$ref": "#/components/schemas/Snapshot"}}}},
                    "The list"), **_errors(400, 401, 403, 404, 429)}}},
            "/api/v1/snapshots/{snapshot_id}": {"get": {
                "operationId": "snapshot", "summary": "A frozen report with its figures",
                "parameters": [snapshot_id],
                "responses": {"200": json_ok({"allOf": [{"$ref": "#/components/schemas/Snapshot"}, {
                    "type": "object", "properties": {"report": {"$ref": "#/components/schemas/Report"}}}]},
                    "The frozen report"), **_errors(400, 401, 403, 404, 429)}}},
            "/api/v1/snapshots/{snapshot_id}/report.{kind}": {"get": {
                "operationId": "snapshot_file", "summary": "The stored file of a frozen report, byte for byte",
                "parameters": [snapshot_id, {"name": "kind", "in": "path", "required": True,
                                             "schema": {"type": "string", "enum": list(FILE_KINDS)}}],
                "responses": {"200": {"description": "The file", "content": {
                    "application/pdf": {}, "application/json": {},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}},
                    **_errors(400, 401, 403, 404, 429)}}},
            "/api/v1/openapi.json": {"get": {
                "operationId": "openapi", "summary": "This document", "security": [],
                "responses": {"200": json_ok({"type": "object"}, "The OpenAPI document")}}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "An API token (bgt_...) created on /reports/tokens/"}},
            "schemas": {"Error": _ERROR, "Report": _REPORT, "Snapshot": _SNAPSHOT},
        },
    }
