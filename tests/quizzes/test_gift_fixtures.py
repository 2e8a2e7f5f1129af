"""GIFT import against Moodle's own fixtures: what Moodle's tests assert (shared/fixtures/moodle/INDEX.md)."""

from decimal import Decimal

import pytest

from tests.paths import fixture
from training.quizzes.gift import parse_gift_bytes
from training.quizzes.spec import EssaySettings, MatchPair

D = Decimal


def _parse(name):
    return parse_gift_bytes(fixture("moodle", name).read_bytes())


@pytest.fixture(scope="module")
def questions():
    result = _parse("questions.gift.txt")
    assert result.ok, result.issues
    return {(q.line, q.name): q for q in result.questions}


def _by_name(questions, name):
    return next(q for (_line, n), q in questions.items() if n == name)


def test_questions_gift_imports_nine_questions_in_file_order():
    result = _parse("questions.gift.txt")
    assert result.ok and len(result.questions) == 9
    assert [(q.line, q.name, q.qtype) for q in result.questions] == [
        (2, "Q8", "essay"), (5, "Moodle activities", "matching"), (14, "Q2", "single"), (22, "colours", "multiple"),
        (31, "Q5", "numerical"), (34, "Shortanswer", "shortanswer"), (41, "Q1", "truefalse"),
        (46, "2-08 TSL", "truefalse"), (49, "2-08 TSL", "truefalse")]
    assert result.questions[2].text == "What's between orange and green in the spectrum?"


def test_essay(questions):
    q8 = _by_name(questions, "Q8")
    assert (q8.text, q8.text_format, q8.points) == ("How are you?", "moodle", D(1))
    assert q8.settings == EssaySettings() and q8.settings.response_field_lines == 15
    assert (q8.settings.response_format, q8.settings.grader_info, q8.settings.grader_info_format) == ("editor", "", "html")


def test_matching_with_formats_and_a_distractor(questions):
    match = _by_name(questions, "Moodle activities")
    assert (match.text, match.text_format) == ("Match the <b>activity</b> to the description.", "html")
    assert match.format_of(match.general_feedback_format) == "html" and match.shuffle
    assert [(p.prompt, match.format_of(p.prompt_format)) for p in match.pairs] == [
        ("An activity supporting asynchronous discussions.", "html"),
        ("A teacher asks a question and specifies a choice of multiple responses.", "moodle"),
        ("A bank of record entries which participants can add to.", "plain"),
        ("A collection of web pages that anyone can add to or edit.", "markdown"), ("", "html")]
    assert [p.answer for p in match.pairs] == ["Forum", "Choice", "Database", "Wiki", "Chat"]


def test_single_choice(questions):
    q2 = _by_name(questions, "Q2")
    assert q2.qtype == "single" and q2.shuffle and q2.settings.numbering == "abc"
    assert [(c.text, q2.format_of(c.text_format)) for c in q2.choices] == [
        ("yellow", "moodle"), ("red", "moodle"), ("blue", "plain")]
    assert [c.fraction for c in q2.choices] == [1, 0, 0]
    assert [(c.feedback, q2.format_of(c.feedback_format)) for c in q2.choices] == [
        ("right; good!", "moodle"), ("wrong, it's yellow", "html"), ("wrong, it's yellow", "moodle")]


def test_multiple_response_with_negative_weights(questions):
    colours = _by_name(questions, "colours")
    assert colours.qtype == "multiple"
    assert [c.text for c in colours.choices] == ["yellow", "red", "off-beige", "blue"]
    assert [c.fraction for c in colours.choices] == [D("0.5"), D(-1), D("0.5"), D(-1)]
    assert [(c.feedback, colours.format_of(c.feedback_format)) for c in colours.choices] == [
        ("right; good!", "moodle"), ("wrong", "html"), ("right; good!", "moodle"), ("wrong", "moodle")]
    assert colours.format_of(colours.choices[3].text_format) == "plain"


def test_numerical_with_a_catch_all_wrong_answer(questions):
    q5 = _by_name(questions, "Q5")
    assert [(c.text, c.fraction, c.tolerance, c.feedback) for c in q5.choices] == [
        ("3", 1, D(2), ""), ("*", 0, None, "Completely wrong")]
    # The fixture line ends in '}";' so, as in Moodle, the question becomes a missing-word one.
    assert q5.text == 'What is a number from 1 to 5? _____";'


