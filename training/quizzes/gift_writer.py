"""Write question specs as GIFT (pure).

The layout is Moodle's own GIFT export (one answer per tab-indented line, ``%weight%`` before
an answer, ``####`` general feedback last), so the file imports into Moodle and back into
:func:`training.quizzes.gift.parse_gift` as the same specs. GIFT cannot say everything a spec
holds (marks, files, essay settings, ordering questions ...): :func:`gift_export_warnings`
lists what would be lost, for the caller to show before exporting.
"""

from training.core.messages import N_, Issue
from training.quizzes.interchange import category_path_text
from training.quizzes.spec import (
    ANY_ANSWER,
    HTML,
    MARKDOWN,
    MOODLE,
    ONE,
    PLAIN,
    ZERO,
    ChoiceSettings,
    EssaySettings,
    OutcomeFeedback,
    ShortAnswerSettings,
    decimal_text,
)

FORMAT_MARKERS = {"[html]": HTML, "[moodle]": MOODLE, "[plain]": PLAIN, "[markdown]": MARKDOWN}
_MARKER_OF = {text_format: marker for marker, text_format in FORMAT_MARKERS.items()}
CATEGORY_MARKER = "$CATEGORY:"
_RESERVED = str.maketrans({"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{", "}": "\\}",
                           ":": "\\:", "\n": "\\n", "\r": ""})


def export_gift(specs):
    """Return GIFT text for ``specs``, switching ``$CATEGORY`` whenever the category changes.

    Ordering questions have no GIFT syntax: they are left out with a comment line saying so
    (see :func:`gift_export_warnings`).
    """
    blocks, category = [], ()
    for spec in specs:
        if spec.category != category:
            category = spec.category
            blocks.append(f"{CATEGORY_MARKER} {category_path_text(category)}\n")
        blocks.append(_question(spec))
    return "\n".join(blocks)


def gift_export_warnings(specs):
    """Return an :class:`Issue` for each thing GIFT cannot carry in ``specs``."""
    warnings = []
    for spec in specs:
        for message in _losses(spec):
            warnings.append(Issue(message, params={"name": spec.name, "points": decimal_text(spec.points)}))
    return tuple(warnings)


def _losses(spec):
    if spec.qtype == "ordering":
        yield N_("%(name)s: ordering questions cannot be written in GIFT; export as Moodle XML instead.")
        return
    if spec.points != ONE:
        yield N_("%(name)s: GIFT cannot store the mark (%(points)s); the question will import with mark 1.")
    if spec.files:
        yield N_("%(name)s: GIFT cannot carry embedded files such as images.")
    if spec.outcome_feedback != OutcomeFeedback():
        yield N_("%(name)s: GIFT cannot store the feedback for correct, partly correct and incorrect responses.")
    if spec.qtype in ("single", "multiple", "matching") and not spec.shuffle:
        yield N_("%(name)s: GIFT cannot turn shuffling off; the question will import with shuffled answers.")
    if spec.qtype in ("single", "multiple") and spec.settings != ChoiceSettings():
        yield N_("%(name)s: GIFT cannot store the answer numbering.")
    if spec.qtype == "shortanswer" and spec.settings != ShortAnswerSettings():
        yield N_("%(name)s: GIFT cannot store the case and diacritics options of typed answers.")
    if spec.qtype == "essay" and spec.settings != EssaySettings():
        yield N_("%(name)s: GIFT cannot store the essay settings (rubric, grader information, limits).")
    if spec.qtype == "matching" and any("->" in pair.prompt for pair in spec.pairs):
        yield N_("%(name)s: a matching question contains -> on its left side, which GIFT cannot write.")


def _question(spec):
    lines = []
    if spec.idnumber or spec.tags:
        tokens = [f"[id:{_bracketed(spec.idnumber)}]"] if spec.idnumber else []
        tokens += [f"[tag:{_bracketed(tag)}]" for tag in spec.tags]
        lines.append("// " + " ".join(tokens))
    if spec.qtype == "ordering":
        lines.append(f"// ordering question {spec.name!r} left out: GIFT has no ordering questions")
        return "\n".join(lines) + "\n"
    head = f"::{_escape(spec.name)}::{_text(spec.text, spec.text_format, MOODLE)}"
    body = _BODIES[spec.qtype](spec)
    lines.append(head + body)
    return "\n".join(lines) + "\n"


