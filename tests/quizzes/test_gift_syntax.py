"""GIFT syntax, edge by edge: Moodle's inline unit-test cases and line-precise errors."""

import unicodedata
from decimal import Decimal

import pytest

from training.quizzes.gift import parse_gift, parse_gift_bytes

D = Decimal


def _one(text):
    result = parse_gift(text)
    assert result.ok, [(i.row, i.message % i.params) for i in result.issues]
    (question,) = result.questions
    return question


def _issues(text):
    result = parse_gift(text)
    assert not result.ok
    return [(issue.row, issue.message % issue.params) for issue in result.issues]


def test_weights_make_a_multiple_response_question():
    question = _one("Which are prime?{~%100%2 ~%-50%4 ~%-50%6}")
    assert question.qtype == "multiple" and [c.fraction for c in question.choices] == [1, D("-0.5"), D("-0.5")]


def test_a_double_backslash_is_one_backslash():
    assert _one("::n::Path C\\\\Windows{}").text == "Path C\\Windows"


def test_escaped_braces_inside_html():
    question = _one("::n::[html]<pre>if (x) \\{ y(); \\}</pre>{}")
    assert question.text == "<pre>if (x) { y(); }</pre>" and question.text_format == "html"


@pytest.mark.parametrize(("escaped", "plain"), [
    ("\\:", ":"), ("\\#", "#"), ("\\=", "="), ("\\~", "~"), ("\\{", "{"), ("\\}", "}"), ("\\n", "\n"), ("\\\\", "\\"),
    ("\\x", "\\x"), ("\\\\n", "\\n"),
])
def test_escapes(escaped, plain):
    question = _one(f"::a{escaped}b::x{escaped}y{{=x{escaped}y#f{escaped}g}}")
    assert question.text == f"x{plain}y"
    assert (question.choices[0].text, question.choices[0].feedback) == (f"x{plain}y", f"f{plain}g")
    assert question.name == " ".join(f"a{plain}b".split())


def test_tags_and_idnumber_come_from_comments():
    question = _one("// [tag:Luật báo chí] [tag:a\\]b] [id:Q-1\\]]\n// [tag:split\n// over lines]\n::n::Câu{}")
    assert question.tags == ("Luật báo chí", "a]b") and question.idnumber == "Q-1]"


def test_general_feedback_has_its_own_format():
    question = _one("::n::Which?{=Frog ####[html]Here is some general feedback!}")
    assert (question.text_format, question.general_feedback, question.general_feedback_format) == (
        "moodle", "Here is some general feedback!", "html")


def test_text_after_the_braces_makes_a_missing_word_question():
    question = _one("Thủ đô là {=Hà Nội =Hanoi} của Việt Nam.")
    assert question.text == "Thủ đô là _____ của Việt Nam." and question.qtype == "shortanswer"
    assert question.name == "Thủ đô là _____ của Việt Nam."


def test_a_question_may_span_lines_and_keeps_comments_out():
    question = _one("::n::Chọn\n// a comment in the middle\n{\n  =Một # đúng\n  ~Hai\n}")
    assert question.text == "Chọn" and [c.text for c in question.choices] == ["Một", "Hai"]
    assert question.line == 1


def test_a_long_question_without_a_name_is_named_from_its_text():
    question = _one("<b>" + "Rất dài " * 20 + "</b>{}")
    assert len(question.name) == 80 and question.name.endswith("...") and "<b>" not in question.name


@pytest.mark.parametrize(("text", "qtype"), [
    ("x{}", "essay"), ("x{####only feedback}", "essay"), ("x{#5}", "numerical"), ("x{~a =b}", "single"),
    ("x{~%50%a ~%50%b}", "multiple"), ("x{=a -> 1 =b -> 2}", "matching"), ("x{T}", "truefalse"),
    ("x{FALSE#no#yes}", "truefalse"), ("x{=a}", "shortanswer"), ("x{=a =b}", "shortanswer"),
])
def test_the_answers_decide_the_type(text, qtype):
    assert _one(text).qtype == qtype


def test_true_false_is_case_sensitive_as_in_moodle():
    assert _issues("x{true}") == [
        (1, "Write each answer after = (right) or ~ (wrong); a true/false answer is written {T} or {F}.")]


@pytest.mark.parametrize(("text", "values"), [
    ("x{#1822}", [("1822", 1, D(0))]),
    ("x{#3.1415:0.0005}", [("3.1415", 1, D("0.0005"))]),
    ("x{#3.141..3.142}", [("3.1415", 1, D("0.0005"))]),
    ("x{#-5..5}", [("0", 1, D(5))]),
    ("x{#=1822:0 =%50%1822:2}", [("1822", 1, 0), ("1822", D("0.5"), 2)]),
    ("x{#3e8:1e7}", [("3e8", 1, D("1E+7"))]),
    ("x{#=%100%5 =%0%*#anything else}", [("5", 1, 0), ("*", 0, None)]),
])
def test_numerical_answers(text, values):
    assert [(c.text, c.fraction, c.tolerance) for c in _one(text).choices] == values


