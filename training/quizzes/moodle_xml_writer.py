"""Write question specs as Moodle XML (pure).

The output is laid out exactly as Moodle's own export (question/format/xml/format.php), so
Moodle's expected-export fixtures compare equal and the file imports into Moodle. Text that
looks like markup goes into CDATA (a ``]]>`` inside is split across two sections); ids are
entity-escaped. Embedded files are written in every text that links to them
(``@@PLUGINFILE@@/name``), so Moodle finds each one in the right place.

Two elements are this platform's own and ignored by Moodle: ``<ignorediacritics>`` on short
answers and ``<rubric>`` on essays; they are written only when used.
"""

import base64
from decimal import Decimal
from xml.sax.saxutils import escape

from training.quizzes.interchange import XML_NAME_OF_FORMAT, category_path_text, without_control_characters
from training.quizzes.moodle_xml_types import ORDERING_GRADING_BY_NAME
from training.quizzes.spec import ANY_ANSWER, ZERO, EssaySettings, decimal_text

_GRADING_NAMES = {value: name for name, value in ORDERING_GRADING_BY_NAME.items()}
_MARKUP = set("&<>\"'")
_SEVEN_PLACES = Decimal("0.0000001")
# Moodle's default penalties: we keep none, but Moodle wants the element and its usual value.
_PENALTY = {"truefalse": "1.0000000", "essay": "0.0000000"}
_XML_TYPE = {"single": "multichoice", "multiple": "multichoice", "matching": "matching"}


def export_moodle_xml(specs, categories=()):
    """Return Moodle XML bytes for ``specs``, each category followed by its questions.

    ``categories`` (:class:`CategorySpec`) gives the order and the descriptions of categories;
    a question's category that is not listed is written, without description, after them.
    Questions without a category come first, before any category element.
    """
    known = {category.path: category for category in categories}
    order = list(dict.fromkeys([category.path for category in categories] +
                               [spec.category for spec in specs if spec.category]))
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    number = 0
    for path in [(), *order]:
        if path:
            parts.append(_category(path, known.get(path)))
        for spec in specs:
            if spec.category == path:
                number += 1
                parts.append(_question(spec, number))
    parts.append("</quiz>\n")
    return "".join(parts).encode("utf-8")


def xml_text(value):
    """Return ``value`` for an XML text node: CDATA when it holds markup characters, as Moodle does."""
    value = without_control_characters(value)
    if value and _MARKUP & set(value):
        return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    return value


def _text(value, indent):
    return f"{'  ' * indent}<text>{xml_text(value)}</text>\n"


def _format(text_format):
    return f'format="{XML_NAME_OF_FORMAT[text_format]}"'


def _files(spec, text):
    """Return the ``<file>`` elements for the embedded files that ``text`` links to."""
    return "".join(f'<file name="{escape(f.name)}" path="/" encoding="base64">'
                   f"{base64.b64encode(f.data).decode('ascii')}</file>\n"
                   for f in spec.files if f"@@PLUGINFILE@@/{f.name}" in text)


def _unlinked_files(spec):
    texts = [spec.text, spec.general_feedback] + [c.text + c.feedback for c in spec.choices]
    texts += [p.prompt for p in spec.pairs] + [spec.settings.grader_info if spec.qtype == "essay" else ""]
    texts.append(spec.outcome_feedback.correct + spec.outcome_feedback.partial + spec.outcome_feedback.incorrect)
    linked = "".join(texts)
    return "".join(f'<file name="{escape(f.name)}" path="/" encoding="base64">'
                   f"{base64.b64encode(f.data).decode('ascii')}</file>\n"
                   for f in spec.files if f"@@PLUGINFILE@@/{f.name}" not in linked)


def _element(name, spec, text, text_format, indent=2):
    pad = "  " * indent
    return (f"{pad}<{name} {_format(text_format)}>\n{_text(text, indent + 1)}{_files(spec, text)}"
            f"{pad}</{name}>\n")


def _category(path, category):
    info = category.info if category else ""
    info_format = category.info_format if category else "moodle"
    idnumber = category.idnumber if category else ""
    return ("<!-- question: 0  -->\n"
            '  <question type="category">\n'
            f"    <category>\n      {_text(category_path_text(path), 0)}    </category>\n"
            f"    <info {_format(info_format)}>\n      {_text(info, 0)}    </info>\n"
            f"    <idnumber>{escape(idnumber)}</idnumber>\n"
            "  </question>\n\n")


def _question(spec, number):
    qtype = _XML_TYPE.get(spec.qtype, spec.qtype)
    out = [f"<!-- question: {number}  -->\n", f'  <question type="{qtype}">\n',
           f"    <name>\n{_text(spec.name, 3)}    </name>\n",
           f"    <questiontext {_format(spec.text_format)}>\n{_text(spec.text, 3)}"
           f"{_files(spec, spec.text)}{_unlinked_files(spec)}    </questiontext>\n",
           _element("generalfeedback", spec, spec.general_feedback, spec.format_of(spec.general_feedback_format)),
           f"    <defaultgrade>{spec.points.quantize(_SEVEN_PLACES)}</defaultgrade>\n",
           f"    <penalty>{_PENALTY.get(spec.qtype, '0.3333333')}</penalty>\n",
           "    <hidden>0</hidden>\n", f"    <idnumber>{escape(spec.idnumber)}</idnumber>\n"]
    out.append(_BODIES[spec.qtype](spec))
    if spec.tags:
        out.append("    <tags>\n" + "".join(f"      <tag>{_text(tag, 0).rstrip()}</tag>\n" for tag in spec.tags)
                   + "    </tags>\n")
    out.append("  </question>\n\n")
    return "".join(out)


