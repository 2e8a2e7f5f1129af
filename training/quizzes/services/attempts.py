"""The attempt engine: start, autosave, the server's deadline, submit, grade, record in the ledger.

Rules that keep answers safe:

* the deadline is stored at the start; the server decides when time is up, and a request after
  the deadline (plus the grace period) finishes the attempt with what was saved;
* every save carries a per-question sequence number and is one conditional ``UPDATE`` (``seq <
  :seq``), so a stale tab or a retried request never overwrites a newer answer;
* a save first touches the attempt row where ``status = 'in_progress'``: that takes the row's
  lock, so a save and a submit never interleave, and a finished attempt accepts nothing;
* finishing is a conditional ``UPDATE`` too: two submits (two tabs, a double click) grade once.
"""

import random
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Integer, and_, bindparam, func, insert, select, update

from training.core.errors import DomainError
from training.core.messages import N_
from training.courses.models import Enrollment, Item
from training.courses.services.progress import record_item_result, replace_item_result
from training.extensions import db
from training.quizzes.grading import AWAITING_GRADING, UNANSWERED, combine_attempts, grade_attempt, grade_question
from training.quizzes.models import AttemptAnswer, Question, QuestionVersion, Quiz, QuizAttempt, QuizOverride
from training.quizzes.signals import quiz_passed
from training.quizzes.spec import QuestionSpec

IN_PROGRESS, FINISHED = "in_progress", "finished"
_ATTEMPTS, _ANSWERS, _VERSIONS = QuizAttempt.__table__, AttemptAnswer.__table__, QuestionVersion.__table__


def rules_for(quiz, user_id):
    """Return the quiz's dates, time limit and attempts for one learner, overrides applied."""
    override = db.session.scalar(select(QuizOverride).where(QuizOverride.quiz_id == quiz.id,
                                                            QuizOverride.user_id == user_id))
    limit = quiz.time_limit_minutes
    if limit and override is not None:
        limit += override.extra_minutes or 0
    allowed = quiz.attempts_allowed
    if allowed and override is not None:
        allowed += override.extra_attempts or 0
    return {"open_at": (override.open_at if override and override.open_at else quiz.open_at),
            "close_at": (override.close_at if override and override.close_at else quiz.close_at),
            "time_limit_minutes": limit, "attempts_allowed": allowed}


def attempts_of(quiz_id, user_id):
    """Return a learner's attempts at a quiz, oldest first."""
    return db.session.scalars(select(QuizAttempt).where(QuizAttempt.quiz_id == quiz_id, QuizAttempt.user_id == user_id)
                              .order_by(QuizAttempt.number)).all()


def start_refusal(quiz, user_id, attempts, now):
    """Return why a new attempt cannot start now (a message id and params), or ``None``."""
    rules = rules_for(quiz, user_id)
    if rules["open_at"] and now < rules["open_at"]:
        return N_("The quiz is not open yet."), {}
    if rules["close_at"] and now >= rules["close_at"]:
        return N_("The quiz is closed."), {}
    finished = [a for a in attempts if a.status == FINISHED]
    if rules["attempts_allowed"] and len(finished) >= rules["attempts_allowed"]:
        return N_("You have used all %(count)s attempts."), {"count": rules["attempts_allowed"]}
    if quiz.delay_minutes and finished and finished[-1].finished_at + timedelta(minutes=quiz.delay_minutes) > now:
        return N_("You may start another attempt %(minutes)s minutes after the previous one."), \
            {"minutes": quiz.delay_minutes}
    return None


