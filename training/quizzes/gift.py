"""Read GIFT, Moodle's plain-text question format, into question specs (pure).

The rules follow Moodle's own importer (question/format/gift/format.php), so a file that
imports there imports here the same way: questions are separated by blank lines, ``//`` starts
a comment line, ``::name::`` names a question, ``{...}`` holds the answers and text after the
closing brace turns the question into a "missing word" one (``_____``). Departures, each for a
clearer error instead of a silently odd question: an unclosed ``::name``, a second answer block,
a ``{`` inside an answer block, a malformed ``%weight%`` and an answer not introduced by ``=`` or
``~`` are errors. Every error carries the line it was found on.

Writing GIFT lives in :mod:`training.quizzes.gift_writer` (re-exported here).
"""

import re
from bisect import bisect_right
from decimal import Decimal

from training.core.messages import N_, Issue
from training.core.text import nfc
from training.quizzes.gift_writer import CATEGORY_MARKER, FORMAT_MARKERS, export_gift, gift_export_warnings
from training.quizzes.interchange import (
    CategorySpec,
    ParseResult,
    clean_question_name,
    default_question_name,
    finish,
    not_utf8_issue,
    split_category_path,
)
from training.quizzes.spec import (
    ANY_ANSWER,
    MOODLE,
    ONE,
    ZERO,
    Choice,
    MatchPair,
    QuestionSpec,
    decimal_text,
    normalized,
    parse_decimal,
)
from training.quizzes.validation import validate_spec

__all__ = ["parse_gift", "parse_gift_bytes", "export_gift", "gift_export_warnings"]

# An escaped control character becomes one private-use character while the question is taken
# apart (so "\=" never splits answers), and is turned back into the character at the end.
_ESCAPES = {":": "\ue03a", "#": "\ue023", "=": "\ue03d", "{": "\ue07b", "}": "\ue07d", "~": "\ue07e", "n": "\ue00a"}
_RESTORE = str.maketrans({code: ("\n" if char == "n" else char) for char, code in _ESCAPES.items()})
_WEIGHT = re.compile(r"^%\s*(-?\d+(?:\.\d+)?)\s*%")
# Text that starts like a weight ("%abc%", "%5O%"): a typo to report, not an answer text.
_WEIGHT_ATTEMPT = re.compile(r"^%[^%\s]{0,10}%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]\x00-\x1f])+)\]")
_IDNUMBER = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f])+)\]")
_NEWLINE = re.compile(r"\r\n|\r|\n")
BLANK = "_____"


