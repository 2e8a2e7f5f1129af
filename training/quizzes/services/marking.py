"""Manual grading (essays, overrides) and regrading after a corrected key; the ledger follows."""

from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from training.accounts.models import User
from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_
from training.core.text import nfc
from training.courses.models import Course, Item
from training.extensions import db
from training.quizzes.grading import NEEDS_GRADING
from training.quizzes.models import AttemptAnswer, Question, QuestionVersion, Quiz, QuizAttempt
from training.quizzes.services.attempts import FINISHED, grade, record_result
from training.quizzes.spec import QuestionSpec


def grading_queue(limit=200):
    """Return answers waiting for a person's mark, oldest attempt first, with what the page shows."""
    return db.session.execute(
        select(AttemptAnswer, QuizAttempt, User, Item, Course)
        .join(QuizAttempt, AttemptAnswer.attempt_id == QuizAttempt.id)
        .join(User, QuizAttempt.user_id == User.id)
        .join(Quiz, QuizAttempt.quiz_id == Quiz.id).join(Item, Quiz.item_id == Item.id)
        .join(Course, Item.course_id == Course.id)
        .where(QuizAttempt.status == FINISHED, AttemptAnswer.state == NEEDS_GRADING)
        .order_by(QuizAttempt.finished_at, AttemptAnswer.position).limit(limit)).all()


def mark_answer(actor, answer, score_text, comment, now):
    """Give ``answer`` a grader's mark (0..its points) and comment; regrade its attempt and the ledger."""
    attempt = db.session.get(QuizAttempt, answer.attempt_id)
    if attempt.status != FINISHED:
        raise DomainError(N_("The attempt is still in progress."), field="score", status=409)
    try:
        score = Decimal(str(score_text).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as error:
        raise DomainError(N_("The mark must be a number between 0 and %(max)s."), field="score",
                          max=_plain(answer.points)) from error
    if not score.is_finite() or not 0 <= score <= answer.points:
        raise DomainError(N_("The mark must be a number between 0 and %(max)s."), field="score",
                          max=_plain(answer.points))
    answer.manual_score = score
    answer.grader_comment = nfc(comment or "").strip()[:5000]
    answer.graded_by_id = actor.id
    answer.graded_at = now
    db.session.flush()
    grade(attempt)
    record_result(attempt, now)
    audit.record(actor, "quiz.grade", "quiz_attempt", attempt.id,
                 {"position": answer.position, "score": str(score)}, now)
    return attempt


def regrade_quiz(actor, quiz, now, to_newest=True):
    """Regrade every finished attempt of ``quiz`` (audited).

    With ``to_newest``, an answer moves to its question's newest version when that version has
    the same type and the same number of choices, items and pairs (a corrected key or
    feedback), as Moodle's "regrade" does; otherwise it keeps the version it was given.

    :return: ``{"attempts": n, "moved": m}``.
    """
    attempts = db.session.scalars(select(QuizAttempt).where(QuizAttempt.quiz_id == quiz.id,
                                                            QuizAttempt.status == FINISHED)).all()
    moved = 0
    if to_newest:
        newest = {}
        for answer, version, question in db.session.execute(
                select(AttemptAnswer, QuestionVersion, Question)
                .join(QuestionVersion, AttemptAnswer.question_version_id == QuestionVersion.id)
                .join(Question, QuestionVersion.question_id == Question.id)
                .join(QuizAttempt, AttemptAnswer.attempt_id == QuizAttempt.id)
                .where(QuizAttempt.quiz_id == quiz.id, QuizAttempt.status == FINISHED,
                       QuestionVersion.number < Question.version)).all():
            if question.id not in newest:
                newest[question.id] = db.session.scalar(select(QuestionVersion).where(
                    QuestionVersion.question_id == question.id, QuestionVersion.number == question.version))
            target = newest[question.id]
            if _same_shape(version.spec, target.spec):
                answer.question_version_id = target.id
                moved += 1
        db.session.flush()
    for attempt in attempts:
        grade(attempt)
    # Once per learner, after every attempt is regraded: the corrected grade replaces the old one.
    for attempt in {attempt.user_id: attempt for attempt in attempts}.values():
        record_result(attempt, now, regraded_by=actor)
    summary = {"attempts": len(attempts), "moved": moved}
    audit.record(actor, "quiz.regrade", "quiz", quiz.id, summary, now)
    return summary


def _same_shape(old, new):
    old_spec, new_spec = QuestionSpec.from_dict(old), QuestionSpec.from_dict(new)
    return (old_spec.qtype == new_spec.qtype and len(old_spec.choices) == len(new_spec.choices)
            and len(old_spec.items) == len(new_spec.items) and len(old_spec.pairs) == len(new_spec.pairs))


def _plain(value):
    return format(value.normalize(), "f")
