"""Grading each question type (pure), against hand-worked marks."""

from decimal import Decimal

import pytest

from tests.quizzes.builders import D, essay, matching, multiple, numerical, ordering, shortanswer, single, truefalse
from training.quizzes.grading import (
    CORRECT,
    INCORRECT,
    NEEDS_GRADING,
    PARTIAL,
    QUESTION_TYPES,
    UNANSWERED,
    grade_question,
)
from training.quizzes.question_types import ChoiceFeedback
from training.quizzes.responses import InvalidResponse
from training.quizzes.spec import QTYPES, OrderingSettings, OutcomeFeedback, ShortAnswerSettings


def _grade(spec, response, **kwargs):
    grade = grade_question(spec, response, **kwargs)
    return grade.score, grade.state


def test_every_question_type_has_a_strategy():
    assert set(QUESTION_TYPES) == set(QTYPES)


@pytest.mark.parametrize(("response", "score", "state"), [
    (0, D(1), CORRECT), (1, D("0.5"), PARTIAL), (2, D(0), INCORRECT), (3, D(0), INCORRECT),
])
def test_single_choice(response, score, state):
    assert _grade(single(1, "0.5", 0, "-0.5"), response) == (score, state)


def test_single_choice_feedback_is_the_chosen_ones():
    grade = grade_question(single(1, 0), 1)
    assert grade.feedback == (ChoiceFeedback("1", "fb B", "html"),) and grade.keys == ("1",)


COLOURS = multiple("0.5", -1, "0.5", -1)


@pytest.mark.parametrize(("response", "score", "state"), [
    ({0, 2}, D(1), CORRECT), ({0}, D("0.5"), PARTIAL), ({0, 1}, D(0), INCORRECT), ({0, 1, 2}, D(0), INCORRECT),
    ({0, 1, 2, 3}, D(0), INCORRECT), ({1, 3}, D(0), INCORRECT), (set(), D(0), UNANSWERED),
])
def test_multiple_response_never_goes_below_zero(response, score, state):
    assert _grade(COLOURS, response) == (score, state)


def test_weights_in_thirds_give_exactly_full_marks_for_the_right_set():
    thirds = multiple("0.3333333", "0.3333333", "0.3333333", -1)
    assert _grade(thirds, [0, 1, 2]) == (D(1), CORRECT)
    assert _grade(thirds, [0, 1]) == (D("0.6666666"), PARTIAL)
    grade = grade_question(thirds, [2, 0, 3])
    assert grade.keys == ("0", "2", "3") and [f.key for f in grade.feedback] == ["0", "2", "3"]


@pytest.mark.parametrize(("correct", "response", "state"), [
    (True, True, CORRECT), (True, False, INCORRECT), (False, False, CORRECT), (False, True, INCORRECT),
])
def test_true_false(correct, response, state):
    grade = grade_question(truefalse(correct), response)
    assert grade.state == state and grade.keys == ("true" if response else "false",)
    assert grade.feedback[0].text == ("fb đúng" if response else "fb sai")


HANOI = [("Hà Nội", 1), ("Thăng Long", "0.5"), ("*", 0)]


@pytest.mark.parametrize(("settings", "response", "score", "key"), [
    (ShortAnswerSettings(), "Hà Nội", D(1), "0"),
    (ShortAnswerSettings(), "  hà   NỘI ", D(1), "0"),
    (ShortAnswerSettings(), "ha noi", D(0), "2"),
    (ShortAnswerSettings(ignore_diacritics=True), "ha noi", D(1), "0"),
    (ShortAnswerSettings(ignore_diacritics=True), "THANG LONG", D("0.5"), "1"),
    (ShortAnswerSettings(case_sensitive=True), "hà nội", D(0), "2"),
    (ShortAnswerSettings(case_sensitive=True, ignore_diacritics=True), "Ha Noi", D(1), "0"),
    (ShortAnswerSettings(case_sensitive=True, ignore_diacritics=True), "ha noi", D(0), "2"),
])
def test_short_answer_case_and_diacritics(settings, response, score, key):
    grade = grade_question(shortanswer(*HANOI, settings=settings), response)
    assert (grade.score, grade.keys) == (score, (key,))


@pytest.mark.parametrize(("pattern", "response", "matches"), [
    ("Chủ tịch * xã", "Chủ tịch UBND xã", True), ("Chủ tịch * xã", "Phó chủ tịch", False),
    ("Đà Nẵng", "da nang", True), ("3\\*4", "3*4", True), ("3\\*4", "314", False), ("a.b", "axb", False),
    ("*", "bất kỳ", True),
])
def test_short_answer_wildcards(pattern, response, matches):
    spec = shortanswer((pattern, 1), settings=ShortAnswerSettings(ignore_diacritics=True))
    assert (grade_question(spec, response).state == CORRECT) is matches


def test_an_unmatched_short_answer_counts_as_other():
    grade = grade_question(shortanswer(("Hà Nội", 1)), "Huế")
    assert (grade.score, grade.state, grade.keys, grade.feedback) == (D(0), INCORRECT, ("other",), ())


NUMBER = numerical(("3.5", 1, "0.1"), ("3.5", "0.5", 1), ("*", 0, None))


