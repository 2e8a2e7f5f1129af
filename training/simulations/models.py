"""Simulation records: scenarios with immutable versions, simulation items, runs, answers, reviews.

A scenario's content is the validated scenario JSON (``scenario.py``) stored per version; a
version is never edited, so a run keeps pointing at exactly what its learner was asked. A
simulation is a course item (kind ``simulation``) that plays one scenario. A run is one
attempt: the prompts shown (with their server-side deadline), the answers (with the findings
of the checks stored as ``Finding.as_dict``), the suggested score, and the trainer's review.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.types import JSONText, NFCString, NFCText, UTCDateTime
from training.extensions import db


class RunState(StrEnum):
    """A run is answered, then finished (waiting for review if the item requires one), then reviewed."""

    IN_PROGRESS = "in_progress"
    FINISHED = "finished"
    REVIEWED = "reviewed"


class ScenarioRecord(db.Model):
    """A scenario (by slug); its content lives in its versions."""

    __tablename__ = "sim_scenarios"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(NFCString(255))
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ScenarioVersion(db.Model):
    """One immutable version of a scenario: the validated JSON in the versioned schema."""

    __tablename__ = "sim_scenario_versions"
    __table_args__ = (UniqueConstraint("scenario_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("sim_scenarios.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSONText)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(NFCString(255), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    scenario = relationship("ScenarioRecord")


class Simulation(db.Model):
    """A course item of kind ``simulation``: which scenario it plays and how it is passed."""

    __tablename__ = "sim_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("course_items.id"), unique=True)
    scenario_id: Mapped[int] = mapped_column(ForeignKey("sim_scenarios.id"), index=True)
    #: A trainer decides pass/fail; otherwise the suggested score does.
    requires_review: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Optional study time for the brief before the first prompt (minutes; None: untimed).
    prep_minutes: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    scenario = relationship("ScenarioRecord")
    item = relationship("Item")


class Run(db.Model):
    """One learner's attempt at a simulation, on one frozen scenario version."""

    __tablename__ = "sim_runs"
    __table_args__ = (Index("ix_sim_runs_user_item", "user_id", "item_id"),
                      Index("ix_sim_runs_state_finished", "state", "finished_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    simulation_id: Mapped[int] = mapped_column(ForeignKey("sim_items.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("course_items.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: None for a trainer's preview (nothing goes to the ledger).
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("sim_scenario_versions.id"))
    state: Mapped[str] = mapped_column(String(16), default=RunState.IN_PROGRESS.value)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Timed preparation: its allowed length (seconds, frozen at the start; None: untimed) and
    #: when the brief was first shown. It ends at ``briefed_at``: "I am ready", or the time up.
    prep_seconds: Mapped[int | None] = mapped_column(Integer)
    prep_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: When the learner left the brief for the first prompt.
    briefed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suggested_score: Mapped[int | None] = mapped_column(Integer)
    suggested_max: Mapped[int | None] = mapped_column(Integer)
    suggested_passed: Mapped[bool | None] = mapped_column(Boolean)
    #: Score (points out of suggested_max) and decision that count: the trainer's, or the suggestion.
    final_score: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    #: A trainer holding the run for review, so two trainers never grade the same run.
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    simulation = relationship("Simulation")
    version = relationship("ScenarioVersion")
    user = relationship("User", foreign_keys=[user_id])
    prompts = relationship("RunPrompt", order_by="RunPrompt.position", viewonly=True)

    __mapper_args__ = {"version_id_col": row_version}

    @property
    def is_finished(self):
        return self.state != RunState.IN_PROGRESS.value

    @property
    def prep_deadline(self):
        """Return when timed preparation ends (``None`` when untimed)."""
        if not self.prep_seconds or self.prep_started_at is None:
            return None
        return self.prep_started_at + timedelta(seconds=self.prep_seconds)

    @property
    def prep_used_seconds(self):
        """Return how long the learner studied the brief (``None`` before the first prompt)."""
        if self.briefed_at is None or self.prep_started_at is None:
            return None
        return max(0, int((self.briefed_at - self.prep_started_at).total_seconds()))


class RunPrompt(db.Model):
    """A prompt shown in a run, in order, with the server's deadline, and the answer given to it."""

    __tablename__ = "sim_run_prompts"
    __table_args__ = (UniqueConstraint("run_id", "prompt_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("sim_runs.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    prompt_id: Mapped[str] = mapped_column(String(80))
    #: The follow-up rule that inserted this prompt ("" for a scripted prompt).
    follow_up_rule: Mapped[str] = mapped_column(String(80), default="")
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Saved as the learner types (autosave); becomes the answer on submit.
    draft: Mapped[str] = mapped_column(NFCText, default="")
    draft_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[str | None] = mapped_column(NFCText)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Response time measured by the server (shown_at to answered_at), in seconds.
    seconds: Mapped[Decimal | None] = mapped_column(Numeric(9, 1))
    is_late: Mapped[bool] = mapped_column(Boolean, default=False)
    #: ``[Finding.as_dict(), ...]`` of the checks on this answer.
    findings: Mapped[list | None] = mapped_column(JSONText)
    trainer_comment: Mapped[str] = mapped_column(NFCText, default="")
    #: A spoken answer recorded in the browser: bytes in the file store (served only to its
    #: learner and to reviewers), the type sniffed from the bytes, and the recorder's length.
    audio_sha256: Mapped[str | None] = mapped_column(String(64))
    audio_type: Mapped[str | None] = mapped_column(String(40))
    audio_size: Mapped[int | None] = mapped_column(Integer)
    audio_seconds: Mapped[int | None] = mapped_column(Integer)

    @property
    def is_answered(self):
        return self.answered_at is not None


class Review(db.Model):
    """A trainer's review of a run: points per criterion, red flags confirmed, decision."""

    __tablename__ = "sim_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("sim_runs.id"), unique=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: ``{criterion_id: points}``.
    criteria: Mapped[dict] = mapped_column(JSONText)
    #: Red flag ids the trainer confirmed (each costs its penalty).
    red_flags: Mapped[list] = mapped_column(JSONText)
    score: Mapped[int] = mapped_column(Integer)
    passed: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(NFCText, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    reviewer = relationship("User")
