"""Who studies what: enrolments, training classes (lớp tập huấn) and enrolment requests."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.types import NFCString, NFCText, UTCDateTime
from training.extensions import db


class EnrollmentStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class TrainingClass(db.Model):
    """A training class: a group of enrolments in one course with a trainer, dates and a due date."""

    __tablename__ = "training_classes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    name: Mapped[str] = mapped_column(NFCString(255))
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: The organising unit; a scoped admin manages the classes of their subtree.
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    location: Mapped[str] = mapped_column(NFCString(255), default="")
    notes: Mapped[str] = mapped_column(NFCText, default="")
    is_archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    # Loaded on demand; list queries ask for what they show (joinedload), so no page pays for
    # a cascade of joins it does not need.
    course = relationship("Course")
    trainer = relationship("User", foreign_keys=[trainer_id])
    unit = relationship("Unit")


class Enrollment(db.Model):
    """One person in one course. Enrolling again is a no-op (unique per person and course)."""

    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("user_id", "course_id"),
        Index("ix_enrollments_course_status", "course_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    class_id: Mapped[int | None] = mapped_column(ForeignKey("training_classes.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=EnrollmentStatus.ACTIVE.value)
    #: How the person came in: manual, unit, class, import, self, request.
    source: Mapped[str] = mapped_column(String(16), default="manual")
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    enrolled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Due date as an instant (end of the local due day), or None.
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    #: Set once, when every required item is complete; never moved afterwards.
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    #: The course version the person completed (certificates print it).
    completed_version: Mapped[int | None] = mapped_column(Integer)
    last_item_id: Mapped[int | None] = mapped_column(ForeignKey("course_items.id"))
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User", foreign_keys=[user_id])
    course = relationship("Course")
    training_class = relationship("TrainingClass")

    @property
    def is_active(self):
        return self.status == EnrollmentStatus.ACTIVE.value

    def is_overdue(self, now):
        """Return whether the due instant has passed without completion."""
        return self.due_at is not None and self.completed_at is None and self.due_at < now


class EnrollmentRequest(db.Model):
    """A learner asking to be enrolled in a course that has no self-enrolment."""

    __tablename__ = "enrollment_requests"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    message: Mapped[str] = mapped_column(NFCString(500), default="")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: pending, approved or declined.
    status: Mapped[str] = mapped_column(String(16), default="pending")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User", foreign_keys=[user_id])
