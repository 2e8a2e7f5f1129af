"""A quiz (the content of a course item of kind ``quiz``), its slots and per-learner overrides."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.types import JSONText, NFCText, UTCDateTime
from training.extensions import db

#: What a learner may see on the review page: the score, which answers were right, the
#: feedback (per choice and general) and the right answer.
REVIEW_OPTIONS = ("score", "correctness", "feedback", "right_answer")


class Quiz(db.Model):
    """Settings of one quiz item. ``mode`` ``practice`` shows feedback per question, ``exam`` after."""

    __tablename__ = "quizzes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("course_items.id"), unique=True)
    intro: Mapped[str] = mapped_column(NFCText, default="")
    mode: Mapped[str] = mapped_column(String(16), default="exam")
    #: ``None`` = no time limit; enforced by the server (``QuizAttempt.deadline_at``).
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    #: 0 = unlimited.
    attempts_allowed: Mapped[int] = mapped_column(Integer, default=0)
    delay_minutes: Mapped[int] = mapped_column(Integer, default=0)
    grading_method: Mapped[str] = mapped_column(String(16), default="highest")
    pass_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(0))
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=False)
    shuffle_choices: Mapped[bool] = mapped_column(Boolean, default=True)
    questions_per_page: Mapped[int] = mapped_column(Integer, default=5)
    open_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Lists of ``REVIEW_OPTIONS``: right after the attempt, and once the quiz has closed.
    review_after_attempt: Mapped[list] = mapped_column(JSONText, default=list)
    review_after_close: Mapped[list] = mapped_column(JSONText, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    item = relationship("Item")
    slots = relationship("QuizSlot", order_by="QuizSlot.position", viewonly=True)


class QuizSlot(db.Model):
    """One place in the quiz: a fixed question, or ``draw_count`` questions drawn from a category."""

    __tablename__ = "quiz_slots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_questions.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_question_categories.id"))
    draw_count: Mapped[int] = mapped_column(Integer, default=1)
    #: Marks of the question here (``None``: the question's own points).
    points: Mapped[Decimal | None] = mapped_column(Numeric(12, 7))

    question = relationship("Question")
    category = relationship("QuestionCategory")


class QuizOverride(db.Model):
    """Accommodation for one learner: extra time, extra attempts, other dates."""

    __tablename__ = "quiz_overrides"
    __table_args__ = (UniqueConstraint("quiz_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    extra_minutes: Mapped[int] = mapped_column(Integer, default=0)
    extra_attempts: Mapped[int] = mapped_column(Integer, default=0)
    open_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
