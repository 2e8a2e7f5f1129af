"""The progress ledger: one row per enrolment and item. Courses own it; quizzes and
simulations write to it through ``courses.services.progress.record_item_result``."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from training.core.types import UTCDateTime
from training.extensions import db


class ItemResult(db.Model):
    """What one learner achieved on one item."""

    __tablename__ = "item_results"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "item_id"),
        # Covers the coverage report's ledger aggregate (reports.activity_queries.result_counts):
        # it reads quiz and simulation rows only, and only these columns, so both databases answer
        # it from the index alone (PostgreSQL: a parallel index-only scan; SQLite: a covering
        # index) instead of reading every ledger row, two in three of which are lessons.
        Index("ix_item_results_source_ledger", "source", "enrollment_id", "updated_at", "score", "passed"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("course_items.id"), index=True)
    #: When the item counted as complete for the course (lesson done, quiz passed...).
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Best score so far as a percentage 0–100 (quizzes, simulations); None for lessons.
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    passed: Mapped[bool | None] = mapped_column(Boolean)
    #: lesson, quiz, simulation — who wrote the result.
    source: Mapped[str] = mapped_column(String(20))
    first_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
