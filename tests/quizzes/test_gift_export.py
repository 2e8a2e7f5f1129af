"""Writing GIFT: Moodle's layout and escapes, texts that need care, and what GIFT cannot carry."""

from dataclasses import replace

import pytest

from tests.paths import fixture
from tests.quizzes.builders import D, essay, matching, multiple, numerical, ordering, shortanswer, single, truefalse
from training.quizzes.gift import export_gift, gift_export_warnings, parse_gift, parse_gift_bytes
from training.quizzes.spec import (
    Choice,
    ChoiceSettings,
    EmbeddedFile,
    EssaySettings,
    OutcomeFeedback,
    QuestionSpec,
    ShortAnswerSettings,
)


def _exported(name):
    return export_gift(parse_gift_bytes(fixture("moodle", name).read_bytes()).questions)


def test_the_layout_is_moodles():
    text = _exported("questions.gift.txt")
    assert "What's between orange and green in the spectrum?" in text
    assert "\t=%100%Frog#Good!\n" in text and "\t~#Completely wrong\n" in text
    assert "::Q8::How are you?{}\n" in text
    assert "::Q1::42 is the Absolute Answer to everything._____\";{FALSE#42 is the Ultimate Answer." in text


def test_reserved_characters_are_escaped_inside_html():
    text = _exported("questions_in_category.gift.txt")
    assert text.startswith("$CATEGORY: $course$/Default for New Features\n")
    assert '[html]<a href\\="http\\://demo.moodle.net/file.php/5/media/bonjour.mp3">' in text


@pytest.mark.parametrize("spec", [
    single(1, 0, text="Dòng một\nDòng hai"),
    single(1, 0, choices=[Choice("%50% cử tri", D(1)), Choice("[html] là chữ", D(0))]),
    shortanswer(("%abc", 1), ("[plain]x", "0.5")),
    single(1, 0, text="[markdown]là chữ, không phải định dạng", text_format="moodle"),
    numerical(("*", 0, None), ("5", 1, 0)),
    numerical(("5", 1, 0), ("*", "0.1", None)),
    truefalse(True, general_feedback="Xem Điều 9"),
    matching(("Điều 38", "Cung cấp: thông tin"), ("Điều 40", "Quyền # và = ~"), ("", "nhiễu")),
    essay(general_feedback="Gợi ý {đáp án}"),
    single(1, 0, tags=("a]b", "Luật"), idnumber="Q:1"),
    multiple("0.5", "0.5", "-1", category=("Luật/2016", "Điều 4")),
], ids=["newlines", "choice-starts-like-markers", "answers-start-like-markers", "text-starts-like-marker",
        "catch-all-first", "catch-all-with-credit", "tf-general-feedback", "matching-reserved", "essay-braces",
        "tags", "category-with-slash"])
def test_awkward_texts_come_back_unchanged(spec):
    result = parse_gift(export_gift([spec]))
    assert result.ok, result.issues
    # GIFT has no syntax for shuffling: choice questions always come back shuffled.
    assert result.questions == (replace(spec, shuffle=spec.qtype in ("single", "multiple", "matching")),)


def test_categories_are_switched_only_when_they_change():
    specs = [single(category=("A",)), single(category=("A",)), single(category=()), single(category=("B",))]
    text = export_gift(specs)
    assert text.count("$CATEGORY:") == 3 and "$CATEGORY: $course$\n" in text
    assert [q.category for q in parse_gift(text).questions] == [("A",), ("A",), (), ("B",)]


def test_an_ordering_question_is_left_out_with_a_comment():
    text = export_gift([ordering("a", "b"), single()])
    assert "// ordering question 'O' left out" in text
    assert [q.qtype for q in parse_gift(text).questions] == ["single"]


@pytest.mark.parametrize(("spec", "fragment"), [
    (ordering("a", "b"), "ordering questions cannot be written in GIFT"),
    (single(points=D(2)), "GIFT cannot store the mark (2)"),
    (single(files=[EmbeddedFile("a.png", b"x")]), "embedded files"),
    (single(outcome_feedback=OutcomeFeedback(correct="Giỏi")), "correct, partly correct and incorrect"),
    (single(shuffle=False), "shuffling"),
    (single(shuffle=True, settings=ChoiceSettings("123")), "answer numbering"),
    (shortanswer(("a", 1), settings=ShortAnswerSettings(ignore_diacritics=True)), "case and diacritics"),
    (essay(settings=EssaySettings(rubric="3 ý")), "essay settings"),
    (matching(("a -> b", "1"), ("c", "2")), "contains ->"),
])
def test_warnings_say_what_gift_would_lose(spec, fragment):
    warnings = gift_export_warnings([spec])
    assert any(fragment in issue.message % issue.params for issue in warnings)


def test_nothing_to_warn_about_for_a_plain_question():
    assert gift_export_warnings([single(shuffle=True), truefalse(), essay()]) == ()


def test_a_spec_with_losses_still_exports_what_it_can():
    spec = QuestionSpec("single", "S", "T", choices=[Choice("a", D(1)), Choice("b")], points=D(3), shuffle=True)
    (again,) = parse_gift(export_gift([spec])).questions
    assert again.points == 1 and again.choices == spec.choices
