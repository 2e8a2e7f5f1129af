"""Response hardening and request logging: security headers, request ids, JSON log lines."""

import json
import logging
import secrets
import sys
import time

from flask import g, request
from sqlalchemy import inspect
from werkzeug.routing import IntegerConverter

logger = logging.getLogger("training.requests")

# No inline script or style anywhere: every asset is a file served by this app.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class Int32Converter(IntegerConverter):
    """An ``int`` route value that fits the database's INTEGER: larger numbers are 404, not a 500.

    PostgreSQL refuses to compare an INTEGER column with 2**31 (psycopg sends it as bigint and the
    driver raises), so ``/snapshots/99999999999`` must not reach the query.
    """

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)  # the base class sets ``max`` per instance
        super().__init__(map, *args, **kwargs)


def register_http_hooks(app):
    """Attach the security headers and one log line per request."""

    @app.before_request
    def start_request():
        g.request_id = request.headers.get("X-Request-Id", "")[:64] or secrets.token_hex(8)
        g.started = time.perf_counter()

    @app.after_request
    def harden(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), geolocation=(), microphone=(self)")
        if app.config.get("HTTPS"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if getattr(g, "request_id", None):
            headers["X-Request-Id"] = g.request_id
        if response.mimetype == "text/html":
            headers.setdefault("Cache-Control", "no-store")
        _log_request(response)
        return response


def _log_request(response):
    started = getattr(g, "started", None)
    if started is None or request.endpoint in ("static", "bootstrap.static"):
        return
    user_id = _known_user_id(g.get("_login_user"))
    logger.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "request_id": getattr(g, "request_id", None),
            "user_id": user_id,
            "route": request.endpoint,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )


def _known_user_id(user):
    """The id of the user this request already loaded, read without ever querying the database.

    While the database restarts, a query here turns the 503 into a 500 (load runs, issue 8). Even
    ``user.is_authenticated`` or ``user.id`` may query: when a view meets the dead database, the
    503 handler's rollback expires the loaded user, and reading any attribute reloads it. The
    identity key survives expiry; the anonymous user is not a mapped object and has none.
    """
    if user is None:
        return None
    state = inspect(user, raiseerr=False)
    return state.identity[0] if state is not None and state.identity else None


class JsonLineFormatter(logging.Formatter):
    """One JSON object per line; request fields when present, never request bodies."""

    FIELDS = ("request_id", "user_id", "route", "status", "duration_ms")

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in self.FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(app):
    """Log to stderr, as JSON lines when ``LOG_JSON`` is set (recommended under gunicorn)."""
    root = logging.getLogger("training")
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    if app.config.get("LOG_JSON"):
        handler.setFormatter(JsonLineFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO if not app.testing else logging.WARNING)
    root.propagate = False
