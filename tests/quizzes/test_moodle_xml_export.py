"""Writing Moodle XML: Moodle's expected exports, its escaping rules, files and our own elements."""

import re
from xml.etree import ElementTree

import pytest

from tests.paths import fixture
from tests.quizzes.builders import D, essay, ordering, shortanswer, single
from training.quizzes.interchange import CategorySpec
from training.quizzes.moodle_xml import export_moodle_xml, parse_moodle_xml
from training.quizzes.moodle_xml_writer import xml_text
from training.quizzes.spec import EmbeddedFile, EssaySettings, OrderingSettings, ShortAnswerSettings

GOLDEN = ["export_category.xml", "html_chars_in_idnumbers.xml", "nested_categories.xml",
          "nested_categories_with_questions.xml"]


def _normalised(text):
    """Moodle's own comparison: question ids set to 0 and trailing zeros stripped from numbers."""
    text = re.sub(r"<!-- question: \d+  -->", "<!-- question: 0  -->", text.replace("\r\n", "\n"))
    return re.sub(r"(\d+)\.0+(?!\d)", r"\1", text).rstrip("\n") + "\n"


@pytest.mark.parametrize("name", GOLDEN)
def test_the_export_equals_moodles_expected_file(name):
    expected = fixture("moodle", name).read_text(encoding="utf-8")
    result = parse_moodle_xml(expected.encode("utf-8"))
    exported = export_moodle_xml(result.questions, result.categories).decode("utf-8")
    assert _normalised(exported) == _normalised(expected)


@pytest.mark.parametrize(("value", "written"), [
    ("Plain text", "Plain text"),
    ("Người phát ngôn — Điều 4", "Người phát ngôn — Điều 4"),
    ("", ""),
    ("<p>Đúng</p>", "<![CDATA[<p>Đúng</p>]]>"),
    ("T & F", "<![CDATA[T & F]]>"),
    ("<script><![CDATA[alert(1<2);]]></script>", "<![CDATA[<script><![CDATA[alert(1<2);]]]]><![CDATA[></script>]]>"),
])
def test_text_is_escaped_as_moodle_does(value, written):
    assert xml_text(value) == written
    assert (ElementTree.fromstring(f"<text>{written}</text>").text or "") == value


def test_characters_xml_cannot_hold_are_dropped():
    assert xml_text("a\x00b\x1fc\td") == "abc\td"
    assert parse_moodle_xml(export_moodle_xml([single(text="Câu\x0b hỏi")])).questions[0].text == "Câu hỏi"


def test_files_are_written_where_they_are_linked():
    spec = single(text='<img src="@@PLUGINFILE@@/a.png">', general_feedback='<img src="@@PLUGINFILE@@/b.png">',
                  files=[EmbeddedFile("a.png", b"A"), EmbeddedFile("b.png", b"B"), EmbeddedFile("c.png", b"C")])
    root = ElementTree.fromstring(export_moodle_xml([spec]))
    question = root.find("question")
    assert sorted(f.get("name") for f in question.find("questiontext").findall("file")) == ["a.png", "c.png"]
    assert [f.get("name") for f in question.find("generalfeedback").findall("file")] == ["b.png"]
    assert parse_moodle_xml(export_moodle_xml([spec])).questions[0].files == spec.files


def test_our_own_elements_are_written_only_when_used():
    plain = export_moodle_xml([shortanswer(("a", 1)), essay()])
    assert b"ignorediacritics" not in plain and b"<rubric>" not in plain
    used = export_moodle_xml([shortanswer(("a", 1), settings=ShortAnswerSettings(ignore_diacritics=True)),
                              essay(settings=EssaySettings(rubric="Nêu đủ 3 ý"))])
    assert b"<ignorediacritics>1</ignorediacritics>" in used and "<text>Nêu đủ 3 ý</text>".encode() in used


@pytest.mark.parametrize("grading", ["all_or_nothing", "absolute_position", "relative_next_exclude_last",
                                     "relative_next_include_last", "longest_ordered_subset",
                                     "longest_contiguous_subset"])
def test_ordering_questions_survive(grading):
    spec = ordering("Tiếp nhận", "Xác minh", "Trả lời", settings=OrderingSettings(grading))
    assert parse_moodle_xml(export_moodle_xml([spec])).questions == (spec,)


def test_questions_without_category_come_first_then_each_category():
    specs = [single(name="b", category=("B",)), single(name="top"), single(name="a", category=("A",))]
    categories = [CategorySpec(("A",), "Mô tả A", "plain", "cat-a")]
    result = parse_moodle_xml(export_moodle_xml(specs, categories))
    assert [(q.name, q.category) for q in result.questions] == [("top", ()), ("a", ("A",)), ("b", ("B",))]
    assert result.categories == (CategorySpec(("A",), "Mô tả A", "plain", "cat-a"), CategorySpec(("B",)))


def test_the_export_is_utf8_with_a_declaration():
    data = export_moodle_xml([single(text="Điều 4", points=D("2.5"))])
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n') and data.endswith(b"</quiz>\n")
    assert "Điều 4".encode() in data and b"<defaultgrade>2.5000000</defaultgrade>" in data
