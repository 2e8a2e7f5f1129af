"""Date and time helpers (pure): dd/mm/yyyy, Asia/Ho_Chi_Minh, UTC storage."""

from datetime import UTC, date, datetime

import pytest

from training.core.time import as_utc, format_date, format_datetime, local_day_bounds, local_today, parse_date


def test_format_datetime_shows_ho_chi_minh_time():
    instant = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)
    assert format_datetime(instant) == "27/11/2026 00:30"
    assert format_date(instant) == "27/11/2026"


def test_format_date_of_a_plain_date():
    assert format_date(date(2024, 3, 15)) == "15/03/2024"
    assert format_date(None) == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("15/03/2024", date(2024, 3, 15)), ("5/3/2024", date(2024, 3, 5)), ("2024-03-15", date(2024, 3, 15)),
    ("15-03-2024", date(2024, 3, 15)), (" 15.03.2024 ", date(2024, 3, 15)),
])
def test_parse_date_accepts_vietnamese_and_iso_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2024", "2024/13/01", "hôm qua", ""])
def test_parse_date_refuses_impossible_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_local_day_bounds_are_utc_instants_of_the_local_day():
    start, end = local_day_bounds(date(2026, 7, 1))
    assert start == datetime(2026, 6, 30, 17, 0, tzinfo=UTC)
    assert (end - start).total_seconds() == 86400


def test_local_today_crosses_midnight():
    assert local_today(datetime(2026, 6, 30, 17, 1, tzinfo=UTC)) == date(2026, 7, 1)


def test_as_utc_treats_naive_as_utc():
    assert as_utc(datetime(2026, 1, 1)).tzinfo is UTC
