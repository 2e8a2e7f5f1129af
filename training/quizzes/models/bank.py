"""The question bank: nested categories (per course or shared), questions, immutable versions, tags.

A question's content lives in :class:`QuestionVersion` rows, each one ``spec.to_dict()`` of a
frozen :class:`~training.quizzes.spec.QuestionSpec`. A version that an attempt has used is
never changed: editing such a question adds a new version, so old attempts keep grading
against what their learner saw and statistics can follow versions.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from training.core.types import JSONText, NFCString, NFCText, UTCDateTime
from training.extensions import db


class QuestionCategory(db.Model):
    """A folder of questions; ``course_id`` ``None`` means shared by every course."""

    __tablename__ = "quiz_question_categories"
    __table_args__ = (Index("ix_quiz_question_categories_course_parent", "course_id", "parent_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_question_categories.id"))
    name: Mapped[str] = mapped_column(NFCString(255))
    info: Mapped[str] = mapped_column(NFCText, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    parent = relationship("QuestionCategory", remote_side=[id])


class Question(db.Model):
    """A question of the bank; its content is its newest :class:`QuestionVersion`."""

    __tablename__ = "quiz_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("quiz_question_categories.id"), index=True)
    #: Copied from the newest version so lists filter without reading JSON.
    qtype: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(NFCString(255))
    #: Number of the newest version (versions count from 1).
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: Stable key of imported or demo questions (e.g. ``Q12``), unique per category when set.
    idnumber: Mapped[str] = mapped_column(NFCString(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Questions are never deleted (attempts point at their versions), only hidden.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    category = relationship("QuestionCategory")


class QuestionVersion(db.Model):
    """One frozen content of a question: ``spec`` is ``QuestionSpec.to_dict()``."""

    __tablename__ = "quiz_question_versions"
    __table_args__ = (UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("quiz_questions.id"))
    number: Mapped[int] = mapped_column(Integer)
    spec: Mapped[dict] = mapped_column(JSONText)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    question = relationship("Question")


class QuestionTag(db.Model):
    """A free tag on a question (filters in the bank; exported with the question)."""

    __tablename__ = "quiz_question_tags"

    question_id: Mapped[int] = mapped_column(ForeignKey("quiz_questions.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(NFCString(100), primary_key=True, index=True)
