"""Loading quiz objects for a user: 404 when missing (or someone else's attempt), 403 when not allowed."""

from flask_babel import gettext as _

from training.core.errors import abort_with
from training.core.security import can_author
from training.courses.loaders import load_course_for_author, load_item_for_author, load_item_for_learner
from training.extensions import db
from training.quizzes.models import AttemptAnswer, Question, QuestionCategory, QuizAttempt, QuizSlot
from training.quizzes.services.attempts import save_target
from training.quizzes.services.quizzes import quiz_for_item


def load_quiz_for_learner(user, item_id):
    """Return ``(item, quiz, enrollment)`` of a quiz item ``user`` studies (or may preview)."""
    item, enrollment = load_item_for_learner(user, item_id, kind="quiz")
    quiz = quiz_for_item(item.id)
    if quiz is None:
        abort_with(404)
    return item, quiz, enrollment


def load_attempt_for_learner(user, attempt_id):
    """Return one of ``user``'s own attempts; another person's attempt is 404 (its existence is private)."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user.id:
        abort_with(404, _("This attempt does not exist or is not yours."))
    return attempt


def load_attempt_for_saving(user, attempt_id, position):
    """Return ``(attempt row, spec at position or None)`` of one of ``user``'s own attempts, in one query.

    The autosave's loader: a light row instead of the ORM object (see ``save_target``); the
    same 404 as :func:`load_attempt_for_learner` for a missing attempt or another person's.
    """
    attempt, spec = save_target(attempt_id, position)
    if attempt is None or attempt.user_id != user.id:
        abort_with(404, _("This attempt does not exist or is not yours."))
    return attempt, spec


def load_quiz_for_author(user, item_id):
    """Return ``(item, quiz)`` that ``user`` may edit."""
    item = load_item_for_author(user, item_id, kind="quiz")
    quiz = quiz_for_item(item.id)
    if quiz is None:
        abort_with(404)
    return item, quiz


def load_slot_for_author(user, slot_id):
    slot = db.session.get(QuizSlot, slot_id)
    if slot is None:
        abort_with(404)
    from training.quizzes.models import Quiz

    quiz = db.session.get(Quiz, slot.quiz_id)
    load_item_for_author(user, quiz.item_id)
    return slot, quiz


def load_question_for_author(user, question_id):
    """Return a live question of the bank ``user`` may edit."""
    question = db.session.get(Question, question_id) if question_id else None
    if question is None or question.removed_at is not None:
        abort_with(404)
    if not can_author(user):
        abort_with(403)
    return question


def load_category_for_course(course_id, category_id):
    """Return a category usable in ``course_id`` (its own or a shared one), or 404."""
    category = db.session.get(QuestionCategory, category_id) if category_id else None
    if category is None or category.course_id not in (None, course_id):
        abort_with(404)
    return category


def load_answer_for_grader(user, answer_id):
    """Return an attempt answer a grader may mark."""
    answer = db.session.get(AttemptAnswer, answer_id)
    if answer is None:
        abort_with(404)
    if not can_author(user):
        abort_with(403)
    return answer


def load_bank_course(user, course_id):
    """Return the course whose question bank ``user`` may edit."""
    return load_course_for_author(user, course_id)
