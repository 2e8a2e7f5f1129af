"""A course, its ordered modules and items, and lesson content."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.types import NFCString, NFCText, UTCDateTime
from training.extensions import db


class CourseStatus(StrEnum):
    """Only published courses are open to learners; archived ones stay readable to those enrolled."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Course(db.Model):
    """A course, e.g. "Khung pháp lý về phát ngôn và cung cấp thông tin cho báo chí"."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(NFCString(255))
    summary: Mapped[str] = mapped_column(NFCText, default="")
    audience: Mapped[str] = mapped_column(NFCString(255), default="")
    status: Mapped[str] = mapped_column(String(16), default=CourseStatus.DRAFT.value, index=True)
    #: Content version, raised when the course is revised (e.g. because the law changed);
    #: certificates record the version their holder completed.
    version: Mapped[int] = mapped_column(Integer, default=1)
    version_note: Mapped[str] = mapped_column(NFCString(255), default="")
    #: Lessons complete when opened (instead of the learner ticking "mark as done").
    complete_lessons_on_view: Mapped[bool] = mapped_column(Boolean, default=False)
    self_enrollment: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Due date of a new enrolment, N days after it (unless a class or the admin sets one).
    relative_due_days: Mapped[int | None] = mapped_column(Integer)
    #: Set when required-item flags change on a course with enrolments, until a recompute.
    completion_rules_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    #: Live modules in order; pages that show the outline load them with ``OUTLINE`` (queries.py).
    modules = relationship("Module", order_by="Module.position", viewonly=True,
                           primaryjoin="and_(Module.course_id == Course.id, Module.removed_at.is_(None))")

    __mapper_args__ = {"version_id_col": row_version}

    @property
    def is_published(self):
        return self.status == CourseStatus.PUBLISHED.value


class Module(db.Model):
    """A chapter of a course (e.g. "Module 1.2 – Ai được phát ngôn?")."""

    __tablename__ = "course_modules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    title: Mapped[str] = mapped_column(NFCString(255))
    summary: Mapped[str] = mapped_column(NFCText, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    course = relationship("Course")
    items = relationship("Item", order_by="Item.position",
                         primaryjoin="and_(Item.module_id == Module.id, Item.removed_at.is_(None))", viewonly=True)


class Item(db.Model):
    """One step of a module: a lesson, a quiz or a simulation (the kind's feature owns its content).

    Items are never deleted, only marked removed, so learners' results on them survive edits.
    """

    __tablename__ = "course_items"
    __table_args__ = (Index("ix_course_items_course_removed", "course_id", "removed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    module_id: Mapped[int] = mapped_column(ForeignKey("course_modules.id"), index=True)
    #: ``lesson``, ``quiz`` or ``simulation`` (see courses.registry).
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(NFCString(255))
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_required: Mapped[bool] = mapped_column(Boolean, default=True)
    estimated_minutes: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    module = relationship("Module")


class Lesson(db.Model):
    """The Markdown body of a lesson item, with its sanitised HTML cached."""

    __tablename__ = "lessons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("course_items.id"), unique=True)
    body_markdown: Mapped[str] = mapped_column(NFCText, default="")
    #: Rendered by core.markdown (sanitised); re-rendered on every save.
    body_html: Mapped[str] = mapped_column(NFCText, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Optimistic lock: a save based on an older version is refused instead of erasing it.
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    item = relationship("Item")

    __mapper_args__ = {"version_id_col": row_version}


class LessonMedia(db.Model):
    """An image uploaded for a course's lessons (bytes in the file store, checked by content)."""

    __tablename__ = "lesson_media"
    __table_args__ = (UniqueConstraint("course_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(NFCString(255))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
