"""Check that a question spec can be asked and graded (pure).

:func:`validate_spec` returns every problem as an :class:`Issue` whose ``row`` is the line where
the question starts in its source file, so an import can show the author exactly what to fix.
A spec with any issue must not be stored.
"""

from decimal import Decimal

from training.core.messages import N_, Issue
from training.quizzes.spec import (
    ANY_ANSWER,
    ESSAY_RESPONSE_FORMATS,
    NUMBERINGS,
    ONE,
    ORDERING_GRADINGS,
    QTYPES,
    SETTINGS_CLASSES,
    TEXT_FORMATS,
    ZERO,
    decimal_text,
    parse_decimal,
)

MAX_NAME_LENGTH = 255
# Moodle's own grade list has 1/3 as 0.3333333 and 1/7 as 0.1428571: sums of such weights miss
# 100% by a few 1e-7, which is a rounding artefact, not an authoring mistake.
FRACTION_SUM_TOLERANCE = Decimal("0.0001")
_PART_FIELDS = {"choices": ("single", "multiple", "truefalse", "shortanswer", "numerical"),
                "pairs": ("matching",), "items": ("ordering",)}


def validate_spec(spec):
    """Return a tuple of :class:`Issue` describing everything wrong with ``spec`` (empty when valid)."""
    issues = []

    def add(message, **params):
        issues.append(Issue(message, row=spec.line, params={"name": spec.name or "?", **params}))

    if spec.qtype not in QTYPES:
        add(N_("%(name)s: unknown question type %(qtype)s."), qtype=spec.qtype)
        return tuple(issues)
    _check_common(spec, add)
    expected = SETTINGS_CLASSES.get(spec.qtype)
    if expected and not isinstance(spec.settings, expected):
        return tuple(issues)  # the type's own checks read its settings
    _CHECKERS[spec.qtype](spec, add)
    return tuple(issues)


def fraction_sum_is_whole(total):
    """Return whether positive fractions adding up to ``total`` count as exactly 100%."""
    return abs(total - ONE) <= FRACTION_SUM_TOLERANCE


def _check_common(spec, add):
    if not spec.name.strip():
        add(N_("%(name)s: the question name is empty."))
    elif len(spec.name) > MAX_NAME_LENGTH:
        add(N_("%(name)s: the question name is longer than 255 characters."))
    if not spec.text.strip():
        add(N_("%(name)s: the question text is empty."))
    formats = [spec.text_format, spec.general_feedback_format, spec.outcome_feedback.text_format]
    formats += [c.text_format for c in spec.choices] + [c.feedback_format for c in spec.choices]
    formats += [p.prompt_format for p in spec.pairs]
    for text_format in formats:
        if text_format is not None and text_format not in TEXT_FORMATS:
            add(N_("%(name)s: unknown text format %(format)s."), format=text_format)
            break
    if spec.points <= ZERO:
        add(N_("%(name)s: the mark of a question must be greater than 0."))
    for name, qtypes in _PART_FIELDS.items():
        if getattr(spec, name) and spec.qtype not in qtypes:
            add(N_("%(name)s: this question has parts that its type does not use (choices, pairs or items)."))
            break
    expected = SETTINGS_CLASSES.get(spec.qtype)
    if (expected is None and spec.settings is not None) or (expected and not isinstance(spec.settings, expected)):
        add(N_("%(name)s: the settings do not belong to this question type."))
    for choice in spec.choices:
        if not -ONE <= choice.fraction <= ONE:
            add(N_("%(name)s: a grade of %(grade)s%% is outside -100%% to 100%%."), grade=_percent(choice.fraction))
            break


def _check_choices(spec, add):
    if len(spec.choices) < 2:
        add(N_("%(name)s: this question needs at least 2 choices."))
    if any(not choice.text.strip() for choice in spec.choices):
        add(N_("%(name)s: a choice is empty."))
    if spec.settings.numbering not in NUMBERINGS:
        add(N_("%(name)s: unknown answer numbering %(numbering)s."), numbering=spec.settings.numbering)


