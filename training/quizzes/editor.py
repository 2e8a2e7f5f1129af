"""The question editor's text forms (pure): a question written in GIFT, or an ordering as lines.

Trainers write one question in GIFT (the syntax Moodle users know, with line-precise errors
from the same parser as imports); ordering questions, which GIFT cannot express, are the
question text plus one item per line. Settings GIFT has no syntax for (an essay's rubric,
typed answers without diacritics) and tags come from their own fields.
"""

from dataclasses import replace

from training.core.messages import N_, Issue
from training.core.text import clean_line, nfc
from training.quizzes.gift import export_gift, parse_gift
from training.quizzes.interchange import default_question_name
from training.quizzes.spec import PLAIN, EssaySettings, OrderingSettings, QuestionSpec, ShortAnswerSettings


class EditorError(ValueError):
    """The text does not make one valid question; ``issue`` says why (and on which line)."""

    def __init__(self, issue):
        super().__init__(issue.message)
        self.issue = issue


def spec_from_editor(qtype, source, items_text="", rubric="", ignore_diacritics=False, tags=()):
    """Return the :class:`QuestionSpec` the editor's fields describe, or raise :class:`EditorError`."""
    source = nfc(source or "").strip()
    tags = tuple(dict.fromkeys(clean_line(tag) for tag in tags if clean_line(tag)))
    if qtype == "ordering":
        items = tuple(clean_line(line) for line in (items_text or "").splitlines() if clean_line(line))
        spec = QuestionSpec(qtype="ordering", name=default_question_name(source) or "?", text=source,
                            text_format=PLAIN, items=items, settings=OrderingSettings(), tags=tags)
        issues = spec.validate()
        if not source:
            issues = (Issue(N_("Write the question."), row=1), *issues)
        if issues:
            raise EditorError(issues[0])
        return spec
    result = parse_gift(source)
    if not result.ok:
        raise EditorError(result.issues[0])
    if len(result.questions) != 1:
        raise EditorError(Issue(N_("Write exactly one question (questions are separated by a blank line)."), row=1))
    spec = replace(result.questions[0], category=(), tags=tags, line=None)
    if spec.qtype == "essay":
        spec = replace(spec, settings=replace(spec.settings or EssaySettings(), rubric=nfc(rubric or "").strip()))
    if spec.qtype == "shortanswer":
        spec = replace(spec, settings=replace(spec.settings or ShortAnswerSettings(),
                                              ignore_diacritics=bool(ignore_diacritics)))
    return spec


def editor_fields(spec):
    """Return the editor's initial field values for an existing ``spec``."""
    if spec.qtype == "ordering":
        return {"source": spec.text, "ordering_items": "\n".join(spec.items), "rubric": "", "ignore_diacritics": False}
    text = export_gift([replace(spec, category=(), tags=())]).strip()
    rubric = spec.settings.rubric if spec.qtype == "essay" else ""
    ignore = spec.settings.ignore_diacritics if spec.qtype == "shortanswer" else False
    return {"source": text, "ordering_items": "", "rubric": rubric, "ignore_diacritics": ignore}
