"""Serials from a configurable pattern, and verification codes that cannot be guessed."""

import re

import pytest

from training.certificates import serials
from training.certificates.serials import (
    CODE_ALPHABET,
    check_pattern,
    codes_match,
    compile_pattern,
    format_serial,
    group_code,
    new_verification_code,
    normalize_code,
    normalize_serial,
    parse_serial,
)


@pytest.mark.parametrize("pattern,seq,year,expected", [
    ("GCN-{year}-{seq:06d}", 123, 2026, "GCN-2026-000123"),
    ("GCN-{year}-{seq:06d}", 1234567, 2026, "GCN-2026-1234567"),
    ("{seq:04d}.BTG.{year}", 7, 2027, "0007.BTG.2027"),
    ("gcn_{seq}", 42, 2026, "GCN_42"),
    ("{year}{seq:05d}", 9, 2026, "202600009"),
    ("{seq}{year}", 15, 2026, "152026"),
])
def test_format_and_parse_round_trip(pattern, seq, year, expected):
    assert format_serial(seq, year, pattern) == expected
    parsed_year, parsed_seq = parse_serial(expected, pattern)
    assert parsed_seq == seq
    assert parsed_year == (year if "{year" in pattern else None)


def test_the_default_pattern_is_the_register_style():
    assert format_serial(123, 2026) == "GCN-2026-000123"
    assert parse_serial("GCN-2026-000123") == (2026, 123)


@pytest.mark.parametrize("typed", ["gcn-2026-000123", " GCN-2026-000123 ", "GCN\u20132026\u2013000123",
                                   "GCN - 2026 - 000123"])
def test_typed_or_pasted_serials_are_read(typed):
    assert normalize_serial(typed) == "GCN-2026-000123"
    assert parse_serial(typed) == (2026, 123)


@pytest.mark.parametrize("serial", ["GCN-2026-00012", "GCN-26-000123", "GCX-2026-000123", "GCN-2026-000123-1",
                                    "", "GCN-2026-ABCDEF"])
def test_other_serials_do_not_parse(serial):
    assert parse_serial(serial) is None


BAD_PATTERNS = {
    "no running number": ("GCN-{year}", "needs {seq}"),
    "unknown field": ("GCN-{unit}-{seq}", "once each"),
    "positional field": ("GCN-{}-{seq}", "once each"),
    "seq twice": ("{seq}-{seq}", "once each"),
    "conversion": ("GCN-{seq!r}", "once each"),
    "attribute": ("GCN-{seq.real}", "once each"),
    "space padding": ("GCN-{seq:6d}", "{seq:06d}"),
    "hex": ("GCN-{seq:x}", "{seq:06d}"),
    "year format": ("GCN-{year:02d}-{seq}", "Write the year"),
    "slash": ("{seq}/GCN-{year}", "letters, digits"),
    "space": ("GCN {seq}", "letters, digits"),
    "vietnamese": ("GCNĐ-{seq}", "letters, digits"),
    "unbalanced": ("GCN-{seq", "unbalanced"),
    "literal brace": ("GCN-{{seq}}-{seq}", "letters, digits"),
    "too long": ("G" * 60 + "{seq}", "too long"),
}


@pytest.mark.parametrize("pattern,expected", BAD_PATTERNS.values(), ids=BAD_PATTERNS.keys())
def test_bad_patterns_are_refused_with_a_reason(pattern, expected):
    issue = check_pattern(pattern)
    assert issue is not None and expected in issue.text(lambda m: m)
    with pytest.raises(ValueError):
        compile_pattern(pattern)


@pytest.mark.parametrize("seq,year", [(0, 2026), (-1, 2026), (1.5, 2026), (1, 26), (1, 20260)])
def test_bad_numbers_are_refused(seq, year):
    with pytest.raises(ValueError):
        format_serial(seq, year)


def test_codes_are_long_grouped_and_unambiguous():
    code = new_verification_code()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}", code)
    assert set(normalize_code(code)) <= set(CODE_ALPHABET)
    assert not set("01IOL") & set(CODE_ALPHABET)


def test_codes_do_not_repeat_and_use_the_whole_alphabet():
    codes = [normalize_code(new_verification_code()) for _ in range(3000)]
    assert len(set(codes)) == len(codes)
    assert set("".join(codes)) == set(CODE_ALPHABET)


def test_codes_come_from_the_secrets_module(monkeypatch):
    monkeypatch.setattr(serials.secrets, "choice", lambda alphabet: alphabet[0])
    assert new_verification_code(12) == "2222-2222-2222"


def test_short_codes_are_refused():
    with pytest.raises(ValueError):
        new_verification_code(8)


@pytest.mark.parametrize("typed,matches", [("K7QX-3MNP-2R", True), ("k7qx3mnp2r", True), (" K7QX 3MNP 2R ", True),
                                           ("K7QX-3MNP-2", False), ("K7QX-3MNP-2RR", False), ("", False),
                                           ("K7QX\u20133MNP\u20132R", True)])
def test_typed_codes_are_compared_loosely_but_exactly(typed, matches):
    assert codes_match("K7QX-3MNP-2R", typed) is matches


def test_an_empty_stored_code_matches_nothing():
    assert codes_match("", "") is False


def test_group_code():
    assert group_code("k7qx3mnp2r") == "K7QX-3MNP-2R"
    assert group_code("ABCDEFGH") == "ABCD-EFGH"
