"""Item analysis of a quiz from its stored results (pure), as Moodle's quiz statistics report.

Input is plain data: per attempt its total and, per question slot, the score, the maximum
and the statistics keys of the response (``QuestionGrade.keys``: the chosen options). The
caller picks the attempts (all finished ones, or only first attempts) and runs this as a
background job, never inside a request.

Quiz level: count, mean, median and sample standard deviation of totals; reliability as
Cronbach's alpha (for right/wrong items it equals KR-20) and the standard error of
measurement ``SD * sqrt(1 - alpha)``. Per question: facility (mean score as a fraction of the
maximum), standard deviation of that fraction, discrimination (Pearson correlation of the
question's score with the rest of the test, Moodle's "discrimination index" divided by 100)
and how often each response key was given. A figure that cannot be computed (no attempts,
one attempt, no variance) is ``None``, never a division by zero.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, localcontext

ZERO = Decimal(0)
PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class ItemResult:
    """One question in one attempt; ``slot`` identifies the question across attempts."""

    slot: object
    score: Decimal
    max_score: Decimal
    keys: tuple = ()


@dataclass(frozen=True)
class AttemptResult:
    """One finished attempt: its total (the sum of its question scores) and its questions."""

    total: Decimal
    items: tuple


@dataclass(frozen=True)
class ChoiceCount:
    """How many attempts gave response key ``key``, and which share of those that were asked."""

    key: str
    count: int
    ratio: Decimal


@dataclass(frozen=True)
class ItemStatistics:
    """Statistics of one question slot over the attempts that asked it."""

    slot: object
    attempts: int
    answered: int
    facility: Decimal | None
    standard_deviation: Decimal | None
    discrimination: Decimal | None
    choices: tuple


@dataclass(frozen=True)
class QuizStatistics:
    """Statistics of the whole quiz and of each question slot."""

    attempts: int
    mean: Decimal | None
    median: Decimal | None
    standard_deviation: Decimal | None
    reliability: Decimal | None
    standard_error: Decimal | None
    items: tuple


def quiz_statistics(attempts):
    """Return :class:`QuizStatistics` for a sequence of :class:`AttemptResult`."""
    attempts = list(attempts)
    with localcontext() as context:
        context.prec = 34
        totals = [Decimal(attempt.total) for attempt in attempts]
        deviation = _standard_deviation(totals)
        reliability = _cronbach_alpha(attempts)
        error = None
        if deviation is not None and reliability is not None:
            error = deviation * max(1 - reliability, ZERO).sqrt()
        asked = {}
        for attempt in attempts:  # one pass: each slot's (item, attempt total) pairs
            for item in attempt.items:
                if item.max_score > 0:
                    asked.setdefault(item.slot, []).append((item, Decimal(attempt.total)))
        items = tuple(_item(slot, pairs) for slot, pairs in asked.items())
        return QuizStatistics(len(attempts), _round(_mean(totals)), _round(_median(totals)), _round(deviation),
                              _round(reliability), _round(error), items)


def _item(slot, pairs):
    fractions = [item.score / item.max_score for item, _total in pairs]
    scores = [item.score for item, _total in pairs]
    rest = [total - item.score for item, total in pairs]
    counts = Counter(key for item, _total in pairs for key in dict.fromkeys(item.keys))
    choices = tuple(ChoiceCount(key, count, _round(Decimal(count) / len(pairs)))
                    for key, count in sorted(counts.items(), key=lambda entry: _key_order(entry[0])))
    return ItemStatistics(slot, len(pairs), sum(1 for item, _total in pairs if item.keys), _round(_mean(fractions)),
                          _round(_standard_deviation(fractions)), _round(_correlation(scores, rest)), choices)


def _cronbach_alpha(attempts):
    """Return alpha over the slots that every attempt has (a matrix with holes has no alpha)."""
    rows = [{item.slot: Decimal(item.score) for item in attempt.items} for attempt in attempts]
    slots = [slot for slot in dict.fromkeys(slot for row in rows for slot in row) if all(slot in row for row in rows)]
    if len(slots) < 2 or len(attempts) < 2:
        return None
    columns = [[row[slot] for row in rows] for slot in slots]
    sums = [sum(row, ZERO) for row in zip(*columns, strict=True)]
    total_variance = _variance(sums)
    if not total_variance:
        return None
    item_variance = sum((_variance(column) for column in columns), ZERO)
    count = len(slots)
    return Decimal(count) / (count - 1) * (1 - item_variance / total_variance)


def _mean(values):
    return sum(values, ZERO) / len(values) if values else None


def _median(values):
    if not values:
        return None
    ordered, middle = sorted(values), len(values) // 2
    return ordered[middle] if len(values) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _variance(values):
    """Return the sample variance (n - 1), or ``None`` for fewer than two values."""
    if len(values) < 2:
        return None
    mean = _mean(values)
    return sum(((value - mean) ** 2 for value in values), ZERO) / (len(values) - 1)


def _standard_deviation(values):
    variance = _variance(values)
    return None if variance is None else variance.sqrt()


def _correlation(xs, ys):
    """Return Pearson's r, or ``None`` when either side does not vary."""
    if len(xs) < 2:
        return None
    mean_x, mean_y = _mean(xs), _mean(ys)
    sxx = sum(((x - mean_x) ** 2 for x in xs), ZERO)
    syy = sum(((y - mean_y) ** 2 for y in ys), ZERO)
    if not sxx or not syy:
        return None
    sxy = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)), ZERO)
    return sxy / (sxx * syy).sqrt()


def _key_order(key):
    # "2" before "10"; words ("true", "other") after the numbers.
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


def _round(value):
    return None if value is None else value.quantize(PLACES)
