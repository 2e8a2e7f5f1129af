"""Printed wording (dates, scores, labels) and fitting text into the page."""

import re
import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from training.certificates import layout, wording
from training.certificates.wording import LABELS_EN, LABELS_VI
from training.core.pdf_fonts import SERIF, SERIF_BOLD, register_fonts

register_fonts()
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("day,expected", [
    (date(2026, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2026"),
    (date(2026, 2, 28), "Hà Nội, ngày 28 tháng 02 năm 2026"),
    (date(2026, 3, 1), "Hà Nội, ngày 01 tháng 3 năm 2026"),
    (date(2026, 11, 26), "Hà Nội, ngày 26 tháng 11 năm 2026"),
])
def test_vietnamese_date_line_pads_as_the_decree_says(day, expected):
    assert wording.date_line(LABELS_VI["date_line"], "Hà Nội", day) == expected


def test_english_date_line():
    assert wording.date_line(LABELS_EN["date_line"], "Hanoi", date(2026, 3, 1)) == "Hanoi, 01/03/2026"


def test_short_date():
    assert wording.short_date(date(1979, 3, 12)) == "12/03/1979"


@pytest.mark.parametrize("score,separator,expected", [
    (Decimal("92.50"), ",", "92,5"), (Decimal("100"), ",", "100"), (Decimal("100.00"), ",", "100"),
    (Decimal("99.96"), ",", "100"), (Decimal("87.25"), ",", "87,3"), (Decimal("0"), ",", "0"),
    (Decimal("7.04"), ".", "7"), (Decimal("66.65"), ".", "66.7"), (75, ",", "75"),
])
def test_scores_print_with_one_decimal_at_most(score, separator, expected):
    assert wording.format_score(score, separator) == expected


@pytest.mark.parametrize("raw,expected", [
    (None, ""), ("  Lê   Văn\tNam ", "Lê Văn Nam"), ("Lê\x00Văn\x1fNam", "Lê Văn Nam"),
    (unicodedata.normalize("NFD", "Nguyễn Thị Hường"), "Nguyễn Thị Hường"), (2026, "2026"),
])
def test_clean(raw, expected):
    assert wording.clean(raw) == expected


def test_english_labels_cover_the_same_keys_and_parameters():
    assert LABELS_EN.keys() == LABELS_VI.keys()
    for key in LABELS_VI:
        if key != "date_line":  # the English line uses dd/mm instead of the decree's padding rule
            assert set(PLACEHOLDER.findall(LABELS_EN[key])) == set(PLACEHOLDER.findall(LABELS_VI[key])), key


def test_labels_merge_over_the_vietnamese_defaults_in_nfc():
    merged = wording.merge_labels({"title": unicodedata.normalize("NFD", "CHỨNG CHỈ")})
    assert merged["title"] == "CHỨNG CHỈ"
    assert merged["nation"] == LABELS_VI["nation"]
    with pytest.raises(ValueError, match="nation2"):
        wording.merge_labels({"nation2": "x"})


TITLE = "Bồi dưỡng kỹ năng phát ngôn và cung cấp thông tin cho báo chí của các cơ quan hành chính nhà nước năm 2026"


@pytest.mark.parametrize("max_width", [120, 250, 400, 2000])
def test_wrap_keeps_every_word_and_the_width(max_width):
    lines = layout.wrap(TITLE, SERIF_BOLD, 16, max_width)
    assert " ".join(lines) == TITLE
    assert all(layout.width(line, SERIF_BOLD, 16) <= max_width for line in lines)


def test_a_word_wider_than_the_line_is_cut():
    lines = layout.wrap("Nguyễn " + "A" * 80 + " Văn", SERIF, 12, 100)
    assert "".join(lines).replace(" ", "") == "Nguyễn" + "A" * 80 + "Văn"
    assert all(layout.width(line, SERIF, 12) <= 100 for line in lines)


def test_balanced_wrap_uses_as_many_lines_but_evens_them_out():
    greedy = layout.wrap(TITLE, SERIF_BOLD, 18, 640)
    balanced = layout.balanced_wrap(TITLE, SERIF_BOLD, 18, 640)
    assert len(balanced) == len(greedy) == 2
    assert " ".join(balanced) == TITLE

    def spread(lines):
        widths = [layout.width(line, SERIF_BOLD, 18) for line in lines]
        return max(widths) - min(widths)

    assert spread(balanced) < spread(greedy) / 2


def test_fit_shrinks_before_it_wraps_and_wraps_at_the_smallest_size():
    block = layout.fit("Nguyễn Thị Thanh Hương", SERIF_BOLD, 25, 250, max_lines=1, min_size=12)
    assert len(block.lines) == 1 and 12 <= block.size < 25
    assert layout.width(block.lines[0], SERIF_BOLD, block.size) <= 250
    long = layout.fit(TITLE * 2, SERIF_BOLD, 18, 300, max_lines=2, min_size=12)
    assert long.size == 12 and len(long.lines) > 2


def test_fit_leaves_short_text_alone():
    block = layout.fit("GIẤY CHỨNG NHẬN", SERIF_BOLD, 30, 640, min_size=18)
    assert block.lines == ("GIẤY CHỨNG NHẬN",) and block.size == 30


def test_urls_break_after_separators():
    url = "https://daotao.vungtau.gov.vn/verify/GCN-2026-000123?code=K7QX3MNP2R"
    lines = layout.wrap_url(url, SERIF, 8, 200)
    assert "".join(lines) == url
    assert len(lines) > 1 and all(line.endswith(("/", "?", "=")) for line in lines[:-1])
    assert lines[-1] == "K7QX3MNP2R" or "K7QX3MNP2R" in lines[-1]
