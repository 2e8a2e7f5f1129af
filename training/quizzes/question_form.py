"""The per-type question form (pure): flat form fields to a :class:`QuestionSpec` and back, errors per field.

The trainer edits a question in one form per type (choice rows with weights, accepted answers,
pairs, items...). There is one source of truth for what a valid question is: this module only
reads the fields, reports a value it cannot read (a weight that is not a number) next to its
field, builds the spec and lets :func:`training.quizzes.validation.validate_spec` judge it; each
issue is then placed next to the field it concerns. Rows are added and removed by plain submit
buttons (``op=add`` / ``op=remove-N``), so the form works without JavaScript.

Field names: ``name``, ``text``, ``points``, ``general_feedback``, ``tags``, ``rows`` (how many rows the
form showed) and ``row-{i}-{part}`` for the rows (parts per type in :data:`ROW_PARTS`); true/false has
``correct``, ``feedback_true``, ``feedback_false``; short answer ``case_sensitive`` and
``ignore_diacritics``; essay ``rubric``. Errors are keyed by field name; ``""`` is the whole form.
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from training.core.messages import N_, Issue
from training.core.text import clean_line, nfc
from training.quizzes.spec import (
    ANY_ANSWER,
    MARKDOWN,
    ONE,
    ZERO,
    Choice,
    EssaySettings,
    MatchPair,
    QuestionSpec,
    ShortAnswerSettings,
    decimal_text,
    parse_decimal,
)

MAX_ROWS = 50
MAX_POINTS = 1000  # what a quiz slot accepts, and what the attempt columns hold
ROWS = "rows"
ROW_PARTS = {"single": ("text", "weight", "feedback"), "multiple": ("text", "weight", "feedback"),
             "shortanswer": ("text", "weight", "feedback"), "numerical": ("text", "tolerance", "weight", "feedback"),
             "matching": ("prompt", "answer"), "ordering": ("text",)}
DEFAULT_ROWS = {"single": 4, "multiple": 5, "shortanswer": 3, "numerical": 2, "matching": 4, "ordering": 4}
COMMON_FIELDS = ("name", "text", "points", "general_feedback", "tags")
TYPE_FIELDS = {"truefalse": ("correct", "feedback_true", "feedback_false"), "essay": ("rubric",)}
CHECKBOXES = {"shortanswer": ("case_sensitive", "ignore_diacritics")}

# Where each validation issue belongs on the form (the message ids of validation.py; a test keeps
# them in step). Any other issue of a type with rows concerns its rows, else the whole form.
FIELD_OF_MESSAGE = {
    N_("%(name)s: the question name is empty."): "name",
    N_("%(name)s: the question name is longer than 255 characters."): "name",
    N_("%(name)s: the question text is empty."): "text",
    N_("%(name)s: the mark of a question must be greater than 0."): "points",
    N_("%(name)s: a true/false question must have the choices true and false, exactly one of them correct."):
        "correct",
}


@dataclass
class FormState:
    """What the form shows: the single fields, the rows, and the errors by field name."""

    qtype: str
    values: dict
    rows: list
    errors: dict = field(default_factory=dict)

    def add_error(self, name, issue):
        self.errors.setdefault(name, []).append(issue)


def blank_state(qtype):
    """Return the form of a new question of ``qtype``."""
    values = {name: "" for name in COMMON_FIELDS + TYPE_FIELDS.get(qtype, ())}
    values["points"] = "1"
    values.update({name: False for name in CHECKBOXES.get(qtype, ())})
    if qtype == "truefalse":
        values["correct"] = "true"
    rows = [_blank_row(qtype) for _ in range(DEFAULT_ROWS.get(qtype, 0))]
    return FormState(qtype, values, rows)


def state_from_spec(spec):
    """Return the form showing an existing ``spec`` (plus one blank row to fill in)."""
    state = blank_state(spec.qtype)
    values = state.values
    values.update(name=spec.name, text=spec.text, points=decimal_text(spec.points),
                  general_feedback=spec.general_feedback, tags=", ".join(spec.tags))
    qtype = spec.qtype
    if qtype == "truefalse":
        values.update(correct="true" if spec.choices[0].fraction > ZERO else "false",
                      feedback_true=spec.choices[0].feedback, feedback_false=spec.choices[1].feedback)
    elif qtype == "essay":
        values["rubric"] = spec.settings.rubric
    elif qtype == "shortanswer":
        values.update(case_sensitive=spec.settings.case_sensitive, ignore_diacritics=spec.settings.ignore_diacritics)
    if qtype in ("single", "multiple", "shortanswer", "numerical"):
        state.rows = [{"text": c.text, "weight": decimal_text(c.fraction * 100), "feedback": c.feedback,
                       "tolerance": "" if c.tolerance is None else decimal_text(c.tolerance)} for c in spec.choices]
    elif qtype == "matching":
        state.rows = [{"prompt": p.prompt, "answer": p.answer} for p in spec.pairs]
    elif qtype == "ordering":
        state.rows = [{"text": item} for item in spec.items]
    if qtype in ROW_PARTS:
        state.rows = [{part: row.get(part, "") for part in ROW_PARTS[qtype]} for row in state.rows]
        state.rows.append(_blank_row(qtype))
    return state


def read_form(qtype, get):
    """Return the :class:`FormState` posted by the form; ``get(name)`` gives a field's value or ``None``."""
    values = {name: nfc(get(name) or "") for name in COMMON_FIELDS + TYPE_FIELDS.get(qtype, ())}
    values.update({name: get(name) is not None for name in CHECKBOXES.get(qtype, ())})
    rows = []
    if qtype in ROW_PARTS:
        try:
            count = int(get(ROWS) or DEFAULT_ROWS[qtype])
        except ValueError:
            count = DEFAULT_ROWS[qtype]
        rows = [{part: nfc(get(f"row-{i}-{part}") or "") for part in ROW_PARTS[qtype]}
                for i in range(min(max(count, 0), MAX_ROWS))]
    return FormState(qtype, values, rows)


