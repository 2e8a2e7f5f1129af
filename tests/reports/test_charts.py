"""Charts (pure): accessible SVG readable without colour, escaped text, the same layout in the PDF."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from tests.paths import fixture
from tests.reports.sample import sample_report
from training.reports import charts
from training.reports.chart_drawing import measure, to_drawing

SVG = "{http://www.w3.org/2000/svg}"
BARS = (charts.ChartBar("Phường 1", Decimal(80), "12/15"), charts.ChartBar("Phường 2", Decimal(100), "3/3"),
        charts.ChartBar("Xã Long Sơn", None), charts.ChartBar("Phường 3", Decimal(0), "0/4"))


def _payloads():
    lines = fixture("xss-payloads.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")] + ["{{7*7}}", "a & b ]]> c"]


def _texts(root):
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_bar_chart_is_accessible_svg():
    root = ET.fromstring(charts.coverage_bar_svg(BARS, title="Bao phủ"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("aria-label") == "Bao phủ"
    assert root.find(f"{SVG}title").text == "Bao phủ"
    desc = root.find(f"{SVG}desc").text
    assert "Phường 1: 80,0% (12/15)" in desc and "Xã Long Sơn: chưa có người phát ngôn" in desc
    assert root.get("viewBox").startswith("0 0 720 ")
    assert not any(el.get("style") for el in root.iter()), "the CSP forbids style attributes"


def test_every_bar_prints_its_value_and_the_target_is_labelled():
    texts = _texts(ET.fromstring(charts.coverage_bar_svg(BARS)))
    for expected in ("80,0% (12/15)", "100,0% (3/3)", "0,0% (0/4)", "chưa có người phát ngôn", "Mục tiêu 100%",
                     "Đạt mục tiêu", "Chưa đạt mục tiêu (gạch chéo)", "Phường 1", "Xã Long Sơn"):
        assert expected in texts


def _bar_rects(chart):
    return [s for s in chart.shapes if isinstance(s, charts.Rect) and s.title]


def test_bars_below_target_are_hatched_and_those_meeting_it_are_solid():
    chart = charts.coverage_bar_chart(BARS)
    below, met, zero = _bar_rects(chart)
    hatch = [s for s in chart.shapes if isinstance(s, charts.Line) and s.width == 0.8]
    inside_below = [h for h in hatch if below.y - 0.01 <= min(h.y1, h.y2) and max(h.y1, h.y2) <= below.y + below.h
                    + 0.01 and below.x - 0.01 <= min(h.x1, h.x2) and max(h.x1, h.x2) <= below.x + below.w + 0.01]
    inside_met = [h for h in hatch if met.y <= h.y1 <= met.y + met.h and met.x <= h.x1 <= met.x + met.w]
    assert len(inside_below) > 10 and not inside_met
    assert below.fill != met.fill and below.stroke and met.stroke is None
    assert below.w == pytest.approx(met.w * 0.8) and zero.w == 0


def test_target_line_sits_at_the_target():
    chart = charts.coverage_bar_chart(BARS, target=Decimal(80))
    below, met, _zero = _bar_rects(chart)
    target = next(s for s in chart.shapes if isinstance(s, charts.Line) and s.dash)
    assert target.x1 == pytest.approx(below.x + below.w)  # 80 % reaches the 80 % target
    assert below.stroke is None  # meeting the target: solid, not hatched
    assert "Mục tiêu 80%" in [s.text for s in chart.shapes if isinstance(s, charts.Text)]


def test_hatch_lines_stay_inside_their_rectangle():
    for w, h in ((100, 14), (3, 14), (14, 3), (0.5, 10)):
        for line in charts._hatch(10, 20, w, h, 5):
            for x, y in ((line.x1, line.y1), (line.x2, line.y2)):
                assert 10 - 1e-9 <= x <= 10 + w + 1e-9 and 20 - 1e-9 <= y <= 20 + h + 1e-9


@pytest.mark.parametrize("payload", _payloads())
def test_hostile_unit_names_are_printed_literally_never_markup(payload):
    svg = charts.coverage_bar_svg((charts.ChartBar(payload, Decimal(50), "1/2"),), width=4000)
    root = ET.fromstring(svg)  # still well-formed XML
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert tags <= {"svg", "title", "desc", "g", "rect", "line", "text", "polyline", "circle"}
    assert not any(name.lower().startswith("on") for el in root.iter() for name in el.attrib)
    assert payload in _texts(root)
    assert payload in root.find(f"{SVG}desc").text


def test_control_characters_do_not_break_the_svg():
    root = ET.fromstring(charts.coverage_bar_svg((charts.ChartBar("Phường\x00 1\x1b", Decimal(1)),)))
    assert "Phường 1" in _texts(root)


def test_long_labels_are_cut_with_an_ellipsis():
    name = "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Vũng Tàu tỉnh Bà Rịa - Vũng Tàu " * 2
    chart = charts.coverage_bar_chart((charts.ChartBar(name, Decimal(5)),))
    label = next(s for s in chart.shapes if isinstance(s, charts.Text) and s.text.startswith("Ủy ban"))
    assert label.text.endswith("…") and charts.estimate_width(label.text, label.size) < 720 * 0.38
    rect = _bar_rects(chart)[0]
    assert rect.title.startswith(name.strip()[:40])  # the tooltip keeps the whole name


def test_trend_chart_labels_points_and_breaks_at_missing_periods():
    points = (charts.ChartPoint("Quý I/2026", Decimal(50)), charts.ChartPoint("Quý II/2026", Decimal("57.95")),
              charts.ChartPoint("Quý III/2026", None), charts.ChartPoint("Quý IV/2026", Decimal(75)),
              charts.ChartPoint("Quý I/2027", Decimal(80)))
    root = ET.fromstring(charts.trend_svg(points))
    texts = _texts(root)
    for expected in ("50,0%", "58,0%", "75,0%", "80,0%", "Quý III/2026", "–", "100%", "0%"):
        assert expected in texts
    lines = root.findall(f"{SVG}polyline")
    assert [len(line.get("points").split()) for line in lines] == [2, 2]  # no line across the gap
    assert len(root.findall(f"{SVG}circle")) == 4
    assert root.get("role") == "img" and root.find(f"{SVG}desc").text.startswith("Quý I/2026: 50,0%")


def test_bars_and_points_come_from_the_report():
    report = sample_report()
    bars = charts.coverage_bars(report.units, max_depth=0)
    assert [(b.label, b.detail, b.level) for b in bars] == [
        ("Thành ủy Vũng Tàu", "4/5", 0), ("Ủy ban nhân dân Thành phố", "8/13", 0),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố", "2/2", 0)]
    assert len(charts.coverage_bars(report.units)) == len(report.units)
    points = charts.trend_points(report.trend)
    assert [p.label for p in points] == ["Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026"]
    assert points[-1].value == report.total.coverage


def test_svg_is_deterministic():
    report = sample_report()
    assert charts.coverage_bar_svg(charts.coverage_bars(report.units)) == charts.coverage_bar_svg(
        charts.coverage_bars(sample_report().units))


def test_the_pdf_drawing_has_the_same_shapes_and_texts():
    from reportlab.graphics.shapes import String

    chart = charts.coverage_bar_chart(BARS, width=480, font_size=7.5, measure=measure)
    drawing = to_drawing(chart)
    assert (drawing.width, drawing.height) == (480, chart.height)
    assert len(drawing.contents) == len(chart.shapes)
    strings = [s.text for s in drawing.contents if isinstance(s, String)]
    assert strings == [s.text for s in chart.shapes if isinstance(s, charts.Text)]
    first = next(s for s in drawing.contents if isinstance(s, String))
    assert first.y == pytest.approx(chart.height - chart.shapes[len(charts.TICKS)].y)  # y axis flipped


def test_empty_charts_are_still_valid_svg():
    for svg in (charts.coverage_bar_svg(()), charts.trend_svg(())):
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.find(f"{SVG}title").text
