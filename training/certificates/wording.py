"""The printed wording of a certificate: labels, dates and scores as text (pure).

A certificate is a Vietnamese official document, so its printed labels are Vietnamese by
default. They are data, not gettext messages: the issuing body may reword them, and an English
variant (:data:`LABELS_EN`) prints the same layout for foreign partners. Labels use
``%(name)s`` parameters; user data only ever fills parameters and is never used as a format.
"""

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

LABELS_VI = {
    "language": "vi",  # the PDF's declared language, for screen readers
    "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "title": "GIẤY CHỨNG NHẬN",
    "serial": "Số: %(serial)s",
    "certifies": "Chứng nhận ông/bà",
    "birth_date": "Sinh ngày: %(date)s",
    "position_unit": "Chức vụ, đơn vị công tác: %(value)s",
    "completed": "Đã hoàn thành khóa bồi dưỡng",
    "course_version": "Phiên bản chương trình: %(version)s",
    "completion_date": "Ngày hoàn thành: %(date)s",
    "score": "Kết quả: %(score)s%%",
    "valid_until": "Giấy chứng nhận có giá trị đến hết ngày %(date)s.",
    # Decree 30/2020/NĐ-CP: "Hà Nội, ngày 05 tháng 01 năm 2026" (day and month padded as the decree says).
    "date_line": "%(place)s, ngày %(day)s tháng %(month)s năm %(year)s",
    "verify_hint": "Tra cứu tính hợp lệ tại:",
    "verification_code": "Mã xác minh: %(code)s",
    "decimal_separator": ",",
    "document_title": "Giấy chứng nhận %(serial)s - %(name)s",
    "creator": "Nền tảng đào tạo người phát ngôn",
}

LABELS_EN = {
    "language": "en",
    "nation": "SOCIALIST REPUBLIC OF VIET NAM",
    "motto": "Independence - Freedom - Happiness",
    "title": "CERTIFICATE",
    "serial": "No.: %(serial)s",
    "certifies": "This is to certify that",
    "birth_date": "Date of birth: %(date)s",
    "position_unit": "Position, unit: %(value)s",
    "completed": "has completed the training course",
    "course_version": "Programme version: %(version)s",
    "completion_date": "Completed on: %(date)s",
    "score": "Result: %(score)s%%",
    "valid_until": "This certificate is valid until %(date)s.",
    "date_line": "%(place)s, %(dd)s/%(mm)s/%(year)s",
    "verify_hint": "Verify this certificate at:",
    "verification_code": "Verification code: %(code)s",
    "decimal_separator": ".",
    "document_title": "Certificate %(serial)s - %(name)s",
    "creator": "Spokesperson training platform",
}

# Control characters (a NUL or a form feed pasted from Word) would print as boxes or break lines.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


def clean(text):
    """Return ``text`` as one NFC line: control characters dropped, whitespace collapsed."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def merge_labels(overrides):
    """Return the Vietnamese labels with ``overrides`` applied, every value in NFC.

    :raises ValueError: for a key that no label has (a typo would silently print the default).
    """
    unknown = sorted(set(overrides) - set(LABELS_VI))
    if unknown:
        raise ValueError(f"unknown certificate labels: {', '.join(unknown)}")
    merged = {**LABELS_VI, **overrides}
    return {key: unicodedata.normalize("NFC", value) for key, value in merged.items()}


def fill(label, **params):
    """Return ``label`` with its ``%(name)s`` parameters filled (values are never formats)."""
    return label % params


def short_date(value):
    """Format a date as dd/mm/yyyy."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def date_line(label, place, value):
    """Return the place-and-date line ("Vũng Tàu, ngày 26 tháng 11 năm 2026").

    Decree 30/2020/NĐ-CP writes days below 10 and the months 1 and 2 with a leading zero
    ("ngày 05 tháng 02", but "tháng 3"): a lone "1" or "2" could be extended by hand.
    """
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return fill(label, place=place, day=day, month=month, year=value.year,
                dd=f"{value.day:02d}", mm=f"{value.month:02d}")


def format_score(score, separator):
    """Format a percentage with at most one decimal ("92,5", "100"), rounding half up."""
    value = Decimal(score).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if value == value.to_integral_value():
        return str(value.to_integral_value())
    return str(value).replace(".", separator)