def apply_row_op(state, op):
    """Add a blank row (``"add"``) or remove row N (``"remove-N"``); return whether ``op`` was one of them."""
    if state.qtype not in ROW_PARTS or not op:
        return False
    if op == "add":
        if len(state.rows) < MAX_ROWS:
            state.rows.append(_blank_row(state.qtype))
        return True
    if op.startswith("remove-") and op[7:].isdigit():
        index = int(op[7:])
        if index < len(state.rows) and len(state.rows) > 1:
            del state.rows[index]
        return True
    return False


def spec_from_form(state, base=None):
    """Return the spec the form describes, or ``None`` with ``state.errors`` filled in.

    ``base`` is the question's current spec: what the form does not show (its text format,
    shuffling, numbering, an essay's word limits...) is kept from it.
    """
    qtype, values = state.qtype, state.values
    points = _number(values["points"], state, "points", N_("Enter the points as a number, e.g. 1 or 1,5."))
    if points is not None and points > MAX_POINTS:
        state.add_error("points", Issue(N_("A question is worth at most %(max)s points."), params={"max": MAX_POINTS}))
    parts = _parts(state)
    unreadable = set(state.errors)
    tags = tuple(dict.fromkeys(clean_line(tag) for tag in values["tags"].split(",") if clean_line(tag)))
    common = {"name": clean_line(values["name"]), "text": values["text"].strip(), "points": ONE if points is None else points,
              "general_feedback": values["general_feedback"].strip(), "tags": tags, **parts}
    if base is not None and base.qtype == qtype:
        spec = replace(base, category=(), line=None, **common)
    else:
        spec = QuestionSpec(qtype=qtype, text_format=MARKDOWN, **common)
    if qtype == "shortanswer":
        spec = replace(spec, settings=replace(spec.settings or ShortAnswerSettings(),
                                              case_sensitive=values["case_sensitive"],
                                              ignore_diacritics=values["ignore_diacritics"]))
    elif qtype == "essay":
        spec = replace(spec, settings=replace(spec.settings or EssaySettings(), rubric=values["rubric"].strip()))
    for issue in spec.validate():
        name = FIELD_OF_MESSAGE.get(issue.message, ROWS if qtype in ROW_PARTS else "")
        # With a value unreadable, the rows were read without it: their totals would only mislead.
        if name not in unreadable and not (unreadable and name in (ROWS, "")):
            state.add_error(name, issue)
    return None if state.errors else spec


def _parts(state):
    """Read the rows (or the true/false fields) into spec parts; unreadable values become field errors."""
    qtype, values = state.qtype, state.values
    if qtype == "truefalse":
        if values["correct"] not in ("true", "false"):
            state.add_error("correct", Issue(N_("Choose whether the statement is true or false.")))
            return {}
        right = values["correct"] == "true"
        return {"choices": (Choice("true", Decimal(int(right)), values["feedback_true"].strip()),
                            Choice("false", Decimal(int(not right)), values["feedback_false"].strip()))}
    if qtype not in ROW_PARTS:
        return {}
    filled = [(i, row) for i, row in enumerate(state.rows) if any(value.strip() for value in row.values())]
    if qtype == "matching":
        return {"pairs": tuple(MatchPair(row["prompt"].strip(), clean_line(row["answer"])) for _i, row in filled)}
    if qtype == "ordering":
        return {"items": tuple(clean_line(row["text"]) for _i, row in filled)}
    choices = []
    for i, row in filled:
        weight = _number(row["weight"] or "0", state, f"row-{i}-weight",
                         N_("Enter a percentage between -100 and 100, e.g. 50 or -33,333."))
        text = row["text"].strip()
        tolerance = None
        if qtype == "numerical":
            # Blank stays "no tolerance" (None), so an imported question saves back unchanged.
            tolerance = _number(row["tolerance"], state, f"row-{i}-tolerance",
                                N_("Enter the tolerance as a number of 0 or more, e.g. 0,5.")) \
                if row["tolerance"].strip() else None
            if text != ANY_ANSWER:
                number = _number(text, state, f"row-{i}-text", N_("Enter a number, e.g. -1,5 or 3e8, or *."))
                text = decimal_text(number) if number is not None else text
        if weight is not None:
            choices.append(Choice(text, weight / 100, row["feedback"].strip(), tolerance=tolerance))
    return {"choices": tuple(choices)}


def _number(text, state, name, message):
    """Return ``text`` as a Decimal ("1,5" and "1.5" both read), or ``None`` after adding an error to ``name``."""
    try:
        return parse_decimal(text.strip().rstrip("%").replace(",", "."))
    except ValueError:
        state.add_error(name, Issue(message))
        return None


def _blank_row(qtype):
    return {part: "" for part in ROW_PARTS.get(qtype, ())}
