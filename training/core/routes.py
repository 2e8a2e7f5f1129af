"""Pages every feature shares: home, language switch, health checks and the audit log."""

from datetime import timedelta

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select, text

from training.core.audit import KNOWN_ACTIONS, AuditEvent
from training.core.navigation import nav_for, panels_for
from training.core.pagination import page_number, paginate
from training.core.security import ADMINS, PUBLIC, allow
from training.core.text import clean_line
from training.core.time import local_day_bounds, parse_date
from training.extensions import db

bp = Blueprint("core", __name__)


@bp.get("/")
@allow(PUBLIC)
def home():
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    entries = [entry for entry in nav_for(current_user) if entry.home_card]
    panels = panels_for(current_user)
    nothing = not entries and not any(context.get("rows") for _panel, context in panels)
    return render_template("home.html", entries=entries, panels=panels, nothing=nothing)


@bp.post("/language")
@allow(PUBLIC)
def set_language():
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
            db.session.commit()
    target = request.form.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("core.home")
    return redirect(target)


@bp.get("/healthz")
@allow(PUBLIC)
def healthz():
    return jsonify({"status": "ok"})


@bp.get("/readyz")
@allow(PUBLIC)
def readyz():
    from training.core.migrations_status import migrations_at_head

    try:
        db.session.execute(text("SELECT 1"))
        at_head = migrations_at_head()
    except Exception:  # any database failure means "not ready"
        return jsonify({"status": "unavailable", "database": False}), 503
    if not at_head:
        return jsonify({"status": "migrations pending", "database": True, "migrations": False}), 503
    return jsonify({"status": "ready", "database": True, "migrations": True})


@bp.get("/admin/audit")
@allow(ADMINS)
def audit_log():
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    action = request.args.get("action", "")
    if action:
        query = query.where(AuditEvent.action == action)
    actor = clean_line(request.args.get("actor", "")).lower()
    if actor:
        query = query.where(AuditEvent.actor_label.like(f"%{actor}%"))
    target = clean_line(request.args.get("target", ""))
    if target:
        query = query.where(AuditEvent.target_type == target.split(":")[0])
        if ":" in target:
            query = query.where(AuditEvent.target_id == target.split(":", 1)[1])
    errors = []
    for name, bound in (("from", "start"), ("to", "end")):
        value = request.args.get(name, "")
        if not value:
            continue
        try:
            day = parse_date(value)
        except ValueError:
            errors.append(_("%(value)s is not a valid date (use dd/mm/yyyy).", value=value))
            continue
        start, end = local_day_bounds(day, current_app.config["TIMEZONE"])
        query = query.where(AuditEvent.at >= start) if bound == "start" else query.where(AuditEvent.at < end)
    if not current_user.is_city_admin:
        # A scoped admin sees only what they did themselves; the whole log is city-wide information.
        query = query.where(AuditEvent.actor_id == current_user.id)
    page = paginate(query, page_number(request.args), per_page=50)
    return render_template("core/audit.html", page=page, actions=KNOWN_ACTIONS, errors=errors, args=request.args,
                           timedelta=timedelta)
