"""Configuration: safe defaults here, then ``instance/config.py``, then ``TRAINING_*`` variables.

Every key a deployment may set is listed in :data:`DOCUMENTED_KEYS` (the README's
configuration table is checked against it by a test).
"""

import os
import secrets

#: Secrets that must never be accepted as a real SECRET_KEY.
WEAK_SECRETS = frozenset({"", "dev", "secret", "changeme", "change-me", "development"})

#: Keys a deployment may set (README "Configuration"), with a one-line description.
DOCUMENTED_KEYS = {
    "SECRET_KEY": "signs sessions and CSRF tokens; generated into instance/config.py by make run",
    "DATABASE_URL": "SQLAlchemy URL; default sqlite:///instance/training.sqlite",
    "RATELIMIT_STORAGE_URI": "Flask-Limiter store: memory:// (default) or redis://host:6379/0",
    "HTTPS": "true behind an HTTPS proxy: secure cookies with the __Host- prefix, HSTS",
    "PUBLIC_BASE_URL": "absolute base URL printed in QR codes and links (e.g. https://daotao.example.gov.vn)",
    "VERIFY_LIMIT_PER_IP": "certificate verifications allowed per client address (default '30 per minute;300 per hour')",
    "VERIFY_LIMIT_PER_CERTIFICATE": "wrong verification codes allowed per certificate serial (default '10 per hour')",
    "SESSION_IDLE_MINUTES": "a session unused this long is dead (default 120)",
    "SESSION_MAX_HOURS": "absolute session lifetime (default 12)",
    "LOGIN_LIMIT_PER_ACCOUNT": "failed logins allowed per e-mail address (default '5 per minute;20 per hour')",
    "LOGIN_LIMIT_PER_IP": "login attempts allowed per client address (default '30 per minute')",
    "MAX_CONTENT_LENGTH": "largest accepted request body in bytes (default 16 MiB)",
    "IMPORT_MAX_ROWS": "largest roster/unit import accepted (default 20000 rows)",
    "UPLOAD_IMAGE_MAX_BYTES": "largest lesson image or signature image (default 2 MiB)",
    "SIMULATIONS_AUDIO_MAX_BYTES": "largest spoken answer a learner may upload in a simulation (default 8 MiB)",
    "SIMULATIONS_AUDIO_MAX_SECONDS": "longest spoken answer recorded in a simulation (default 300 seconds)",
    "UPLOAD_DIR": "where uploaded files are kept (default instance/uploads; shared storage with several servers)",
    "DEFAULT_LOCALE": "language for visitors who have not chosen one (default vi)",
    "TIMEZONE": "timezone for display and report periods (default Asia/Ho_Chi_Minh)",
    "ORGANISATION_NAME": "name of the deploying body, shown in headers and documents",
    "LOG_JSON": "true: one JSON line per request on stderr (default true under gunicorn)",
    "TRUSTED_PROXIES": "number of reverse proxies in front (for the client address; default 0)",
    "QUIZ_GRACE_SECONDS": "answers still accepted this long after a quiz attempt's deadline (default 60)",
    "REPORT_SCOPE_NAME": "name of the whole-city scope in coverage reports (default 'Thành phố Vũng Tàu')",
    "REPORT_DOCUMENT": "dict overriding the PDF report's issuing body, place, recipients, signer (reports/document.py)",
    "REPORT_TREND_PERIODS": "number of periods in the coverage trend chart (default 4)",
    "REPORT_QUERY_CONNECTIONS": "connections one coverage report reads on at once (default 4 on PostgreSQL, 1 on SQLite)",
    "API_RATE_LIMIT": "calls allowed per API token or address on /api/v1 (default '60 per minute;1000 per hour')",
}


class Config:
    """Defaults that are safe on a single office computer."""

    SECRET_KEY = None
    SQLALCHEMY_DATABASE_URI = None  # filled in from the instance path by the factory
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLALCHEMY_RECORD_QUERIES = False
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    RATELIMIT_STRATEGY = "moving-window"
    HTTPS = False
    PUBLIC_BASE_URL = "http://127.0.0.1:5000"
    VERIFY_LIMIT_PER_IP = "30 per minute;300 per hour"
    VERIFY_LIMIT_PER_CERTIFICATE = "10 per hour"
    SESSION_IDLE_MINUTES = 120
    SESSION_MAX_HOURS = 12
    LOGIN_LIMIT_PER_ACCOUNT = "5 per minute;20 per hour"
    LOGIN_LIMIT_PER_IP = "30 per minute"
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    SIMULATIONS_AUDIO_MAX_BYTES = 8 * 1024 * 1024
    SIMULATIONS_AUDIO_MAX_SECONDS = 300
    IMPORT_MAX_ROWS = 20000
    UPLOAD_IMAGE_MAX_BYTES = 2 * 1024 * 1024
    UPLOAD_DIR = None
    DEFAULT_LOCALE = "vi"
    TIMEZONE = "Asia/Ho_Chi_Minh"
    ORGANISATION_NAME = "Ban Tuyên giáo Thành ủy"
    LOG_JSON = False
    TRUSTED_PROXIES = 0
    QUIZ_GRACE_SECONDS = 60
    REPORT_SCOPE_NAME = "Thành phố Vũng Tàu"
    REPORT_DOCUMENT: dict = {}
    REPORT_TREND_PERIODS = 4
    REPORT_QUERY_CONNECTIONS = None  # 4 on PostgreSQL, 1 on SQLite (reports/concurrent_reads.py)
    API_RATE_LIMIT = "60 per minute;1000 per hour"
    # Flask / extensions
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session (long exams)
    BOOTSTRAP_SERVE_LOCAL = True
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")


def load_config(app, test_config):
    """Fill ``app.config`` in order: defaults, instance file, environment, test overrides."""
    app.config.from_object(Config)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("TRAINING")
    else:
        app.config.from_mapping(test_config)
    database_url = app.config.pop("DATABASE_URL", None)
    if database_url:
        app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        path = os.path.join(app.instance_path, "training.sqlite")
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    app.config["BABEL_DEFAULT_LOCALE"] = app.config["DEFAULT_LOCALE"]
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["TIMEZONE"]
    if app.config["HTTPS"]:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["SESSION_COOKIE_NAME"] = "__Host-session"
        app.config["PREFERRED_URL_SCHEME"] = "https"
    _require_real_secret(app)


def _require_real_secret(app):
    """Refuse to run with a missing or well-known secret, except in tests."""
    secret = app.config.get("SECRET_KEY")
    if app.config.get("TESTING") and not secret:
        app.config["SECRET_KEY"] = secrets.token_hex(32)
        return
    if not secret or secret in WEAK_SECRETS or len(str(secret)) < 16:
        raise RuntimeError(
            "SECRET_KEY is missing or too weak. Run 'make instance' (it writes a random key into "
            "instance/config.py) or set TRAINING_SECRET_KEY to at least 32 random characters."
        )


def generate_instance_config(path):
    """Write ``instance/config.py`` with a fresh random SECRET_KEY unless it already exists.

    :return: ``True`` when a new file was written.
    """
    if os.path.exists(path):
        return False
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:
        fh.write(
            '"""Instance configuration for this installation (never committed)."""\n\n'
            f"SECRET_KEY = {secrets.token_hex(32)!r}\n"
        )
    os.chmod(path, 0o600)
    return True
