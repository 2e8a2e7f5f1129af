"""The per-type question form, pure: fields to a spec, errors next to their field, rows added and removed."""

import re
from decimal import Decimal

import pytest

from tests.paths import ROOT
from training.quizzes.question_form import (
    FIELD_OF_MESSAGE,
    apply_row_op,
    blank_state,
    read_form,
    spec_from_form,
    state_from_spec,
)


def _choices(*rows, **fields):
    data = {"name": "Hỏi", "text": "Chọn **đúng**", "points": "2", "rows": str(len(rows)), **fields}
    for i, (text, weight, feedback) in enumerate(rows):
        data.update({f"row-{i}-text": text, f"row-{i}-weight": weight, f"row-{i}-feedback": feedback})
    return data


def test_multiple_choice_with_a_negative_weight_becomes_a_valid_spec():
    data = _choices(("A", "50", "Đúng một phần"), ("B", "50%", ""), ("C", "-33,333", "Sai"), ("", "", ""),
                    qtype="multiple")
    state = read_form("multiple", data.get)
    spec = spec_from_form(state)
    assert state.errors == {}
    assert spec.qtype == "multiple" and spec.text_format == "markdown" and spec.points == Decimal(2)
    assert [c.fraction for c in spec.choices] == [Decimal("0.5"), Decimal("0.5"), Decimal("-0.33333")]
    assert spec.choices[2].feedback == "Sai"


def test_positive_weights_that_miss_100_percent_are_an_error_on_the_rows():
    state = read_form("multiple", _choices(("A", "50", ""), ("B", "40", ""), ("C", "-100", "")).get)
    assert spec_from_form(state) is None
    assert list(state.errors) == ["rows"]
    assert "90" in str(state.errors["rows"][0].params)


@pytest.mark.parametrize(("field", "value", "where"), [
    ("row-1-weight", "năm mươi", "row-1-weight"),
    ("points", "abc", "points"),
    ("points", "0", "points"),
    ("points", "5000", "points"),
    ("name", "   ", "name"),
    ("text", "", "text"),
])
def test_a_bad_value_is_reported_next_to_its_field(field, value, where):
    data = _choices(("A", "100", ""), ("B", "0", ""))
    data[field] = value
    state = read_form("single", data.get)
    assert spec_from_form(state) is None
    assert where in state.errors


def test_single_choice_needs_exactly_one_full_mark():
    state = read_form("single", _choices(("A", "100", ""), ("B", "100", "")).get)
    assert spec_from_form(state) is None and "rows" in state.errors


def test_true_false_short_answer_numerical_matching_ordering_and_essay():
    tf = spec_from_form(read_form("truefalse", {"name": "TF", "text": "Đúng?", "points": "1", "correct": "false",
                                                "feedback_true": "Không", "feedback_false": "Đúng vậy"}.get))
    assert [c.fraction for c in tf.choices] == [0, 1] and tf.choices[1].feedback == "Đúng vậy"
    sa = spec_from_form(read_form("shortanswer", {"name": "SA", "text": "Thủ đô?", "points": "1", "rows": "2",
                                                  "row-0-text": "Hà Nội", "row-0-weight": "100",
                                                  "row-1-text": "HN", "row-1-weight": "50",
                                                  "ignore_diacritics": "y"}.get))
    assert sa.settings.ignore_diacritics and not sa.settings.case_sensitive and len(sa.choices) == 2
    num = spec_from_form(read_form("numerical", {"name": "N", "text": "Bao nhiêu?", "points": "1", "rows": "2",
                                                 "row-0-text": "3,5", "row-0-tolerance": "0,5",
                                                 "row-0-weight": "100", "row-1-text": "*", "row-1-weight": "0"}.get))
    assert num.choices[0].text == "3.5" and num.choices[0].tolerance == Decimal("0.5")
    bad = read_form("numerical", {"name": "N", "text": "?", "points": "1", "rows": "1", "row-0-text": "ba",
                                  "row-0-tolerance": "-", "row-0-weight": "100"}.get)
    assert spec_from_form(bad) is None and {"row-0-text", "row-0-tolerance"} <= set(bad.errors)
    matching = spec_from_form(read_form("matching", {"name": "M", "text": "Ghép", "points": "1", "rows": "3",
                                                     "row-0-prompt": "Họp báo", "row-0-answer": "Điều 4",
                                                     "row-1-prompt": "Cải chính", "row-1-answer": "Điều 40",
                                                     "row-2-prompt": "", "row-2-answer": "Điều 9"}.get))
    assert len(matching.pairs) == 3 and matching.pairs[2].prompt == ""
    order = read_form("ordering", {"name": "O", "text": "Sắp xếp", "points": "1", "rows": "1", "row-0-text": "Một"}.get)
    assert spec_from_form(order) is None and "rows" in order.errors
    essay = spec_from_form(read_form("essay", {"name": "E", "text": "Trình bày", "points": "3",
                                               "rubric": "3 điểm: đủ ý"}.get))
    assert essay.settings.rubric == "3 điểm: đủ ý" and essay.points == 3


def test_rows_are_added_and_removed_without_javascript():
    state = blank_state("multiple")
    count = len(state.rows)
    assert apply_row_op(state, "add") and len(state.rows) == count + 1
    state.rows[0]["text"] = "đầu"
    assert apply_row_op(state, "remove-0") and len(state.rows) == count and state.rows[0]["text"] == ""
    assert not apply_row_op(state, "save")
    assert apply_row_op(state, "remove-99") and len(state.rows) == count


def test_a_spec_round_trips_through_the_form_and_keeps_what_the_form_does_not_show():
    data = _choices(("A", "60", "fa"), ("B", "40", ""), ("C", "-50", "fc"), tags="luật, báo chí",
                    general_feedback="Giải thích")
    original = spec_from_form(read_form("multiple", data.get))
    from dataclasses import replace

    original = replace(original, shuffle=True, idnumber="MC-1")
    state = state_from_spec(original)
    posted = {key: value for key, value in state.values.items() if isinstance(value, str)}
    posted["rows"] = str(len(state.rows))
    for i, row in enumerate(state.rows):
        posted.update({f"row-{i}-{part}": value for part, value in row.items()})
    again = spec_from_form(read_form("multiple", posted.get), base=original)
    assert again == original


def test_every_mapped_message_is_one_validation_really_uses():
    source = (ROOT / "training" / "quizzes" / "validation.py").read_text(encoding="utf-8")
    used = set(re.findall(r'N_\("([^"]+)"\)', source))
    assert set(FIELD_OF_MESSAGE) <= used


def test_a_numerical_question_without_tolerance_saves_back_unchanged():
    from tests.quizzes.builders import numerical

    original = numerical(("6", 1, None), ("*", 0, None))
    state = state_from_spec(original)
    posted = {key: value for key, value in state.values.items() if isinstance(value, str)}
    posted["rows"] = str(len(state.rows))
    for i, row in enumerate(state.rows):
        posted.update({f"row-{i}-{part}": value for part, value in row.items()})
    assert spec_from_form(read_form("numerical", posted.get), base=original) == original