def _check_single(spec, add):
    _check_choices(spec, add)
    full = sum(1 for choice in spec.choices if choice.fraction == ONE)
    if full != 1:
        add(N_("%(name)s: a single-choice question needs exactly one choice worth 100%%; it has %(count)s."), count=full)


def _check_multiple(spec, add):
    _check_choices(spec, add)
    total = sum((c.fraction for c in spec.choices if c.fraction > ZERO), ZERO)
    if not fraction_sum_is_whole(total):
        add(N_("%(name)s: the positive grades add up to %(total)s%%; they must add up to 100%%."), total=_percent(total))


def _check_truefalse(spec, add):
    texts = tuple(choice.text for choice in spec.choices)
    fractions = sorted(choice.fraction for choice in spec.choices)
    if texts != ("true", "false") or fractions != [ZERO, ONE]:
        add(N_("%(name)s: a true/false question must have the choices true and false, exactly one of them correct."))


def _check_answers(spec, add):
    if not spec.choices:
        add(N_("%(name)s: this question needs at least one accepted answer."))
        return
    if any(not ZERO <= choice.fraction <= ONE for choice in spec.choices):
        add(N_("%(name)s: answer grades must be between 0%% and 100%% for this question type."))
    if max(choice.fraction for choice in spec.choices) != ONE:
        add(N_("%(name)s: one of the answers must be worth 100%%, so that full marks are possible."))


def _check_shortanswer(spec, add):
    _check_answers(spec, add)
    if any(not choice.text.strip() for choice in spec.choices):
        add(N_("%(name)s: an accepted answer is empty."))


def _check_numerical(spec, add):
    _check_answers(spec, add)
    for choice in spec.choices:
        if choice.text != ANY_ANSWER:
            try:
                parse_decimal(choice.text)
            except ValueError:
                add(N_("%(name)s: %(value)s is not a number; write a number such as -1.234 or 3e8, or *."), value=choice.text)
        if choice.tolerance is not None and (not choice.tolerance.is_finite() or choice.tolerance < ZERO):
            add(N_("%(name)s: the tolerance must be a number of 0 or more."))


def _check_matching(spec, add):
    if sum(1 for pair in spec.pairs if pair.prompt.strip()) < 2:
        add(N_("%(name)s: a matching question needs at least 2 pairs with a question on the left."))
    if any(not pair.answer.strip() for pair in spec.pairs):
        add(N_("%(name)s: a matching answer (right-hand side) is empty."))


def _check_ordering(spec, add):
    if len(spec.items) < 2:
        add(N_("%(name)s: an ordering question needs at least 2 items."))
    if any(not item.strip() for item in spec.items):
        add(N_("%(name)s: an item to order is empty."))
    seen = set()
    for item in spec.items:
        if item in seen:
            add(N_("%(name)s: the items to order must differ from each other; %(item)s appears twice."), item=item)
            break
        seen.add(item)
    if spec.settings.grading not in ORDERING_GRADINGS:
        add(N_("%(name)s: unknown ordering grading method %(method)s."), method=spec.settings.grading)


def _check_essay(spec, add):
    settings = spec.settings
    if settings.response_format not in ESSAY_RESPONSE_FORMATS:
        add(N_("%(name)s: unknown essay response format %(format)s."), format=settings.response_format)
    for text_format in (settings.grader_info_format, settings.response_template_format):
        if text_format not in TEXT_FORMATS:
            add(N_("%(name)s: unknown text format %(format)s."), format=text_format)
    counts = [settings.response_field_lines, settings.min_words, settings.max_words]
    if any(count is not None and count < 0 for count in counts):
        add(N_("%(name)s: word limits and the number of lines must be 0 or more."))
    elif settings.min_words and settings.max_words and settings.min_words > settings.max_words:
        add(N_("%(name)s: the minimum word count cannot be greater than the maximum."))


def _percent(fraction):
    return decimal_text(fraction * 100)


_CHECKERS = {"single": _check_single, "multiple": _check_multiple, "truefalse": _check_truefalse,
             "shortanswer": _check_shortanswer, "numerical": _check_numerical, "matching": _check_matching,
             "ordering": _check_ordering, "essay": _check_essay}