def _escape(text):
    return text.translate(_RESERVED)


def _bracketed(text):
    return text.replace("]", "\\]").replace("\n", " ")


def _text(text, text_format, default):
    """Return escaped ``text`` with a format marker when it differs from ``default``.

    A marker is also written when the text itself starts like a marker or a ``%weight%``:
    the reader strips the marker, so the text comes back unchanged.
    """
    needs_marker = text and (text_format != default or text.startswith(("%", "[")))
    return (_MARKER_OF[text_format] if needs_marker else "") + _escape(text)


def _part(spec, text, part_format):
    return _text(text, spec.format_of(part_format), spec.text_format)


def _general_feedback(spec, inline=False):
    if not spec.general_feedback:
        return ""
    text = "####" + _part(spec, spec.general_feedback, spec.general_feedback_format)
    return text if inline else f"\t{text}\n"


def _essay(spec):
    return "{" + _general_feedback(spec, inline=True) + "}"


def _truefalse(spec):
    true, false = spec.choices
    correct, other = (true, false) if true.fraction == ONE else (false, true)
    right = _part(spec, correct.feedback, correct.feedback_format)
    wrong = _part(spec, other.feedback, other.feedback_format)
    text = "TRUE" if correct is true else "FALSE"
    if wrong or right:
        text += "#" + wrong
    if right:
        text += "#" + right
    return "{" + text + _general_feedback(spec, inline=True) + "}"


def _choices(spec):
    lines = []
    for choice in spec.choices:
        if spec.qtype == "single" and choice.fraction == ONE:
            prefix = "="
        elif choice.fraction == ZERO:
            prefix = "~"
        else:
            prefix = f"~%{decimal_text(choice.fraction * 100)}%"
        line = "\t" + prefix + _part(spec, choice.text, choice.text_format)
        if choice.feedback:
            line += "#" + _part(spec, choice.feedback, choice.feedback_format)
        lines.append(line + "\n")
    return "{\n" + "".join(lines) + _general_feedback(spec) + "}"


def _shortanswer(spec):
    lines = [f"\t=%{decimal_text(choice.fraction * 100)}%{_text(choice.text, spec.text_format, spec.text_format)}"
             f"#{_part(spec, choice.feedback, choice.feedback_format)}\n" for choice in spec.choices]
    return "{\n" + "".join(lines) + _general_feedback(spec) + "}"


def _numerical(spec):
    lines = []
    for index, choice in enumerate(spec.choices):
        feedback = _part(spec, choice.feedback, choice.feedback_format)
        last = index == len(spec.choices) - 1
        if choice.text == ANY_ANSWER and choice.fraction == ZERO and last:
            # GIFT's "~#feedback" is the catch-all wrong answer, and must come after every "=".
            lines.append(f"\t~#{feedback}\n")
        elif choice.text == ANY_ANSWER:
            lines.append(f"\t=%{decimal_text(choice.fraction * 100)}%{ANY_ANSWER}#{feedback}\n")
        else:
            tolerance = decimal_text(choice.tolerance if choice.tolerance is not None else ZERO)
            lines.append(f"\t=%{decimal_text(choice.fraction * 100)}%{choice.text}:{tolerance}#{feedback}\n")
    return "{#\n" + "".join(lines) + _general_feedback(spec) + "}"


def _matching(spec):
    lines = [f"\t={_part(spec, pair.prompt, pair.prompt_format)} -> {_escape(pair.answer)}\n" for pair in spec.pairs]
    return "{\n" + "".join(lines) + _general_feedback(spec) + "}"


_BODIES = {"essay": _essay, "truefalse": _truefalse, "single": _choices, "multiple": _choices,
           "shortanswer": _shortanswer, "numerical": _numerical, "matching": _matching}