def start_attempt(user, quiz, enrollment, now, rng=None):
    """Return the learner's attempt in progress, or start a new one with frozen questions.

    :raises DomainError: (403) when the rules refuse a new attempt; (400) when the quiz has no questions.
    """
    attempts = attempts_of(quiz.id, user.id)
    current = next((a for a in attempts if a.status == IN_PROGRESS), None)
    if current is not None:
        return current
    refusal = start_refusal(quiz, user.id, attempts, now)
    if refusal is not None:
        raise DomainError(refusal[0], status=403, **refusal[1])
    rng = rng or random.SystemRandom()
    chosen = _choose_versions(quiz, user.id, rng)
    if not chosen:
        raise DomainError(N_("This quiz has no questions yet."), status=400)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    rules = rules_for(quiz, user.id)
    deadline = now + timedelta(minutes=rules["time_limit_minutes"]) if rules["time_limit_minutes"] else None
    if rules["close_at"] and (deadline is None or rules["close_at"] < deadline):
        deadline = rules["close_at"]
    number = (max((a.number for a in attempts), default=0)) + 1
    attempt = QuizAttempt(quiz_id=quiz.id, user_id=user.id, enrollment_id=enrollment.id if enrollment else None,
                          number=number, status=IN_PROGRESS, started_at=now, deadline_at=deadline)
    db.session.add(attempt)
    db.session.flush()  # a concurrent start of the same number fails here (unique constraint)
    specs = specs_for_versions([(version.id, version.created_at) for version, _points in chosen])
    rows = []
    for position, (version, points) in enumerate(chosen, start=1):
        spec = specs[(version.id, version.created_at)]
        rows.append({"attempt_id": attempt.id, "position": position, "question_version_id": version.id,
                     "points": points if points is not None else spec.points,
                     "display_order": _display_order(spec, quiz, rng), "seq": 0})
    # One executemany on the table, not an ORM object per question: shorter while the write lock is held.
    db.session.execute(insert(_ANSWERS), rows)
    return attempt


def _choose_versions(quiz, user_id, rng):
    """Return ``[(version row: id, created_at), points]``: fixed questions, then draws preferring unseen questions."""
    chosen, used = [], set()
    seen = set(db.session.scalars(
        select(QuestionVersion.question_id).join(AttemptAnswer, AttemptAnswer.question_version_id == QuestionVersion.id)
        .join(QuizAttempt, AttemptAnswer.attempt_id == QuizAttempt.id).where(QuizAttempt.user_id == user_id)))
    for slot in quiz.slots:
        if slot.question_id is not None:
            question_ids = [slot.question_id]
        else:
            pool = [qid for qid in db.session.scalars(select(Question.id).where(
                Question.category_id == slot.category_id, Question.removed_at.is_(None))) if qid not in used]
            pool.sort()
            fresh = [qid for qid in pool if qid not in seen]
            old = [qid for qid in pool if qid in seen]
            rng.shuffle(fresh)
            rng.shuffle(old)
            question_ids = (fresh + old)[:slot.draw_count]
        for question_id in question_ids:
            if question_id in used:
                continue
            used.add(question_id)
            chosen.append((question_id, slot.points))
    # The current versions of every chosen question in one query (a removed question has none).
    versions = {row.question_id: row for row in db.session.execute(
        select(QuestionVersion.question_id, QuestionVersion.id, QuestionVersion.created_at).join(Question).where(
            Question.id.in_(list(used)), QuestionVersion.number == Question.version, Question.removed_at.is_(None)))}
    return [(versions[question_id], points) for question_id, points in chosen if question_id in versions]


def _display_order(spec, quiz, rng):
    if spec.qtype in ("single", "multiple"):
        order = list(range(len(spec.choices)))
        if quiz.shuffle_choices and spec.shuffle:
            rng.shuffle(order)
        return order
    if spec.qtype == "matching":
        from training.quizzes.question_types import matching_answers

        order = list(range(len(matching_answers(spec))))
    elif spec.qtype == "ordering":
        order = list(range(len(spec.items)))
        # An ordering shown in the right order would give the answer away.
        while len(order) > 1 and order == sorted(order):
            rng.shuffle(order)
        return order
    else:
        return []
    rng.shuffle(order)
    return order


def is_overdue(attempt, now, grace_seconds):
    """Return whether ``attempt`` is past its deadline plus the grace period."""
    return attempt.deadline_at is not None and now > attempt.deadline_at + timedelta(seconds=grace_seconds)


