"""What a learner's response must look like, checked strictly (pure).

The web layer answers 400 with the message of an :class:`InvalidResponse`, so a tampered form
(an index that does not exist, a list where one choice is expected, a 5 MB essay) never
reaches grading. Numbers are read the way Vietnamese learners type them: "3,5" is 3.5 and
"1.234.567,8" is 1234567.8, while "3.5" and "1,234.5" work too.
"""

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from training.core.messages import N_, Issue
from training.core.text import nfc

MAX_TEXT_LENGTH = 20000
MAX_NUMBER_LENGTH = 100
_NUMBER = re.compile(r"^([+-]?)(\d[\d.,]*|[.,]\d+)(?:[eE]([+-]?\d{1,4}))?$")
# Spaces group digits in some locales ("1 234,5"): no-break and thin spaces included.
_GROUP_SPACES = re.compile(r"[ \u00a0\u2009\u202f]")


class InvalidResponse(ValueError):
    """A response that does not fit its question; ``issue`` is the message to show (HTTP 400)."""

    def __init__(self, issue):
        super().__init__(issue.message % issue.params if issue.params else issue.message)
        self.issue = issue


def invalid(message, **params):
    """Return an :class:`InvalidResponse` for ``message`` (a message id) and its parameters."""
    return InvalidResponse(Issue(message, params=params))


def parse_number(value):
    """Return ``value`` as a :class:`Decimal`, or ``None`` when it is not a number.

    One separator is the decimal mark whichever it is ("3,5", "3.5"); with both, the last one
    is ("1.234,5", "1,234.5") and the other must group digits by three; a separator repeated
    alone only groups ("1.234.567").
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
        return number if number.is_finite() else None
    if not isinstance(value, str) or len(value) > MAX_NUMBER_LENGTH:
        return None
    match = _NUMBER.match(_GROUP_SPACES.sub("", nfc(value).strip().replace("\u2212", "-")))
    if not match:
        return None
    sign, body, exponent = match.groups()
    digits = _plain_digits(body)
    if digits is None:
        return None
    try:
        return Decimal(f"{sign}{digits}" + (f"e{exponent}" if exponent else ""))
    except InvalidOperation:
        return None


def _plain_digits(body):
    marks = {mark for mark in ".," if mark in body}
    if len(marks) == 2:
        decimal_mark = "." if body.rfind(".") > body.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        whole, _mark, fraction = body.rpartition(decimal_mark)
        if group_mark in fraction or decimal_mark in whole or not _grouped(whole, group_mark):
            return None
        return whole.replace(group_mark, "") + "." + fraction
    if len(marks) == 1:
        (mark,) = marks
        if body.count(mark) > 1:
            return body.replace(mark, "") if _grouped(body, mark) else None
        return body.replace(mark, ".")
    return body


def _grouped(text, mark):
    first, *groups = text.split(mark)
    return 1 <= len(first) <= 3 and all(len(group) == 3 for group in groups)


def check_index(value, count):
    """Return ``value`` if it is the index of one of ``count`` options."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
        raise invalid(N_("Choose one of the listed options."))
    return value


def check_indexes(value, count):
    """Return a frozenset of distinct option indexes from a list, tuple or set."""
    if not isinstance(value, list | tuple | set | frozenset):
        raise invalid(N_("Choose any number of the listed options."))
    indexes = [check_index(item, count) for item in value]
    if len(set(indexes)) != len(indexes):
        raise invalid(N_("Each option can be chosen only once."))
    return frozenset(indexes)


def check_text(value, limit=MAX_TEXT_LENGTH):
    """Return ``value`` in NFC if it is text of at most ``limit`` characters."""
    if not isinstance(value, str):
        raise invalid(N_("Type your answer as text."))
    if len(value) > limit:
        raise invalid(N_("The answer is longer than %(limit)s characters."), limit=limit)
    return nfc(value)


def check_boolean(value):
    """Return ``value`` if it is ``True`` (true) or ``False`` (false)."""
    if not isinstance(value, bool):
        raise invalid(N_("Answer true or false."))
    return value


def check_mapping(value, left_count, right_count):
    """Return ``{left index: right index}`` from a mapping (JSON keys may be digit strings)."""
    if not isinstance(value, Mapping):
        raise invalid(N_("Match each item with one of the listed answers."))
    pairs = {}
    for key, chosen in value.items():
        left = int(key) if isinstance(key, str) and key.isdigit() and key.isascii() else key
        check_index(left, left_count)
        if chosen is not None:
            pairs[left] = check_index(chosen, right_count)
    return pairs


def check_order(value, count):
    """Return a tuple that puts each of ``count`` items in exactly one place."""
    if not isinstance(value, list | tuple) or sorted(check_index(i, count) for i in value) != list(range(count)):
        raise invalid(N_("Put every item in exactly one place."))
    return tuple(value)
