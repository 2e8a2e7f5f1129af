"""Item statistics of a quiz from its stored, graded answers (the computation is pure statistics.py).

Questions are keyed by question *and version*, so a corrected question starts a new row and
old answers are not mixed with new ones. The figures are computed when a trainer opens the
page, from finished attempts only: nothing runs inside a learner's request.
"""

from collections import defaultdict

from sqlalchemy import select

from training.extensions import db
from training.quizzes.grading import AWAITING_GRADING
from training.quizzes.models import AttemptAnswer, QuestionVersion, QuizAttempt
from training.quizzes.services.attempts import FINISHED
from training.quizzes.statistics import AttemptResult, ItemResult, quiz_statistics


def statistics_for(quiz):
    """Return ``(QuizStatistics, {slot key: (question name, version, qtype)})``."""
    rows = db.session.execute(
        select(QuizAttempt.id, QuizAttempt.total, AttemptAnswer.score, AttemptAnswer.points, AttemptAnswer.keys,
               QuestionVersion.question_id, QuestionVersion.number, QuestionVersion.spec)
        .join(AttemptAnswer, AttemptAnswer.attempt_id == QuizAttempt.id)
        .join(QuestionVersion, AttemptAnswer.question_version_id == QuestionVersion.id)
        .where(QuizAttempt.quiz_id == quiz.id, QuizAttempt.status == FINISHED,
               QuizAttempt.grade_state != AWAITING_GRADING)
        .order_by(QuizAttempt.id, AttemptAnswer.position)).all()
    items, totals, labels = defaultdict(list), {}, {}
    for row in rows:
        key = f"{row.question_id}v{row.number}"
        labels[key] = (row.spec.get("name", ""), row.number, row.spec.get("qtype", ""))
        totals[row.id] = row.total
        items[row.id].append(ItemResult(key, row.score or 0, row.points, tuple(row.keys or ())))
    attempts = [AttemptResult(totals[attempt_id], tuple(entries)) for attempt_id, entries in items.items()]
    return quiz_statistics(attempts), labels
