"""The canonical, frozen form of one question version (pure).

Parsers (GIFT, Moodle XML) produce a :class:`QuestionSpec`, the database stores
``spec.to_dict()`` as JSON, and grading consumes the spec. Everything here is immutable and
JSON-safe through ``to_dict``/``from_dict`` (Decimals travel as strings, bytes as base64).

Formats of the parts of a question (a choice, its feedback, the general feedback) are ``None``
when they are the question's own ``text_format``; only a part written in another format
carries its own. That keeps GIFT, where parts inherit the question's format, and Moodle XML,
where every part states one, round-trippable.
"""

import base64
import binascii
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation

from training.core.messages import N_, Issue
from training.core.text import nfc

SCHEMA_VERSION = 1

QTYPES = ("single", "multiple", "truefalse", "shortanswer", "numerical", "matching", "ordering", "essay")
HTML, PLAIN, MARKDOWN, MOODLE = "html", "plain", "markdown", "moodle"
TEXT_FORMATS = (HTML, PLAIN, MARKDOWN, MOODLE)
NUMBERINGS = ("abc", "ABCD", "123", "iii", "IIII", "none")
ORDERING_GRADINGS = ("all_or_nothing", "absolute_position", "relative_next_exclude_last",
                     "relative_next_include_last", "longest_ordered_subset", "longest_contiguous_subset")
ESSAY_RESPONSE_FORMATS = ("editor", "plain", "monospaced")
ANY_ANSWER = "*"  # a numerical answer that matches any number (Moodle's "*")
ZERO, ONE = Decimal(0), Decimal(1)


class SpecFormatError(ValueError):
    """Raised by :meth:`QuestionSpec.from_dict` when stored data is not a question of this schema."""

    def __init__(self, issue):
        super().__init__(issue.message % issue.params if issue.params else issue.message)
        self.issue = issue


@dataclass(frozen=True)
class Choice:
    """One choice or accepted answer: its text, its credit (-1..1) and the feedback shown when picked.

    ``tolerance`` is used by numerical answers only (``text`` is then a number or ``"*"``).
    """

    text: str
    fraction: Decimal = ZERO
    feedback: str = ""
    text_format: str | None = None
    feedback_format: str | None = None
    tolerance: Decimal | None = None


@dataclass(frozen=True)
class MatchPair:
    """A matching pair; an empty ``prompt`` makes ``answer`` a distractor on the right-hand side."""

    prompt: str
    answer: str
    prompt_format: str | None = None


@dataclass(frozen=True)
class OutcomeFeedback:
    """Feedback for a fully correct, a partly correct and an incorrect response."""

    correct: str = ""
    partial: str = ""
    incorrect: str = ""
    text_format: str | None = None


@dataclass(frozen=True)
class EmbeddedFile:
    """A file shipped inside the question (an image in Moodle XML), referenced as ``@@PLUGINFILE@@/name``."""

    name: str
    data: bytes


@dataclass(frozen=True)
class ChoiceSettings:
    """Settings of single- and multiple-choice questions."""

    numbering: str = "abc"


@dataclass(frozen=True)
class ShortAnswerSettings:
    """How typed answers are compared: ``ignore_diacritics`` lets "ha noi" match "Hà Nội"."""

    case_sensitive: bool = False
    ignore_diacritics: bool = False


@dataclass(frozen=True)
class OrderingSettings:
    """How an ordering is scored (see ``ORDERING_GRADINGS``)."""

    grading: str = "absolute_position"


@dataclass(frozen=True)
class EssaySettings:
    """An essay is graded by a person: the rubric and the grader information guide them."""

    rubric: str = ""
    grader_info: str = ""
    grader_info_format: str = HTML
    response_template: str = ""
    response_template_format: str = HTML
    response_format: str = "editor"
    response_required: bool = True
    response_field_lines: int = 15
    min_words: int | None = None
    max_words: int | None = None


SETTINGS_CLASSES = {"single": ChoiceSettings, "multiple": ChoiceSettings, "shortanswer": ShortAnswerSettings,
                    "ordering": OrderingSettings, "essay": EssaySettings}


