"""Grade responses, attempts and a learner's several attempts (pure).

:data:`QUESTION_TYPES` maps each question type to its strategy
(:mod:`training.quizzes.question_types`). :func:`grade_question` turns a response into a
:class:`QuestionGrade` in marks; :func:`grade_attempt` adds up a whole attempt, which stays
"awaiting grading" while an essay has no mark; :func:`combine_attempts` applies the quiz's
grading method (highest, average, first, last) across attempts.

Marks are Decimals with 7 decimal places, as Moodle stores them; percentages have 2.
A question never scores below 0, whatever negative weights its choices carry.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from training.core.messages import N_
from training.quizzes.question_types import (
    Essay,
    Matching,
    MultipleChoice,
    Numerical,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from training.quizzes.responses import invalid
from training.quizzes.spec import ONE, ZERO, decimal_text

QUESTION_TYPES = {"single": SingleChoice(), "multiple": MultipleChoice(), "truefalse": TrueFalse(),
                  "shortanswer": ShortAnswer(), "numerical": Numerical(), "matching": Matching(),
                  "ordering": Ordering(), "essay": Essay()}
CORRECT, PARTIAL, INCORRECT = "correct", "partial", "incorrect"
NEEDS_GRADING, UNANSWERED = "needs_grading", "unanswered"
GRADED, AWAITING_GRADING = "graded", "awaiting_grading"
GRADING_METHODS = ("highest", "average", "first", "last")
MARK_PLACES = Decimal("0.0000001")
PERCENT_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class QuestionGrade:
    """One graded question: marks earned out of ``max_score``, its state and what to show."""

    score: Decimal
    max_score: Decimal
    state: str
    fraction: Decimal | None = None
    feedback: tuple = ()
    outcome_feedback: str = ""
    keys: tuple = ()


@dataclass(frozen=True)
class AttemptGrade:
    """A whole attempt: ``passed`` is ``None`` while an essay still awaits a mark."""

    total: Decimal
    max_score: Decimal
    percent: Decimal
    passed: bool | None
    state: str
    questions: tuple


def check_response(spec, response):
    """Return ``response`` checked (and normalised) for ``spec``; raise ``InvalidResponse`` if it does not fit."""
    return QUESTION_TYPES[spec.qtype].check(spec, response)


def grade_question(spec, response, points=None, manual_score=None):
    """Grade ``response`` (``None`` = not answered) to ``spec`` out of ``points`` (default: the spec's).

    ``manual_score`` is a grader's mark in 0..points: it completes an essay or overrides the
    automatic mark of any other type.
    """
    points = spec.points if points is None else _decimal(points, "points")
    if points <= ZERO:
        raise ValueError("a question must be worth more than 0 points")
    strategy = QUESTION_TYPES[spec.qtype]
    outcome = None
    if response is not None:
        response = strategy.check(spec, response)
        if not strategy.is_blank(response):
            outcome = strategy.grade(spec, response)
    if manual_score is not None:
        score = _manual_score(manual_score, points)
        fraction = (score / points).quantize(MARK_PLACES)
    elif outcome is None:
        return QuestionGrade(ZERO, points, UNANSWERED, ZERO)
    elif outcome.fraction is None:
        return QuestionGrade(ZERO, points, NEEDS_GRADING, None, outcome.feedback, "", outcome.keys)
    else:
        fraction = outcome.fraction.quantize(MARK_PLACES)
        score = (fraction * points).quantize(MARK_PLACES)
    # The state follows the marks: a grader's full mark is "correct" even for an essay.
    state = _state(score / points)
    return QuestionGrade(score, points, state, fraction, outcome.feedback if outcome else (),
                         _outcome_text(spec, state), outcome.keys if outcome else ())


def grade_attempt(specs_with_points, responses, pass_ratio, manual_scores=None):
    """Grade an attempt: ``specs_with_points`` lists ``(spec, points or None)`` per slot.

    ``responses`` and ``manual_scores`` map a slot's index to its response or grader's mark
    (a list of responses in slot order works too). The attempt passes when its total reaches
    ``pass_ratio`` (0..1) of the maximum.
    """
    pass_ratio = _decimal(pass_ratio, "pass_ratio")
    if not ZERO <= pass_ratio <= ONE:
        raise ValueError("pass_ratio must be between 0 and 1")
    slots = list(specs_with_points)
    if not slots:
        raise ValueError("an attempt needs at least one question")
    if not isinstance(responses, Mapping):
        responses = list(responses)
        if len(responses) != len(slots):
            raise ValueError("one response (or None) is needed per question")
        responses = dict(enumerate(responses))
    manual_scores = manual_scores or {}
    grades = tuple(grade_question(spec, responses.get(slot), points, manual_scores.get(slot))
                   for slot, (spec, points) in enumerate(slots))
    total = sum((grade.score for grade in grades), ZERO)
    maximum = sum((grade.max_score for grade in grades), ZERO)
    percent = (total * 100 / maximum).quantize(PERCENT_PLACES, ROUND_HALF_UP)
    awaiting = any(grade.state == NEEDS_GRADING for grade in grades)
    passed = None if awaiting else total >= pass_ratio * maximum
    return AttemptGrade(total, maximum, percent, passed, AWAITING_GRADING if awaiting else GRADED, grades)


def combine_attempts(scores, method):
    """Return the quiz grade from attempt ``scores`` in the order they were taken (``None`` if none).

    Attempts still awaiting grading (``None``) do not count until they are graded.
    """
    if method not in GRADING_METHODS:
        raise ValueError(f"unknown grading method {method!r}")
    graded = [_decimal(score, "score") for score in scores if score is not None]
    if not graded:
        return None
    if method == "highest":
        return max(graded)
    if method == "first":
        return graded[0]
    if method == "last":
        return graded[-1]
    return (sum(graded, ZERO) / len(graded)).quantize(MARK_PLACES, ROUND_HALF_UP)


def _state(fraction):
    if fraction >= ONE:
        return CORRECT
    return PARTIAL if fraction > ZERO else INCORRECT


def _outcome_text(spec, state):
    feedback = spec.outcome_feedback
    return {CORRECT: feedback.correct, PARTIAL: feedback.partial, INCORRECT: feedback.incorrect}[state]


def _manual_score(score, points):
    if isinstance(score, bool) or not isinstance(score, int | Decimal) or not ZERO <= score <= points:
        raise invalid(N_("The mark must be a number between 0 and %(max)s."), max=decimal_text(points))
    return Decimal(score).quantize(MARK_PLACES)


def _decimal(value, name):
    # Marks are exact: a float (0.1 + 0.2 ...) is refused rather than silently rounded.
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"{name} must be a Decimal or an int, not {type(value).__name__}")
    return Decimal(value)