@pytest.mark.parametrize(("response", "score", "key"), [
    ("3,5", D(1), "0"), ("3.45", D(1), "0"), ("3,6", D(1), "0"), ("3.61", D("0.5"), "1"), ("4,5", D("0.5"), "1"),
    ("100", D(0), "2"), ("ba phẩy năm", D(0), "other"), (D("3.5"), D(1), "0"), (4, D("0.5"), "1"),
])
def test_numerical_tolerance_and_decimal_comma(response, score, key):
    grade = grade_question(NUMBER, response)
    assert (grade.score, grade.keys) == (score, (key,))


MATCH = matching(("Điều 38", "Cung cấp thông tin"), ("Điều 40", "Phỏng vấn"), ("Điều 41", "Họp báo"), ("", "Cải chính"))


@pytest.mark.parametrize(("response", "score", "state"), [
    ({0: 0, 1: 1, 2: 2}, D(1), CORRECT), ({0: 0, 1: 1, 2: 3}, D("0.6666667"), PARTIAL),
    ({0: 0}, D("0.3333333"), PARTIAL), ({0: 3, 1: 3, 2: 3}, D(0), INCORRECT), ({}, D(0), UNANSWERED),
    ({"0": 0, "1": 1, "2": None}, D("0.6666667"), PARTIAL),
])
def test_matching(response, score, state):
    assert _grade(MATCH, response) == (score, state)


WORDS = ("Modular", "Object", "Oriented", "Dynamic", "Learning", "Environment")
SHUFFLED = [2, 1, 3, 4, 5, 0]  # Oriented, Object, Dynamic, Learning, Environment, Modular
REVERSED = [5, 4, 3, 2, 1, 0]


@pytest.mark.parametrize(("grading", "response", "fraction"), [
    ("all_or_nothing", [0, 1, 2, 3, 4, 5], D(1)), ("all_or_nothing", SHUFFLED, D(0)),
    ("absolute_position", SHUFFLED, D("0.1666667")), ("absolute_position", REVERSED, D(0)),
    ("relative_next_exclude_last", SHUFFLED, D("0.4")), ("relative_next_exclude_last", REVERSED, D(0)),
    ("relative_next_include_last", SHUFFLED, D("0.3333333")), ("relative_next_include_last", [0, 1, 2, 3, 4, 5], D(1)),
    ("longest_ordered_subset", SHUFFLED, D("0.6666667")), ("longest_ordered_subset", REVERSED, D(0)),
    ("longest_contiguous_subset", SHUFFLED, D("0.5")), ("longest_contiguous_subset", [0, 2, 4, 1, 3, 5], D(0)),
])
def test_ordering_grading_methods(grading, response, fraction):
    spec = ordering(*WORDS, settings=OrderingSettings(grading))
    grade = grade_question(spec, response)
    assert grade.fraction == fraction and grade.keys == (",".join(map(str, response)),)


@pytest.mark.parametrize(("response", "state"), [("Bài viết", NEEDS_GRADING), ("   ", UNANSWERED), (None, UNANSWERED)])
def test_an_essay_waits_for_a_person(response, state):
    grade = grade_question(essay(points=D(10)), response)
    assert (grade.score, grade.max_score, grade.state) == (D(0), D(10), state)


@pytest.mark.parametrize(("manual", "state"), [(D(10), CORRECT), (D("7.5"), PARTIAL), (0, INCORRECT)])
def test_a_graders_mark_completes_an_essay(manual, state):
    grade = grade_question(essay(points=D(10)), "Bài viết", manual_score=manual)
    assert (grade.score, grade.state) == (Decimal(manual), state)


def test_a_graders_mark_on_three_points_is_kept_exactly():
    assert grade_question(essay(), "x", points=D(3), manual_score=D(1)).score == D(1)


@pytest.mark.parametrize("manual", [D(11), D(-1), 1.5, True, "5"])
def test_a_graders_mark_must_fit_the_question(manual):
    with pytest.raises(InvalidResponse) as caught:
        grade_question(essay(points=D(10)), "x", manual_score=manual)
    assert caught.value.issue.params == {"max": "10"}


def test_a_graders_mark_overrides_an_automatic_one():
    assert _grade(single(1, 0), 1, manual_score=D("0.5")) == (D("0.5"), PARTIAL)


def test_points_scale_the_fraction():
    assert _grade(single(1, "0.5"), 1, points=D(2)) == (D(1), PARTIAL)
    assert grade_question(single(1, "0.5"), 1, points=D(2)).max_score == D(2)
    assert _grade(single(1, 0, points=D(4)), 0) == (D(4), CORRECT)


@pytest.mark.parametrize("points", [D(0), D(-1)])
def test_a_question_must_be_worth_something(points):
    with pytest.raises(ValueError):
        grade_question(single(), 0, points=points)


def test_floats_are_refused_as_points():
    with pytest.raises(TypeError):
        grade_question(single(), 0, points=1.0)


def test_no_response_is_unanswered():
    assert _grade(single(), None) == (D(0), UNANSWERED)


@pytest.mark.parametrize(("response", "text"), [(0, "Giỏi"), (1, "Gần đúng"), (2, "Chưa đúng")])
def test_feedback_for_the_outcome(response, text):
    spec = single(1, "0.5", 0, outcome_feedback=OutcomeFeedback("Giỏi", "Gần đúng", "Chưa đúng"))
    assert grade_question(spec, response).outcome_feedback == text
