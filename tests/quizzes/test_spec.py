"""The question spec (pure): JSON form, schema version, defaults and validation."""

import json
import unicodedata
from decimal import Decimal

import pytest

from tests.quizzes.builders import D, essay, matching, multiple, numerical, ordering, shortanswer, single, truefalse
from training.quizzes.spec import (
    SCHEMA_VERSION,
    Choice,
    ChoiceSettings,
    EmbeddedFile,
    EssaySettings,
    OrderingSettings,
    OutcomeFeedback,
    QuestionSpec,
    ShortAnswerSettings,
    SpecFormatError,
    decimal_text,
    normalized,
)
from training.quizzes.validation import validate_spec

VALID_SPECS = {
    "single": single(1, 0, "-0.5"),
    "multiple": multiple("0.5", "0.5", -1),
    "truefalse": truefalse(False),
    "shortanswer": shortanswer(("Hà Nội", 1), ("Ha Noi", "0.5"), settings=ShortAnswerSettings(ignore_diacritics=True)),
    "numerical": numerical(("3.5", 1, "0.1"), ("*", 0, None)),
    "matching": matching(("Điều 4", "hình thức"), ("Điều 5", "định kỳ"), ("", "nhiễu")),
    "ordering": ordering("Một", "Hai", "Ba", settings=OrderingSettings("all_or_nothing")),
    "essay": essay(settings=EssaySettings(rubric="Nêu đủ 3 ý", grader_info="<p>Đáp án</p>", min_words=50)),
}
RICH = QuestionSpec(
    qtype="single", name="Giàu", text="<p>Câu @@PLUGINFILE@@/a.png</p>", text_format="html",
    choices=[Choice("a", D(1), "đúng", "plain", "markdown"), Choice("b", D("-0.3333333"))],
    general_feedback="chung", general_feedback_format="moodle", points=D("2.5"),
    outcome_feedback=OutcomeFeedback("Đúng", "Gần đúng", "Sai", "plain"), category=["Luật", "Điều 4"],
    tags=["nđ09", "luật"], idnumber="Q-01", shuffle=True, settings=ChoiceSettings("ABCD"),
    files=[EmbeddedFile("a.png", b"\x89PNG\x00\xff")], line=12)


@pytest.mark.parametrize("spec", [*VALID_SPECS.values(), RICH], ids=[*VALID_SPECS, "rich"])
def test_a_spec_survives_json(spec):
    data = json.loads(json.dumps(spec.to_dict()))
    assert data["schema"] == SCHEMA_VERSION
    assert QuestionSpec.from_dict(data) == spec
    assert validate_spec(spec) == ()


def test_decimals_travel_as_strings_and_files_as_base64():
    data = RICH.to_dict()
    assert data["points"] == "2.5" and data["choices"][1]["fraction"] == "-0.3333333"
    assert data["files"] == [{"name": "a.png", "data": "iVBORwD/"}]
    assert data["category"] == ["Luật", "Điều 4"] and data["source_line"] == 12
    assert QuestionSpec.from_dict(data).line == 12


def test_lists_become_tuples_and_each_type_gets_its_default_settings():
    spec = QuestionSpec("essay", "E", "T", tags=["a"], category=["b"])
    assert spec.tags == ("a",) and spec.category == ("b",) and spec.settings == EssaySettings()
    assert QuestionSpec("single", "S", "T").settings == ChoiceSettings()
    assert QuestionSpec("matching", "M", "T").settings is None
    hash(RICH)  # frozen and hashable, even with files


def test_the_source_line_does_not_make_specs_differ():
    assert single(line=3) == single(line=40)


def test_stored_text_comes_back_in_nfc():
    data = single().to_dict()
    data["text"] = unicodedata.normalize("NFD", "Nghị định")
    assert QuestionSpec.from_dict(data).text == "Nghị định"


def _broken(**changes):
    data = RICH.to_dict()
    for key, value in changes.items():
        data[key] = value
    return data


@pytest.mark.parametrize(("data", "field"), [
    (_broken(qtype="cloze"), "qtype"),
    (_broken(points=1), "points"),
    (_broken(points="NaN"), "points"),
    (_broken(shuffle="yes"), "shuffle"),
    (_broken(choices=[{"text": "a", "fraction": 0.5}]), "choices.fraction"),
    (_broken(choices=["a"]), "choices"),
    (_broken(files=[{"name": "x", "data": "***"}]), "files.data"),
    (_broken(settings={"numbering": 3}), "settings.numbering"),
    (_broken(tags="a,b"), "tags"),
])
def test_malformed_stored_data_is_refused(data, field):
    with pytest.raises(SpecFormatError) as caught:
        QuestionSpec.from_dict(data)
    assert caught.value.issue.params == {"field": field}


