"""How each question type checks and grades a response (pure strategies).

Every strategy has the same three methods: ``check`` (the response has the right shape, or
:class:`InvalidResponse`), ``is_blank`` (nothing was answered) and ``grade`` (an
:class:`Outcome`: a fraction of the marks in 0..1, or ``None`` for a person to grade, the
feedback to show and the keys that statistics count). The registry is
:data:`training.quizzes.grading.QUESTION_TYPES`.

Response shapes: single -> choice index; multiple -> set of indexes; truefalse -> bool;
shortanswer, numerical, essay -> text; matching -> ``{left index: right index}``;
ordering -> the item indexes in the order the learner put them.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from training.core.text import clean_line
from training.quizzes.responses import (
    check_boolean,
    check_index,
    check_indexes,
    check_mapping,
    check_order,
    check_text,
    parse_number,
)
from training.quizzes.spec import ANY_ANSWER, ONE, ZERO

OTHER = "other"  # the statistics key of a typed answer that matched none of the accepted ones
_STAR = re.compile(r"(?<!\\)\*")


@dataclass(frozen=True)
class ChoiceFeedback:
    """Feedback to show for one part of the response (``key`` as in the statistics keys)."""

    key: str
    text: str
    text_format: str


@dataclass(frozen=True)
class Outcome:
    """What a response earns before marks are applied: ``fraction`` ``None`` means "a person grades"."""

    fraction: Decimal | None
    feedback: tuple = ()
    keys: tuple = ()


def clamp(fraction):
    """Return ``fraction`` limited to 0..1: a question never takes marks from the rest of the quiz."""
    return min(max(fraction, ZERO), ONE)


def _feedback(spec, key, choice):
    if not choice.feedback:
        return ()
    return (ChoiceFeedback(key, choice.feedback, spec.format_of(choice.feedback_format)),)


class SingleChoice:
    """One choice; its fraction is the credit (a negative one counts as 0)."""

    def check(self, spec, response):
        return check_index(response, len(spec.choices))

    def is_blank(self, response):
        return False

    def grade(self, spec, response):
        choice = spec.choices[response]
        return Outcome(clamp(choice.fraction), _feedback(spec, str(response), choice), (str(response),))


class MultipleChoice:
    """Any set of choices: the sum of their fractions, exactly 1 for exactly the right set."""

    def check(self, spec, response):
        return check_indexes(response, len(spec.choices))

    def is_blank(self, response):
        return not response

    def grade(self, spec, response):
        right = {index for index, choice in enumerate(spec.choices) if choice.fraction > ZERO}
        # Weights such as 3 x 33.33333% miss 100% by rounding; the right set earns exactly 1.
        total = ONE if response == right else clamp(sum((spec.choices[i].fraction for i in response), ZERO))
        chosen = sorted(response)
        feedback = tuple(item for i in chosen for item in _feedback(spec, str(i), spec.choices[i]))
        return Outcome(total, feedback, tuple(str(i) for i in chosen))


class TrueFalse:
    """``True`` or ``False``; the spec's first choice is "true", the second "false"."""

    def check(self, spec, response):
        return check_boolean(response)

    def is_blank(self, response):
        return False

    def grade(self, spec, response):
        key = "true" if response else "false"
        choice = spec.choices[0 if response else 1]
        return Outcome(clamp(choice.fraction), _feedback(spec, key, choice), (key,))


def _comparable(text, settings):
    text = clean_line(text)
    if settings.ignore_diacritics:
        decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        text = unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
    return text if settings.case_sensitive else text.casefold()


def answer_matches(pattern, response, settings):
    """Return whether typed ``response`` matches accepted answer ``pattern`` (``*`` is a wildcard)."""
    pieces = [re.escape(piece.replace("\\*", "*")) for piece in _STAR.split(_comparable(pattern, settings))]
    return re.fullmatch(".*".join(pieces), _comparable(response, settings), re.DOTALL) is not None


