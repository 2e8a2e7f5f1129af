"""Moodle XML import against Moodle's own fixtures: what Moodle's tests assert (shared/fixtures/moodle/INDEX.md)."""

from decimal import Decimal

import pytest

from tests.paths import fixture
from training.quizzes.interchange import CategorySpec
from training.quizzes.moodle_xml import parse_moodle_xml

D = Decimal


def _parse(name):
    return parse_moodle_xml(fixture("moodle", name).read_bytes())


def _messages(result):
    return [(issue.row, issue.message % issue.params) for issue in result.issues]


def test_truefalse_with_embedded_images():
    result = _parse("truefalse.xml")
    assert result.ok and [q.name for q in result.questions] == ["Moodle acronym (False)", "Moodle acronym (True)"]
    wrong, right = result.questions
    assert "Modular Object-Oriented Dynamic Learning Education" in wrong.text
    assert "Modular Object-Oriented Dynamic Learning Environment" in right.text
    assert [c.fraction for c in wrong.choices] == [0, 1] and [c.fraction for c in right.choices] == [1, 0]
    assert wrong.points == 1 and wrong.text_format == "html" and "\u00a0" in wrong.text
    assert {f.name for f in wrong.files} == {"logo.jpg", "infos.jpg", "thumbup.jpg", "thumbdown.jpg"}
    assert next(f for f in wrong.files if f.name == "logo.jpg").data.startswith(b"\xff\xd8")  # a JPEG
    assert "@@PLUGINFILE@@/thumbdown.jpg" in wrong.choices[0].feedback
    assert wrong.category == ("Default for testhead", "TrueFalse")


def test_single_choice_with_media():
    (greeting,) = _parse("multichoice.xml").questions
    assert greeting.name == "Greeting" and greeting.qtype == "single"
    assert greeting.shuffle and greeting.settings.numbering == "abc"
    assert "What language is being spoken?" in greeting.text
    assert [("French" in c.text, c.fraction) for c in greeting.choices] == [(False, 0), (True, 1), (False, 0),
                                                                           (False, 0)]
    assert [c.feedback for c in greeting.choices][:2] == ["<p>Sorry, listen again.</p>", "<p>Yes, well done!</p>"]
    assert [f.name for f in greeting.files] == ["bonjour.mp3", "flag-denmark.jpg", "flag-france.jpg",
                                                "flag-german.jpg", "flag-uk.jpg"]  # kept sorted by name


def test_cloze_questions_are_refused_one_by_one():
    result = _parse("broken_cloze_questions.xml")
    assert result.questions == ()
    assert [row for row, _message in _messages(result)] == [4, 20, 36, 52, 68]
    assert all("(Cloze)" in message for _row, message in _messages(result))
    assert result.issues[0].params["name"] == "Multianswer question without subquestions"


def test_a_valid_cloze_question_is_refused_too():
    result = _parse("multianswer.xml")
    assert not result.ok and result.questions == ()
    assert _messages(result) == [
        (12, "cloze with images is an embedded-answers (Cloze) question, which is not supported; it was not imported.")]


def test_old_image_fields_become_an_embedded_image():
    result = _parse("sample_questions_with_old_image_tag.xml")
    assert [row for row, _message in _messages(result)] == [16]  # the cloze one
    (mcq,) = result.questions
    assert mcq.name == "mcq with image" and mcq.shuffle  # the first of its two <shuffleanswers>
    assert mcq.text.startswith("This is a multichoice question with an image in the old")
    assert mcq.text.endswith(' <img src="@@PLUGINFILE@@/moodle.png" />')
    assert [(c.text, c.fraction) for c in mcq.choices] == [
        ("wrong answer", 0), ("another wrong answer", 0), ("right answer", 1)]
    assert [f.name for f in mcq.files] == ["moodle.png"] and mcq.files[0].data.startswith(b"\x89PNG")


def test_grades_that_cannot_give_full_marks_are_refused():
    result = _parse("error_invalid_grades.xml")
    assert not result.ok and result.questions == ()
    assert _messages(result) == [(4, "Question with invalid grades : x > 1 & x < 2: the positive grades add up to "
                                     "99.66666%; they must add up to 100%.")]


def test_invalid_fraction_sums_are_reported_in_order():
    result = _parse("error_invalid_fraction_sum.xml")
    assert not result.ok and result.questions == ()
    assert [(row, issue.params.get("total"), issue.params.get("count"))
            for (row, _m), issue in zip(_messages(result), result.issues, strict=True)] == [
        (4, "200", None), (53, "60", None), (102, None, 0)]


