"""The certificate (giấy chứng nhận) as a PDF: plain data in, bytes out (pure: reportlab only).

One A4 landscape page in the manner of a Vietnamese official document: the issuing body and
the serial at the top left, the national header at the top right, the title, the holder, the
course, the place-and-date line and the signer (with optional signature and seal images) at
the bottom right, and a QR code with the verification address at the bottom left.

Properties the register relies on:

* DejaVu Serif (regular and bold) only, embedded as subsets: Vietnamese prints everywhere and
  ``pdffonts`` lists no standard font. A third face (italic, sans) would cost as much time as
  the whole rest of the page, so the date line is a slanted regular face.
* Every text is normalised to NFC before drawing: decomposed input (Word, macOS) gives the
  same bytes as composed input, not stacked accents.
* reportlab's invariant mode and the issue date as the PDF date: the same data gives the same
  bytes, so a reprint matches the stored sha256. (reportlab also reads ``SOURCE_DATE_EPOCH``
  from the environment; keep it unset, or the same, where certificates are rendered.)
* User text is only ever drawn as text, never interpreted: ``<script>`` and ``{{7*7}}`` print
  as typed.
"""

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from training.certificates import layout, qr, wording
from training.certificates.images import ImageError, prepared_image
from training.certificates.pdf_cache import cache_subsets, declare_alphabet, draw_image
from training.core.pdf_fonts import SERIF, SERIF_BOLD, register_fonts

__all__ = ["CertificateData", "ImageError", "document_info", "draw_certificate", "new_canvas", "render_certificate"]

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
CENTRE = PAGE_WIDTH / 2
# Calm official colours: a deep red for the frame and the title, near-black text.
RED = Color(0.55, 0.09, 0.09)
INK = Color(0.1, 0.1, 0.1)
GREY = Color(0.3, 0.3, 0.3)
WATERMARK = Color(0.75, 0.05, 0.05, alpha=0.16)
OUTER_FRAME, INNER_FRAME = 20, 26  # insets of the double border, in points
COLUMN_WIDTH = 330  # the two header columns and the signer column
LEFT_COLUMN_X = 58 + COLUMN_WIDTH / 2
RIGHT_COLUMN_X = PAGE_WIDTH - 58 - COLUMN_WIDTH / 2
BODY_WIDTH = 640
BODY_FLOOR = 200  # the body's lowest baseline when it fits; the signer block starts below it
FACT_SEPARATOR = "  \u00b7  "  # a middle dot between version, date and score
QR_SIZE = 74
SIGNATURE_BOX = (160, 80)  # points
SEAL_BOX = (84, 84)
FACES = (SERIF, SERIF_BOLD)
QR_X, QR_Y = 56, 46


@dataclass(frozen=True)
class CertificateData:
    """Everything printed on one certificate (the register keeps it as the reprint's params)."""

    learner_name: str
    course_title: str
    course_version: str
    completion_date: date  # calendar dates, already in Vietnam time
    issuer_name: str  # the issuing unit, e.g. "Ban Tuyên giáo Thành ủy Vũng Tàu"
    signer_name: str
    signer_title: str  # "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN": one printed line per line
    serial: str
    verification_url: str
    verification_code: str
    issue_date: date
    place: str  # the place of the date line, e.g. "Vũng Tàu"
    authority_lines: tuple[str, ...] = ()  # header at the top left; the last line is the issuer
    learner_birth_date: date | None = None
    learner_position: str = ""
    learner_unit: str = ""
    score: Decimal | None = None  # a percentage
    expiry_date: date | None = None
    signature_image: bytes | None = None
    seal_image: bytes | None = None
    labels: dict = field(default_factory=dict, hash=False)  # overrides of wording.LABELS_VI
    watermark: str = ""  # e.g. "ĐÃ THU HỒI" on the reprint of a revoked certificate

    def __post_init__(self):
        required = ("learner_name", "course_title", "issuer_name", "signer_name", "serial",
                    "verification_url", "verification_code", "place")
        missing = [name for name in required if not wording.clean(getattr(self, name))]
        if missing:
            raise ValueError(f"certificate data lacks {', '.join(missing)}")
        for name in ("completion_date", "issue_date"):
            if not isinstance(getattr(self, name), date):
                raise ValueError(f"{name} must be a date")
        wording.merge_labels(self.labels)


