"""The coverage report as a PDF in the Vietnamese administrative layout (pure: reportlab only).

Layout after Decree 30/2020/ND-CP and the Party's document guidance: A4 portrait, margins 30 mm
left, 15 mm right, 20 mm top and bottom; the issuing body top left with the registry number under
it, the national line top right with the place and date in italics; the title "BÁO CÁO" and the
subject with the period; the body; the recipients bottom left and the signer bottom right. Page
numbers sit centred in the top margin from page 2 on (the decree shows none on page 1).

Fonts are the embedded DejaVu faces (Vietnamese glyphs); every text is NFC and escaped. The
document is built in reportlab's invariant mode, so the same report and document give the same
bytes: a frozen snapshot downloads identically years later.
"""

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from training.core.pdf_fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from training.core.time import format_date
from training.reports import charts, tables
from training.reports.chart_drawing import measure, to_drawing
from training.reports.formatting import clean_text
from training.reports.narrative import narrative
from training.reports.pdf_tables import markup, pdf_table

LEFT, RIGHT, TOP, BOTTOM, PAD = 30 * mm, 15 * mm, 20 * mm, 20 * mm, 6
WIDTH = A4[0] - LEFT - RIGHT
BODY_SIZE = 12
CHART_FONT = 7.5
MAX_BARS = 45  # bars per drawing: a drawing cannot break across pages, a list of them can
CREATOR = "Nền tảng bồi dưỡng người phát ngôn"
SECTION_ROOM, SUBSECTION_ROOM = 150, 110  # heading, caption, the header row and two rows of a table


def _style(name, font=SERIF, size=BODY_SIZE, align=TA_LEFT, **extra):
    extra.setdefault("leading", size * 1.3)
    return ParagraphStyle(name, fontName=font, fontSize=size, alignment=align, **extra)


S_HEAD = _style("head", size=11.5, align=TA_CENTER, leading=14)
S_HEAD_BOLD = _style("head-b", SERIF_BOLD, 11.5, TA_CENTER, leading=14)
S_DATE = _style("date", SERIF_ITALIC, 11.5, TA_CENTER, leading=14)
S_TITLE = _style("title", SERIF_BOLD, 15, TA_CENTER, spaceBefore=14)
S_SUBTITLE = _style("subtitle", SERIF_BOLD, 13, TA_CENTER, spaceBefore=2)
S_SCOPE = _style("scope", SERIF_ITALIC, 11, TA_CENTER, spaceBefore=4)
S_SECTION = _style("section", SERIF_BOLD, BODY_SIZE, spaceBefore=10, spaceAfter=4)
S_SUBSECTION = _style("subsection", SERIF_BOLD, BODY_SIZE - 0.5, spaceBefore=6, spaceAfter=3)
S_BODY = _style("body", align=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=5)
S_CAPTION = _style("caption", SERIF_BOLD, 10.5, TA_CENTER, spaceBefore=6, spaceAfter=4)
S_NOTE = _style("note", SERIF_ITALIC, 9.5, TA_JUSTIFY, spaceBefore=3)
S_EMPTY = _style("empty", SERIF_ITALIC, 11, firstLineIndent=10 * mm)
S_RECIPIENTS_HEAD = _style("recipients-h", SERIF_BOLD, 11, leading=14)
S_RECIPIENTS = _style("recipients", size=10, leading=12.5)
S_SIGNER = _style("signer", SERIF_BOLD, 12, TA_CENTER, leading=15)


# Layout tables (header, closing block): no padding, and the font set so that reportlab's default
# Helvetica (not embedded) is never referenced.
_LAYOUT = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
           ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("FONT", (0, 0), (-1, -1), SERIF, BODY_SIZE)]


def _p(text, style):
    return Paragraph(markup(text), style)


def _rule(width, before=1):
    return HRFlowable(width=width, thickness=0.6, color=colors.black, spaceBefore=before, spaceAfter=2,
                      hAlign="CENTER")