def close_if_overdue(attempt, now, grace_seconds, by="deadline"):
    """Finish an attempt left past its deadline (lazily on access, or by the cron command)."""
    if attempt.status == IN_PROGRESS and is_overdue(attempt, now, grace_seconds):
        return finish_attempt(attempt, now, by)
    return False


# The autosave statements are built once, on the tables: on this hot path building a statement
# and the ORM's bulk-update machinery cost more CPU than the database does running it.
_NEW_SEQ = bindparam("new_seq", type_=Integer)
_SAVE_TARGET = (
    select(_ATTEMPTS.c.id, _ATTEMPTS.c.user_id, _ATTEMPTS.c.status, _ATTEMPTS.c.deadline_at,
           _ANSWERS.c.question_version_id, _VERSIONS.c.created_at)
    .select_from(_ATTEMPTS.outerjoin(_ANSWERS, and_(_ANSWERS.c.attempt_id == _ATTEMPTS.c.id,
                                                    _ANSWERS.c.position == bindparam("b_position", type_=Integer)))
                 .outerjoin(_VERSIONS, _VERSIONS.c.id == _ANSWERS.c.question_version_id))
    .where(_ATTEMPTS.c.id == bindparam("b_attempt_id")))
_LOCK_FOR_SAVE = (update(_ATTEMPTS).where(_ATTEMPTS.c.id == bindparam("b_attempt_id"), _ATTEMPTS.c.status == IN_PROGRESS)
                  .values(last_saved_at=bindparam("b_now", type_=_ATTEMPTS.c.last_saved_at.type)))
_SAVE_IF_NEWER = (update(_ANSWERS).where(_ANSWERS.c.attempt_id == bindparam("b_attempt_id"),
                                         _ANSWERS.c.position == bindparam("b_position"), _ANSWERS.c.seq < _NEW_SEQ,
                                         _ANSWERS.c.checked_at.is_(None))
                  .values(response=bindparam("b_response", type_=_ANSWERS.c.response.type), seq=_NEW_SEQ,
                          saved_at=bindparam("b_now", type_=_ANSWERS.c.saved_at.type)))
_STORED = select(_ANSWERS.c.seq, _ANSWERS.c.saved_at, _ANSWERS.c.checked_at).where(
    _ANSWERS.c.attempt_id == bindparam("b_attempt_id"), _ANSWERS.c.position == bindparam("b_position"))


def save_target(attempt_id, position):
    """Return ``(attempt row, spec)`` for an autosave in one query; ``(None, None)`` when no such attempt.

    The row has ``id``, ``user_id``, ``status`` and ``deadline_at`` (enough for the ownership
    check and :func:`save_answer`); ``spec`` is ``None`` when ``position`` (an int or ``None``)
    is not a place of the attempt.
    """
    row = db.session.execute(_SAVE_TARGET, {"b_attempt_id": attempt_id, "b_position": position}).first()
    if row is None:
        return None, None
    if row.question_version_id is None:
        return row, None
    key = (row.question_version_id, row.created_at)
    return row, specs_for_versions([key])[key]


def save_answer(attempt, position, seq, response, now, grace_seconds):
    """Store ``response`` (already checked, JSON form) for one question; return ``(saved, seq, saved_at)``.

    ``attempt`` is the attempt or its row from :func:`save_target` (``id`` and ``deadline_at``
    are used). ``saved`` is false when a newer save is already stored (the newer one is kept).

    :raises DomainError: 409 when the attempt is finished or past its deadline and grace.
    """
    if isinstance(seq, bool) or not isinstance(seq, int) or not 0 < seq < 2 ** 31:
        raise DomainError(N_("The save is missing its sequence number."), status=400)
    if is_overdue(attempt, now, grace_seconds):
        raise DomainError(N_("The time for this attempt is over; answers are no longer accepted."), status=409)
    locked = db.session.execute(_LOCK_FOR_SAVE, {"b_attempt_id": attempt.id, "b_now": now}).rowcount
    if not locked:
        raise DomainError(N_("This attempt is finished; answers are no longer accepted."), status=409)
    changed = db.session.execute(_SAVE_IF_NEWER, {"b_attempt_id": attempt.id, "b_position": position, "new_seq": seq,
                                                  "b_response": response, "b_now": now}).rowcount
    if changed:
        return True, seq, now
    row = db.session.execute(_STORED, {"b_attempt_id": attempt.id, "b_position": position}).one()
    if row.checked_at is not None:
        raise DomainError(CHECKED_MESSAGE, status=409)
    return False, row.seq, row.saved_at


