"""Live sessions: a trainer runs a scenario for a training class, learners answer on their own screens.

A session plays one frozen scenario version for one class. The trainer pushes prompts one at a
time (a scenario prompt, or a question typed on the spot as a journalist); each pushed prompt
keeps a copy of what learners are shown, so the pages that poll never read the scenario JSON.
Learners' answers are one row per learner and pushed prompt (a resend or an edit updates it).

``LiveSession.seq`` counts changes: every push, answer and close takes the next number under
the session's row lock and stamps it on what it wrote, so "what changed since N" is one
indexed query and a row can never commit behind a cursor that already passed it.
"""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.types import JSONText, NFCString, NFCText, UTCDateTime
from training.extensions import db


class LiveStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class LiveSession(db.Model):
    """A trainer-led run of a scenario for a training class."""

    __tablename__ = "sim_live_sessions"
    __table_args__ = (Index("ix_sim_live_sessions_class_status", "class_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("training_classes.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("sim_scenario_versions.id"))
    trainer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), default=LiveStatus.OPEN.value)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The change counter (see the module docstring); polls ask for what is newer than their cursor.
    seq: Mapped[int] = mapped_column(Integer, default=0)

    training_class = relationship("TrainingClass")
    version = relationship("ScenarioVersion")
    trainer = relationship("User")

    @property
    def is_open(self):
        return self.status == LiveStatus.OPEN.value


class LivePrompt(db.Model):
    """A prompt pushed to a live session, in order; a copy of what the learners see."""

    __tablename__ = "sim_live_prompts"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sim_live_sessions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    #: The scenario prompt's id; "" for a question the trainer improvised.
    prompt_id: Mapped[str] = mapped_column(String(80), default="")
    text: Mapped[str] = mapped_column(NFCText)
    journalist_name: Mapped[str] = mapped_column(NFCString(255), default="")
    outlet: Mapped[str] = mapped_column(NFCString(255), default="")
    tone: Mapped[str] = mapped_column(String(32), default="neutral")
    channel: Mapped[str] = mapped_column(String(32), default="press_conference")
    time_limit: Mapped[int] = mapped_column(Integer)
    pushed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seq: Mapped[int] = mapped_column(Integer)

    @property
    def is_improvised(self):
        return not self.prompt_id


class LiveAnswer(db.Model):
    """A learner's answer to a pushed prompt: the newest edit, its server-measured time and findings."""

    __tablename__ = "sim_live_answers"
    __table_args__ = (UniqueConstraint("prompt_id", "user_id"),
                      Index("ix_sim_live_answers_session_seq", "session_id", "seq"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sim_live_sessions.id"))
    prompt_id: Mapped[int] = mapped_column(ForeignKey("sim_live_prompts.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    text: Mapped[str] = mapped_column(NFCText)
    #: The browser's edit number: a resend (same number) or an older edit changes nothing.
    rev: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: From the push to this edit, measured by the server, in seconds.
    seconds: Mapped[Decimal] = mapped_column(Numeric(9, 1))
    #: Saved after the prompt's time limit (kept, never dropped).
    is_late: Mapped[bool] = mapped_column(Boolean, default=False)
    findings: Mapped[list] = mapped_column(JSONText)
    seq: Mapped[int] = mapped_column(Integer)

    user = relationship("User")
