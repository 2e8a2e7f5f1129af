"""Phrase, number and sentence matching with offsets into the answer (pure: no app)."""

import unicodedata

import pytest

from training.simulations.matching import (
    EXACT,
    FOLDED,
    LENIENT,
    find_numbers,
    find_pair,
    find_phrases,
    known_values,
    number_values,
    preceded_by,
    sentences,
    words,
)


@pytest.mark.parametrize(("text", "phrase", "mode", "found"), [
    ("Tôi xin miễn bình luận.", "miễn bình luận", LENIENT, "miễn bình luận"),
    ("Toi xin mien binh luan.", "miễn bình luận", LENIENT, "mien binh luan"),
    ("MIỄN BÌNH LUẬN!", "miễn bình luận", LENIENT, "MIỄN BÌNH LUẬN"),
    ("miễn   bình\nluận", "miễn bình luận", LENIENT, "miễn   bình\nluận"),
    ("No comment, sorry.", "no comment", LENIENT, "No comment"),
    ("Toi xin mien binh luan.", "miễn bình luận", EXACT, None),
    ("thông thường", "thương", LENIENT, None),
    ("thong thuong", "thương", LENIENT, "thuong"),
    ("thông thường", "thương", FOLDED, "thường"),
    ("Đà Nẵng", "da nang", FOLDED, "Đà Nẵng"),
    ("Công ty XYZ", "Công ty X", LENIENT, None),
    ("cong ty X.", "Công ty X", LENIENT, "cong ty X"),
    ("nhiều khả năngxx", "nhiều khả năng", LENIENT, None),
    ("trong 72 giờ tới", "trong {N} giờ", LENIENT, "trong 72 giờ"),
    ("lúc 17h30", "lúc {N}", LENIENT, "lúc 17h30"),
])
def test_phrases_match_whole_words_in_the_chosen_mode(text, phrase, mode, found):
    spans = find_phrases(text, [phrase], mode)
    assert (spans[0].text if spans else None) == found
    for span in spans:
        assert text[span.start:span.end] == span.text
        assert span.phrase == phrase


def test_longest_phrase_wins_and_matches_do_not_overlap():
    spans = find_phrases("xin miễn bình luận, miễn bình luận", ["miễn bình luận", "xin miễn bình luận"])
    assert [(s.text, s.phrase) for s in spans] == [("xin miễn bình luận", "xin miễn bình luận"),
                                                   ("miễn bình luận", "miễn bình luận")]


def test_decomposed_input_is_matched_with_offsets_into_its_nfc_form():
    decomposed = unicodedata.normalize("NFD", "Vâng, miễn bình luận.")
    spans = find_phrases(decomposed, ["miễn bình luận"])
    composed = unicodedata.normalize("NFC", decomposed)
    assert composed[spans[0].start:spans[0].end] == "miễn bình luận"


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        find_phrases("x", ["x"], "loose")


def test_empty_phrase_lists_and_texts_find_nothing():
    assert find_phrases("miễn bình luận", []) == ()
    assert find_phrases("", ["x"]) == ()
    assert find_phrases("abc", ["  "]) == ()


@pytest.mark.parametrize(("token", "values"), [
    ("2,3", {"2.3"}), ("1.200", {"1200"}), ("2.3", {"2.3"}), ("1,200", {"1200", "1.2"}), ("1.200.000", {"1200000"}),
    ("1.200,5", {"1200.5"}), ("0,5", {"0.5"}), ("092", {"92"}), ("09:00", {"9:0"}), ("24/7", {"24/7"}),
    ("3/6", {"3/6"}),
])
def test_number_values_read_vietnamese_and_english_styles(token, values):
    assert number_values(token) == values


@pytest.mark.parametrize(("text", "tokens"), [
    ("thu gom 2,3 tấn trên ~1,2 km", ["2,3", "1,2"]),
    ("92% hộ; 72h; 02:00–04:00", ["92", "72", "02:00", "04:00"]),
    ("mã F28, ngày D+1, số 1900-xxxx", ["1900"]),
    ("giám sát 24/7.", ["24/7"]),
])
def test_numbers_are_found_with_their_offsets(text, tokens):
    spans = find_numbers(text)
    assert [s.text for s in spans] == tokens
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_known_values_include_fraction_parts_and_clock_hours_only():
    values = known_values(["oxy thấp ở 3/6 điểm", "mất tín hiệu 02:00–04:00"])
    assert {"3", "6", "3/6", "clock:2", "clock:4", "2:0"} <= values
    assert "2" not in values and "4" not in values


def test_sentences_skip_abbreviations_and_initials():
    text = "TP. Đà Nẵng đã lấy mẫu. Hộ bà N. được hỏi! Kết quả\nsau 72 giờ"
    assert [s.text for s in sentences(text, ("TP",))] == ["TP. Đà Nẵng đã lấy mẫu.", "Hộ bà N. được hỏi!", "Kết quả",
                                                          "sau 72 giờ"]
    for span in sentences(text, ("TP",)):
        assert text[span.start:span.end].rstrip() == span.text


def test_words_count_numbers_as_one_word():
    assert words("Thu gom 2,3 tấn, giám sát 24/7.") == ["Thu", "gom", "2,3", "tấn", "giám", "sát", "24/7"]


@pytest.mark.parametrize(("text", "start", "expected"), [
    ("theo Điều 38 khoản 2", 10, True),
    ("theo dieu 38", 10, True),
    ("lấy 38 mẫu", 4, False),
    ("điều kiện 38", 10, False),
])
def test_preceded_by_looks_only_at_the_words_just_before(text, start, expected):
    assert preceded_by(text, start, ["điều"]) is expected


def test_find_pair_stays_within_one_sentence():
    assert find_pair("Nếu có kim loại nặng thì đóng cửa.", ["nếu"], ["thì"])[0].text == "Nếu có kim loại nặng thì"
    assert find_pair("Nếu cần. Thì làm.", ["nếu"], ["thì"]) == ()
