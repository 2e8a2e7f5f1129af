"""Response shapes and numbers typed the Vietnamese way (pure)."""

import unicodedata
from decimal import Decimal

import pytest

from tests.quizzes.builders import essay, matching, multiple, numerical, ordering, shortanswer, single, truefalse
from training.quizzes.grading import check_response
from training.quizzes.responses import MAX_TEXT_LENGTH, InvalidResponse, parse_number

D = Decimal


@pytest.mark.parametrize(("text", "number"), [
    ("3,5", D("3.5")), ("3.5", D("3.5")), ("-3,5", D("-3.5")), ("+2", D(2)), ("−7", D(-7)), (" 42 ", D(42)),
    (",5", D("0.5")), ("1.234.567", D(1234567)), ("1,234,567", D(1234567)), ("1.234.567,89", D("1234567.89")),
    ("1,234,567.89", D("1234567.89")), ("1 234,5", D("1234.5")), ("1\u00a0234,5", D("1234.5")),
    ("3e8", D("3e8")), ("1,5E-3", D("0.0015")), ("1.234", D("1.234")), ("0", D(0)), (7, D(7)), (D("2.5"), D("2.5")),
])
def test_numbers_are_read_as_typed(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", [
    "", "ba phẩy năm", "3,5,1", "1.23.4", "1,234.5.6", "1.2,3,4", "12,34.5", "1..2", "--3", "3e", "e5", "NaN",
    "Infinity", True, None, 3.5, D("NaN"), "1" * 101, "1e99999",
])
def test_what_is_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(("spec", "response"), [
    (single(), 3), (single(), -1), (single(), True), (single(), "0"), (single(), [0]), (single(), 0.0),
    (multiple("0.5", "0.5"), 0), (multiple("0.5", "0.5"), [0, 0]), (multiple("0.5", "0.5"), [2]),
    (multiple("0.5", "0.5"), {"0": True}), (truefalse(), 1), (truefalse(), "true"),
    (shortanswer(("a", 1)), 5), (shortanswer(("a", 1)), "x" * (MAX_TEXT_LENGTH + 1)),
    (numerical(("3", 1, 0)), ["3"]), (numerical(("3", 1, 0)), True), (numerical(("3", 1, 0)), "9" * 101),
    (matching(("a", "1"), ("b", "2")), [(0, 1)]), (matching(("a", "1"), ("b", "2")), {0: 2}),
    (matching(("a", "1"), ("b", "2")), {2: 0}), (matching(("a", "1"), ("b", "2")), {"x": 0}),
    (matching(("a", "1"), ("b", "2")), {0: "1"}), (ordering("a", "b", "c"), [0, 1]), (ordering("a", "b", "c"), [0, 1, 1]),
    (ordering("a", "b", "c"), [0, 1, 3]), (ordering("a", "b", "c"), "012"), (essay(), {"text": "x"}),
    (essay(), "x" * (MAX_TEXT_LENGTH + 1)),
])
def test_responses_of_the_wrong_shape_are_refused(spec, response):
    with pytest.raises(InvalidResponse) as caught:
        check_response(spec, response)
    assert caught.value.issue.message  # a message id the web layer translates and answers 400 with


def test_the_length_limit_is_in_the_message():
    with pytest.raises(InvalidResponse) as caught:
        check_response(essay(), "x" * (MAX_TEXT_LENGTH + 1))
    assert caught.value.issue.params == {"limit": 20000}
    assert check_response(essay(), "x" * MAX_TEXT_LENGTH)


@pytest.mark.parametrize(("spec", "response", "checked"), [
    (multiple("0.5", "0.5"), [1, 0], frozenset({0, 1})), (multiple("0.5", "0.5"), set(), frozenset()),
    (matching(("a", "1"), ("b", "2")), {"0": 1, "1": None}, {0: 1}), (ordering("a", "b"), [1, 0], (1, 0)),
    (essay(), unicodedata.normalize("NFD", "Người"), "Người"),
])
def test_accepted_responses_are_normalised(spec, response, checked):
    assert check_response(spec, response) == checked
