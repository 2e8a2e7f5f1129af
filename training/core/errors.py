"""Domain errors and the HTTP error pages (400, 403, 404, 405, 413, 429, 500, 503) in the user's language."""

import logging

from flask import current_app, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import HTTPException

from training.core.messages import N_

logger = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule of the domain was broken; the message is shown to the user.

    :param message: translatable text (already translated at the edge, or an English msgid
        that the edge passes through ``gettext``).
    :param field: the form field the message belongs to, or ``None`` for the whole form.
    :param status: the HTTP status the edge should answer with.
    """

    def __init__(self, message, field=None, status=400, **params):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status
        self.params = params

    def __str__(self):
        return self.message % self.params if self.params else self.message


def apply_domain_error(form, error):
    """Put ``error`` on ``form`` (on its field when it names one) so the page can re-render."""
    text = _(error.message, **error.params) if error.params else _(error.message)
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = list(field.errors) + [text]
    else:
        form.form_errors.append(text)
    return text


def wants_json():
    """Return whether the client asked for JSON (API, autosave) rather than a page."""
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


ERROR_TITLES = {
    400: N_("The request could not be understood"),
    401: N_("Please log in"),
    403: N_("You do not have access to this page"),
    404: N_("Page not found"),
    405: N_("This action is not allowed here"),
    413: N_("The file or data sent is too large"),
    429: N_("Too many attempts"),
    500: N_("Something went wrong on our side"),
}

ERROR_HINTS = {
    400: N_("Check what you entered and try again."),
    401: N_("Log in and try again."),
    403: N_("If you need access, ask your unit's administrator."),
    404: N_("The address may be wrong, or the page was removed."),
    405: N_("Go back and use the buttons on the page."),
    413: N_("Choose a smaller file and try again."),
    429: N_("Wait a minute, then try again."),
    500: N_("The error was recorded. Please try again in a moment."),
}


# Shown when even the error page cannot be rendered (it needs the database for the user's
# language): in both languages, without gettext, which would look the user up again.
UNAVAILABLE = ("Hệ thống đang tạm gián đoạn, vui lòng thử lại sau giây lát. / "
               "The service is briefly unavailable; please try again in a moment.")


def _render_error(status, description=None):
    title = _(ERROR_TITLES.get(status, ERROR_TITLES[500]))
    hint = description or _(ERROR_HINTS.get(status, ERROR_HINTS[500]))
    if wants_json():
        return jsonify({"error": {"status": status, "title": title, "message": hint}}), status
    return render_template("errors/error.html", status=status, title=title, hint=hint), status


def register_error_handlers(app):
    """Answer every HTTP error with a page (or JSON) in the user's language."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _render_error(400, _("Your form expired or was sent from another site. Reload the page and try again."))

    @app.errorhandler(429)
    def too_many(error):
        return _render_error(429, _("Too many attempts. Wait a minute, then try again."))

    @app.errorhandler(HTTPException)
    def http_error(error):
        description = getattr(error, "user_message", None)
        body, status = _render_error(error.code or 500, description)
        # Keep the headers the status requires (Allow on 405, WWW-Authenticate on 401).
        kept = [(k, v) for k, v in error.get_headers() if k in ("Allow", "WWW-Authenticate")]
        return body, status, kept

    @app.errorhandler(OperationalError)
    def database_unavailable(error):
        # The database is restarting or unreachable (or SQLite stayed locked past its busy
        # timeout): a passing condition, not a bug. 503 with Retry-After tells the quiz page's
        # retry queue, proxies and clients to try again (autosave and submit are safe to repeat).
        logger.warning("Database unavailable on %s %s: %s", request.method, request.path, error.orig)
        if "_login_user" not in g:
            # Loading the signed-in user is what failed: answer as to a visitor, so that the
            # page's language and the request log do not ask the database again.
            g._login_user = current_app.login_manager.anonymous_user()
        try:
            from training.extensions import db

            db.session.rollback()
            body, _status = _render_error(503)
        except Exception:  # the page needs the database too (the signed-in user's language, the menu)
            body = jsonify({"error": {"status": 503, "message": UNAVAILABLE}}) if wants_json() else UNAVAILABLE
        return body, 503, {"Retry-After": "5"}

    @app.errorhandler(Exception)
    def unexpected(error):
        logger.exception("Unhandled error on %s %s", request.method, request.path)
        from training.extensions import db

        db.session.rollback()  # rendering the page must not flush a half-written change
        return _render_error(500)


def abort_with(status, message=None):
    """Raise the HTTP error ``status`` carrying a user-facing (translated) ``message``."""
    from werkzeug.exceptions import default_exceptions

    error = default_exceptions[status]()
    error.user_message = message
    if status == 401 and request.path.startswith("/api/"):
        error.www_authenticate = (WWWAuthenticate("bearer"),)
    raise error
