"""Quizzes as course items: create, change settings, put questions in slots."""

from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_
from training.courses.services import authoring
from training.extensions import db
from training.quizzes.grading import GRADING_METHODS
from training.quizzes.models import Question, QuestionCategory, Quiz, QuizSlot
from training.quizzes.models.quiz import REVIEW_OPTIONS

MODES = ("practice", "exam")
SETTING_FIELDS = ("intro", "mode", "time_limit_minutes", "attempts_allowed", "delay_minutes", "grading_method",
                  "pass_percent", "shuffle_questions", "shuffle_choices", "questions_per_page", "open_at", "close_at",
                  "review_after_attempt", "review_after_close")
DEFAULTS = {"mode": "exam", "attempts_allowed": 0, "delay_minutes": 0, "grading_method": "highest",
            "pass_percent": Decimal(0), "shuffle_questions": False, "shuffle_choices": True, "questions_per_page": 5,
            "review_after_attempt": ["score", "correctness", "feedback"],
            "review_after_close": list(REVIEW_OPTIONS), "intro": ""}


def create_quiz(actor, module, title, settings, now, is_required=True):
    """Add a quiz item at the end of ``module`` with ``settings``; return the :class:`Quiz`."""
    item = authoring.add_item(actor, module, "quiz", title, now, is_required=is_required)
    quiz = Quiz(item_id=item.id, updated_at=now, **{**DEFAULTS, **_checked(settings)})
    db.session.add(quiz)
    db.session.flush()
    return quiz


def quiz_for_item(item_id):
    """Return the quiz of a course item, or ``None``."""
    return db.session.scalar(select(Quiz).where(Quiz.item_id == item_id))


def update_settings(actor, quiz, settings, now):
    """Change a quiz's settings (audited); attempts in progress keep their deadline."""
    values = _checked(settings)
    diff = audit.changes(quiz, tuple(values), values)
    for field, value in values.items():
        setattr(quiz, field, value)
    quiz.updated_at = now
    if diff:
        audit.record(actor, "quiz.settings", "quiz", quiz.id, {"changes": diff}, now)
    return quiz


def _checked(settings):
    values = {key: settings[key] for key in SETTING_FIELDS if key in settings}
    if values.get("mode", "exam") not in MODES:
        raise DomainError(N_("Choose practice or exam."), field="mode")
    if values.get("grading_method", "highest") not in GRADING_METHODS:
        raise DomainError(N_("Choose a grading method."), field="grading_method")
    try:
        percent = Decimal(values.get("pass_percent", 0) or 0)
    except (InvalidOperation, TypeError) as error:
        raise DomainError(N_("The pass mark must be between 0 and 100."), field="pass_percent") from error
    if not 0 <= percent <= 100:
        raise DomainError(N_("The pass mark must be between 0 and 100."), field="pass_percent")
    if "pass_percent" in values:
        values["pass_percent"] = percent
    for key in ("time_limit_minutes", "attempts_allowed", "delay_minutes", "questions_per_page"):
        if values.get(key) is not None and values[key] < 0:
            raise DomainError(N_("Enter a number of 0 or more."), field=key)
    if values.get("time_limit_minutes") == 0:
        values["time_limit_minutes"] = None
    if values.get("questions_per_page") == 0:
        values["questions_per_page"] = 1
    if values.get("open_at") and values.get("close_at") and values["close_at"] <= values["open_at"]:
        raise DomainError(N_("The quiz must close after it opens."), field="close_at")
    for key in ("review_after_attempt", "review_after_close"):
        if key in values:
            values[key] = [option for option in REVIEW_OPTIONS if option in (values[key] or ())]
    return values


def add_question_slot(actor, quiz, question, now, points=None):
    """Put ``question`` at the end of the quiz (a question appears once per quiz)."""
    if db.session.scalar(select(QuizSlot.id).where(QuizSlot.quiz_id == quiz.id, QuizSlot.question_id == question.id)):
        raise DomainError(N_("This question is already in the quiz."), field="question_id")
    return _add_slot(actor, quiz, now, question_id=question.id, points=points)


def add_random_slot(actor, quiz, category, count, now, points=None):
    """Draw ``count`` questions from ``category`` for each attempt (unseen ones first)."""
    available = db.session.scalar(select(func.count()).select_from(Question).where(
        Question.category_id == category.id, Question.removed_at.is_(None)))
    if count < 1 or count > available:
        raise DomainError(N_("The category has %(count)s questions; draw between 1 and that many."),
                          field="draw_count", count=available)
    return _add_slot(actor, quiz, now, category_id=category.id, draw_count=count, points=points)


def _add_slot(actor, quiz, now, **values):
    position = (db.session.scalar(select(func.max(QuizSlot.position)).where(QuizSlot.quiz_id == quiz.id)) or 0) + 1
    slot = QuizSlot(quiz_id=quiz.id, position=position, **values)
    db.session.add(slot)
    db.session.flush()
    audit.record(actor, "quiz.slots", "quiz", quiz.id, {"added": values.get("question_id") or
                                                        f"category {values.get('category_id')}"}, now)
    return slot


def remove_slot(actor, slot, now):
    """Take a slot out of the quiz (attempts already started keep their questions)."""
    quiz_id = slot.quiz_id
    db.session.delete(slot)
    audit.record(actor, "quiz.slots", "quiz", quiz_id, {"removed": slot.id}, now)


def slot_rows(quiz):
    """Return ``[(slot, question or None, category or None)]`` in order."""
    return db.session.execute(
        select(QuizSlot, Question, QuestionCategory)
        .outerjoin(Question, QuizSlot.question_id == Question.id)
        .outerjoin(QuestionCategory, QuizSlot.category_id == QuestionCategory.id)
        .where(QuizSlot.quiz_id == quiz.id).order_by(QuizSlot.position, QuizSlot.id)).all()


def save_override(actor, quiz, user, values, now):
    """Give ``user`` extra time, extra attempts or other dates on ``quiz`` (replaces an earlier override)."""
    from training.courses.models import Enrollment, Item
    from training.quizzes.models import QuizOverride

    course_id = db.session.get(Item, quiz.item_id).course_id
    if db.session.scalar(select(Enrollment.id).where(Enrollment.course_id == course_id,
                                                     Enrollment.user_id == user.id)) is None:
        raise DomainError(N_("This person is not enrolled in the course."), field="email")
    if values.get("open_at") and values.get("close_at") and values["close_at"] <= values["open_at"]:
        raise DomainError(N_("The quiz must close after it opens."), field="close_on")
    override = db.session.scalar(select(QuizOverride).where(QuizOverride.quiz_id == quiz.id,
                                                            QuizOverride.user_id == user.id))
    if override is None:
        override = QuizOverride(quiz_id=quiz.id, user_id=user.id)
        db.session.add(override)
    override.extra_minutes = values.get("extra_minutes") or 0
    override.extra_attempts = values.get("extra_attempts") or 0
    override.open_at, override.close_at = values.get("open_at"), values.get("close_at")
    db.session.flush()
    audit.record(actor, "quiz.override", "quiz", quiz.id, {"user": user.email, "minutes": override.extra_minutes,
                                                           "attempts": override.extra_attempts}, now)
    return override


def overrides_of(quiz):
    """Return ``[(override, user)]`` of a quiz."""
    from training.accounts.models import User
    from training.quizzes.models import QuizOverride

    return db.session.execute(select(QuizOverride, User).join(User, QuizOverride.user_id == User.id)
                              .where(QuizOverride.quiz_id == quiz.id).order_by(User.full_name)).all()
