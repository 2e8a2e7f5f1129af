"""The Vietnamese-complete fonts for every PDF (pure: reportlab only).

DejaVu Sans and DejaVu Serif (TrueType, shipped in ``core/fonts/`` with their licence) cover
Latin Extended Additional, so every precomposed Vietnamese letter (U+1EA0–U+1EF9) has a glyph.
reportlab's standard fonts do not and print black boxes. Fonts are registered once per process
(parsing a TTF costs tens of milliseconds) and embedded as subsets in each document.
"""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).parent / "fonts"
FACES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVuSerif": "DejaVuSerif.ttf",
    "DejaVuSerif-Bold": "DejaVuSerif-Bold.ttf",
    "DejaVuSerif-Italic": "DejaVuSerif-Italic.ttf",
}
SANS, SANS_BOLD, SANS_ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
SERIF, SERIF_BOLD, SERIF_ITALIC = "DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"

_registered = False


def register_fonts():
    """Register the DejaVu faces and their bold/italic families with reportlab (idempotent)."""
    global _registered
    if _registered:
        return
    for name, filename in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD)
    pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD)
    _registered = True
