"""Grading a whole attempt and combining attempts (pure)."""

import pytest

from tests.quizzes.builders import D, essay, multiple, numerical, single, truefalse
from training.quizzes.grading import (
    AWAITING_GRADING,
    GRADED,
    NEEDS_GRADING,
    UNANSWERED,
    combine_attempts,
    grade_attempt,
)
from training.quizzes.responses import InvalidResponse

QUIZ = [(single(1, 0, 0), D(2)), (multiple("0.5", "0.5", -1), None), (truefalse(False), None),
        (numerical(("30", 1, 0)), D(3))]  # worth 2 + 1 + 1 + 3 = 7


def test_an_attempt_adds_up_its_questions():
    grade = grade_attempt(QUIZ, [0, [0], True, "30"], pass_ratio=D("0.7"))
    assert [q.score for q in grade.questions] == [D(2), D("0.5"), D(0), D(3)]
    assert (grade.total, grade.max_score, grade.percent, grade.passed, grade.state) == (
        D("5.5"), D(7), D("78.57"), True, GRADED)


@pytest.mark.parametrize(("ratio", "passed"), [(D("0.5"), True), (D("0.7857142"), True), (D("0.7857143"), False),
                                               (D(1), False), (D(0), True)])
def test_passing_is_reaching_the_ratio_exactly(ratio, passed):
    assert grade_attempt(QUIZ, [0, [0], True, "30"], pass_ratio=ratio).passed is passed  # 5.5 / 7 = 0.78571428...


def test_responses_may_be_given_by_slot_and_missing_ones_are_unanswered():
    grade = grade_attempt(QUIZ, {3: "30,0"}, pass_ratio=D("0.5"))
    assert [q.state for q in grade.questions][:3] == [UNANSWERED] * 3
    assert (grade.total, grade.percent, grade.passed) == (D(3), D("42.86"), False)


def test_an_essay_keeps_the_attempt_awaiting_grading_until_it_has_a_mark():
    quiz = [(single(), D(1)), (essay(), D(4))]
    pending = grade_attempt(quiz, [0, "Bài luận"], pass_ratio=D("0.5"))
    assert (pending.state, pending.passed, pending.total) == (AWAITING_GRADING, None, D(1))
    assert pending.questions[1].state == NEEDS_GRADING
    graded = grade_attempt(quiz, [0, "Bài luận"], pass_ratio=D("0.5"), manual_scores={1: D(2)})
    assert (graded.state, graded.passed, graded.total, graded.percent) == (GRADED, True, D(3), D("60.00"))


def test_an_unanswered_essay_does_not_wait_for_a_grader():
    grade = grade_attempt([(essay(), None)], [""], pass_ratio=D("0.5"))
    assert (grade.state, grade.passed) == (GRADED, False)


def test_a_bad_response_stops_the_attempt_with_its_message():
    with pytest.raises(InvalidResponse):
        grade_attempt(QUIZ, [9, None, None, None], pass_ratio=D("0.5"))


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"responses": [0], "pass_ratio": D("0.5")}, ValueError),
    ({"responses": [None] * 4, "pass_ratio": D("1.5")}, ValueError),
    ({"responses": [None] * 4, "pass_ratio": 0.5}, TypeError),
])
def test_inputs_that_cannot_be_graded(kwargs, error):
    with pytest.raises(error):
        grade_attempt(QUIZ, **kwargs)


def test_an_attempt_needs_a_question():
    with pytest.raises(ValueError):
        grade_attempt([], [], pass_ratio=D("0.5"))


SCORES = [D(4), D("7.5"), None, D(6)]


@pytest.mark.parametrize(("method", "grade"), [
    ("highest", D("7.5")), ("first", D(4)), ("last", D(6)), ("average", D("5.8333333")),
])
def test_grading_methods_across_attempts(method, grade):
    assert combine_attempts(SCORES, method) == grade


@pytest.mark.parametrize("method", ["highest", "first", "last", "average"])
def test_no_graded_attempt_means_no_grade(method):
    assert combine_attempts([], method) is None and combine_attempts([None], method) is None


def test_unknown_method_and_float_scores_are_refused():
    with pytest.raises(ValueError):
        combine_attempts(SCORES, "median")
    with pytest.raises(TypeError):
        combine_attempts([7.5], "highest")
