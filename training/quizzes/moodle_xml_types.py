"""Read the type-specific part of one Moodle XML ``<question>`` (pure).

Each reader takes a :class:`QuestionContext` (the element, its line, the question's text
format, the files found so far) and returns the spec fields of its type. Defaults are
Moodle's own (question/format/xml/format.php): an answer or feedback without a ``format``
attribute is in the question's format, ``<single>`` defaults to true, ``<shuffleanswers>`` to
false for multiple choice and to true for matching.
"""

import base64
import binascii

from training.core.messages import N_, Issue
from training.core.text import nfc
from training.quizzes.interchange import FORMAT_BY_XML_NAME
from training.quizzes.spec import (
    ANY_ANSWER,
    ESSAY_RESPONSE_FORMATS,
    HTML,
    ONE,
    ZERO,
    Choice,
    ChoiceSettings,
    EssaySettings,
    MatchPair,
    OrderingSettings,
    OutcomeFeedback,
    ShortAnswerSettings,
    normalized,
    parse_decimal,
)

# qtype_ordering writes its grading type as a name (newer) or a number (older).
ORDERING_GRADING_BY_NAME = {
    "ALL_OR_NOTHING": "all_or_nothing", "ABSOLUTE_POSITION": "absolute_position",
    "RELATIVE_NEXT_EXCLUDE_LAST": "relative_next_exclude_last",
    "RELATIVE_NEXT_INCLUDE_LAST": "relative_next_include_last",
    "LONGEST_ORDERED_SUBSET": "longest_ordered_subset", "LONGEST_CONTIGUOUS_SUBSET": "longest_contiguous_subset",
}
_ORDERING_GRADING_BY_CODE = {"-1": "all_or_nothing", "0": "absolute_position", "1": "relative_next_exclude_last",
                             "2": "relative_next_include_last", "5": "longest_ordered_subset",
                             "6": "longest_contiguous_subset"}
_FALSE_WORDS = {"", "0", "false"}


class QuestionError(Exception):
    """Stops reading one question; ``issue`` is recorded and the next question is read."""

    def __init__(self, issue):
        super().__init__(issue.message)
        self.issue = issue


