"""Server-side login sessions.

The signed Flask cookie holds only a random token; the ``user_sessions`` row decides whether
it is still alive. Logging out, changing the password or being deactivated revokes rows, so a
copied cookie stops working at once (Flask's cookie session alone cannot do that).
"""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import bindparam, select, update

from training.accounts.models import User, UserSession
from training.extensions import db

# Writing last_seen on every request would turn every page view into a write.
TOUCH_EVERY = timedelta(seconds=60)

# Built once: every request runs it, and building a statement (clause coercion, cache key)
# cost about as much as running it. The user comes in the same query (UserSession.user is
# a joined load).
_SESSION_BY_HASH = select(UserSession).where(UserSession.token_hash == bindparam("token_hash"))


def _hash(token):
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def start_session(user, now, idle_minutes, max_hours, ip=None, user_agent=None):
    """Create a session for ``user`` and return its token (for the cookie)."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(
            token_hash=_hash(token), user_id=user.id, created_at=now, last_seen_at=now,
            expires_at=now + timedelta(hours=max_hours), ip=ip, user_agent=(user_agent or "")[:255],
        )
    )
    user.session_token = token
    return token


def load_session_user(token, now, idle_minutes):
    """Return the active user owning the live session ``token``, or ``None``."""
    if not token or len(token) > 128:
        return None
    row = db.session.scalar(_SESSION_BY_HASH, {"token_hash": _hash(token)})
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    if row.last_seen_at + timedelta(minutes=idle_minutes) <= now:
        return None
    user = row.user
    if not user.is_active:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        db.session.commit()
    user.session_token = token
    return user


def revoke_session(token, now):
    """End the session ``token`` (logout)."""
    if token:
        db.session.execute(
            update(UserSession)
            .where(UserSession.token_hash == _hash(token), UserSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )


def revoke_all_sessions(user, now):
    """End every session of ``user`` (password change, deactivation, admin action)."""
    db.session.execute(
        update(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None)).values(revoked_at=now)
    )


def active_sessions(user, now):
    """Return the live sessions of ``user``, newest first."""
    return db.session.scalars(
        select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None), UserSession.expires_at > now)
        .order_by(UserSession.last_seen_at.desc())
    ).all()


def find_user_by_email(email):
    """Return the user with ``email`` (already normalised) or ``None``."""
    return db.session.scalar(select(User).where(User.email == email))
