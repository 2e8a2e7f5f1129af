"""Charts of the coverage report (pure): a layout of plain shapes, written out as SVG.

A chart is laid out once as rectangles, lines and texts (:class:`Chart`); :func:`to_svg` writes it
for the dashboard and ``chart_drawing.to_drawing`` draws the very same shapes in the PDF, so both
show the same figures. The charts are readable without colour: every bar and point carries its
value as text, bars below the target are hatched, the target is a dashed line with a label.
Coordinates are SVG's (origin top left, y down). Every text is escaped when written, so a unit
called ``<script>`` is printed, never run.
"""

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from training.reports.formatting import HUNDRED, clean_text, format_int, format_percent

INK, MUTED, GRID, BAR, BAR_LIGHT, ACCENT, WHITE = ("#212529", "#495057", "#ced4da", "#37474f", "#e9ecef",
                                                  "#9b1c1c", "#ffffff")
FONT_FAMILY = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"
TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Rect:
    """A rectangle; ``title`` becomes a tooltip in SVG."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Line:
    """A straight line, optionally dashed (``dash`` = on/off lengths)."""

    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = INK
    width: float = 1.0
    dash: tuple = ()


@dataclass(frozen=True)
class Polyline:
    """Connected line segments through ``points``."""

    points: tuple
    stroke: str = INK
    width: float = 2.0


@dataclass(frozen=True)
class Circle:
    """A point marker."""

    cx: float
    cy: float
    r: float
    fill: str = WHITE
    stroke: str = INK


@dataclass(frozen=True)
class Text:
    """A text whose baseline starts (or is centred, or ends: ``anchor``) at ``x, y``."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"
    bold: bool = False
    italic: bool = False
    fill: str = INK


@dataclass(frozen=True)
class Chart:
    """A laid-out chart: its size, accessible title and description, and its shapes in drawing order."""

    width: float
    height: float
    title: str
    desc: str
    shapes: tuple


@dataclass(frozen=True)
class ChartBar:
    """One bar: a label, a percentage (``None``: nothing to measure), the fraction shown beside it."""

    label: str
    value: Decimal | None
    detail: str = ""
    level: int = 0


@dataclass(frozen=True)
class ChartPoint:
    """One point of a trend: the period's label and its percentage (``None``: no data)."""

    label: str
    value: Decimal | None
    detail: str = ""


@dataclass(frozen=True)
class ChartTexts:
    """The words printed on the charts (Vietnamese by default: the charts go into Vietnamese reports)."""

    bar_title: str = "Tỷ lệ người phát ngôn có giấy chứng nhận còn hiệu lực theo đơn vị"
    trend_title: str = "Tỷ lệ người phát ngôn có giấy chứng nhận còn hiệu lực qua các kỳ"
    target: str = "Mục tiêu %(target)s"
    met: str = "Đạt mục tiêu"
    below: str = "Chưa đạt mục tiêu (gạch chéo)"
    no_value: str = "chưa có người phát ngôn"


def estimate_width(text, size, bold=False):
    """Return a generous estimate of a text's width (no font metrics in the browser's place)."""
    return len(text) * size * (0.62 if bold else 0.57)


