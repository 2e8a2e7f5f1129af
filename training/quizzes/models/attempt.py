"""Attempts and the answers in them.

An attempt freezes at its start which question version fills each place, in which order the
choices show and the marks; answers are saved one by one with a per-question sequence
number, so a stale save (a second tab, a retried request) never overwrites a newer one.
"""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.types import JSONText, NFCText, UTCDateTime
from training.extensions import db


class QuizAttempt(db.Model):
    """One attempt of one learner at one quiz. ``status``: ``in_progress`` or ``finished``."""

    __tablename__ = "quiz_attempts"
    __table_args__ = (UniqueConstraint("quiz_id", "user_id", "number"),
                      Index("ix_quiz_attempts_status_deadline", "status", "deadline_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The server's deadline (time limit, capped by the close date); ``None`` = none.
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: ``learner``, ``deadline`` (closed on a later request) or ``cron`` (flask quizzes close-overdue).
    finished_by: Mapped[str | None] = mapped_column(String(16))
    #: ``graded`` or ``awaiting_grading`` once finished.
    grade_state: Mapped[str | None] = mapped_column(String(20))
    total: Mapped[Decimal | None] = mapped_column(Numeric(14, 7))
    max_score: Mapped[Decimal | None] = mapped_column(Numeric(14, 7))
    percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    passed: Mapped[bool | None] = mapped_column(Boolean)

    quiz = relationship("Quiz")
    user = relationship("User")
    answers = relationship("AttemptAnswer", order_by="AttemptAnswer.position", viewonly=True)


class AttemptAnswer(db.Model):
    """One question of an attempt: the frozen version and order, the saved response, the marks."""

    __tablename__ = "quiz_attempt_answers"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("quiz_attempts.id"))
    position: Mapped[int] = mapped_column(Integer)
    question_version_id: Mapped[int] = mapped_column(ForeignKey("quiz_question_versions.id"), index=True)
    points: Mapped[Decimal] = mapped_column(Numeric(12, 7))
    #: Display order of the choices (or matching answers, ordering items): original indexes.
    display_order: Mapped[list] = mapped_column(JSONText, default=list)
    #: The response in the spec's own indexes (see question_types), ``None`` = not answered.
    response: Mapped[object | None] = mapped_column(JSONText)
    #: Raised by every save; a save with a sequence not above this one is stale.
    seq: Mapped[int] = mapped_column(Integer, default=0)
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Practice mode: when the learner checked this answer (graded at once, then locked).
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[Decimal | None] = mapped_column(Numeric(12, 7))
    state: Mapped[str | None] = mapped_column(String(20))
    #: Statistics keys of the response (``QuestionGrade.keys``).
    keys: Mapped[list | None] = mapped_column(JSONText)
    manual_score: Mapped[Decimal | None] = mapped_column(Numeric(12, 7))
    grader_comment: Mapped[str] = mapped_column(NFCText, default="")
    graded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    graded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    attempt = relationship("QuizAttempt")
    version = relationship("QuestionVersion")