def test_categories_switch_for_the_questions_that_follow():
    result = parse_gift("$CATEGORY: $course$/top/Khóa 1//Luật\n\n::a::x{}\n\n$CATEGORY: tom/dick\n\n::b::y{}")
    assert [q.category for q in result.questions] == [("Khóa 1/Luật",), ("tom", "dick")]
    assert [(c.path, c.line) for c in result.categories] == [(("Khóa 1/Luật",), 1), (("tom", "dick"), 5)]


def test_a_description_is_skipped_with_a_notice():
    result = parse_gift("::Giới thiệu::Phần sau gồm 2 câu.\n\n::q::x{}")
    assert result.ok and [q.name for q in result.questions] == ["q"]
    (notice,) = result.notices
    assert notice.row == 1 and notice.params == {"name": "Giới thiệu"}


@pytest.mark.parametrize("text", ["", "// only comments\n\n// here", "\n\n\n", "::d::just a description"])
def test_a_file_without_questions_is_an_error(text):
    result = parse_gift(text)
    assert not result.ok and [i.message for i in result.issues] == ["There are no questions in the import file."]


def test_crlf_line_endings_bom_and_decomposed_text():
    text = "\ufeff// c\r\n::Tên::" + unicodedata.normalize("NFD", "Người phát ngôn") + "{}\r\n\r\n::b::y{}\r\n"
    result = parse_gift_bytes(text.encode("utf-8"))
    assert result.ok and [(q.line, q.name, q.text) for q in result.questions] == [
        (2, "Tên", "Người phát ngôn"), (4, "b", "y")]


@pytest.mark.parametrize(("text", "expected"), [
    ("::name without end{}", (1, "The question name that starts with :: is not closed with ::.")),
    ("::n::Text\n{\n=a\n", (2, "The answer block opened with { is not closed with } (a blank line ends a question).")),
    ("::n::Text\n=a }", (2, "A closing brace } has no opening brace {; write \\} for a literal brace.")),
    ("::n::x{=a\n{=b}", (2, "An answer block cannot contain another {; write \\{ for a literal brace.")),
    ("::n::x{=a}\nand {=b}", (2, "A question can have only one answer block; write \\{ and \\} for literal braces.")),
    ("::n::x{\n~a\n~%abc%b\n}", (3, "The weight at the start of %abc%b is not a percentage such as %50% or %-100%.")),
    ("::n::x{\n~%150%a\n~b\n}", (2, "The weight 150% is outside -100% to 100%.")),
    ("::n::x{\n=a -> 1\n=b\n}", (3, "A matching pair needs -> between the question and its answer.")),
    ("::n::x{#\n=3,5\n}", (2, "3,5 is not a number; write numbers with a dot for decimals, such as 3.5 or 3.5:0.1.")),
    ("::n::x{#abc}", (1, "abc is not a number; write numbers with a dot for decimals, such as 3.5 or 3.5:0.1.")),
    ("::n::x{#~#only feedback}", (1, "A numerical question needs at least one number, such as {#3.5} or {#3.5:0.1}.")),
    ("::n::x{Frog}", (1, "Write each answer after = (right) or ~ (wrong); a true/false answer is written {T} or {F}.")),
    ("::n::x{=a =b ~c}", (1, "n: a single-choice question needs exactly one choice worth 100%; it has 2.")),
    ("::n::x{~a ~b}", (1, "n: the positive grades add up to 0%; they must add up to 100%.")),
    ("::n::x{~%100%a}", (1, "n: this question needs at least 2 choices.")),
    ("::n::{=a}", (1, "n: the question text is empty.")),
])
def test_errors_name_the_line(text, expected):
    assert _issues(text) == [expected]


def test_an_error_deep_in_a_file_points_at_its_own_line():
    text = "::a::ok{T}\n\n// comment\n::b::bad{\n  =x -> 1\n  =y\n}\n\n::c::ok too{F}"
    result = parse_gift(text)
    assert [(i.row, i.message) for i in result.issues] == [
        (6, "A matching pair needs -> between the question and its answer.")]
    assert [q.name for q in result.questions] == ["a", "c"]  # the valid ones, for "import only the valid ones"


def test_a_percent_sign_that_is_not_a_weight_stays_text():
    question = _one("x{=50% of voters ~%abc}")
    assert [c.text for c in question.choices] == ["50% of voters", "%abc"]
