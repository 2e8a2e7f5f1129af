"""Quiz statistics (pure) against numbers worked out by hand.

Five attempts at three right/wrong questions (1 mark each):

    attempt  q1 q2 q3  total
    A1        1  1  1    3
    A2        1  1  0    2
    A3        1  0  0    1
    A4        0  1  0    1
    A5        0  0  0    0

Totals: mean 7/5 = 1.4, median 1, sample variance 5.2/4 = 1.3. Item sample variances 0.3, 0.3,
0.2 (sum 0.8), so alpha = 3/2 * (1 - 0.8/1.3) = 15/26 = 0.576923... KR-20 with p*q (0.24, 0.24,
0.16) over the population variance 1.04 gives the same 15/26. SEM = sqrt(1.3 * 11/26) = sqrt(0.55).
Discrimination of q1: r(q1, rest) with rest = 2,1,0,1,0 -> 0.6 / sqrt(1.2 * 2.8) = 0.327327;
of q3: rest = 2,2,1,1,0 -> 0.8 / sqrt(0.8 * 2.8) = 0.534522.
"""

from decimal import Decimal

import pytest

from training.quizzes.statistics import AttemptResult, ChoiceCount, ItemResult, quiz_statistics

D = Decimal
TABLE = [(1, 1, 1), (1, 1, 0), (1, 0, 0), (0, 1, 0), (0, 0, 0)]
# The option each attempt chose in q1 ("0" is right): three right, then "1" and "2".
Q1_KEYS = ["0", "0", "0", "1", "2"]


def _attempts(table=TABLE, keys=Q1_KEYS):
    attempts = []
    for row, q1_key in zip(table, keys, strict=True):
        items = tuple(ItemResult(f"q{n + 1}", D(score), D(1), (q1_key,) if n == 0 else ("true",))
                      for n, score in enumerate(row))
        attempts.append(AttemptResult(D(sum(row)), items))
    return attempts


def _close(value, expected):
    return value is not None and abs(value - D(str(expected))) < D("0.000001")


@pytest.fixture(scope="module")
def stats():
    return quiz_statistics(_attempts())


def test_quiz_level_figures(stats):
    assert stats.attempts == 5 and stats.mean == D("1.4") and stats.median == D(1)
    assert _close(stats.standard_deviation, 1.3 ** 0.5)
    assert _close(stats.reliability, 15 / 26)
    assert _close(stats.standard_error, 0.55 ** 0.5)


def test_alpha_equals_kr20_for_right_wrong_items(stats):
    count, p = 3, [D("0.6"), D("0.6"), D("0.2")]
    totals = [D(sum(row)) for row in TABLE]
    mean = sum(totals) / len(totals)
    population_variance = sum((t - mean) ** 2 for t in totals) / len(totals)
    kr20 = D(count) / (count - 1) * (1 - sum(x * (1 - x) for x in p) / population_variance)
    assert _close(stats.reliability, kr20)


def test_item_figures(stats):
    q1, q2, q3 = stats.items
    assert [item.slot for item in stats.items] == ["q1", "q2", "q3"]
    assert (q1.facility, q2.facility, q3.facility) == (D("0.6"), D("0.6"), D("0.2"))
    assert _close(q1.standard_deviation, 0.3 ** 0.5) and _close(q3.standard_deviation, 0.2 ** 0.5)
    assert _close(q1.discrimination, 0.6 / (1.2 * 2.8) ** 0.5) and _close(q2.discrimination, 0.6 / (1.2 * 2.8) ** 0.5)
    assert _close(q3.discrimination, 0.8 / (0.8 * 2.8) ** 0.5)


def test_choice_frequencies(stats):
    q1 = stats.items[0]
    assert q1.attempts == 5 and q1.answered == 5
    assert q1.choices == (ChoiceCount("0", 3, D("0.6")), ChoiceCount("1", 1, D("0.2")), ChoiceCount("2", 1, D("0.2")))
    assert stats.items[1].choices == (ChoiceCount("true", 5, D(1)),)


def test_keys_sort_numbers_first_then_words():
    attempts = [AttemptResult(D(0), (ItemResult("q", D(0), D(1), (key,)),)) for key in ["10", "other", "2", "10"]]
    assert [c.key for c in quiz_statistics(attempts).items[0].choices] == ["2", "10", "other"]


def test_no_attempts():
    stats = quiz_statistics([])
    assert (stats.attempts, stats.mean, stats.median, stats.standard_deviation, stats.reliability,
            stats.standard_error, stats.items) == (0, None, None, None, None, None, ())


def test_one_attempt_has_a_mean_but_no_spread():
    stats = quiz_statistics(_attempts(TABLE[:1], Q1_KEYS[:1]))
    assert (stats.mean, stats.median, stats.standard_deviation, stats.reliability, stats.standard_error) == (
        D(3), D(3), None, None, None)
    assert stats.items[0].facility == 1 and stats.items[0].discrimination is None


def test_everyone_scoring_the_same_divides_by_nothing():
    stats = quiz_statistics(_attempts([(1, 0, 1)] * 4, ["0"] * 4))
    assert stats.standard_deviation == 0 and stats.reliability is None and stats.standard_error is None
    assert all(item.discrimination is None and item.standard_deviation == 0 for item in stats.items)


def test_partial_marks_and_different_maxima():
    attempts = [AttemptResult(D(3), (ItemResult("a", D(1), D(2)), ItemResult("b", D(2), D(2)))),
                AttemptResult(D(2), (ItemResult("a", D("0.5"), D(2)), ItemResult("b", D("1.5"), D(2))))]
    a, b = quiz_statistics(attempts).items
    assert a.facility == D("0.375") and b.facility == D("0.875") and a.answered == 0


def test_a_question_asked_in_some_attempts_only():
    attempts = _attempts()
    attempts[0] = AttemptResult(D(2), attempts[0].items[:2])  # q3 not asked in A1
    stats = quiz_statistics(attempts)
    q3 = stats.items[2]
    assert (q3.attempts, q3.facility) == (4, D(0))
    # alpha uses only the questions every attempt has: q1 and q2.
    assert stats.reliability is not None
    pairs_only = quiz_statistics([AttemptResult(a.total, a.items[:2]) for a in attempts])
    assert stats.reliability == pairs_only.reliability