def _answer(spec, choice, answer_format, extra="", fraction=None):
    percent = decimal_text((choice.fraction if fraction is None else fraction) * 100)
    feedback_format = spec.format_of(choice.feedback_format)
    return (f'    <answer fraction="{percent}" {_format(answer_format)}>\n{_text(choice.text, 3)}'
            f"{_files(spec, choice.text)}"
            f"      <feedback {_format(feedback_format)}>\n{_text(choice.feedback, 4)}{_files(spec, choice.feedback)}"
            f"      </feedback>\n{extra}    </answer>\n")


def _outcome_feedback(spec):
    feedback = spec.outcome_feedback
    text_format = spec.format_of(feedback.text_format)
    return "".join(_element(name, spec, text, text_format) for name, text in (
        ("correctfeedback", feedback.correct), ("partiallycorrectfeedback", feedback.partial),
        ("incorrectfeedback", feedback.incorrect)))


def _yes_no(value):
    return "true" if value else "false"


def _choices(spec):
    return (f"    <single>{_yes_no(spec.qtype == 'single')}</single>\n"
            f"    <shuffleanswers>{_yes_no(spec.shuffle)}</shuffleanswers>\n"
            f"    <answernumbering>{spec.settings.numbering}</answernumbering>\n"
            "    <showstandardinstruction>0</showstandardinstruction>\n"
            + _outcome_feedback(spec)
            + "".join(_answer(spec, c, spec.format_of(c.text_format)) for c in spec.choices))


def _truefalse(spec):
    return "".join(_answer(spec, choice, "moodle") for choice in spec.choices)


def _shortanswer(spec):
    extra = "    <ignorediacritics>1</ignorediacritics>\n" if spec.settings.ignore_diacritics else ""
    return (f"    <usecase>{int(spec.settings.case_sensitive)}</usecase>\n" + extra
            + "".join(_answer(spec, choice, "moodle") for choice in spec.choices))


def _numerical(spec):
    parts = []
    for choice in spec.choices:
        tolerance = ZERO if choice.text == ANY_ANSWER or choice.tolerance is None else choice.tolerance
        parts.append(_answer(spec, choice, "moodle", f"      <tolerance>{decimal_text(tolerance)}</tolerance>\n"))
    return "".join(parts)


def _matching(spec):
    parts = [f"    <shuffleanswers>{_yes_no(spec.shuffle)}</shuffleanswers>\n", _outcome_feedback(spec)]
    for pair in spec.pairs:
        parts.append(f"    <subquestion {_format(spec.format_of(pair.prompt_format))}>\n{_text(pair.prompt, 3)}"
                     f"{_files(spec, pair.prompt)}      <answer>\n{_text(pair.answer, 4)}      </answer>\n"
                     "    </subquestion>\n")
    return "".join(parts)


def _ordering(spec):
    parts = ["    <layouttype>VERTICAL</layouttype>\n", "    <selecttype>ALL</selecttype>\n",
             "    <selectcount>0</selectcount>\n",
             f"    <gradingtype>{_GRADING_NAMES[spec.settings.grading]}</gradingtype>\n",
             "    <showgrading>SHOW</showgrading>\n", "    <numberingstyle>none</numberingstyle>\n",
             _outcome_feedback(spec)]
    # An ordering answer's fraction is its place in the right order.
    for place, item in enumerate(spec.items, start=1):
        parts.append(f'    <answer fraction="{place * 100}" {_format(spec.text_format)}>\n{_text(item, 3)}'
                     "    </answer>\n")
    return "".join(parts)


def _essay(spec):
    settings = spec.settings or EssaySettings()
    parts = [f"    <responseformat>{settings.response_format}</responseformat>\n",
             f"    <responserequired>{int(settings.response_required)}</responserequired>\n",
             f"    <responsefieldlines>{settings.response_field_lines}</responsefieldlines>\n",
             f"    <minwordlimit>{settings.min_words or ''}</minwordlimit>\n",
             f"    <maxwordlimit>{settings.max_words or ''}</maxwordlimit>\n",
             "    <attachments>0</attachments>\n", "    <attachmentsrequired>0</attachmentsrequired>\n",
             "    <maxbytes>0</maxbytes>\n", "    <filetypeslist></filetypeslist>\n",
             _element("graderinfo", spec, settings.grader_info, settings.grader_info_format),
             _element("responsetemplate", spec, settings.response_template, settings.response_template_format)]
    if settings.rubric:
        parts.append(f"    <rubric>\n{_text(settings.rubric, 3)}    </rubric>\n")
    return "".join(parts)


_BODIES = {"single": _choices, "multiple": _choices, "truefalse": _truefalse, "shortanswer": _shortanswer,
           "numerical": _numerical, "matching": _matching, "ordering": _ordering, "essay": _essay}
