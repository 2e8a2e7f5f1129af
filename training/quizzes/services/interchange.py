"""Question files in and out: GIFT and Moodle XML, through the pure parsers and writers."""

from training.core.messages import N_, Issue
from training.quizzes.gift import export_gift, parse_gift_bytes
from training.quizzes.interchange import ParseResult
from training.quizzes.moodle_xml import parse_moodle_xml
from training.quizzes.moodle_xml_writer import export_moodle_xml
from training.quizzes.services.bank import export_specs

FORMATS = ("gift", "moodle-xml")


def guess_format(filename):
    """Return the format a file name suggests (``.xml`` is Moodle XML, anything else GIFT)."""
    return "moodle-xml" if filename.lower().endswith(".xml") else "gift"


def parse_file(file_format, data):
    """Return the :class:`ParseResult` of ``data`` read as ``file_format``."""
    if file_format == "gift":
        return parse_gift_bytes(data)
    if file_format == "moodle-xml":
        return parse_moodle_xml(data)
    return ParseResult(issues=(Issue(N_("Unknown question file format.")),))


def export_course(course_id, file_format):
    """Return ``(bytes, count)`` of a course's question bank written as ``file_format``."""
    specs, categories = export_specs(course_id)
    if file_format == "gift":
        return export_gift(specs).encode("utf-8"), len(specs)
    return export_moodle_xml(specs, categories), len(specs)


def issue_dicts(issues, gettext):
    """Return issues as ``[{"line": n, "message": text}]`` in the user's language."""
    return [{"line": issue.row, "message": issue.text(gettext)} for issue in issues]