def test_short_answer(questions):
    short = _by_name(questions, "Shortanswer")
    assert [(c.text, c.fraction, c.feedback) for c in short.choices] == [
        ("Frog", 1, "Good!"), ("Cat", D("0.5"), "What is it with Moodlers and cats?"), ("*", 0, "Completely wrong")]


def test_true_false_feedback_goes_to_the_answer_that_shows_it(questions):
    q1 = _by_name(questions, "Q1")
    true, false = q1.choices
    assert (true.fraction, false.fraction) == (0, 1)
    assert true.feedback == "42 is the Ultimate Answer."  # shown to whoever picks the wrong answer, true
    assert false.feedback == "You gave the right answer."
    assert q1.general_feedback == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert q1.text == '42 is the Absolute Answer to everything._____";'


@pytest.mark.parametrize("line", [46, 49])
def test_true_written_as_t_or_true(questions, line):
    tsl = questions[(line, "2-08 TSL")]
    assert tsl.text == "TSL is blablabla." and [c.fraction for c in tsl.choices] == [1, 0]


def test_questions_in_category():
    result = _parse("questions_in_category.gift.txt")
    assert result.ok and len(result.questions) == 4
    assert [c.path for c in result.categories] == [("Default for New Features",)]
    assert {q.category for q in result.questions} == {("Default for New Features",)}
    match, greeting, user, acronym = result.questions
    assert match.text == "Match the activity to the description." and len(match.pairs) == 5
    assert match.pairs[-1] == MatchPair("", "Chat")
    assert greeting.text.startswith('<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">Listen to this greeting:')
    assert [(c.text, c.fraction, c.feedback) for c in greeting.choices] == [
        ("English", 0, "Sorry, listen again."), ("French", 1, "Yes, well done!"), ("German", 0, "Sorry, listen again."),
        ("Spanish", 0, "Sorry, listen again.")]
    assert [(c.text, c.fraction, c.feedback) for c in user.choices] == [("Moodler", 1, "")]
    assert acronym.qtype == "truefalse" and acronym.choices[0].fraction == 1
    assert '<span style="font-style: italic;">' in acronym.text


def test_a_windows_1252_file_is_refused_at_the_line_of_its_first_bad_byte():
    result = _parse("questions_encoding_windows-1252.gift.txt")
    assert not result.ok and result.questions == ()
    (issue,) = result.issues
    assert issue.row == 15 and "UTF-8" in issue.message


def test_multiple_response_weights_must_add_up_to_100_percent():
    result = _parse("error_invalid_fraction_sum.gift.txt")
    assert not result.ok and result.questions == ()
    assert [(i.row, i.params["total"]) for i in result.issues] == [(2, "200"), (9, "60")]
    assert result.issues[0].params["name"] == "gift import: invalid percentage answer weights (too much)"


def test_moodle_examples_file():
    result = _parse("examples.txt")
    assert result.ok and len(result.questions) == 43
    assert result.by_type() == {"single": 16, "truefalse": 5, "shortanswer": 9, "numerical": 8, "matching": 3,
                                "multiple": 2}
    by_line = {q.line: q for q in result.questions}
    assert by_line[10].text == "Grant is _____ in Grant's tomb."
    assert [(c.text, c.tolerance) for c in by_line[74].choices] == [("3.1415", D("0.0005"))]
    assert by_line[74].text == "What is the value of pi (to 3 decimal places)? _____."
    assert [(c.text, c.fraction, c.tolerance) for c in by_line[76].choices] == [
        ("1822", 1, 0), ("1822", D("0.5"), 2)]
    assert by_line[108].text_format == "markdown" and by_line[108].text == "Who's buried in **Grant's tomb**?"
    assert [c.fraction for c in by_line[136].choices] == [D("-0.5"), D("0.5"), D("0.5"), D("-0.5")]
    assert by_line[202].choices[1].feedback == "He was born in 1822.\nYou get 50% credit for being close."


def test_gift_control_characters_are_unescaped():
    result = _parse("examples.txt")
    question = next(q for q in result.questions if q.name == "GIFT Control Characters")
    assert [c.text for c in question.choices] == ["~", "=", "#", "{", "}", "\\"]
    assert [c.fraction for c in question.choices] == [0, 0, 0, 0, 0, 1]
    assert question.choices[0].feedback == "~ is a control character."
    assert question.choices[5].feedback.startswith("Correct! \\ (backslash) is not a control character. BUT,\nit is")
    equals = next(q for q in result.questions if q.text == "Which answer equals 5?")
    assert [c.text for c in equals.choices] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
