"""The application factory: configuration, extensions, features, error pages, CLI. No side effects."""

import os

from flask import Flask, request
from flask_login import current_user

from training import config as config_module
from training.core import http
from training.core.catalogs import catalogues
from training.core.database import engine_options
from training.core.errors import register_error_handlers
from training.core.i18n import register_template_helpers, select_locale, select_timezone
from training.core.security import undeclared_endpoints
from training.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate

# Features in dependency order (DESIGN.md section 3); each has setup.init_app(app).
FEATURES = (
    "training.core.setup",
    "training.orgunits.setup",
    "training.accounts.setup",
    "training.courses.setup",
    "training.quizzes.setup",
    "training.simulations.setup",
    "training.certificates.setup",
    "training.reports.setup",
)


def build_app(test_config=None):
    """Create the application (see :func:`training.create_app`)."""
    app = Flask("training", instance_relative_config=True,
                root_path=os.path.dirname(os.path.abspath(__file__)))
    os.makedirs(app.instance_path, exist_ok=True)
    config_module.load_config(app, test_config)
    options = engine_options(app.config["SQLALCHEMY_DATABASE_URI"])
    options.update(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    http.configure_logging(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"),
                     render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(
        str(directory) for directory, _sources in catalogues(app.root_path)
    )
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    bootstrap.init_app(app)
    limiter.init_app(app)

    for module_name in FEATURES:
        module = __import__(module_name, fromlist=["init_app"])
        module.init_app(app)

    register_error_handlers(app)
    register_template_helpers(app)
    http.register_http_hooks(app)
    _load_user_first(app)

    from training import cli

    cli.register(app)
    missing = undeclared_endpoints(app)
    if missing:
        raise RuntimeError(f"routes without an access rule: {', '.join(missing)}")
    return app


def _load_user_first(app):
    """Resolve the logged-in user at the start of each request.

    The session loader may write ``last_seen_at``; doing it first means it never commits
    half of a change a view has started.
    """

    @app.before_request
    def load_user():
        if request.endpoint and not request.endpoint.endswith("static"):
            current_user._get_current_object()
