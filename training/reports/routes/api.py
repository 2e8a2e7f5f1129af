"""The JSON API for the Board's systems: ``/api/v1/coverage``, ``/api/v1/snapshots``, the OpenAPI file.

Every call but the OpenAPI document needs ``Authorization: Bearer bgt_...``; a token reads only
its unit subtree. Unknown query parameters are refused (a typo must not silently widen a
report), errors are JSON (``core.errors``), and calls are rate limited (``API_RATE_LIMIT``).
"""

from flask import Blueprint, Response, current_app, g, jsonify, request, url_for
from flask_babel import gettext as _

from training.core.errors import DomainError, abort_with
from training.core.net import client_address
from training.core.roles import is_path_within
from training.core.security import PUBLIC, allow
from training.core.time import utcnow
from training.extensions import db, limiter
from training.reports.openapi import COVERAGE_PARAMS, SNAPSHOT_LIST_PARAMS, openapi_document
from training.reports.report_json import to_json_dict
from training.reports.routes.dashboard import MIMETYPES, error_text, settings
from training.reports.services import snapshots as snapshot_service
from training.reports.services import tokens
from training.reports.services.coverage import coverage_report
from training.reports.services.requests import resolve_period, resolve_request, resolve_unit

bp = Blueprint("reports_api", __name__, url_prefix="/api/v1")


def _rate_key():
    header = request.headers.get("Authorization", "")
    # Per token when one is sent (several systems behind one proxy), else per address.
    return "token:" + tokens.token_hash(header[7:]) if header.startswith("Bearer ") else client_address()


def _limit():
    return current_app.config["API_RATE_LIMIT"]


def _authenticate():
    header = request.headers.get("Authorization", "")
    token = tokens.authenticate(header[7:].strip(), utcnow()) if header.startswith("Bearer ") else None
    if token is None:
        db.session.rollback()
        abort_with(401, _("Send a valid API token: Authorization: Bearer <token>."))
    db.session.commit()  # last_used_at
    g.api_token = token
    return token


def _token_path(token):
    return token.scope_unit.path if token.scope_unit is not None else None


def _refuse_unknown(allowed):
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        abort_with(400, _("Unknown parameter: %(names)s.", names=", ".join(name[:40] for name in unknown[:5])))


@bp.get("/coverage")
@allow(PUBLIC)
@limiter.limit(_limit, key_func=_rate_key)
def coverage():
    token = _authenticate()
    _refuse_unknown(COVERAGE_PARAMS)
    now, config = utcnow(), settings()
    try:
        req = resolve_request(request.args, _token_path(token), now, config.timezone)
    except DomainError as error:
        abort_with(error.status, error_text(error))
    result = coverage_report(None, req.unit, req.period, now, config, req.course)
    data = to_json_dict(result.report)
    data["list_totals"] = result.list_totals
    return jsonify(data)


def _snapshot_json(snapshot):
    return {
        "id": snapshot.id, "period": snapshot.period,
        "scope": {"code": snapshot.scope_code, "name": snapshot.scope_name},
        "created_at": snapshot.created_at.isoformat().replace("+00:00", "Z"), "sha256": snapshot.sha256,
        "replaces": snapshot.replaces_id, "superseded_by": snapshot.superseded_by_id,
        "files": {f.kind: {"sha256": f.sha256, "size": f.size,
                           "url": url_for("reports_api.snapshot_file", snapshot_id=snapshot.id, kind=f.kind)}
                  for f in snapshot.files},
    }


@bp.get("/snapshots")
@allow(PUBLIC)
@limiter.limit(_limit, key_func=_rate_key)
def snapshots():
    token = _authenticate()
    _refuse_unknown(SNAPSHOT_LIST_PARAMS)
    period, code = _snapshot_filters(_token_path(token))
    rows = snapshot_service.visible_snapshots(_token_path(token), period=period, scope_code=code)
    return jsonify({"snapshots": [_snapshot_json(s) for s in rows]})


def _snapshot_filters(token_path):
    """Return the checked ``(period code, unit code)`` filters of the list (``None``: not filtered).

    Checked like the coverage report's: a malformed period is 400, an unknown unit 404, a unit
    outside the token's 403 (an empty list would hide the mistake); ``unit=`` alone is the city.
    """
    args = request.args
    try:
        period = resolve_period({"period": args["period"]}, utcnow(), settings().timezone).code \
            if args.get("period") else None
        code = args.get("unit")
        if code and code.strip():
            code = resolve_unit(token_path, code).code
    except DomainError as error:
        abort_with(error.status, error_text(error))
    return period, code


def _load(token, snapshot_id):
    from training.reports.models import ReportSnapshot

    snapshot = db.session.get(ReportSnapshot, snapshot_id)
    if snapshot is None:
        abort_with(404)
    path = _token_path(token)
    if path is not None and (snapshot.unit is None or not is_path_within(snapshot.unit.path, path)):
        abort_with(403, _("This report is outside the units you may report on."))
    return snapshot


@bp.get("/snapshots/<id32:snapshot_id>")
@allow(PUBLIC)
@limiter.limit(_limit, key_func=_rate_key)
def snapshot(snapshot_id):
    token = _authenticate()
    _refuse_unknown(())
    item = _load(token, snapshot_id)
    data = _snapshot_json(item)
    data["report"] = to_json_dict(snapshot_service.stored_report(item))
    return jsonify(data)


@bp.get("/snapshots/<id32:snapshot_id>/report.<any(pdf, xlsx, json):kind>")
@allow(PUBLIC)
@limiter.limit(_limit, key_func=_rate_key)
def snapshot_file(snapshot_id, kind):
    token = _authenticate()
    _refuse_unknown(())
    item = _load(token, snapshot_id)
    if kind == "json":
        data = item.data.encode("utf-8")
    else:
        stored = snapshot_service.snapshot_file(item, kind)
        if stored is None:
            abort_with(404)
        data = stored.content
    return Response(data, mimetype=MIMETYPES[kind], headers={
        "Content-Disposition": f'attachment; filename="bao-cao-chot-{item.id}.{kind}"'})


@bp.get("/openapi.json")
@allow(PUBLIC)
def openapi():
    return jsonify(openapi_document())
