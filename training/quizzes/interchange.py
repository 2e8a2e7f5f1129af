"""What every question-file format shares (pure): results, categories, names.

GIFT and Moodle XML both describe categories as Moodle paths (``$course$/Alpha/Beta``), name
questions the way Moodle does (tags stripped, at most 255 characters, or the start of the text
when no name is given) and report problems as line-numbered :class:`Issue` objects.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from training.core.messages import N_, Issue
from training.core.text import clean_line
from training.quizzes.spec import HTML, MARKDOWN, MOODLE, PLAIN

# Moodle writes the owning context first: $course$, $module$, $system$, $cat1$, $cat2$, ...
_CONTEXT_TOKEN = re.compile(r"^\$[A-Za-z0-9_]+\$$")
# A tag starts with a letter, "/" or "!" (as in PHP's strip_tags): "x < 2" stays text.
_TAG = re.compile(r"<[A-Za-z/!][^>]*>")
# XML 1.0 cannot carry these control characters at all, not even in CDATA.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Moodle XML's names of text formats (wiki_like is long obsolete and read as Moodle's auto-format).
FORMAT_BY_XML_NAME = {"html": HTML, "moodle_auto_format": MOODLE, "plain_text": PLAIN, "markdown": MARKDOWN,
                      "wiki_like": MOODLE}
XML_NAME_OF_FORMAT = {HTML: "html", MOODLE: "moodle_auto_format", PLAIN: "plain_text", MARKDOWN: "markdown"}
DEFAULT_NAME_LENGTH = 80
MAX_NAME_LENGTH = 255


@dataclass(frozen=True)
class CategorySpec:
    """A category named in an import file: its path below the bank's top, description and id."""

    path: tuple
    info: str = ""
    info_format: str = MOODLE
    idnumber: str = ""
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ParseResult:
    """What a parser found: valid questions, categories, blocking issues and plain notices.

    ``ok`` is false as soon as there is one issue: the file as a whole must not be imported,
    although ``questions`` still lists the valid ones for a caller that offers "import only
    the valid questions".
    """

    questions: tuple = ()
    categories: tuple = ()
    issues: tuple = ()
    notices: tuple = ()

    @property
    def ok(self):
        return not self.issues

    def by_type(self):
        """Return ``{qtype: count}`` of the valid questions."""
        return dict(Counter(question.qtype for question in self.questions))


def finish(questions, categories, issues, notices):
    """Return a :class:`ParseResult`, adding an issue when the file held no question at all."""
    issues = list(issues)
    if not questions and not issues:
        issues.append(Issue(N_("There are no questions in the import file.")))
    return ParseResult(tuple(questions), tuple(categories), tuple(issues), tuple(notices))


def split_category_path(text):
    """Return the segments of a Moodle category path, without its context token and "top".

    ``"$course$/top/Luật báo chí//2016"`` -> ``("Luật báo chí/2016",)``: ``//`` is an escaped
    slash inside a name, as in Moodle.
    """
    placeholder = "\x00"
    pieces = [piece.replace(placeholder, "/").strip() for piece in text.replace("//", placeholder).split("/")]
    pieces = [clean_line(piece) for piece in pieces if piece.strip()]
    if pieces and _CONTEXT_TOKEN.match(pieces[0]):
        pieces = pieces[1:]
    if pieces and pieces[0] == "top":
        pieces = pieces[1:]
    return tuple(pieces)


def category_path_text(path):
    """Return ``path`` written as Moodle writes it for a course bank (``$course$/A/B``)."""
    return "/".join(["$course$"] + [segment.replace("/", "//") for segment in path])


def strip_tags(text):
    """Return ``text`` without HTML tags (``x < 2`` is not a tag and stays)."""
    return _TAG.sub("", text)


def clean_question_name(text):
    """Return a question name as Moodle stores it: no tags, one line, at most 255 characters."""
    return clean_line(strip_tags(text))[:MAX_NAME_LENGTH]


def default_question_name(text):
    """Return a name made from the start of the question text, for questions written without one."""
    name = clean_line(strip_tags(text))
    if len(name) > DEFAULT_NAME_LENGTH:
        name = name[:DEFAULT_NAME_LENGTH - 3].rstrip() + "..."
    return name


def without_control_characters(text):
    """Return ``text`` without the control characters that XML 1.0 cannot represent."""
    return _CONTROL.sub("", text)


def not_utf8_issue(line):
    """Return the issue for a file that is not UTF-8, pointing at the ``line`` of the first bad byte."""
    return Issue(N_("The file is not UTF-8 text (the first wrong byte is on line %(line)s). "
                    "Save it as UTF-8 and import it again."), row=line, params={"line": line})