def test_bools_are_not_integers_in_settings():
    data = essay().to_dict()
    data["settings"]["min_words"] = True
    with pytest.raises(SpecFormatError):
        QuestionSpec.from_dict(data)


@pytest.mark.parametrize("schema", [None, 0, 2, "1"])
def test_an_unknown_schema_version_is_refused(schema):
    with pytest.raises(SpecFormatError) as caught:
        QuestionSpec.from_dict(_broken(schema=schema))
    assert caught.value.issue.params == {"version": schema}


@pytest.mark.parametrize(("value", "text"), [
    (D("0.50"), "0.5"), (D("100"), "100"), (D("1E+2"), "100"), (D("-0"), "0"), (D("-1.000"), "-1"),
    (D("0.3333333"), "0.3333333"),
])
def test_decimal_text(value, text):
    assert decimal_text(value) == text
    assert str(normalized(value)) == text


def _messages(spec):
    return [issue.message % issue.params for issue in validate_spec(spec)]


@pytest.mark.parametrize(("spec", "expected"), [
    (single(1, 1, 0), "S: a single-choice question needs exactly one choice worth 100%; it has 2."),
    (single("0.5", 0), "S: a single-choice question needs exactly one choice worth 100%; it has 0."),
    (single(1), "S: this question needs at least 2 choices."),
    (single(1, 2), "S: a grade of 200% is outside -100% to 100%."),
    (single(1, 0, settings=ChoiceSettings("xyz")), "S: unknown answer numbering xyz."),
    (multiple(1, 1, "-0.5"), "M: the positive grades add up to 200%; they must add up to 100%."),
    (multiple("0.3", "0.3", "-0.5"), "M: the positive grades add up to 60%; they must add up to 100%."),
    (multiple("0.33", "0.3333333", "0.3333333"), "M: the positive grades add up to 99.66666%; they must add up to 100%."),
    (multiple(0, 0), "M: the positive grades add up to 0%; they must add up to 100%."),
    (QuestionSpec("truefalse", "TF", "x", choices=[Choice("true", D(1)), Choice("false", D(1))]),
     "TF: a true/false question must have the choices true and false, exactly one of them correct."),
    (shortanswer(("a", "0.5")), "SA: one of the answers must be worth 100%, so that full marks are possible."),
    (shortanswer(("a", 1), ("b", "-0.5")), "SA: answer grades must be between 0% and 100% for this question type."),
    (shortanswer(("", 1)), "SA: an accepted answer is empty."),
    (shortanswer(), "SA: this question needs at least one accepted answer."),
    (numerical(("3,5", 1, 0)), "N: 3,5 is not a number; write a number such as -1.234 or 3e8, or *."),
    (numerical(("3", 1, -1)), "N: the tolerance must be a number of 0 or more."),
    (matching(("a", "1"), ("", "2")), "MA: a matching question needs at least 2 pairs with a question on the left."),
    (matching(("a", "1"), ("b", "")), "MA: a matching answer (right-hand side) is empty."),
    (ordering("a"), "O: an ordering question needs at least 2 items."),
    (ordering("a", "a"), "O: the items to order must differ from each other; a appears twice."),
    (ordering("a", "b", settings=OrderingSettings("random")), "O: unknown ordering grading method random."),
    (essay(settings=EssaySettings(min_words=10, max_words=5)),
     "E: the minimum word count cannot be greater than the maximum."),
    (essay(settings=EssaySettings(response_format="audio")), "E: unknown essay response format audio."),
    (essay(choices=[Choice("x")]), "E: this question has parts that its type does not use (choices, pairs or items)."),
    (essay(settings=ChoiceSettings()), "E: the settings do not belong to this question type."),
    (single(1, 0, text="  "), "S: the question text is empty."),
    (single(1, 0, name=""), "?: the question name is empty."),
    (single(1, 0, text_format="rtf"), "S: unknown text format rtf."),
    (single(1, 0, points=D(0)), "S: the mark of a question must be greater than 0."),
    (QuestionSpec("cloze", "C", "x"), "C: unknown question type cloze."),
])
def test_validation_explains_each_problem(spec, expected):
    assert expected in _messages(spec)


def test_weights_that_miss_100_percent_by_rounding_are_whole():
    assert validate_spec(multiple("0.3333333", "0.3333333", "0.3333333", -1)) == ()
    assert validate_spec(multiple(*["0.1428571"] * 7)) == ()
    assert validate_spec(multiple("0.9998", 0)) != ()


def test_a_spec_validates_itself():
    assert single(1, 1, line=3).validate() == validate_spec(single(1, 1, line=3)) != ()
    assert single().validate() == ()


def test_validation_issues_point_at_the_question_line():
    issues = validate_spec(single(1, 1, line=17))
    assert [issue.row for issue in issues] == [17]


def test_fractions_are_decimals_not_floats():
    assert isinstance(single().choices[0].fraction, Decimal)