@dataclass(frozen=True)
class _Texts:
    """The data as it is printed: cleaned, in NFC, with the labels merged over the defaults."""

    labels: dict
    name: str
    course: str
    authority: tuple[str, ...]
    signer_title: tuple[str, ...]


def _texts(data):
    labels = wording.merge_labels(data.labels)
    authority = tuple(line for line in map(wording.clean, data.authority_lines) if line)
    titles = tuple(line for line in map(wording.clean, data.signer_title.splitlines()) if line)
    return _Texts(labels, wording.clean(data.learner_name), wording.clean(data.course_title),
                  authority or (wording.clean(data.issuer_name).upper(),), titles)


def new_canvas(fileobj, *, title, author, subject, creator, keywords, issued_on, language="vi"):
    """Return a reproducible A4 landscape canvas writing to ``fileobj``, metadata set."""
    register_fonts()
    cache_subsets(FACES)
    canvas = Canvas(fileobj, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1,
                    initialFontName=SERIF, lang=language)
    # The whole alphabet first: every certificate then embeds the same (cached) font subsets.
    declare_alphabet(canvas, FACES)
    canvas.setTitle(wording.clean(title))
    canvas.setAuthor(wording.clean(author))
    canvas.setSubject(wording.clean(subject))
    canvas.setCreator(wording.clean(creator))
    canvas.setKeywords(wording.clean(keywords))
    # The issue date (Vietnam time) instead of reportlab's fixed invariant date of 2000-01-01.
    stamp = f"D:{issued_on:%Y%m%d}000000+07'00'"
    canvas.setDateFormatter(lambda *_parts: stamp)
    return canvas


def render_certificate(data):
    """Return the certificate for ``data`` as PDF bytes (identical for identical data).

    :raises ImageError: when the signature or seal image is not an acceptable image.
    """
    texts = _texts(data)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, **document_info(data, texts.labels))
    draw_certificate(canvas, data)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def document_info(data, labels=None):
    """Return the PDF metadata of ``data``'s certificate as :func:`new_canvas` arguments."""
    labels = labels or wording.merge_labels(data.labels)
    name = wording.clean(data.learner_name)
    return {
        "title": wording.fill(labels["document_title"], serial=wording.clean(data.serial), name=name),
        "author": data.issuer_name,
        "subject": data.course_title,
        "creator": labels["creator"],
        "keywords": data.serial,
        "issued_on": data.issue_date,
        "language": labels["language"],
    }


def draw_certificate(canvas, data):
    """Draw ``data``'s certificate on the current page of ``canvas`` (the caller shows the page)."""
    texts = _texts(data)
    images = [_prepared(data.signature_image, SIGNATURE_BOX), _prepared(data.seal_image, SEAL_BOX)]
    _draw_frame(canvas)
    _draw_header(canvas, data, texts)
    body_bottom = _draw_body(canvas, data, texts)
    _draw_signer(canvas, data, texts, body_bottom, *images)
    _draw_verification(canvas, data, texts.labels)
    if wording.clean(data.watermark):
        _draw_watermark(canvas, wording.clean(data.watermark))


def _prepared(image, box):
    if image is None:
        return None
    # 300 dpi is print quality; larger scans are scaled down, typical uploads are left as they are.
    width, height = (round(side * 300 / 72) for side in box)
    return prepared_image(image, width, height)


def _draw_frame(canvas):
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(1.6)
    canvas.rect(OUTER_FRAME, OUTER_FRAME, PAGE_WIDTH - 2 * OUTER_FRAME, PAGE_HEIGHT - 2 * OUTER_FRAME)
    canvas.setLineWidth(0.6)
    canvas.rect(INNER_FRAME, INNER_FRAME, PAGE_WIDTH - 2 * INNER_FRAME, PAGE_HEIGHT - 2 * INNER_FRAME)


