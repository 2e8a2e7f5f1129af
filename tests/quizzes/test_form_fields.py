"""Responses read from a question's form fields and written back (pure)."""

import pytest

from tests.quizzes.builders import D, multiple, single, truefalse
from training.quizzes.form_fields import field_values, response_from_fields
from training.quizzes.responses import InvalidResponse
from training.quizzes.spec import MatchPair, OrderingSettings, QuestionSpec


def _values(mapping):
    return lambda name: mapping.get(name, [])


ORDERING = QuestionSpec(qtype="ordering", name="O", text="Xếp", items=("a", "b", "c"), settings=OrderingSettings())
MATCHING = QuestionSpec(qtype="matching", name="M", text="Ghép", pairs=(MatchPair("x", "1"), MatchPair("y", "2"),
                                                                        MatchPair("", "3")))


def test_each_shape_round_trips_through_the_form():
    cases = [
        (single(1, 0, 0), {"q4": ["2"]}, 2),
        (multiple(D("0.5"), D("0.5"), -1), {"q4": ["1", "0"]}, [0, 1]),
        (truefalse(), {"q4": ["false"]}, False),
        (ORDERING, {"q4-0": ["2"], "q4-1": ["3"], "q4-2": ["1"]}, [2, 0, 1]),
        (MATCHING, {"q4-0": ["1"], "q4-1": [""]}, {"0": 1}),
    ]
    for spec, fields, expected in cases:
        response = response_from_fields(spec, 4, _values(fields))
        assert response == expected, spec.qtype
        assert response_from_fields(spec, 4, _values(field_values(spec, 4, response, [0, 1, 2]))) == expected


def test_untouched_questions_are_not_answered_and_orderings_start_as_shown():
    assert response_from_fields(single(1, 0), 1, _values({})) is None
    assert response_from_fields(MATCHING, 1, _values({})) is None
    assert field_values(ORDERING, 1, None, [2, 0, 1]) == {"q1-2": ["1"], "q1-0": ["2"], "q1-1": ["3"]}


@pytest.mark.parametrize("spec, fields", [
    (single(1, 0), {"q1": ["5"]}),
    (single(1, 0), {"q1": ["0", "1"]}),
    (single(1, 0), {"q1": ["-1"]}),
    (truefalse(), {"q1": ["yes"]}),
    (ORDERING, {"q1-0": ["1"], "q1-1": ["1"], "q1-2": ["3"]}),
    (MATCHING, {"q1-0": ["7"]}),
])
def test_what_no_real_form_could_send_is_refused(spec, fields):
    with pytest.raises(InvalidResponse):
        response_from_fields(spec, 1, _values(fields))
