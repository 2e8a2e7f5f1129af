"""Logging in and out, changing one's password and language."""

import logging

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from training.accounts import services
from training.accounts.forms import ChangePasswordForm, LoginForm, ProfileForm
from training.accounts.sessions import active_sessions, revoke_session, start_session
from training.core.errors import DomainError, apply_domain_error
from training.core.net import client_address
from training.core.security import AUTHENTICATED, PUBLIC, allow
from training.core.text import normalize_email
from training.core.time import utcnow
from training.extensions import db, limiter

logger = logging.getLogger(__name__)
bp = Blueprint("accounts", __name__, template_folder="templates")


def _account_key():
    return "login:" + normalize_email(request.form.get("email", ""))


def _failed(response):
    # Only failed attempts count against an account, so its owner is never locked out by success.
    return bool(g.get("login_failed"))


@bp.route("/login", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_IP"], methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], key_func=_account_key,
               methods=["POST"], deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            g.login_failed = True
            logger.info("Failed login for an account from %s", client_address())
            form.form_errors.append(_("The e-mail or password is not correct."))
            return render_template("accounts/login.html", form=form)
        now = utcnow()
        start_session(user, now, current_app.config["SESSION_IDLE_MINUTES"], current_app.config["SESSION_MAX_HOURS"],
                      ip=client_address(), user_agent=request.user_agent.string)
        user.last_login_at = now
        db.session.commit()
        # A fresh session at login (no fixation), cleared only once the login is stored: if the
        # commit fails (a database restart answers 503), the cookie keeps the form's CSRF token
        # and the same form can be sent again.
        session.clear()
        login_user(user)
        session["locale"] = user.locale
        if user.must_change_password:
            flash(_("Please choose your own password before you continue."), "warning")
            return redirect(url_for("accounts.change_password"))
        return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@allow(AUTHENTICATED)
def logout():
    revoke_session(current_user.session_token, utcnow())
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have logged out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@allow(AUTHENTICATED)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        now = utcnow()
        try:
            services.change_own_password(user, form.current_password.data, form.new_password.data, now)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("accounts/change_password.html", form=form), 400
        # Every old session, this one included, is dead; continue in a brand-new one.
        start_session(user, now, current_app.config["SESSION_IDLE_MINUTES"], current_app.config["SESSION_MAX_HOURS"],
                      ip=client_address(), user_agent=request.user_agent.string)
        db.session.commit()
        session.clear()
        login_user(user)
        flash(_("Your password was changed. Other devices have been logged out."), "success")
        return redirect(url_for("core.home"))
    status = 400 if form.is_submitted() else 200
    return render_template("accounts/change_password.html", form=form), status


@bp.route("/account", methods=["GET", "POST"])
@allow(AUTHENTICATED)
def profile():
    form = ProfileForm(locale=current_user.locale)
    if form.validate_on_submit():
        current_user.locale = form.locale.data
        session["locale"] = form.locale.data
        db.session.commit()
        flash(_("Your settings were saved."), "success")
        return redirect(url_for("accounts.profile"))
    sessions = active_sessions(current_user, utcnow())
    return render_template("accounts/profile.html", form=form, sessions=sessions)


def _safe_next(target):
    """Follow ``next`` only to a path on this site (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("core.home")
