"""Vietnamese text helpers (pure): NFC normalisation, diacritic folding, safe cells.

Text is stored in NFC. Input from Word, macOS or some Vietnamese IMEs arrives decomposed
(NFD); comparing, searching or drawing it without normalising breaks (see
docs/architecture.md, "Vietnamese text").
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def nfc(value):
    """Return ``value`` in Unicode NFC; ``None`` stays ``None``."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", value)


def clean_line(value):
    """Return a single-line NFC string with inner whitespace collapsed and ends trimmed."""
    if value is None:
        return ""
    return _SPACES.sub(" ", nfc(str(value))).strip()


def fold(value):
    """Return ``value`` lower-cased without diacritics, for matching ("Đà Nẵng" -> "da nang")."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).casefold()


def normalize_email(value):
    """Return an e-mail address trimmed and lower-cased (addresses are unique case-insensitively)."""
    return clean_line(value).lower()


def spreadsheet_safe(value):
    """Return ``value`` so that Excel or LibreOffice cannot run it as a formula.

    Strings starting with ``= + - @`` (or tab/CR) get a leading apostrophe; other values pass.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def slugify(value, max_length=80):
    """Return an ASCII slug ("Luật Báo chí 2016" -> "luat-bao-chi-2016")."""
    folded = fold(value)
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:max_length].strip("-") or "muc"
