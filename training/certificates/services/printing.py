"""Printing from the register: reprints checked against the stored sha256, single and in bulk.

A certificate is never stored as a PDF: it is drawn again from its recorded parameters, and
the result must hash to the sha256 recorded at issue. A difference means the record (or the
images in the file store) was altered, and the certificate is not printed.
"""

import hashlib
import logging

from sqlalchemy import select

from training.certificates.bulk import certificate_filename, iter_zip
from training.certificates.merge import iter_merged
from training.certificates.models import Certificate
from training.certificates.pdf import render_certificate
from training.certificates.record import data_from_params
from training.certificates.wording import LABELS_VI
from training.core.filestore import read_bytes
from training.extensions import db

logger = logging.getLogger(__name__)
REVOKED_WATERMARK = "ĐÃ THU HỒI"
BATCH = 50  # certificates read from the database at a time while streaming


class IntegrityProblem(Exception):
    """A reprint does not match the sha256 recorded at issue (or cannot be drawn at all)."""

    def __init__(self, serial, detail):
        super().__init__(f"{serial}: {detail}")
        self.serial = serial
        self.detail = detail


def reprint(certificate):
    """Return the certificate's PDF exactly as issued.

    :raises IntegrityProblem: when the record no longer gives the issued bytes.
    """
    try:
        pdf = render_certificate(data_from_params(certificate.params, read_bytes))
    except (ValueError, TypeError) as error:
        raise IntegrityProblem(certificate.serial, str(error)) from None
    if hashlib.sha256(pdf).hexdigest() != certificate.sha256:
        logger.error("Certificate %s does not match its recorded sha256", certificate.serial)
        raise IntegrityProblem(certificate.serial, "sha256 mismatch")
    return pdf


def pdf_for_download(certificate):
    """Return the PDF to hand out: as issued, or marked "ĐÃ THU HỒI" across the page once revoked.

    The original is checked first either way, so a revoked certificate's record is verified too.
    """
    pdf = reprint(certificate)
    if certificate.revoked_at is None:
        return pdf
    return render_certificate(data_from_params(certificate.params, read_bytes, watermark=REVOKED_WATERMARK))


def check_integrity(certificate):
    """Return ``None`` when the record reprints to its sha256, else what is wrong."""
    try:
        reprint(certificate)
    except IntegrityProblem as problem:
        return problem.detail
    return None


def _records(certificate_ids):
    """Yield certificates ``BATCH`` at a time, so memory holds one batch whatever the class size."""
    for start in range(0, len(certificate_ids), BATCH):
        chunk = certificate_ids[start:start + BATCH]
        rows = {c.id: c for c in db.session.scalars(select(Certificate).where(Certificate.id.in_(chunk)))}
        for certificate_id in chunk:
            if certificate_id in rows:
                yield rows[certificate_id]
        db.session.expunge_all()


def _checked(certificate_ids, problems):
    for certificate in _records(certificate_ids):
        try:
            yield certificate, reprint(certificate)
        except IntegrityProblem as problem:
            problems.append(problem)


def iter_certificates_zip(certificate_ids, problems_title):
    """Yield a ZIP of the certificates' PDFs (as issued), entry by entry.

    Certificates whose record fails its check are left out and named in a text entry.
    """
    problems = []

    def entries():
        used = set()
        for certificate, pdf in _checked(certificate_ids, problems):
            name = certificate_filename(_NameOnly(certificate))
            while name in used:
                name = name[:-4] + "-1.pdf"
            used.add(name)
            yield name, pdf
        if problems:
            text = problems_title + "\n" + "\n".join(f"{p.serial}: {p.detail}" for p in problems) + "\n"
            yield "KIEM-TRA-TOAN-VEN.txt", text.encode("utf-8")

    yield from iter_zip(entries())


def download_name(certificate):
    """Return the ASCII file name of ``certificate``'s PDF (``GCN-2026-000123_nguyen-van-a.pdf``)."""
    return certificate_filename(_NameOnly(certificate))


class _NameOnly:
    """What ``certificate_filename`` reads: the serial and the printed name."""

    def __init__(self, certificate):
        self.serial = certificate.serial
        self.learner_name = certificate.params.get("learner_name", "")


def iter_certificates_pdf(certificate_ids, *, title, author, subject, created_on, problems_title):
    """Yield one PDF holding the certificates' pages (as issued), streamed as they are drawn.

    Certificates whose record fails its check are left out and listed on a last page.
    """
    problems = []

    def pages():
        yield from (pdf for _certificate, pdf in _checked(certificate_ids, problems))
        if problems:
            yield notice_page(problems_title, [f"{p.serial}: {p.detail}" for p in problems], created_on)

    yield from iter_merged(pages(), title=title, author=author, subject=subject, created_on=created_on,
                           creator=LABELS_VI["creator"])


def notice_page(title, lines, created_on):
    """Return a one-page A4 PDF with ``title`` and ``lines`` (what a batch had to leave out)."""
    import io

    from reportlab.lib.pagesizes import A4

    from training.certificates.pdf import new_canvas
    from training.core.pdf_fonts import SERIF, SERIF_BOLD

    buffer = io.BytesIO()
    canvas = new_canvas(buffer, title=title, author="", subject="", creator=LABELS_VI["creator"], keywords="",
                        issued_on=created_on)
    canvas.setPageSize(A4)
    canvas.setFont(SERIF_BOLD, 14)
    canvas.drawString(56, A4[1] - 72, title)
    canvas.setFont(SERIF, 10)
    y = A4[1] - 100
    for line in lines[:60]:
        canvas.drawString(56, y, line[:110])
        y -= 14
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