def _fit(text, width, size, bold, measure):
    """Return ``text`` cut with an ellipsis so that it fits in ``width``."""
    if measure(text, size, bold) <= width:
        return text
    while text and measure(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _hatch(x, y, w, h, step):
    """Return "/" hatch lines clipped to a rectangle (drawn as lines so the PDF needs no pattern)."""
    lines = []
    c = step
    while c < w + h:
        u1, u2 = max(0.0, c - h), min(w, c)
        if u2 > u1:
            lines.append(Line(x + u1, y + h - (c - u1), x + u2, y + h - (c - u2), BAR, 0.8))
        c += step
    return lines


def _value_text(bar):
    text = format_percent(bar.value)
    return f"{text} ({bar.detail})" if bar.detail else text


def coverage_bar_chart(bars, *, target=HUNDRED, width=720, font_size=12, texts=ChartTexts(), title=None,
                       measure=estimate_width):
    """Lay out horizontal percentage bars, one per :class:`ChartBar`, with a dashed target line."""
    size = font_size
    row, thick, indent, left = size * 1.9, size * 1.2, size * 0.9, size * 0.2
    top = size * 2.2
    value_w = measure("100,0% (9.999/9.999)", size, False) + size * 0.6
    label_w = min(max([measure(b.label, size, b.level == 0) + b.level * indent for b in bars] or [0]) + size + left,
                  width * 0.38)
    x0, x1 = label_w, width - value_w
    scale = (x1 - x0) / float(HUNDRED)
    axis_y = top + row * len(bars) + size * 0.3
    height = axis_y + size * 4.6
    shapes = [Line(x0 + t * scale, top - size * 0.3, x0 + t * scale, axis_y, GRID, 0.6) for t in TICKS]
    shapes += [Text(x0 + t * scale, axis_y + size * 1.2, f"{t}%", size * 0.85, "middle", fill=MUTED) for t in TICKS]
    shapes.append(Line(x0, top - size * 0.3, x0, axis_y, INK, 1.0))
    for index, bar in enumerate(bars):
        y = top + index * row
        bold = bar.level == 0 and any(b.level for b in bars)
        room = label_w - left - bar.level * indent - size * 0.6
        shapes.append(Text(left + bar.level * indent, y + row / 2 + size * 0.35, _fit(bar.label, room, size, bold, measure),
                           size, bold=bold))
        if bar.value is None:
            shapes.append(Text(x0 + size * 0.4, y + row / 2 + size * 0.35, texts.no_value, size * 0.9,
                               italic=True, fill=MUTED))
            continue
        bar_w = max(float(min(bar.value, HUNDRED)) * scale, 0.0)
        by = y + (row - thick) / 2
        met = bar.value >= target
        tooltip = f"{bar.label}: {_value_text(bar)}"
        shapes.append(Rect(x0, by, bar_w, thick, BAR if met else BAR_LIGHT, None if met else BAR, tooltip))
        if not met and bar_w > 0:
            shapes += _hatch(x0, by, bar_w, thick, size * 0.45)
        shapes.append(Text(x0 + bar_w + size * 0.35, y + row / 2 + size * 0.35, _value_text(bar), size,
                           bold=met))
    tx = x0 + float(target) * scale
    target_label = texts.target % {"target": format_percent(target).replace(",0%", "%")}
    shapes.append(Line(tx, top - size * 0.6, tx, axis_y, ACCENT, 1.6, (5, 3)))
    shapes.append(Text(tx, top - size * 0.85, target_label, size * 0.9, "end", bold=True, fill=ACCENT))
    shapes += _legend(x0, axis_y + size * 2.4, size, texts, measure)
    desc = "; ".join(f"{b.label}: {_value_text(b) if b.value is not None else texts.no_value}" for b in bars)
    return Chart(width, height, title or texts.bar_title, desc, tuple(shapes))


def _legend(x, y, size, texts, measure):
    box = size * 0.95
    shapes = [Rect(x, y, box * 1.6, box, BAR)]
    shapes.append(Text(x + box * 2, y + box * 0.85, texts.met, size * 0.9))
    x2 = x + box * 2 + measure(texts.met, size * 0.9, False) + size * 1.5
    shapes.append(Rect(x2, y, box * 1.6, box, BAR_LIGHT, BAR))
    shapes += _hatch(x2, y, box * 1.6, box, size * 0.45)
    shapes.append(Text(x2 + box * 2, y + box * 0.85, texts.below, size * 0.9))
    return shapes


def trend_chart(points, *, width=720, height=280, font_size=12, texts=ChartTexts(), title=None,
                measure=estimate_width):
    """Lay out a line of percentages over periods, each point labelled with its value."""
    size = font_size
    x0 = measure("100%", size * 0.85, False) + size * 1.4
    x1, top, bottom = width - size, size * 2.4, height - size * 2.2
    scale = (bottom - top) / float(HUNDRED)
    step = (x1 - x0) / max(len(points), 1)
    shapes = []
    for t in TICKS:
        y = bottom - t * scale
        shapes.append(Line(x0, y, x1, y, GRID if t else INK, 0.6 if t else 1.0))
        shapes.append(Text(x0 - size * 0.4, y + size * 0.3, f"{t}%", size * 0.85, "end", fill=MUTED))
    coords, segment = [], []
    for index, point in enumerate(points):
        x = x0 + step * (index + 0.5)
        shapes.append(Text(x, bottom + size * 1.4, _fit(point.label, step - 2, size * 0.9, False, measure),
                           size * 0.9, "middle"))
        if point.value is None:
            shapes.append(Text(x, bottom - size * 0.5, "–", size, "middle", fill=MUTED))
            if segment:
                coords.append(tuple(segment))
            segment = []
            continue
        segment.append((x, bottom - float(point.value) * scale))
    if segment:
        coords.append(tuple(segment))
    shapes += [Polyline(line, BAR, 2.0) for line in coords if len(line) > 1]
    for index, point in enumerate(points):
        if point.value is None:
            continue
        x, y = x0 + step * (index + 0.5), bottom - float(point.value) * scale
        shapes.append(Circle(x, y, size * 0.33, WHITE, BAR))
        shapes.append(Text(x, y - size * 0.7, format_percent(point.value), size * 0.95, "middle", bold=True))
    desc = "; ".join(f"{p.label}: {format_percent(p.value)}" + (f" ({p.detail})" if p.detail else "")
                     for p in points)
    return Chart(width, height, title or texts.trend_title, desc, tuple(shapes))


def coverage_bars(units, max_depth=None):
    """Return a :class:`ChartBar` per unit (down to ``max_depth``), indented by depth."""
    return tuple(ChartBar(u.name, u.coverage, f"{format_int(u.certified_spokespersons)}/{format_int(u.spokespersons)}",
                          u.depth)
                 for u in units if max_depth is None or u.depth <= max_depth)


def trend_points(trend):
    """Return a :class:`ChartPoint` per ``TrendPoint`` of a report."""
    return tuple(ChartPoint(p.period.short_label, p.coverage,
                            f"{format_int(p.certified_spokespersons)}/{format_int(p.spokespersons)}") for p in trend)


def _n(value):
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(value):
    return escape(clean_text(value))


def _attr(value):
    return quoteattr(clean_text(value))


def _svg_shape(shape):
    if isinstance(shape, Rect):
        stroke = f' stroke="{shape.stroke}" stroke-width="0.8"' if shape.stroke else ""
        rect = (f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" height="{_n(shape.h)}" '
                f'fill="{shape.fill}"{stroke}/>')
        return f"<g><title>{_text(shape.title)}</title>{rect}</g>" if shape.title else rect
    if isinstance(shape, Line):
        dash = f' stroke-dasharray="{" ".join(_n(d) for d in shape.dash)}"' if shape.dash else ""
        return (f'<line x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" y2="{_n(shape.y2)}" '
                f'stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"{dash}/>')
    if isinstance(shape, Polyline):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
        return f'<polyline points="{points}" fill="none" stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"/>'
    if isinstance(shape, Circle):
        return (f'<circle cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}" fill="{shape.fill}" '
                f'stroke="{shape.stroke}" stroke-width="1.5"/>')
    weight = ' font-weight="bold"' if shape.bold else ""
    style = ' font-style="italic"' if shape.italic else ""
    return (f'<text x="{_n(shape.x)}" y="{_n(shape.y)}" font-size="{_n(shape.size)}" text-anchor="{shape.anchor}" '
            f'fill="{shape.fill}"{weight}{style}>{_text(shape.text)}</text>')


def to_svg(chart):
    """Return the chart as a standalone SVG string (no script, no style attribute, every text escaped)."""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" width="{_n(chart.width)}" '
            f'height="{_n(chart.height)}" viewBox="0 0 {_n(chart.width)} {_n(chart.height)}" role="img" '
            f'aria-label={_attr(chart.title)} font-family="{FONT_FAMILY}">')
    body = "".join(_svg_shape(shape) for shape in chart.shapes)
    return f"{head}<title>{_text(chart.title)}</title><desc>{_text(chart.desc)}</desc>{body}</svg>"


def coverage_bar_svg(bars, **options):
    """Return the coverage-by-unit bar chart as SVG (options as :func:`coverage_bar_chart`)."""
    return to_svg(coverage_bar_chart(bars, **options))


def trend_svg(points, **options):
    """Return the trend chart as SVG (options as :func:`trend_chart`)."""
    return to_svg(trend_chart(points, **options))
