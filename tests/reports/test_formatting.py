"""Vietnamese number and date formatting (pure): decimal comma, thousands dot, round half up."""

from datetime import date
from decimal import Decimal

import pytest

from training.reports.formatting import (
    clean_text,
    document_date,
    format_decimal,
    format_int,
    format_percent,
    format_signed_decimal,
    format_signed_int,
    percent,
    ratio,
    round1,
)


@pytest.mark.parametrize("value,text", [(0, "0"), (7, "7"), (999, "999"), (1000, "1.000"), (1234567, "1.234.567"),
                                        (-1234, "-1.234")])
def test_integers_use_a_thousands_dot(value, text):
    assert format_int(value) == text


@pytest.mark.parametrize("value,text", [
    (Decimal("80"), "80,0"), (Decimal("66.65"), "66,7"), (Decimal("66.649"), "66,6"), (Decimal("0.05"), "0,1"),
    (Decimal("1234.56"), "1.234,6"), (Decimal("-1.25"), "-1,3"), (Decimal("-0.04"), "0,0"), (None, "–"),
    (Decimal(200) / Decimal(3), "66,7"),
])
def test_decimals_round_half_up_with_a_comma(value, text):
    assert format_decimal(value) == text


def test_percent_and_signed_values():
    assert format_percent(Decimal(80)) == "80,0%"
    assert format_percent(None, empty="") == ""
    assert [format_signed_int(v) for v in (3, 0, -2)] == ["+3", "0", "-2"]
    assert [format_signed_decimal(v) for v in (Decimal("5"), Decimal("0"), Decimal("-1.25"), None)] == [
        "+5,0", "0,0", "-1,3", "–"]


@pytest.mark.parametrize("part,whole,expected", [(12, 15, Decimal(80)), (0, 5, Decimal(0)), (3, 0, None),
                                                 (1, 3, Decimal(100) / Decimal(3))])
def test_percent_is_exact_and_none_without_a_whole(part, whole, expected):
    assert percent(part, whole) == expected


def test_ratio_and_round1():
    assert ratio(Decimal("250"), 3) == Decimal(250) / Decimal(3)
    assert ratio(5, 0) is None
    assert round1(Decimal("2.25")) == Decimal("2.3") and round1(None) is None


@pytest.mark.parametrize("day,text", [
    (date(2026, 11, 26), "ngày 26 tháng 11 năm 2026"), (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
    (date(2026, 1, 9), "ngày 09 tháng 01 năm 2026"), (date(2026, 3, 1), "ngày 01 tháng 3 năm 2026"),
    (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
])
def test_document_dates_follow_decree_30(day, text):
    assert document_date(day) == text


def test_clean_text_composes_and_drops_xml_illegal_characters():
    decomposed = "Phu\u031bo\u031b\u0300ng 1"  # "Phường 1" typed on macOS
    assert clean_text(decomposed) == "Phường 1"
    assert clean_text("a\x00b\x1fc\ttab") == "abc\ttab"
    assert clean_text(None) == "" and clean_text(12) == "12"
