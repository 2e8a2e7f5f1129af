"""People and their server-side login sessions."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.roles import Role
from training.core.text import fold
from training.core.types import NFCString, UTCDateTime
from training.extensions import db

ROLE_LABELS = {
    Role.LEARNER: _l("Learner"),
    Role.TRAINER: _l("Trainer"),
    Role.ADMIN: _l("Administrator"),
    Role.BOARD: _l("Propaganda Board"),
}


class User(UserMixin, db.Model):
    """A person: a spokesperson learning, a trainer, an administrator or a board reader.

    People with training records are deactivated, never deleted.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Stored lower-case, so uniqueness is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(NFCString(200))
    position: Mapped[str] = mapped_column(NFCString(200), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[str] = mapped_column(String(16), default=Role.LEARNER.value, index=True)
    #: For an administrator limited to one unit's subtree; ``None`` means city-wide.
    scope_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    is_spokesperson: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    #: The designation decision, e.g. ``125/QĐ-UBND``.
    spokesperson_decision: Mapped[str] = mapped_column(NFCString(64), default="")
    designated_on: Mapped[date | None] = mapped_column(Date)
    locale: Mapped[str] = mapped_column(String(5), default="vi")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: Set when an administrator gave a temporary password.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Name, e-mail and position folded (lower case, no diacritics) for searching.
    search_text: Mapped[str] = mapped_column(String(700), default="")

    unit = relationship("Unit", foreign_keys=[unit_id])
    scope_unit = relationship("Unit", foreign_keys=[scope_unit_id])

    #: The session token of the current request (set by the login loader, never stored).
    session_token = None

    def get_id(self):
        """Flask-Login keeps this in the cookie: the server-side session token, not the user id."""
        return self.session_token

    @property
    def role_label(self):
        return ROLE_LABELS.get(self.role, self.role)

    @property
    def is_city_admin(self):
        return self.role == Role.ADMIN and self.scope_unit_id is None

    def __repr__(self):
        return f"<User {self.email}>"


@event.listens_for(User, "before_insert")
@event.listens_for(User, "before_update")
def _refresh_search_text(mapper, connection, user):
    """Keep ``search_text`` in step so "nguyen van hai" finds "Nguyễn Văn Hải"."""
    user.search_text = fold(f"{user.full_name} {user.email} {user.position or ''}")[:700]


class UserSession(db.Model):
    """A login session kept on the server: logging out or deactivating kills it for good."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: sha256 of the token in the cookie; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(255))

    user = relationship("User", lazy="joined", innerjoin=True)