class QuestionContext:
    """One ``<question>`` element being read, with helpers that know Moodle's defaults."""

    def __init__(self, element, line, line_of, notices):
        self.element, self.line, self.line_of, self.notices = element, line, line_of, notices
        self.text_format = HTML
        self.name = ""
        self.files = {}

    def fail(self, message, element=None, **params):
        row = self.line_of(element) if element is not None else None
        raise QuestionError(Issue(message, row=row or self.line, params=params))

    def notice(self, message, **params):
        self.notices.append(Issue(message, row=self.line, params={"name": self.name, **params}))

    def value(self, name, default="", element=None):
        """Return the stripped text of child ``name`` (``default`` when it is missing)."""
        child = (self.element if element is None else element).find(name)
        if child is None:
            return default
        return nfc((child.text or "").strip())

    def flag(self, name, default):
        """Return a yes/no child as Moodle reads it: "false", "0" and "" are no."""
        return self.value(name, default).lower() not in _FALSE_WORDS

    def integer(self, name, default):
        text = self.value(name, "")
        if not text:
            return default
        try:
            return int(text)
        except ValueError:
            return self.fail(N_("%(field)s must be a whole number, not %(value)s."), field=name, value=text)

    def text(self, element):
        """Return the text of ``element``: its ``<text>`` child, or its own text in old files."""
        if element is None:
            return ""
        child = element.find("text")
        raw = child.text if child is not None else element.text
        return nfc((raw or "").strip())

    def rich(self, element, default_format):
        """Return ``(text, format)`` of a text element, collecting the files it embeds."""
        if element is None:
            return "", default_format
        name = (element.get("format") or "").strip()
        text_format = FORMAT_BY_XML_NAME.get(name, HTML) if name else default_format
        for file_element in element.findall("file"):
            self.add_file(file_element.get("name") or "", file_element.text or "", file_element)
        return self.text(element), text_format

    def add_file(self, name, encoded, element):
        name = nfc(name.strip().replace("/", "_"))
        try:
            data = base64.b64decode("".join(encoded.split()), validate=True)
        except (binascii.Error, ValueError):
            self.fail(N_("The embedded file %(file)s is not valid base64."), element, file=name)
        if not name:
            self.fail(N_("An embedded file has no name."), element)
        if self.files.setdefault(name, data) != data:
            self.notice(N_("%(name)s: two different embedded files are named %(file)s; the first was kept."),
                        file=name)

    def own(self, text_format, text):
        """Return a part's own format: ``None`` when it is the question's, or the part is empty."""
        return None if not text or text_format == self.text_format else text_format

    def fraction(self, answer):
        """Return an answer's ``fraction`` attribute (a percentage) as a fraction of 1."""
        raw = (answer.get("fraction") or "0").strip()
        try:
            return normalized(parse_decimal(raw).scaleb(-2))
        except ValueError:
            return self.fail(N_("The grade %(grade)s is not a number."), answer, grade=raw)

    def choice(self, answer, plain=False):
        """Return a :class:`Choice` from an ``<answer>`` (``plain``: the answer text has no format)."""
        text, text_format = ((self.text(answer), None) if plain else self.rich(answer, self.text_format))
        feedback, feedback_format = self.rich(answer.find("feedback"), self.text_format)
        return Choice(text, self.fraction(answer), feedback, self.own(text_format, text),
                      self.own(feedback_format, feedback))

    def outcome_feedback(self):
        parts = [self.rich(self.element.find(name), self.text_format)
                 for name in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")]
        text_format = next((fmt for text, fmt in parts if text), self.text_format)
        return OutcomeFeedback(parts[0][0], parts[1][0], parts[2][0],
                               self.own(text_format, "".join(text for text, _fmt in parts)))


def read_multichoice(context):
    choices = tuple(context.choice(answer) for answer in context.element.findall("answer"))
    return {"qtype": "single" if context.flag("single", "true") else "multiple", "choices": choices,
            "shuffle": context.flag("shuffleanswers", "false"), "outcome_feedback": context.outcome_feedback(),
            "settings": ChoiceSettings(numbering=context.value("answernumbering") or "abc")}


def read_truefalse(context):
    answers = context.element.findall("answer")
    if len(answers) != 2:
        context.fail(N_("A true/false question needs exactly two answers, true and false."))
    words = [context.text(answer) for answer in answers]
    if sorted(words) != ["false", "true"]:
        # Old exports wrote the words in the author's language; Moodle then assumes true, false.
        context.notice(N_("%(name)s: the true/false answers are not named true and false; "
                          "the first one was taken as true."))
        words = ["true", "false"]
    by_word = dict(zip(words, answers, strict=True))
    true_is_right = context.fraction(by_word["true"]) == ONE
    choices = []
    for word in ("true", "false"):
        feedback, feedback_format = context.rich(by_word[word].find("feedback"), context.text_format)
        right = true_is_right == (word == "true")
        choices.append(Choice(word, ONE if right else ZERO, feedback,
                              feedback_format=context.own(feedback_format, feedback)))
    return {"qtype": "truefalse", "choices": tuple(choices)}


def read_shortanswer(context):
    choices = tuple(context.choice(answer, plain=True) for answer in context.element.findall("answer"))
    # <ignorediacritics> is this platform's addition; Moodle ignores elements it does not know.
    settings = ShortAnswerSettings(case_sensitive=context.flag("usecase", "0"),
                                   ignore_diacritics=context.flag("ignorediacritics", "0"))
    return {"qtype": "shortanswer", "choices": choices, "settings": settings}


def read_numerical(context):
    choices = []
    for answer in context.element.findall("answer"):
        choice = context.choice(answer, plain=True)
        text = choice.text or ANY_ANSWER
        fraction = choice.fraction
        if answer.find("fraction") is not None:  # very old files put the fraction in an element
            fraction = _decimal(context, context.value("fraction", "0", answer), answer)
        tolerance = None
        if text != ANY_ANSWER:
            tolerance = _decimal(context, context.value("tolerance", "0", answer) or "0", answer)
        choices.append(Choice(text, fraction, choice.feedback, feedback_format=choice.feedback_format,
                              tolerance=tolerance))
    units = context.element.find("units")
    if units is not None and units.findall("unit"):
        context.notice(N_("%(name)s: units are not supported; learners answer with the number only."))
    return {"qtype": "numerical", "choices": tuple(choices)}


def read_matching(context):
    pairs = []
    for subquestion in context.element.findall("subquestion"):
        prompt, prompt_format = context.rich(subquestion, context.text_format)
        answer = context.text(subquestion.find("answer"))
        pairs.append(MatchPair(prompt, answer, context.own(prompt_format, prompt)))
    return {"qtype": "matching", "pairs": tuple(pairs), "shuffle": context.flag("shuffleanswers", "1"),
            "outcome_feedback": context.outcome_feedback()}


def read_essay(context):
    grader_info, grader_info_format = context.rich(context.element.find("graderinfo"), HTML)
    template, template_format = context.rich(context.element.find("responsetemplate"), HTML)
    response_format = context.value("responseformat", "editor")
    if context.integer("attachments", 0) or response_format == "noinline":
        context.notice(N_("%(name)s: essay attachments are not supported; learners will type their answer."))
    settings = EssaySettings(
        rubric=context.text(context.element.find("rubric")), grader_info=grader_info,
        grader_info_format=grader_info_format, response_template=template, response_template_format=template_format,
        response_format=response_format if response_format in ESSAY_RESPONSE_FORMATS else "editor",
        response_required=context.flag("responserequired", "1"),
        response_field_lines=context.integer("responsefieldlines", 15),
        min_words=context.integer("minwordlimit", 0) or None, max_words=context.integer("maxwordlimit", 0) or None)
    return {"qtype": "essay", "settings": settings}


def read_ordering(context):
    answers = context.element.findall("answer")
    # The fraction of an ordering answer is its place in the right order, not a grade.
    places = [_decimal(context, answer.get("fraction") or str(index), answer) for index, answer in enumerate(answers)]
    items = tuple(context.text(answer) for _place, _index, answer in sorted(
        zip(places, range(len(answers)), answers, strict=True), key=lambda entry: entry[:2]))
    raw = context.value("gradingtype", "RELATIVE_NEXT_EXCLUDE_LAST")
    grading = ORDERING_GRADING_BY_NAME.get(raw.upper()) or _ORDERING_GRADING_BY_CODE.get(raw)
    if grading is None:
        context.notice(N_("%(name)s: the ordering grading method %(method)s is not supported; "
                          "each item in its right place now earns its share."), method=raw)
        grading = "absolute_position"
    if context.value("selecttype", "ALL").upper() not in ("ALL", "0"):
        context.notice(N_("%(name)s: only a subset of the items was shown in Moodle; here every item is shown."))
    return {"qtype": "ordering", "items": items, "settings": OrderingSettings(grading=grading),
            "outcome_feedback": context.outcome_feedback()}


def _decimal(context, text, element):
    try:
        return normalized(parse_decimal(text))
    except ValueError:
        return context.fail(N_("%(value)s is not a number."), element, value=text)


TYPE_READERS = {"multichoice": read_multichoice, "truefalse": read_truefalse, "shortanswer": read_shortanswer,
                "numerical": read_numerical, "matching": read_matching, "match": read_matching,
                "essay": read_essay, "ordering": read_ordering}
