"""Read Moodle XML question files into question specs (pure).

The file is parsed with defusedxml (no DTD, no entities: see :mod:`training.quizzes.safe_xml`),
then each ``<question>`` is read the way Moodle's importer reads it. Categories become
:class:`CategorySpec` entries and set the category of the questions that follow them.
Descriptions are skipped with a notice (they are not questions to grade); Cloze, random,
calculated and drag-and-drop questions are refused with an issue naming the line, and the
rest of the file is still read so the author sees every problem at once.

Writing Moodle XML lives in :mod:`training.quizzes.moodle_xml_writer` (re-exported here).
"""

from training.core.messages import N_, Issue
from training.quizzes.interchange import (
    CategorySpec,
    ParseResult,
    clean_question_name,
    default_question_name,
    finish,
    split_category_path,
)
from training.quizzes.moodle_xml_types import TYPE_READERS, QuestionContext, QuestionError
from training.quizzes.moodle_xml_writer import export_moodle_xml
from training.quizzes.safe_xml import XmlRejected, read_xml
from training.quizzes.spec import HTML, MOODLE, EmbeddedFile, QuestionSpec, normalized, parse_decimal
from training.quizzes.validation import validate_spec

__all__ = ["parse_moodle_xml", "export_moodle_xml"]

CLOZE_TYPES = ("cloze", "multianswer")


def parse_moodle_xml(data):
    """Parse the bytes of a Moodle XML file into a :class:`ParseResult`."""
    try:
        document = read_xml(data)
    except XmlRejected as rejected:
        return ParseResult(issues=(rejected.issue,))
    if document.root.tag != "quiz":
        issue = Issue(N_("The file is not Moodle XML: its first element must be <quiz>."),
                      row=document.line_of(document.root))
        return ParseResult(issues=(issue,))
    reader = _Reader(document)
    for element in document.root.findall("question"):
        reader.read(element)
    return finish(reader.questions, reader.categories, reader.issues, reader.notices)


class _Reader:
    """Reads ``<question>`` elements in order, remembering the current category."""

    def __init__(self, document):
        self.document = document
        self.questions, self.categories, self.issues, self.notices = [], [], [], []
        self.category = ()

    def read(self, element):
        qtype = (element.get("type") or "").strip()
        context = QuestionContext(element, self.document.line_of(element), self.document.line_of, self.notices)
        if qtype == "category":
            self._category(context)
            return
        context.name = clean_question_name(context.text(element.find("name")))
        if qtype == "description":
            context.notice(N_("%(name)s is a description, not a question; descriptions are not imported."))
            return
        if qtype not in TYPE_READERS:
            self.issues.append(_unsupported(qtype, context))
            return
        try:
            spec = _question(context, qtype, self.category)
        except QuestionError as error:
            self.issues.append(error.issue)
            return
        problems = validate_spec(spec)
        if problems:
            self.issues.extend(problems)
        else:
            self.questions.append(spec)

    def _category(self, context):
        element = context.element
        self.category = split_category_path(context.text(element.find("category")))
        info = element.find("info")
        text, text_format = context.rich(info, MOODLE) if info is not None else ("", MOODLE)
        if info is not None and not info.get("format"):
            text_format = HTML  # Moodle reads a missing format attribute as HTML
        idnumber = context.value("idnumber")
        self.categories.append(CategorySpec(self.category, text, text_format, idnumber, line=context.line))


def _question(context, qtype, category):
    element = context.element
    text, context.text_format = context.rich(element.find("questiontext"), HTML)
    text += _old_image(context)
    general_feedback, general_format = context.rich(element.find("generalfeedback"), context.text_format)
    name = context.name or default_question_name(text)
    context.name = name
    fields = TYPE_READERS[qtype](context)
    return QuestionSpec(
        name=name, text=text, text_format=context.text_format, general_feedback=general_feedback,
        general_feedback_format=context.own(general_format, general_feedback), points=_points(context),
        category=category, tags=_tags(context), idnumber=context.value("idnumber"),
        files=tuple(EmbeddedFile(file_name, data) for file_name, data in context.files.items()),
        line=context.line, **fields)


def _points(context):
    raw = context.value("defaultgrade", "1") or "1"
    try:
        return normalized(parse_decimal(raw))
    except ValueError:
        return context.fail(N_("The default mark %(value)s is not a number."), value=raw)


def _tags(context):
    tags = []
    for group in ("tags", "coursetags"):
        holder = context.element.find(group)
        if holder is not None:
            tags += [context.text(tag) for tag in holder.findall("tag")]
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def _old_image(context):
    """Move a Moodle 1.9 ``<image>``/``<image_base64>`` pair into the text, as Moodle does."""
    name, encoded = context.value("image"), context.element.find("image_base64")
    if not name or encoded is None or not (encoded.text or "").strip():
        return ""
    context.add_file(name, encoded.text, encoded)
    return f' <img src="@@PLUGINFILE@@/{name.replace("/", "_")}" />'


def _unsupported(qtype, context):
    params = {"type": qtype or "?", "name": context.name}
    if qtype in CLOZE_TYPES:
        message = N_("%(name)s is an embedded-answers (Cloze) question, which is not supported; it was not imported.")
    elif context.name:
        message = N_("%(name)s: question type %(type)s is not supported; it was not imported.")
    else:
        message = N_("Question type %(type)s is not supported; the question was not imported.")
    return Issue(message, row=context.line, params=params)