class ShortAnswer:
    """Typed text, compared with each accepted answer in turn; the first match counts."""

    def check(self, spec, response):
        return check_text(response)

    def is_blank(self, response):
        return not response.strip()

    def grade(self, spec, response):
        for index, choice in enumerate(spec.choices):
            if answer_matches(choice.text, response, spec.settings):
                return Outcome(clamp(choice.fraction), _feedback(spec, str(index), choice), (str(index),))
        return Outcome(ZERO, (), (OTHER,))


class Numerical:
    """A typed number, within an answer's tolerance; the first match counts, ``*`` matches any number."""

    def check(self, spec, response):
        if isinstance(response, int | Decimal) and not isinstance(response, bool):
            return response
        return check_text(response, limit=100)

    def is_blank(self, response):
        return isinstance(response, str) and not response.strip()

    def grade(self, spec, response):
        value = parse_number(response)
        if value is None:
            return Outcome(ZERO, (), (OTHER,))
        for index, choice in enumerate(spec.choices):
            if choice.text == ANY_ANSWER or abs(value - Decimal(choice.text)) <= (choice.tolerance or ZERO):
                return Outcome(clamp(choice.fraction), _feedback(spec, str(index), choice), (str(index),))
        return Outcome(ZERO, (), (OTHER,))


def matching_prompts(spec):
    """Return the left-hand items: the pairs with a prompt, in order (their index is the response key)."""
    return tuple(pair for pair in spec.pairs if pair.prompt)


def matching_answers(spec):
    """Return the right-hand options: each distinct answer once, distractors included."""
    return tuple(dict.fromkeys(pair.answer for pair in spec.pairs))


class Matching:
    """Each left item earns an equal share when matched with its own answer."""

    def check(self, spec, response):
        return check_mapping(response, len(matching_prompts(spec)), len(matching_answers(spec)))

    def is_blank(self, response):
        return not response

    def grade(self, spec, response):
        prompts, answers = matching_prompts(spec), matching_answers(spec)
        right = sum(1 for left, chosen in response.items() if answers[chosen] == prompts[left].answer)
        keys = tuple(f"{left}:{response[left]}" for left in sorted(response))
        return Outcome(Decimal(right) / len(prompts), (), keys)


class Ordering:
    """Items put in order; how partly right orders are scored is the spec's grading method."""

    def check(self, spec, response):
        return check_order(response, len(spec.items))

    def is_blank(self, response):
        return False

    def grade(self, spec, response):
        method = _ORDERING_METHODS[spec.settings.grading]
        return Outcome(method(list(response)), (), (",".join(str(i) for i in response),))


def _all_or_nothing(order):
    return ONE if order == sorted(order) else ZERO


def _absolute_position(order):
    return Decimal(sum(1 for place, item in enumerate(order) if place == item)) / len(order)


def _relative_next(order, include_last):
    """Count the items followed by the same item as in the right order (the last one: by nothing)."""
    following = {item: (order[place + 1] if place + 1 < len(order) else None) for place, item in enumerate(order)}
    count = len(order) if include_last else len(order) - 1
    right = sum(1 for item in range(count) if following[item] == (item + 1 if item + 1 < len(order) else None))
    return Decimal(right) / count


def _longest_subset(order, contiguous):
    """Score the longest run of items already in the right relative order (a lone item does not count)."""
    best = [1] * len(order)
    for end in range(len(order)):
        for start in range(end):
            if order[start] < order[end] and (not contiguous or (start == end - 1 and order[end] == order[start] + 1)):
                best[end] = max(best[end], best[start] + 1)
    longest = max(best)
    return Decimal(longest) / len(order) if longest > 1 else ZERO


_ORDERING_METHODS = {
    "all_or_nothing": _all_or_nothing, "absolute_position": _absolute_position,
    "relative_next_exclude_last": lambda order: _relative_next(order, include_last=False),
    "relative_next_include_last": lambda order: _relative_next(order, include_last=True),
    "longest_ordered_subset": lambda order: _longest_subset(order, contiguous=False),
    "longest_contiguous_subset": lambda order: _longest_subset(order, contiguous=True),
}


class Essay:
    """Free text for a person to grade with the rubric."""

    def check(self, spec, response):
        return check_text(response)

    def is_blank(self, response):
        return not response.strip()

    def grade(self, spec, response):
        return Outcome(None)
