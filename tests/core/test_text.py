"""Vietnamese text helpers (pure: no app)."""

import unicodedata

import pytest

from training.core.text import clean_line, fold, nfc, normalize_email, slugify, spreadsheet_safe


def test_nfc_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn Hải")
    assert decomposed != "Nguyễn Văn Hải"
    assert nfc(decomposed) == "Nguyễn Văn Hải"


@pytest.mark.parametrize(("text", "folded"), [
    ("Đà Nẵng", "da nang"), ("Miễn bình luận", "mien binh luan"), ("ĐẶNG THỊ MỸ DUYÊN", "dang thi my duyen"),
    (unicodedata.normalize("NFD", "Phường Thắng Tam"), "phuong thang tam"), ("", ""),
])
def test_fold_removes_diacritics_and_case(text, folded):
    assert fold(text) == folded


def test_clean_line_collapses_spaces_and_normalises():
    assert clean_line("  Lê\u00a0 Minh\tQuân \n") == "Lê Minh Quân"
    assert clean_line(None) == ""


def test_normalize_email_is_case_insensitive():
    assert normalize_email("  Nguyen.Van.Hai@VungTau.gov.VN ") == "nguyen.van.hai@vungtau.gov.vn"


@pytest.mark.parametrize("value", ["=1+1", "+84", "-5", "@SUM(A1)", "\tx", "=HYPERLINK(\"http://x\")"])
def test_spreadsheet_safe_neutralises_formulas(value):
    assert spreadsheet_safe(value).startswith("'")


@pytest.mark.parametrize("value", ["Nguyễn", "125/QĐ-UBND", 42, None, ""])
def test_spreadsheet_safe_keeps_ordinary_values(value):
    assert spreadsheet_safe(value) == value


def test_slugify_is_ascii():
    assert slugify("Luật Báo chí 2016") == "luat-bao-chi-2016"
    assert slugify("!!!") == "muc"