def _rule(canvas, centre_x, y, length):
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    canvas.line(centre_x - length / 2, y, centre_x + length / 2, y)


def _draw_header(canvas, data, texts):
    canvas.setFillColor(INK)
    top = PAGE_HEIGHT - 64
    # Left: the governing body in regular capitals, the issuing body in bold, a short rule.
    y = top
    last = len(texts.authority) - 1
    for index, line in enumerate(texts.authority):
        font = SERIF_BOLD if index == last else SERIF
        block = layout.fit(line, font, 11.5, COLUMN_WIDTH, max_lines=2, min_size=9)
        y = layout.draw_centred(canvas, block, LEFT_COLUMN_X, y) - 15
    issuer_width = layout.width(texts.authority[-1], SERIF_BOLD, 11.5)
    _rule(canvas, LEFT_COLUMN_X, y + 10, min(issuer_width, COLUMN_WIDTH) / 2.5)
    serial = wording.fill(texts.labels["serial"], serial=wording.clean(data.serial))
    canvas.setFont(SERIF, 11.5)
    canvas.drawCentredString(LEFT_COLUMN_X, y - 6, serial)
    # Right: the national name and motto; the rule under the motto is as long as the motto.
    nation = layout.fit(texts.labels["nation"], SERIF_BOLD, 11.5, COLUMN_WIDTH, min_size=8)
    layout.draw_centred(canvas, nation, RIGHT_COLUMN_X, top)
    motto = layout.fit(texts.labels["motto"], SERIF_BOLD, 12.5, COLUMN_WIDTH, min_size=8)
    layout.draw_centred(canvas, motto, RIGHT_COLUMN_X, top - 16)
    motto_width = layout.width(motto.lines[0], motto.font, motto.size)
    _rule(canvas, RIGHT_COLUMN_X, top - 22, motto_width)


def _body_blocks(data, texts):
    """Return (space above, block, colour) for each part of the body, top to bottom."""
    labels = texts.labels
    blocks = [(0, layout.fit(labels["certifies"], SERIF, 13, BODY_WIDTH, min_size=10), GREY),
              (12, layout.fit(texts.name, SERIF_BOLD, 25, BODY_WIDTH, max_lines=1, min_size=15), INK)]
    if data.learner_birth_date:
        birth = wording.fill(labels["birth_date"], date=wording.short_date(data.learner_birth_date))
        blocks.append((14, layout.fit(birth, SERIF, 12.5, BODY_WIDTH, min_size=10), INK))
    position = ", ".join(p for p in (wording.clean(data.learner_position), wording.clean(data.learner_unit)) if p)
    if position:
        position = wording.fill(labels["position_unit"], value=position)
        space = 4 if data.learner_birth_date else 14
        blocks.append((space, layout.fit(position, SERIF, 12.5, BODY_WIDTH, max_lines=2, min_size=10), INK))
    blocks.append((14, layout.fit(labels["completed"], SERIF, 13, BODY_WIDTH, min_size=10), GREY))
    blocks.append((8, layout.fit(texts.course, SERIF_BOLD, 18, BODY_WIDTH, max_lines=2, min_size=12), RED))
    facts = []
    if wording.clean(data.course_version):
        facts.append(wording.fill(labels["course_version"], version=wording.clean(data.course_version)))
    facts.append(wording.fill(labels["completion_date"], date=wording.short_date(data.completion_date)))
    if data.score is not None:
        score = wording.format_score(data.score, labels["decimal_separator"])
        facts.append(wording.fill(labels["score"], score=score))
    blocks.append((12, layout.fit(FACT_SEPARATOR.join(facts), SERIF, 11.5, BODY_WIDTH, max_lines=2, min_size=9),
                   INK))
    if data.expiry_date:
        valid = wording.fill(labels["valid_until"], date=wording.short_date(data.expiry_date))
        blocks.append((4, layout.fit(valid, SERIF, 11.5, BODY_WIDTH, max_lines=2, min_size=9), INK))
    return blocks


