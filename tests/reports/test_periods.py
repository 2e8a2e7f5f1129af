"""Reporting periods (pure): parsing, labels, bounds in Vietnamese time, previous and trend periods."""

from datetime import UTC, date, datetime

import pytest

from training.reports.periods import MAX_TREND_PERIODS, Period, PeriodError, parse_period


@pytest.mark.parametrize("text,start,end,code,label", [
    ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "2026-Q4", "Quý IV năm 2026"),
    ("2026-q1", date(2026, 1, 1), date(2026, 3, 31), "2026-Q1", "Quý I năm 2026"),
    (" 2024-Q1 ", date(2024, 1, 1), date(2024, 3, 31), "2024-Q1", "Quý I năm 2024"),
    ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30), "2026-Q2", "Quý II năm 2026"),
    ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "2026-Q3", "Quý III năm 2026"),
    ("2026-H1", date(2026, 1, 1), date(2026, 6, 30), "2026-H1", "6 tháng đầu năm 2026"),
    ("2026-H2", date(2026, 7, 1), date(2026, 12, 31), "2026-H2", "6 tháng cuối năm 2026"),
    ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026", "Năm 2026"),
    ("2026-10-01:2026-12-31", date(2026, 10, 1), date(2026, 12, 31), "2026-10-01:2026-12-31",
     "Từ 01/10/2026 đến 31/12/2026"),
    ("01/10/2026:31/12/2026", date(2026, 10, 1), date(2026, 12, 31), "2026-10-01:2026-12-31",
     "Từ 01/10/2026 đến 31/12/2026"),
    ("1/2/2024 : 29/2/2024", date(2024, 2, 1), date(2024, 2, 29), "2024-02-01:2024-02-29",
     "Từ 01/02/2024 đến 29/02/2024"),
    ("2026-11-26:2026-11-26", date(2026, 11, 26), date(2026, 11, 26), "2026-11-26:2026-11-26",
     "Từ 26/11/2026 đến 26/11/2026"),
])
def test_parses_every_period_form(text, start, end, code, label):
    period = parse_period(text)
    assert (period.start, period.end, period.code, period.label) == (start, end, code, label)
    assert parse_period(period.code) == period
    assert Period.from_code(period.code) == period


@pytest.mark.parametrize("text,message_start", [
    ("", "Choose a reporting period"),
    ("   ", "Choose a reporting period"),
    ("2026-Q5", '"%(text)s" is not a period'),
    ("2026-Q0", '"%(text)s" is not a period'),
    ("2026-H3", '"%(text)s" is not a period'),
    ("Q4-2026", '"%(text)s" is not a period'),
    ("26", '"%(text)s" is not a period'),
    ("quý 4", '"%(text)s" is not a period'),
    ("2026-Q4; DROP TABLE units", '"%(text)s" is not a period'),
    ("1999", "The year %(year)s is outside"),
    ("2101-Q1", "The year %(year)s is outside"),
    ("31/02/2026:31/12/2026", '"%(text)s" is not a valid date'),
    ("2026-13-01:2026-12-31", '"%(text)s" is not a valid date'),
    ("2026-12-31:2026-10-01", "The period ends (%(end)s) before it starts (%(start)s)."),
    ("31/12/2026:01/10/2026", "The period ends (%(end)s) before it starts (%(start)s)."),
    ("2000-01-01:2050-01-01", "A reporting period may cover at most %(years)s years."),
    ("01/01/2016:01/01/2026", "A reporting period may cover at most %(years)s years."),
])
def test_refuses_bad_periods_with_a_clear_issue(text, message_start):
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    issue = info.value.issue
    assert issue.message.startswith(message_start)
    assert issue.column == "period"
    assert issue.text(lambda m: m)  # the parameters fill the message without a KeyError


def test_fifty_year_range_is_refused_but_ten_years_is_accepted():
    with pytest.raises(PeriodError):
        parse_period("2000-01-01:2049-12-31")
    assert parse_period("2016-01-01:2025-12-31").days == 3653
    with pytest.raises(PeriodError):
        parse_period("2016-01-01:2026-01-01")


def test_reversed_range_names_both_dates():
    with pytest.raises(PeriodError) as info:
        parse_period("2026-12-31:2026-10-01")
    assert info.value.issue.params == {"start": "31/12/2026", "end": "01/10/2026"}


def test_bounds_are_local_days_in_utc():
    start, end = parse_period("2026-Q4").bounds()
    assert start == datetime(2026, 9, 30, 17, 0, tzinfo=UTC)
    assert end == datetime(2026, 12, 31, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("text,previous", [
    ("2026-Q1", "2025-Q4"), ("2026-Q4", "2026-Q3"), ("2026-H1", "2025-H2"), ("2026-H2", "2026-H1"),
    ("2026", "2025"), ("2026-10-01:2026-12-31", "2026-07-01:2026-09-30"),
    ("2024-03-01:2024-03-31", "2024-01-30:2024-02-29"), ("2026-11-26:2026-11-26", "2026-11-25:2026-11-25"),
])
def test_previous_period(text, previous):
    current = parse_period(text)
    before = current.previous()
    assert before.code == previous
    if current.kind == "range":
        assert before.days == current.days and before.end.toordinal() + 1 == current.start.toordinal()


def test_last_n_gives_consecutive_periods_oldest_first():
    periods = parse_period("2026-Q2").last_n(4)
    assert [p.code for p in periods] == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    assert [p.short_label for p in periods] == ["Quý III/2025", "Quý IV/2025", "Quý I/2026", "Quý II/2026"]
    assert parse_period("2026").last_n(1) == (parse_period("2026"),)


@pytest.mark.parametrize("n", [0, -1, MAX_TREND_PERIODS + 1])
def test_last_n_is_bounded(n):
    with pytest.raises(ValueError):
        parse_period("2026-Q4").last_n(n)


@pytest.mark.parametrize("text,phrase,during,short", [
    ("2026-Q4", "Quý IV năm 2026", "Trong Quý IV năm 2026", "Quý IV/2026"),
    ("2026-H1", "6 tháng đầu năm 2026", "Trong 6 tháng đầu năm 2026", "6T đầu/2026"),
    ("2026", "năm 2026", "Trong năm 2026", "2026"),
    ("2026-10-01:2026-12-31", "từ 01/10/2026 đến 31/12/2026", "Từ 01/10/2026 đến 31/12/2026", "01/10–31/12/2026"),
    ("2025-12-01:2026-01-31", "từ 01/12/2025 đến 31/01/2026", "Từ 01/12/2025 đến 31/01/2026",
     "01/12/2025–31/01/2026"),
])
def test_phrases_for_sentences_and_charts(text, phrase, during, short):
    period = parse_period(text)
    assert (period.phrase, period.during, period.short_label) == (phrase, during, short)


def test_contains_and_days():
    period = parse_period("2024-Q1")
    assert period.days == 91
    assert period.contains(date(2024, 2, 29)) and not period.contains(date(2024, 4, 1))
