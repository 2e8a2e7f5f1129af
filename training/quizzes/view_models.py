"""What the attempt and review pages show, prepared from the frozen answers (no request access)."""

from dataclasses import dataclass

import nh3
from markupsafe import escape

from training.core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from training.quizzes.form_fields import field_name, field_values
from training.quizzes.grading import grade_question
from training.quizzes.question_types import matching_answers, matching_prompts
from training.quizzes.spec import HTML, MARKDOWN


def rich(text, text_format):
    """Return safe HTML for a question part: HTML sanitised, Markdown rendered, plain and Moodle text escaped."""
    if not text:
        return ""
    if text_format == MARKDOWN:
        return render_markdown(text)
    if text_format == HTML:
        return nh3.clean(text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                         url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow",
                         strip_comments=True)
    return str(escape(text)).replace("\n", "<br>")


@dataclass
class QuestionView:
    """One question as shown: its number, text, options in display order, the filled-in values."""

    answer: object
    spec: object
    number: int
    name: str
    text_html: str
    options: list
    prompts: list
    values: dict
    #: Practice mode, once the learner checked the answer: see :func:`checked_feedback`.
    feedback: dict | None = None

    @property
    def position(self):
        return self.answer.position

    def checked(self, value, index=None):
        return str(value) in self.values.get(field_name(self.position, index), [])

    def value(self, index=None):
        found = self.values.get(field_name(self.position, index), [])
        return found[0] if found else ""


def question_view(answer, spec, number):
    """Return a :class:`QuestionView` of one attempt answer."""
    order = answer.display_order or []
    options, prompts = [], []
    if spec.qtype in ("single", "multiple"):
        options = [(index, rich(spec.choices[index].text, spec.format_of(spec.choices[index].text_format)))
                   for index in order]
    elif spec.qtype == "truefalse":
        options = [("true", None), ("false", None)]
    elif spec.qtype == "matching":
        answers = matching_answers(spec)
        options = [(index, answers[index]) for index in order]
        prompts = [(index, rich(pair.prompt, spec.format_of(pair.prompt_format)))
                   for index, pair in enumerate(matching_prompts(spec))]
    elif spec.qtype == "ordering":
        prompts = [(index, spec.items[index]) for index in order]
        options = list(range(1, len(spec.items) + 1))
    return QuestionView(answer, spec, number, spec.name, rich(spec.text, spec.text_format), options, prompts,
                        field_values(spec, answer.position, answer.response, order),
                        checked_feedback(answer, spec) if getattr(answer, "checked_at", None) else None)


def checked_feedback(answer, spec):
    """Return what a checked answer shows: state, marks, the picked choices' feedback, general feedback (HTML)."""
    result = grade_question(spec, answer.response, answer.points)
    return {"state": result.state, "score": result.score, "points": result.max_score,
            "choices": [rich(item.text, item.text_format) for item in result.feedback],
            "outcome": rich(result.outcome_feedback, spec.format_of(spec.outcome_feedback.text_format)),
            "general": rich(spec.general_feedback, spec.format_of(spec.general_feedback_format))}