def _header(report, document):
    left = [_p(document.parent_body, S_HEAD), _p(document.issuing_body, S_HEAD_BOLD)]
    if document.body_mark:
        left.append(_p(document.body_mark, S_HEAD))
    left.append(_p(document.number_line, S_HEAD))
    national = clean_text(document.national_line)
    right = [_p(national, S_HEAD_BOLD), _rule(stringWidth(national, SERIF_BOLD, 11.5) + 2),
             _p(document.place_date_line, S_DATE)]
    table = Table([[left, right]], colWidths=[WIDTH * 0.43, WIDTH * 0.57])
    # A table cell places flowables by its ALIGN, not by their hAlign: centre the rules.
    table.setStyle(TableStyle([*_LAYOUT, ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    labels = document.labels
    scope = labels.scope % {"scope": clean_text(report.scope_name), "as_of": format_date(report.as_of)}
    return [table, _p(document.title, S_TITLE), _p(document.subtitle(report.period), S_SUBTITLE),
            _rule(22 * mm, before=5), _p(scope, S_SCOPE)]


def _room(points=None):
    """Start a new page unless ``points`` remain: a heading then starts its table on the same page.

    Used instead of keepWithNext, which wraps heading and table in one KeepTogether and so pushes a
    table longer than the space left to a new page, leaving the rest of the page blank.
    """
    return CondPageBreak(points or SECTION_ROOM)


class _Numbers:
    """Number tables and charts in the order they appear ("Bảng 1", "Biểu đồ 1"), whichever are shown."""

    def __init__(self, labels):
        self.labels, self.tables, self.figures = labels, 0, 0

    def table(self, caption):
        self.tables += 1
        return _p(self.labels.table % {"number": self.tables, "caption": caption}, S_CAPTION)

    def figure(self, caption):
        self.figures += 1
        return _p(self.labels.figure % {"number": self.figures, "caption": caption}, S_CAPTION)


def _general(report, document, numbers):
    labels = document.labels
    story = [_p(labels.general, S_SECTION)]
    story += [_p(text, S_BODY) for text in narrative(report)]
    story.append(KeepTogether([numbers.table(labels.summary_caption), pdf_table(tables.summary_table(report), WIDTH)]))
    return story


def _by_unit(report, document, numbers):
    labels = document.labels
    story = [_room(), _p(labels.by_unit, S_SECTION), numbers.table(labels.units_caption),
             pdf_table(tables.units_table(report), WIDTH), _p(labels.note, S_NOTE)]
    bars = charts.coverage_bars(report.units, max_depth=document.chart_depth)
    for start in range(0, len(bars), MAX_BARS):
        chart = charts.coverage_bar_chart(bars[start:start + MAX_BARS], width=WIDTH, font_size=CHART_FONT,
                                          measure=measure)
        caption = numbers.figure(labels.bar_caption) if start == 0 else _p(
            labels.continued % {"caption": labels.bar_caption}, S_CAPTION)
        story.append(KeepTogether([caption, to_drawing(chart)]))
    if len(report.trend) > 1:
        chart = charts.trend_chart(charts.trend_points(report.trend), width=WIDTH, height=170,
                                   font_size=CHART_FONT + 0.5, measure=measure)
        story.append(KeepTogether([numbers.figure(labels.trend_caption), to_drawing(chart)]))
    return story


def _by_course(report, document, numbers):
    labels = document.labels
    story = [_room(), _p(labels.by_course, S_SECTION)]
    if not report.courses:
        return [*story, _p(labels.no_courses, S_EMPTY)]
    return [*story, numbers.table(labels.courses_caption), pdf_table(tables.courses_table(report), WIDTH)]


def _attention(report, document):
    labels = document.labels
    story = [_room(), _p(labels.attention, S_SECTION)]
    parts = ((labels.uncertified, tables.uncertified_table(report)),
             (labels.expiring % {"days": report.expiring_days}, tables.expiring_table(report)),
             (labels.overdue, tables.overdue_table(report)))
    for heading, data in parts:
        story += [_room(SUBSECTION_ROOM), _p(heading, S_SUBSECTION)]
        story.append(pdf_table(data, WIDTH) if data.rows else _p(labels.none, S_EMPTY))
    if document.proposals:
        story += [_room(SUBSECTION_ROOM), _p(labels.proposals, S_SECTION)]
        story += [_p(text, S_BODY) for text in document.proposals]
    return story


def _closing(report, document):
    subtitle = document.subtitle(report.period)
    sentence = document.labels.closing % {"subject": subtitle[:1].lower() + subtitle[1:]}
    recipients = [_p(document.labels.recipients, S_RECIPIENTS_HEAD)]
    recipients += [_p(f"- {line}", S_RECIPIENTS) for line in document.recipients]
    signer = [_p(document.signer_capacity, S_SIGNER), _p(document.signer_title, S_SIGNER), Spacer(1, 22 * mm)]
    if document.signer_name:
        signer.append(_p(document.signer_name, S_SIGNER))
    table = Table([[recipients, signer]], colWidths=[WIDTH * 0.5, WIDTH * 0.5])
    table.setStyle(TableStyle(_LAYOUT))
    # The signature never stands alone on a page: it stays with the closing sentence ("Trên đây là
    # báo cáo ..."), which ends the body as Vietnamese reports do.
    return [KeepTogether([Spacer(1, 4 * mm), _p(sentence, S_BODY), Spacer(1, 4 * mm), table])]


def _page_number(canvas, doc):
    canvas.saveState()
    canvas.setFont(SERIF, 12)
    canvas.drawCentredString(LEFT + WIDTH / 2, A4[1] - TOP / 2 - 2, str(doc.page))
    canvas.restoreState()


def render_coverage_report(report, document):
    """Return the PDF bytes of ``report`` (a ``CoverageReport``) laid out as ``document`` (a ``ReportDocument``)."""
    register_fonts()
    buffer = io.BytesIO()
    subtitle = document.subtitle(report.period)
    title = clean_text(f"{document.title.capitalize()} {subtitle[:1].lower()}{subtitle[1:]}")
    template = SimpleDocTemplate(
        # The frame pads 6 pt on every side: take it off the margins so text starts at 30 mm.
        buffer, pagesize=A4, leftMargin=LEFT - PAD, rightMargin=RIGHT - PAD, topMargin=TOP - PAD,
        bottomMargin=BOTTOM - PAD,
        title=title, author=clean_text(document.author), subject=clean_text(document.subtitle(report.period)),
        creator=CREATOR, keywords=[report.period.code], invariant=1, lang="vi-VN", displayDocTitle=1,
        initialFontName=SERIF,  # else each page starts in Helvetica, a font that is not embedded
    )
    numbers = _Numbers(document.labels)
    story = _header(report, document)
    story += _general(report, document, numbers)
    story += _by_unit(report, document, numbers)
    story += _by_course(report, document, numbers)
    story += _attention(report, document)
    story += _closing(report, document)
    template.build(story, onLaterPages=_page_number)
    return buffer.getvalue()