def _draw_body(canvas, data, texts):
    """Draw the title and body; return the y of the body's last baseline."""
    canvas.setFillColor(RED)
    title = layout.fit(texts.labels["title"], SERIF_BOLD, 30, BODY_WIDTH, min_size=18)
    y = layout.draw_centred(canvas, title, CENTRE, PAGE_HEIGHT - 165) - 30
    blocks = _body_blocks(data, texts)
    # Long texts take more lines; the spaces between parts give way first, down to a third.
    room = y - BODY_FLOOR
    needed = sum(space + block.height for space, block, _colour in blocks)
    spare = sum(space for space, _block, _colour in blocks)
    squeeze = 1.0 if needed <= room else max(1 / 3, 1 - (needed - room) / max(spare, 1))
    # A short body moves down a little towards the middle instead of leaving a hole above the signer.
    y -= min(max(room - needed, 0) / 2, 24)
    for space, block, colour in blocks:
        canvas.setFillColor(colour)
        y = layout.draw_centred(canvas, block, CENTRE, y - space * squeeze - block.size)
    return y


def _draw_signer(canvas, data, texts, body_bottom, signature, seal):
    labels = texts.labels
    x = RIGHT_COLUMN_X
    y = min(178, body_bottom - 24)
    canvas.setFillColor(INK)
    line = wording.date_line(labels["date_line"], wording.clean(data.place), data.issue_date)
    size = layout.fit(line, SERIF, 12.5, COLUMN_WIDTH, min_size=9).size
    layout.draw_oblique_centred(canvas, line, SERIF, size, x, y)
    for index, title in enumerate(texts.signer_title):
        y -= 15 if index else 19
        y = layout.draw_centred(canvas, layout.fit(title, SERIF_BOLD, 12, COLUMN_WIDTH, min_size=9), x, y)
    name_y = max(48, y - 96)
    box_top, box_bottom = y - 8, name_y + 16
    if signature:
        _draw_image(canvas, signature, x - 80, box_bottom, 160, box_top - box_bottom)
    if seal:
        # A seal covers about the left third of the signature, as the decree on seals says.
        side = min(84, box_top - box_bottom + 6)
        _draw_image(canvas, seal, x - 56 - side / 2, (box_top + box_bottom - side) / 2, side, side)
    canvas.setFillColor(INK)
    name = layout.fit(wording.clean(data.signer_name), SERIF_BOLD, 13, COLUMN_WIDTH, min_size=9)
    layout.draw_centred(canvas, name, x, name_y)


def _draw_image(canvas, image, x, y, width, height):
    # As drawImage(mask="auto") (a PNG's transparency is kept, so the seal shows the signature
    # through it), with the image's PDF object built once per process (pdf_cache).
    draw_image(canvas, image, x, y, width, height)


def _draw_verification(canvas, data, labels):
    modules = qr.qr_rows(data.verification_url)
    qr.draw_qr(canvas, modules, QR_X, QR_Y, QR_SIZE)
    quiet = QR_SIZE / len(modules) * qr.QUIET_ZONE
    x = QR_X + QR_SIZE + quiet
    room = RIGHT_COLUMN_X - COLUMN_WIDTH / 2 - x - 10
    canvas.setFillColor(GREY)
    lines = [(labels["verify_hint"], SERIF)]
    lines += [(part, SERIF) for part in layout.wrap_url(wording.clean(data.verification_url), SERIF, 8, room)]
    code = wording.fill(labels["verification_code"], code=wording.clean(data.verification_code))
    lines.append((code, SERIF_BOLD))
    y = QR_Y + QR_SIZE - 8
    for text, font in lines:
        canvas.setFont(font, 8)
        canvas.drawString(x, y, text)
        y -= 11


def _draw_watermark(canvas, text):
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.translate(CENTRE, PAGE_HEIGHT / 2 - 20)
    canvas.rotate(24)
    block = layout.fit(text, SERIF_BOLD, 78, PAGE_WIDTH * 0.8, min_size=30)
    layout.draw_centred(canvas, block, 0, -block.size / 3)
    canvas.restoreState()
