"""Language and date display: Vietnamese by default, English second, dd/mm/yyyy in local time."""

from flask import current_app, g, has_request_context, request, session
from flask_babel import get_translations, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

from training.core import time as clock
from training.core.audit import KNOWN_ACTIONS
from training.core.navigation import nav_for, nav_sections
from training.core.urls import url_pattern

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def select_locale():
    """Pick the language: the user's saved choice, then this browser's choice, then the default."""
    supported = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in supported:
        return current_user.locale
    chosen = session.get("locale")
    if chosen in supported:
        return chosen
    return current_app.config["DEFAULT_LOCALE"]


def select_timezone():
    """Every page shows times in the configured timezone (Asia/Ho_Chi_Minh by default)."""
    return current_app.config["TIMEZONE"]


def _page_translations():
    """Return the request's translations, looked up once per request.

    Flask-Babel resolves the locale and the merged catalogue on every ``_()`` call (about
    40 µs each); a page calls it dozens of times, so templates use this cached lookup.
    """
    cached = g.get("page_translations")
    if cached is None:
        cached = g.page_translations = get_translations()
    return cached


@pass_eval_context
def _template_gettext(eval_ctx, string, **variables):
    """``_()`` and ``gettext()`` in templates: Jinja's new-style semantics, one call deep.

    Jinja's own wrapper goes through two ``Context.call`` layers and an alias per string
    (about 7 µs; a page has dozens). Same result: escaped-safe when autoescaping, then
    ``%`` formatting with the keyword arguments (always, as Jinja does).
    """
    rv = _page_translations().ugettext(string)
    if eval_ctx.autoescape:
        rv = Markup(rv)  # noqa: S704  # nosec B704 - our own catalogues, as in Jinja
    if not variables and "%" not in rv:
        return rv  # formatting would return it unchanged; Markup.__mod__ is the costly part
    return rv % variables


@pass_eval_context
def _template_ngettext(eval_ctx, singular, plural, num, **variables):
    """``ngettext()`` in templates, with Jinja's new-style semantics (``num`` is a variable)."""
    variables.setdefault("num", num)
    rv = _page_translations().ungettext(singular, plural, num)
    if eval_ctx.autoescape:
        rv = Markup(rv)  # noqa: S704  # nosec B704 - our own catalogues, as in Jinja
    return rv % variables


def register_template_helpers(app):
    """Add date filters that always print dd/mm/yyyy and local times."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _page_translations().ugettext(s),
        ngettext=lambda s, p, n: _page_translations().ungettext(s, p, n),
        newstyle=True,
    )
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext)
    tz = app.config["TIMEZONE"]
    app.jinja_env.filters["date_vn"] = clock.format_date
    app.jinja_env.filters["datetime_vn"] = lambda value: clock.format_datetime(value, tz)
    app.jinja_env.filters["time_vn"] = lambda value: clock.to_local(value, tz).strftime("%H:%M:%S") if value else ""

    app.jinja_env.add_extension("jinja2.ext.do")
    # The rules read several user attributes per entry: pass the user, not the context proxy.
    app.jinja_env.globals["nav_entries"] = lambda: nav_for(current_user._get_current_object())
    app.jinja_env.globals["nav_sections"] = lambda: nav_sections(current_user._get_current_object())
    app.jinja_env.globals["url_pattern"] = url_pattern
    app.jinja_env.globals["audit_label"] = lambda action: KNOWN_ACTIONS.get(action, action)
    app.jinja_env.filters["audit_summary"] = audit_summary_text
    app.jinja_env.filters["issue_text"] = lambda issue: issue.text(gettext)

    @app.context_processor
    def language_context():
        return {"LANGUAGE_NAMES": LANGUAGE_NAMES, "current_locale": select_locale(), "request_path": request.path}


def yes_no(value):
    """Return a translated yes/no for booleans shown in tables and exports."""
    return _l("Yes") if value else _l("No")


def audit_summary_text(summary):
    """Render an audit summary dict as short readable text ("name: A → B; unit: X")."""
    if not isinstance(summary, dict):
        return summary or ""
    parts = []
    for key, value in summary.items():
        if key == "changes" and isinstance(value, dict):
            parts.extend(f"{field}: {old} → {new}" for field, (old, new) in value.items())
        elif isinstance(value, dict):
            parts.append(f"{key}: " + ", ".join(f"{k}={v}" for k, v in value.items()))
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)