@pytest.mark.parametrize("name", ["category_with_description.xml", "deprecated_category.xml"])
def test_a_category_with_description_and_idnumber(name):
    result = _parse(name)
    assert result.categories == (CategorySpec(("Alpha",), "This is Alpha category for test", "moodle",
                                              "alpha-idnumber"),)
    assert [(q.name, q.category, q.qtype) for q in result.questions] == [("Alpha Question", ("Alpha",), "truefalse")]


def test_nested_categories():
    result = _parse("nested_categories.xml")
    assert [(c.path, c.info, c.info_format) for c in result.categories] == [
        (("Delta",), "This is Delta category for test", "plain"),
        (("Delta", "Epsilon"), "This is Epsilon category for test", "markdown"),
        (("Delta", "Epsilon", "Zeta"), "This is Zeta category for test", "moodle")]
    assert [(q.name, q.category) for q in result.questions] == [("Zeta Question", ("Delta", "Epsilon", "Zeta"))]


def test_nested_categories_with_questions():
    result = _parse("nested_categories_with_questions.xml")
    assert [(c.path, c.info_format) for c in result.categories] == [
        (("Iota",), "plain"), (("Iota", "Kappa"), "markdown"), (("Iota", "Kappa", "Lambda"), "moodle"),
        (("Iota", "Mu"), "moodle")]
    assert [(q.name, q.qtype, q.category[-1]) for q in result.questions] == [
        ("Iota Question", "truefalse", "Iota"), ("Kappa Essay Question", "essay", "Kappa"),
        ("Kappa Question", "truefalse", "Kappa"), ("Lambda Question", "truefalse", "Lambda"),
        ("Mu Question", "truefalse", "Mu")]
    essay = result.questions[1]
    assert essay.settings.response_field_lines == 10 and essay.settings.response_required
    assert essay.text_format == "moodle" and essay.settings.grader_info_format == "html"


def test_categories_without_info_from_old_files():
    result = _parse("old_format_file.xml")
    assert [(c.path, c.info, c.info_format) for c in result.categories] == [
        (("Pi",), "", "moodle"), (("Pi", "Rho"), "", "moodle")]
    assert [(q.name, q.category) for q in result.questions] == [("Pi Question", ("Pi",)),
                                                                ("Rho Question", ("Pi", "Rho"))]


def test_a_child_category_may_come_before_its_parent():
    result = _parse("categories_reverse_order.xml")
    assert [(c.path, c.info, c.info_format) for c in result.categories] == [
        (("Sigma", "Tau"), "This is Tau category for test", "html"),
        (("Sigma",), "This is Sigma category for test", "html")]
    tau, sigma = result.questions
    assert (tau.name, tau.qtype, tau.category) == ("Tau Question", "essay", ("Sigma", "Tau"))
    assert (sigma.name, sigma.qtype, sigma.category) == ("Sigma Question", "shortanswer", ("Sigma",))
    assert [(c.text, c.fraction) for c in sigma.choices] == [("yes", 1), ("no", 0), ("may be", 0)]
    assert not sigma.settings.case_sensitive


def test_html_characters_in_idnumbers():
    result = _parse("html_chars_in_idnumbers.xml")
    assert result.categories[0].idnumber == "The inequalities < & >"
    assert result.questions[0].idnumber == "T & F"


def test_an_unknown_type_is_refused_and_the_rest_is_kept():
    result = _parse("partial_invalid_export.xml")
    assert not result.ok  # "stop on error": nothing is imported
    assert _messages(result) == [(68, "Question type unknownquestiontype is not supported; the question was not "
                                      "imported.")]
    # ... while "import only the valid ones" has the three good questions, text given without <text>.
    assert [(q.name, q.text, q.category) for q in result.questions] == [
        ("Goji berries are also known as", "Goji berries are also known as...", ("Default",)),
        ("Goji berries are native to", "Goji berries are native to...", ("Default",)),
        ("Goji berries are usually sold", "Goji berries are usually sold...", ("Default",))]
    assert [c.fraction for c in result.questions[0].choices] == [1, 0, 0]


def test_a_file_without_questions():
    result = _parse("export_without_question.xml")
    assert _messages(result) == [(None, "There are no questions in the import file.")]
