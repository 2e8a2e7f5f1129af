"""API tokens for the Board's systems: ``bgt_`` + 43 random characters, stored only as sha256.

A token reads the reports of one unit subtree (or the whole city) and nothing else. Its owner
sees it once, when it is created; it can be revoked at any time and shows when it was last used.
"""

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_
from training.extensions import db
from training.reports.models import ApiToken

PREFIX = "bgt_"
MAX_NAME = 120


def token_hash(token):
    """Return the sha256 (hex) stored for ``token``."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(actor, name, unit, scope_path, now):
    """Create a token reading ``unit``'s subtree (``None``: the actor's whole scope).

    :param scope_path: the actor's own reading scope (``None``: everywhere).
    :return: ``(ApiToken, token text)``; the text is never stored.
    """
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(N_("Give the token a name (which system uses it)."), "name")
    if len(name) > MAX_NAME:
        raise DomainError(N_("The name may have at most %(max)s characters."), "name", max=MAX_NAME)
    if unit is None and scope_path is not None:
        raise DomainError(N_("Choose a unit within your scope."), "unit")
    if unit is not None and scope_path is not None and not unit.path.startswith(scope_path):
        raise DomainError(N_("This unit is outside the units you may report on."), "unit", 403)
    text = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(name=name, token_hash=token_hash(text), prefix=text[:8],
                     scope_unit_id=unit.id if unit is not None else None, created_by_id=actor.id, created_at=now)
    db.session.add(token)
    db.session.flush()
    audit.record(actor, "report.token_create", "report_api_token", token.id,
                 {"name": name, "unit": unit.code if unit is not None else None}, now)
    return token, text


def revoke_token(actor, token, now):
    """Revoke ``token`` (again: nothing changes)."""
    if token.revoked_at is not None:
        return token
    token.revoked_at = now
    token.revoked_by_id = actor.id
    audit.record(actor, "report.token_revoke", "report_api_token", token.id, {"name": token.name}, now)
    return token


def authenticate(text, now):
    """Return the live :class:`ApiToken` of ``text``, or ``None`` (unknown, malformed or revoked)."""
    if not text or not text.startswith(PREFIX) or len(text) > 200:
        return None
    token = db.session.scalar(select(ApiToken).options(joinedload(ApiToken.scope_unit))
                              .where(ApiToken.token_hash == token_hash(text)))
    if token is None or token.revoked_at is not None:
        return None
    # Written at most once a minute: a busy client must not turn every read into a write.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.last_used_at = now
    return token


def visible_tokens(actor, city_wide):
    """Return the tokens ``actor`` may see: all of them city-wide, else those they created."""
    query = select(ApiToken).options(joinedload(ApiToken.scope_unit), joinedload(ApiToken.created_by)) \
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    if not city_wide:
        query = query.where(ApiToken.created_by_id == actor.id)
    return db.session.scalars(query).all()
