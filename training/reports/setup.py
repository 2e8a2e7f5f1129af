"""Wire reports into the app: blueprints, menu, audit labels, template filters, demo step, CLI."""

from flask_babel import lazy_gettext as _l

from training.core.audit import register_actions
from training.core.http import Int32Converter
from training.core.navigation import NavEntry, register_nav
from training.core.security import REPORT_READERS
from training.core.seeding import SeedStep, register_seed_step
from training.extensions import csrf
from training.reports.formatting import format_decimal, format_int, format_percent


def init_app(app):
    """Register the report blueprints, menu entry, audit labels and commands."""
    app.url_map.converters.setdefault("id32", Int32Converter)
    from training.reports.routes import api, dashboard, snapshots, tokens

    for blueprint in (dashboard.bp, snapshots.bp, tokens.bp, api.bp):
        app.register_blueprint(blueprint)
    # The API authenticates with a bearer token, never a cookie: CSRF cannot apply (and it is GET only).
    csrf.exempt(api.bp)
    app.jinja_env.filters["report_int"] = format_int
    app.jinja_env.filters["report_percent"] = format_percent
    app.jinja_env.filters["report_decimal"] = format_decimal
    register_nav(NavEntry("reports.index", _l("Training coverage report"), REPORT_READERS,
                          _l("Coverage per unit and period, charts, PDF/XLSX exports, frozen reports, API."), 70,
                          section="reports", menu_label=_l("Reports")))
    register_actions({
        "report.freeze": _l("Report frozen"), "report.token_create": _l("API token created"),
        "report.token_revoke": _l("API token revoked"),
    })
    from training.reports.demo import seed_report_history

    register_seed_step(SeedStep("reports", 80, seed_report_history))
    from training.reports.cli import reports_cli, seed_load

    app.cli.add_command(reports_cli)
    app.cli.add_command(seed_load)
