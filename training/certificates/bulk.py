"""Many certificates at once: one PDF each, a ZIP of them, or one merged PDF (pure).

A class of several hundred learners must not be rendered into memory first (Moodle's zip
download breaks on large classes, lms-anchors C-11): :func:`render_many` renders lazily,
:func:`write_zip` and :func:`iter_zip` write each entry as soon as it is rendered, so memory
holds one certificate at a time whatever the size of the class.

The merged PDF is drawn by reportlab directly, one page per certificate (pypdf is a test tool,
not a runtime dependency). Pages are drawn as the data arrives, and the fonts, the signature
and the seal are stored once for the whole document; reportlab still keeps every page's drawing
operators until it writes the file at the end, about 3 KB per page (docs/BENCHMARKS.md), which
is why very large batches should be offered as a ZIP.
"""

import re
import zipfile

from training.certificates import wording
from training.certificates.pdf import document_info, draw_certificate, new_canvas, render_certificate
from training.core.text import slugify

# Entries get a fixed time unless the caller passes one: the same batch gives the same ZIP.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def certificate_filename(data):
    """Return an ASCII file name for ``data``'s PDF: ``GCN-2026-000123_nguyen-thi-huong.pdf``."""
    # ASCII only: Windows' built-in ZIP tool garbles non-ASCII names from other systems.
    serial = _UNSAFE.sub("-", wording.clean(data.serial)).strip("-.") or "certificate"
    return f"{serial}_{slugify(wording.clean(data.learner_name), max_length=60)}.pdf"


def render_many(datas):
    """Yield ``(file name, PDF bytes)`` for each of ``datas``, rendering one at a time.

    File names are unique within the run (a repeated serial gets ``-2``, ``-3`` ...).
    """
    used = set()
    for data in datas:
        name = certificate_filename(data)
        stem, counter = name[:-4], 1
        while name in used:
            counter += 1
            name = f"{stem}-{counter}.pdf"
        used.add(name)
        yield name, render_certificate(data)


def _zip_info(name, date_time):
    info = zipfile.ZipInfo(name, date_time=date_time)
    # PDFs are mostly compressed streams already: deflating again saves under a tenth of the size
    # for a millisecond per certificate.
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    return info


def write_zip(items, fileobj, date_time=ZIP_EPOCH):
    """Write ``(name, bytes)`` ``items`` into a ZIP on ``fileobj`` as they come; return the count.

    ``fileobj`` may be unseekable (a socket, a pipe, a response stream).
    """
    count = 0
    with zipfile.ZipFile(fileobj, "w") as archive:
        for name, content in items:
            archive.writestr(_zip_info(name, date_time), content)
            count += 1
    return count


class _Chunks:
    """A write-only file that hands what was written to a generator (zipfile needs a file)."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def flush(self):
        """Do nothing: the generator takes the parts."""

    def take(self):
        parts, self.parts = self.parts, []
        return b"".join(parts)


def iter_zip(items, date_time=ZIP_EPOCH):
    """Yield the bytes of a ZIP of ``(name, bytes)`` ``items``, one entry at a time (for streaming)."""
    sink = _Chunks()
    with zipfile.ZipFile(sink, "w") as archive:
        for name, content in items:
            archive.writestr(_zip_info(name, date_time), content)
            yield sink.take()
    yield sink.take()


def write_merged_pdf(datas, fileobj, *, title, author, created_on, subject=None):
    """Write ``datas`` as one PDF, one page per certificate, to ``fileobj``; return the page count.

    ``subject`` defaults to the first certificate's course title.

    :raises ValueError: when ``datas`` is empty (a PDF needs a page).
    """
    canvas = None
    count = 0
    for data in datas:
        if canvas is None:
            info = document_info(data)
            canvas = new_canvas(fileobj, title=title, author=author, subject=subject or info["subject"],
                                creator=info["creator"], keywords="", issued_on=created_on,
                                language=info["language"])
        draw_certificate(canvas, data)
        canvas.showPage()
        count += 1
    if canvas is None:
        raise ValueError("no certificates to merge")
    canvas.save()
    return count