CHECKED_MESSAGE = N_("You have checked this question; its answer can no longer be changed.")


def check_answer(attempt, quiz, position, now, grace_seconds):
    """Grade one answer at once and lock it: practice mode's immediate feedback, as Moodle gives it.

    :return: ``(answer, spec, QuestionGrade)``.
    :raises DomainError: 403 in an exam; 400 for an unanswered question or one not in the attempt;
        409 when the attempt is over or the question was already checked.
    """
    if quiz.mode != "practice":
        raise DomainError(N_("Answers are checked one by one only in practice quizzes."), status=403)
    if is_overdue(attempt, now, grace_seconds):
        raise DomainError(N_("The time for this attempt is over; answers are no longer accepted."), status=409)
    locked = db.session.execute(update(QuizAttempt).where(QuizAttempt.id == attempt.id,
                                                          QuizAttempt.status == IN_PROGRESS)
                                .values(last_saved_at=now).execution_options(synchronize_session=False)).rowcount
    if not locked:
        raise DomainError(N_("This attempt is finished; answers are no longer accepted."), status=409)
    found = [(answer, spec) for answer, spec in answers_with_specs(attempt) if answer.position == position]
    if not found:
        raise DomainError(N_("This question is not part of your attempt."), status=400)
    answer, spec = found[0]
    if answer.checked_at is not None:
        raise DomainError(CHECKED_MESSAGE, status=409)
    result = grade_question(spec, answer.response, answer.points)
    if result.state == UNANSWERED:
        raise DomainError(N_("Answer the question before checking it."), status=400)
    # Conditional, like every save: of two checks racing, one locks the answer, the other is told.
    changed = db.session.execute(
        update(AttemptAnswer).where(AttemptAnswer.id == answer.id, AttemptAnswer.checked_at.is_(None))
        .values(checked_at=now, score=result.score, state=result.state, keys=list(result.keys))
        .execution_options(synchronize_session=False)).rowcount
    if not changed:
        raise DomainError(CHECKED_MESSAGE, status=409)
    db.session.refresh(answer)
    return answer, spec, result


def finish_attempt(attempt, now, by="learner"):
    """Finish and grade ``attempt`` once; return ``False`` when it was already finished."""
    done = db.session.execute(update(QuizAttempt).where(QuizAttempt.id == attempt.id,
                                                        QuizAttempt.status == IN_PROGRESS)
                              .values(status=FINISHED, finished_at=now, finished_by=by)).rowcount
    if not done:
        db.session.refresh(attempt)
        return False
    db.session.refresh(attempt)
    grade(attempt)
    record_result(attempt, now)
    return True


#: Parsed specs by (version id, created at). Versions never change once written, so a process
#: may keep them; the creation instant in the key guards against an id reused after a restore.
#: The bound only caps memory (a full cache starts again).
_SPECS: dict = {}
_SPEC_CACHE_SIZE = 5000


def specs_for_versions(keys):
    """Return ``{(version id, created_at): QuestionSpec}``, reading only versions not parsed yet."""
    missing = [key for key in set(keys) if key not in _SPECS]
    if missing:
        if len(_SPECS) + len(missing) > _SPEC_CACHE_SIZE:
            _SPECS.clear()
            missing = list(set(keys))  # the ones cached before are gone too
        for vid, created_at, data in db.session.execute(
                select(QuestionVersion.id, QuestionVersion.created_at, QuestionVersion.spec)
                .where(QuestionVersion.id.in_([vid for vid, _at in missing]))):
            _SPECS[(vid, created_at)] = QuestionSpec.from_dict(data)
    return {key: _SPECS[key] for key in keys}