def parse_gift_bytes(data):
    """Parse GIFT from the bytes of an uploaded file; refuse anything that is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return ParseResult(issues=(not_utf8_issue(data[:error.start].count(b"\n") + 1),))
    return parse_gift(text)


def parse_gift(text):
    """Parse GIFT text into a :class:`ParseResult` of valid questions, categories and issues."""
    reader = _Reader()
    for block in _blocks(nfc(text).removeprefix("\ufeff")):
        if block.text:
            reader.read(block)
    return finish(reader.questions, reader.categories, reader.issues, reader.notices)


class _Block:
    """The lines of one question: its text with escapes replaced, and where each line starts."""

    def __init__(self, numbered_lines):
        self.comments = [text for _number, text in numbered_lines if text.startswith("//")]
        # Comment lines count as a blank space inside the question, as in Moodle.
        pieces = [" " if text.startswith("//") else _escape(text) for _number, text in numbered_lines]
        joined = "\n".join(pieces)
        lead = len(joined) - len(joined.lstrip())
        self.text = joined.strip()
        self.numbers = [number for number, _text in numbered_lines]
        self.starts, offset = [], -lead
        for piece in pieces:
            self.starts.append(offset)
            offset += len(piece) + 1

    def line_at(self, position):
        """Return the file line holding character ``position`` of :attr:`text`."""
        return self.numbers[max(bisect_right(self.starts, position) - 1, 0)]


def _blocks(text):
    current = []
    for number, line in enumerate(_NEWLINE.split(text), start=1):
        stripped = line.strip()
        if stripped:
            current.append((number, stripped))
        elif current:
            yield _Block(current)
            current = []
    if current:
        yield _Block(current)


def _escape(line):
    out, index = [], 0
    while index < len(line):
        char = line[index]
        following = line[index + 1] if index + 1 < len(line) else ""
        if char == "\\" and following == "\\":
            out.append("\\")
            index += 2
        elif char == "\\" and following in _ESCAPES:
            out.append(_ESCAPES[following])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _restore(text):
    return text.translate(_RESTORE)


class _QuestionError(Exception):
    """Stops reading one question; the issue is recorded and the next question is read."""

    def __init__(self, issue):
        super().__init__(issue.message)
        self.issue = issue


class _Reader:
    """Reads blocks one after the other, remembering the current ``$CATEGORY``."""

    def __init__(self):
        self.questions, self.categories, self.issues, self.notices = [], [], [], []
        self.category = ()

    def read(self, block):
        if block.text.startswith(CATEGORY_MARKER):
            self.category = split_category_path(_restore(block.text[len(CATEGORY_MARKER):]))
            self.categories.append(CategorySpec(self.category, line=block.line_at(0)))
            return
        try:
            spec = _Question(block, self.category).read(self.notices)
        except _QuestionError as error:
            self.issues.append(error.issue)
            return
        if spec is None:
            return
        problems = validate_spec(spec)
        if problems:
            self.issues.extend(problems)
        else:
            self.questions.append(spec)


class _Question:
    """One block being read into a :class:`QuestionSpec`."""

    def __init__(self, block, category):
        self.block, self.category = block, category
        self.line = block.line_at(0)
        self.text_format = MOODLE

    def fail(self, message, position=None, **params):
        row = self.line if position is None else self.block.line_at(position)
        raise _QuestionError(Issue(message, row=row, params=params))

    def read(self, notices):
        text, offset, name = self.block.text, 0, None
        if text.startswith("::"):
            end = text.find("::", 2)
            if end < 0:
                self.fail(N_("The question name that starts with :: is not closed with ::."))
            name = clean_question_name(_restore(text[2:end]))
            rest = text[end + 2:]
            offset = end + 2 + len(rest) - len(rest.lstrip())
            text = rest.lstrip()
        start, end = text.find("{"), text.find("}")
        if start < 0 and end < 0:
            shown = name or default_question_name(_restore(text))
            notices.append(Issue(N_("%(name)s has no answer block {...}, so it is a description; "
                                    "descriptions are not imported."), row=self.line, params={"name": shown}))
            return None
        self._check_braces(text, offset, start, end)
        trailing = text[end + 1:]
        question_text = text[:start] + (BLANK + trailing if trailing else "")
        answers = text[start + 1:end]
        answers_offset = offset + start + 1 + len(answers) - len(answers.lstrip())
        answers = answers.strip()
        general_feedback = ""
        separator = answers.rfind("####")
        if separator >= 0:
            general_feedback = answers[separator + 4:]
            answers = answers[:separator].strip()
        body, self.text_format = _with_format(question_text, MOODLE)
        feedback, feedback_format = _with_format(general_feedback, self.text_format)
        fields = dict(name=name or default_question_name(body), text=body, text_format=self.text_format,
                      general_feedback=feedback, general_feedback_format=self._own(feedback_format, feedback),
                      category=self.category, line=self.line, **self._comment_fields())
        return QuestionSpec(**fields, **self._answers(answers, answers_offset))

    def _check_braces(self, text, offset, start, end):
        if end >= 0 and (start < 0 or end < start):
            self.fail(N_("A closing brace } has no opening brace {; write \\} for a literal brace."), offset + end)
        if end < 0:
            self.fail(N_("The answer block opened with { is not closed with } (a blank line ends a question)."),
                      offset + start)
        nested = text.find("{", start + 1, end)
        if nested >= 0:
            self.fail(N_("An answer block cannot contain another {; write \\{ for a literal brace."), offset + nested)
        extra = [index for index in (text.find("{", end + 1), text.find("}", end + 1)) if index >= 0]
        if extra:
            self.fail(N_("A question can have only one answer block; write \\{ and \\} for literal braces."),
                      offset + min(extra))

    def _comment_fields(self):
        comments = "\n".join(self.block.comments)
        tags = tuple(match.replace("\\]", "]").strip() for match in _TAG.findall(comments))
        idnumber = _IDNUMBER.search(comments)
        return {"tags": tuple(tag for tag in tags if tag),
                "idnumber": idnumber.group(1).replace("\\]", "]").strip() if idnumber else ""}

    def _own(self, text_format, text):
        """Return a part's own format: ``None`` when it is the question's, or the part is empty."""
        return None if not text or text_format == self.text_format else text_format

    def _answers(self, answers, offset):
        if not answers:
            return {"qtype": "essay"}
        if answers.startswith("#"):
            return self._numerical(answers[1:], offset + 1)
        if "~" in answers:
            return self._choices(answers, offset)
        if "=" in answers and "->" in answers:
            return self._matching(answers, offset)
        hash_at = answers.find("#")
        word = answers[:hash_at].strip() if hash_at > 0 else answers
        if word in _TRUE_FALSE:
            return self._truefalse(answers, _TRUE_FALSE[word])
        return self._shortanswer(answers, offset)

    def _pieces(self, answers, offset, separators, leading_allowed=False):
        """Split at each separator, keeping it; yield ``(separator, text, position)``."""
        cuts = [index for index, char in enumerate(answers) if char in separators]
        if not leading_allowed and answers[:cuts[0] if cuts else len(answers)].strip():
            self.fail(N_("Write each answer after = (right) or ~ (wrong); a true/false answer is written {T} or {F}."),
                      offset)
        bounds = ([0] if leading_allowed else []) + cuts + [len(answers)]
        for begin, stop in zip(bounds, bounds[1:], strict=False):
            piece = answers[begin:stop]
            marker = piece[:1] if piece[:1] in separators else ""
            body = piece[len(marker):]
            if marker or body.strip():
                yield marker, body.strip(), offset + begin + len(marker) + len(body) - len(body.lstrip())

    def _weight(self, body, position, default):
        match = _WEIGHT.match(body)
        if not match and not _WEIGHT_ATTEMPT.match(body):
            return default, body
        if not match:
            self.fail(N_("The weight at the start of %(answer)s is not a percentage such as %%50%% or %%-100%%."),
                      position, answer=_restore(body))
        weight = Decimal(match.group(1))
        if not -100 <= weight <= 100:
            self.fail(N_("The weight %(weight)s%% is outside -100%% to 100%%."), position, weight=match.group(1))
        return normalized(weight.scaleb(-2)), body[match.end():].strip()

    def _answer_and_feedback(self, body):
        text, _hash, feedback = body.partition("#")
        text, text_format = _with_format(text, self.text_format)
        feedback, feedback_format = _with_format(feedback, self.text_format)
        return text, self._own(text_format, text), feedback, self._own(feedback_format, feedback)

    def _choices(self, answers, offset):
        choices = []
        for marker, body, position in self._pieces(answers, offset, "~="):
            fraction, body = self._weight(body, position, ONE if marker == "=" else ZERO)
            text, text_format, feedback, feedback_format = self._answer_and_feedback(body)
            choices.append(Choice(text, fraction, feedback, text_format, feedback_format))
        qtype = "single" if "=" in answers else "multiple"
        return {"qtype": qtype, "choices": tuple(choices), "shuffle": True}

    def _matching(self, answers, offset):
        pairs = []
        for _marker, body, position in self._pieces(answers, offset, "="):
            if "->" not in body:
                self.fail(N_("A matching pair needs -> between the question and its answer."), position)
            prompt, _arrow, answer = body.partition("->")
            prompt, prompt_format = _with_format(prompt, self.text_format)
            pairs.append(MatchPair(prompt, _restore(answer).strip(), self._own(prompt_format, prompt)))
        return {"qtype": "matching", "pairs": tuple(pairs), "shuffle": True}

    def _truefalse(self, answers, correct):
        parts = answers.split("#", 2) + ["", ""]
        wrong, wrong_format = _with_format(parts[1], self.text_format)
        right, right_format = _with_format(parts[2], self.text_format)
        # The first feedback is shown to whoever picks the wrong answer, the second to the right one.
        if correct:
            feedbacks = ((right, right_format), (wrong, wrong_format))
        else:
            feedbacks = ((wrong, wrong_format), (right, right_format))
        choices = tuple(Choice(word, ONE if (word == "true") == correct else ZERO, feedback,
                               feedback_format=self._own(feedback_format, feedback))
                        for word, (feedback, feedback_format) in zip(("true", "false"), feedbacks, strict=True))
        return {"qtype": "truefalse", "choices": choices}

    def _shortanswer(self, answers, offset):
        choices = []
        for _marker, body, position in self._pieces(answers, offset, "="):
            fraction, body = self._weight(body, position, ONE)
            text, _text_format, feedback, feedback_format = self._answer_and_feedback(body)
            choices.append(Choice(text, fraction, feedback, feedback_format=feedback_format))
        return {"qtype": "shortanswer", "choices": tuple(choices)}

    def _numerical(self, answers, offset):
        tilde = answers.find("~")
        wrong = answers[tilde + 1:] if tilde >= 0 else None
        answers = answers[:tilde] if tilde >= 0 else answers
        choices = []
        for _marker, body, position in self._pieces(answers, offset, "=", leading_allowed=True):
            fraction, body = self._weight(body, position, ONE)
            text, _text_format, feedback, feedback_format = self._answer_and_feedback(body)
            value, tolerance = self._number(text, position)
            choices.append(Choice(value, fraction, feedback, feedback_format=feedback_format, tolerance=tolerance))
        if not choices:
            self.fail(N_("A numerical question needs at least one number, such as {#3.5} or {#3.5:0.1}."), offset)
        if wrong is not None:
            feedback, feedback_format = _with_format(wrong.partition("#")[2], self.text_format)
            choices.append(Choice(ANY_ANSWER, ZERO, feedback, feedback_format=self._own(feedback_format, feedback)))
        return {"qtype": "numerical", "choices": tuple(choices)}

    def _number(self, text, position):
        """Return ``(answer text, tolerance)`` from ``value``, ``value:tolerance`` or ``min..max``."""
        if text == ANY_ANSWER:
            return ANY_ANSWER, None
        try:
            if text.find("..") > 0:
                low, _dots, high = text.partition("..")
                low, high = parse_decimal(low), parse_decimal(high)
                middle = (low + high) / 2
                return decimal_text(middle), high - middle
            if text.find(":") > 0:
                value, _colon, tolerance = text.partition(":")
                parse_decimal(value)
                return value.strip(), parse_decimal(tolerance)
            parse_decimal(text)
            return text, ZERO
        except ValueError:
            self.fail(N_("%(value)s is not a number; write numbers with a dot for decimals, such as 3.5 or 3.5:0.1."),
                      position, value=text)


def _with_format(text, default):
    """Return ``(text, format)`` from text that may start with a marker such as ``[html]``."""
    text = text.strip()
    for marker, text_format in FORMAT_MARKERS.items():
        if text.startswith(marker):
            return _restore(text[len(marker):]).strip(), text_format
    return _restore(text).strip(), default
