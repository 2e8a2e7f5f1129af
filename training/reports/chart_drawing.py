"""Draw a chart layout of ``charts.py`` as a reportlab ``Drawing`` for the PDF (pure: reportlab only).

The PDF shows the same shapes as the dashboard's SVG. Only the y axis flips (reportlab's origin
is bottom left) and texts are measured with the embedded DejaVu fonts, so labels are cut to fit
exactly.
"""

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from training.core.pdf_fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts
from training.reports import charts
from training.reports.formatting import clean_text


def measure(text, size, bold=False):
    """Return the width of ``text`` in the PDF's sans font (a ``measure`` for the chart layouts)."""
    register_fonts()
    return stringWidth(text, SANS_BOLD if bold else SANS, size)


def _colour(value):
    return HexColor(value) if value else None


def to_drawing(chart):
    """Return a reportlab ``Drawing`` of the laid-out ``chart``."""
    register_fonts()
    height = chart.height
    # The drawing's own font replaces reportlab's Helvetica default, a font that would be referenced unembedded.
    drawing = Drawing(chart.width, height, initialFontName=SANS, initialFontSize=8)
    for shape in chart.shapes:
        if isinstance(shape, charts.Rect):
            drawing.add(Rect(shape.x, height - shape.y - shape.h, shape.w, shape.h, fillColor=_colour(shape.fill),
                             strokeColor=_colour(shape.stroke), strokeWidth=0.8 if shape.stroke else 0))
        elif isinstance(shape, charts.Line):
            drawing.add(Line(shape.x1, height - shape.y1, shape.x2, height - shape.y2,
                             strokeColor=_colour(shape.stroke), strokeWidth=shape.width,
                             strokeDashArray=list(shape.dash) or None))
        elif isinstance(shape, charts.Polyline):
            points = [c for x, y in shape.points for c in (x, height - y)]
            drawing.add(PolyLine(points, strokeColor=_colour(shape.stroke), strokeWidth=shape.width))
        elif isinstance(shape, charts.Circle):
            drawing.add(Circle(shape.cx, height - shape.cy, shape.r, fillColor=_colour(shape.fill),
                               strokeColor=_colour(shape.stroke), strokeWidth=1.2))
        else:
            font = SANS_BOLD if shape.bold else SANS_ITALIC if shape.italic else SANS
            drawing.add(String(shape.x, height - shape.y, clean_text(shape.text), fontName=font,
                               fontSize=shape.size, fillColor=_colour(shape.fill), textAnchor=shape.anchor))
    return drawing