def answers_with_specs(attempt):
    """Return ``[(answer, spec)]`` of an attempt in order."""
    rows = db.session.execute(select(AttemptAnswer, QuestionVersion.created_at)
                              .join(QuestionVersion, AttemptAnswer.question_version_id == QuestionVersion.id)
                              .where(AttemptAnswer.attempt_id == attempt.id)
                              .order_by(AttemptAnswer.position)
                              # saves are plain UPDATEs: refresh answers already in the session
                              .execution_options(populate_existing=True)).all()
    specs = specs_for_versions([(answer.question_version_id, created_at) for answer, created_at in rows])
    return [(answer, specs[(answer.question_version_id, created_at)]) for answer, created_at in rows]


def grade(attempt):
    """(Re)grade a finished attempt from its saved responses and grader marks; store the results."""
    rows = answers_with_specs(attempt)
    quiz = db.session.get(Quiz, attempt.quiz_id)
    result = grade_attempt([(spec, answer.points) for answer, spec in rows],
                           {i: answer.response for i, (answer, _spec) in enumerate(rows)},
                           quiz.pass_percent / 100,
                           {i: answer.manual_score for i, (answer, _spec) in enumerate(rows)
                            if answer.manual_score is not None})
    for (answer, _spec), question in zip(rows, result.questions, strict=True):
        answer.score, answer.state, answer.keys = question.score, question.state, list(question.keys)
    attempt.total, attempt.max_score, attempt.percent = result.total, result.max_score, result.percent
    attempt.passed, attempt.grade_state = result.passed, result.state
    db.session.flush()
    return result


def quiz_grade(quiz, user_id):
    """Return ``(percent or None, passed or None)`` of a learner by the quiz's grading method."""
    finished = [a for a in attempts_of(quiz.id, user_id) if a.status == FINISHED]
    if not finished:
        return None, None
    percents = [None if a.grade_state == AWAITING_GRADING else a.percent for a in finished]
    percent = combine_attempts(percents, quiz.grading_method)
    if percent is None:
        return None, None
    return percent.quantize(Decimal("0.01")), percent >= quiz.pass_percent


def record_result(attempt, now, regraded_by=None):
    """Write the learner's quiz grade to the course ledger (``source="quiz"``); send ``quiz_passed``.

    A new attempt keeps the ledger's best score (``record_item_result``). A regrade (``regraded_by``
    = the author who corrected the key) replaces it with the grade by the quiz's grading method,
    even a lower one, audited (``replace_item_result``).
    """
    if attempt.enrollment_id is None:
        return None
    quiz = db.session.get(Quiz, attempt.quiz_id)
    enrollment = db.session.get(Enrollment, attempt.enrollment_id)
    item = db.session.get(Item, quiz.item_id)
    percent, passed = quiz_grade(quiz, attempt.user_id)
    if percent is None:
        return None
    if regraded_by is not None:
        result = replace_item_result(regraded_by, enrollment, item, now, completed=bool(passed), score=percent,
                                     passed=passed, source="quiz", reason="quiz.regrade")
    else:
        result = record_item_result(enrollment, item, now, completed=bool(passed), score=percent, passed=passed,
                                    source="quiz")
    if passed:
        quiz_passed.send(attempt, now=now)
    return result


def close_overdue(now, grace_seconds):
    """Finish every attempt past its deadline and grace (``flask quizzes close-overdue``); return how many."""
    limit = now - timedelta(seconds=grace_seconds)
    ids = db.session.scalars(select(QuizAttempt.id).where(QuizAttempt.status == IN_PROGRESS,
                                                          QuizAttempt.deadline_at < limit)).all()
    closed = 0
    for attempt_id in ids:
        if finish_attempt(db.session.get(QuizAttempt, attempt_id), now, by="cron"):
            closed += 1
    return closed


def attempt_count(quiz_id):
    """Return how many attempts a quiz has (any status)."""
    return db.session.scalar(select(func.count()).select_from(QuizAttempt).where(QuizAttempt.quiz_id == quiz_id))