@dataclass(frozen=True)
class QuestionSpec:
    """One frozen question version. ``line`` is where it starts in the imported file (not compared)."""

    qtype: str
    name: str
    text: str
    text_format: str = HTML
    choices: tuple = ()
    pairs: tuple = ()
    items: tuple = ()
    general_feedback: str = ""
    general_feedback_format: str | None = None
    outcome_feedback: OutcomeFeedback = OutcomeFeedback()
    points: Decimal = ONE
    category: tuple = ()
    tags: tuple = ()
    idnumber: str = ""
    shuffle: bool = False
    settings: object = None
    files: tuple = ()
    line: int | None = field(default=None, compare=False)

    def __post_init__(self):
        # Frozen, yet callers may pass lists: store tuples so specs stay hashable and immutable.
        for name in ("choices", "pairs", "items", "category", "tags", "files"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        # Files are found by name, not by position: keep them sorted so equal questions compare equal.
        object.__setattr__(self, "files", tuple(sorted(self.files, key=lambda embedded: embedded.name)))
        if self.settings is None and self.qtype in SETTINGS_CLASSES:
            object.__setattr__(self, "settings", SETTINGS_CLASSES[self.qtype]())

    def validate(self):
        """Return the issues that keep this spec from being stored (see :mod:`training.quizzes.validation`)."""
        from training.quizzes.validation import validate_spec  # validation builds on this module

        return validate_spec(self)

    def format_of(self, part_format):
        """Return the format of a part whose own format is ``part_format`` (``None`` = the question's)."""
        return part_format or self.text_format

    def to_dict(self):
        """Return a JSON-safe dict (Decimals as strings, files as base64) with the schema version."""
        return {
            "schema": SCHEMA_VERSION, "qtype": self.qtype, "name": self.name, "text": self.text,
            "text_format": self.text_format,
            "choices": [_choice_to_dict(choice) for choice in self.choices],
            "pairs": [{"prompt": p.prompt, "answer": p.answer, "prompt_format": p.prompt_format} for p in self.pairs],
            "items": list(self.items),
            "general_feedback": self.general_feedback, "general_feedback_format": self.general_feedback_format,
            "outcome_feedback": _plain_fields(self.outcome_feedback),
            "points": decimal_text(self.points), "category": list(self.category), "tags": list(self.tags),
            "idnumber": self.idnumber, "shuffle": self.shuffle,
            "settings": _plain_fields(self.settings) if self.settings is not None else None,
            "files": [{"name": f.name, "data": base64.b64encode(f.data).decode("ascii")} for f in self.files],
            "source_line": self.line,
        }

    @classmethod
    def from_dict(cls, data):
        """Build a spec from :meth:`to_dict` output; raise :class:`SpecFormatError` on anything else."""
        reader = _Reader(data)
        if data.get("schema") != SCHEMA_VERSION:
            raise SpecFormatError(Issue(N_("Unsupported question schema version %(version)s."),
                                        params={"version": data.get("schema")}))
        qtype = reader.text("qtype")
        if qtype not in QTYPES:
            reader.fail("qtype")
        settings_data = data.get("settings")
        settings = None
        if qtype in SETTINGS_CLASSES:
            settings = _settings_from_dict(SETTINGS_CLASSES[qtype], {} if settings_data is None else settings_data)
        return cls(
            qtype=qtype, name=reader.text("name"), text=reader.text("text"), text_format=reader.text("text_format"),
            choices=tuple(_choice_from_dict(_Reader(item, "choices")) for item in reader.list("choices")),
            pairs=tuple(_pair_from_dict(_Reader(item, "pairs")) for item in reader.list("pairs")),
            items=tuple(nfc(_expect(item, str, reader, "items")) for item in reader.list("items")),
            general_feedback=reader.text("general_feedback"),
            general_feedback_format=reader.optional_text("general_feedback_format"),
            outcome_feedback=_outcome_from_dict(_Reader(data.get("outcome_feedback") or {}, "outcome_feedback")),
            points=reader.decimal("points"),
            category=tuple(nfc(_expect(item, str, reader, "category")) for item in reader.list("category")),
            tags=tuple(nfc(_expect(item, str, reader, "tags")) for item in reader.list("tags")),
            idnumber=reader.text("idnumber"), shuffle=reader.boolean("shuffle"), settings=settings,
            files=tuple(_file_from_dict(_Reader(item, "files")) for item in reader.list("files")),
            line=data.get("source_line") if isinstance(data.get("source_line"), int) else None,
        )


def decimal_text(value):
    """Return ``value`` as a plain decimal string without trailing zeros ("0.50" -> "0.5", 100 -> "100")."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def normalized(value):
    """Return ``value`` without trailing zeros, never in exponent form ("0.50" -> "0.5", "100.0" -> "100")."""
    if value == value.to_integral_value():
        return abs(value.quantize(ONE)) if value == 0 else value.quantize(ONE)
    return value.normalize()


def parse_decimal(text):
    """Return ``text`` as a finite :class:`Decimal`; raise ``ValueError`` when it is not one."""
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error
    if not value.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    return value


def _choice_to_dict(choice):
    return {"text": choice.text, "fraction": decimal_text(choice.fraction), "feedback": choice.feedback,
            "text_format": choice.text_format, "feedback_format": choice.feedback_format,
            "tolerance": None if choice.tolerance is None else decimal_text(choice.tolerance)}


def _plain_fields(instance):
    return {f.name: getattr(instance, f.name) for f in fields(instance)}


class _Reader:
    """Typed access to one dict of stored data; any mismatch raises :class:`SpecFormatError`."""

    def __init__(self, data, where=""):
        self.data, self.where = data, where
        if not isinstance(data, dict):
            self.where = ""
            self.fail(where or "question")

    def fail(self, key):
        detail = f"{self.where}.{key}" if self.where else key
        raise SpecFormatError(Issue(N_("The question data is malformed (%(field)s)."), params={"field": detail}))

    def text(self, key, default=""):
        return nfc(_expect(self.data.get(key, default), str, self, key))

    def optional_text(self, key):
        value = self.data.get(key)
        return None if value is None else nfc(_expect(value, str, self, key))

    def boolean(self, key):
        return _expect(self.data.get(key, False), bool, self, key)

    def list(self, key):
        return _expect(self.data.get(key, []), list, self, key)

    def decimal(self, key, default="0"):
        value = self.data.get(key, default)
        try:
            return parse_decimal(_expect(value, str, self, key))
        except ValueError:
            self.fail(key)


def _expect(value, kind, reader, key):
    # bool is an int: never accept one where the other is expected.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        reader.fail(key)
    return value


def _choice_from_dict(reader):
    tolerance = reader.data.get("tolerance")
    return Choice(text=reader.text("text"), fraction=reader.decimal("fraction"), feedback=reader.text("feedback"),
                  text_format=reader.optional_text("text_format"),
                  feedback_format=reader.optional_text("feedback_format"),
                  tolerance=None if tolerance is None else reader.decimal("tolerance"))


def _pair_from_dict(reader):
    return MatchPair(prompt=reader.text("prompt"), answer=reader.text("answer"),
                     prompt_format=reader.optional_text("prompt_format"))


def _outcome_from_dict(reader):
    return OutcomeFeedback(correct=reader.text("correct"), partial=reader.text("partial"),
                           incorrect=reader.text("incorrect"), text_format=reader.optional_text("text_format"))


def _file_from_dict(reader):
    try:
        data = base64.b64decode(reader.text("data"), validate=True)
    except (binascii.Error, ValueError):
        reader.fail("data")
    return EmbeddedFile(name=reader.text("name"), data=data)


def _settings_from_dict(settings_class, data):
    reader = _Reader(data, "settings")
    values = {}
    for spec_field in fields(settings_class):
        if spec_field.name not in data:
            continue
        value = data[spec_field.name]
        default = spec_field.default
        if default is None:
            if value is not None:
                _expect(value, int, reader, spec_field.name)
        else:
            _expect(value, type(default), reader, spec_field.name)
        values[spec_field.name] = nfc(value) if isinstance(value, str) else value
    return settings_class(**values)
