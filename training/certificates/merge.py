"""Merge single-certificate PDFs into one PDF while streaming it out (pure: standard library only).

reportlab keeps a whole document in memory until it writes it, so a merged PDF of a large class
drawn by one canvas grows with the class (docs/BENCHMARKS.md). Here each certificate is the very
PDF the register issued (its sha256 checked by the caller): its objects are renumbered and
written out as soon as it arrives; only the byte offsets and the page list are remembered, and
the page tree, catalogue and cross-reference table follow at the end, as PDF allows. Objects that
repeat from one certificate to the next (the signature and the seal) are written once.

The input is what reportlab writes: a classic cross-reference table, no object streams, no
incremental updates. Anything else is refused with ``ValueError``.
"""

import hashlib
import re
from datetime import date

_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_REF = re.compile(rb"(\d+) 0 R\b")
_OBJ_HEAD = re.compile(rb"(\d+) 0 obj\s")
_TRAILER_ROOT = re.compile(rb"/Root (\d+) 0 R")
_PAGES = re.compile(rb"/Pages (\d+) 0 R")
_KIDS = re.compile(rb"/Kids \[([^\]]*)\]")
_PARENT = re.compile(rb"/Parent \d+ 0 R")
HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
CATALOG, PAGES, INFO = 1, 2, 3


def parse_objects(pdf):
    """Return ``({number: body}, root number)`` of a PDF written with a classic xref table."""
    match = _XREF.search(pdf[-64:])
    if not match:
        raise ValueError("not a PDF with a cross-reference table")
    start = int(match.group(1))
    xref, _sep, trailer = pdf[start:].partition(b"trailer")
    lines = xref.split(b"\n")
    if lines[0].strip() != b"xref":
        raise ValueError("no classic cross-reference table (object streams are not supported)")
    first, count = (int(x) for x in lines[1].split())
    offsets = []
    for number, line in enumerate(lines[2:2 + count], start=first):
        fields = line.split()
        if len(fields) == 3 and fields[2] == b"n":
            offsets.append((int(fields[0]), number))
    offsets.sort()
    bounds = [offset for offset, _number in offsets[1:]] + [start]
    objects = {}
    for (offset, number), end in zip(offsets, bounds, strict=True):
        chunk = pdf[offset:end]
        head = _OBJ_HEAD.match(chunk)
        if not head or int(head.group(1)) != number:
            raise ValueError(f"object {number} is not where the cross-reference table says")
        body = chunk[head.end():].rstrip()
        if not body.endswith(b"endobj"):
            raise ValueError(f"object {number} is not closed")
        objects[number] = body[:-6].rstrip()
    root = _TRAILER_ROOT.search(trailer)
    if not root:
        raise ValueError("the PDF has no catalogue")
    return objects, int(root.group(1))


def _split(body):
    """Return ``(dictionary part, stream part)``: references are renumbered in the first only."""
    at = body.find(b"stream")
    if at == -1 or not body.rstrip().endswith(b"endstream"):
        return body, b""
    return body[:at], body[at:]


def _pdf_text(text):
    """Return ``text`` as a PDF text string (UTF-16BE with its byte-order mark, in hex)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


class MergedPdf:
    """Stream a merged PDF: ``add(pdf)`` and ``finish()`` return the bytes to send next."""

    def __init__(self, *, title, author, subject, created_on: date, language="vi", creator=""):
        self.offset = 0
        self.offsets = {}
        self.pages = []
        self.seen = {}  # sha256 of a renumbered object -> its number, to write repeated objects once
        self.next_number = INFO + 1
        self.digest = hashlib.md5(usedforsecurity=False)
        self.info = (title, author, subject, creator, created_on, language)
        self.started = False

    def _emit(self, number, body, out):
        self.offsets[number] = self.offset
        data = b"%d 0 obj\n%s\nendobj\n" % (number, body)
        out.append(data)
        self.offset += len(data)

    def add(self, pdf):
        """Append every page of ``pdf``; return the bytes to send now."""
        out = []
        if not self.started:
            out.append(HEADER)
            self.offset += len(HEADER)
            self.started = True
        objects, root = parse_objects(pdf)
        pages_match = _PAGES.search(objects[root])
        kids = _KIDS.search(objects[int(pages_match.group(1))]) if pages_match else None
        if kids is None:
            raise ValueError("the PDF has no page list")
        numbers = {}

        def renumber(old, stack=()):
            if old in numbers:
                return numbers[old]
            if old in stack:
                raise ValueError("a reference cycle outside the page tree")
            head, stream = _split(objects[old])
            head = _REF.sub(lambda m: b"%d 0 R" % renumber(int(m.group(1)), (*stack, old)), head)
            body = head + stream
            key = hashlib.sha256(body).digest()
            if key in self.seen:
                numbers[old] = self.seen[key]
                return numbers[old]
            numbers[old] = self.seen[key] = self.next_number
            self.next_number += 1
            self._emit(numbers[old], body, out)
            return numbers[old]

        for page_ref in _REF.finditer(kids.group(1)):
            page = int(page_ref.group(1))
            head, stream = _split(objects[page])
            head = _PARENT.sub(b"/Parent __PARENT__", head)
            head = _REF.sub(lambda m, page=page: b"%d 0 R" % renumber(int(m.group(1)), (page,)), head)
            number = self.next_number
            self.next_number += 1
            self._emit(number, head.replace(b"__PARENT__", b"%d 0 R" % PAGES) + stream, out)
            self.pages.append(number)
        self.digest.update(hashlib.sha256(pdf).digest())
        return b"".join(out)

    def finish(self):
        """Return the page tree, the catalogue, the document information and the xref table."""
        if not self.pages:
            raise ValueError("no certificates to merge")
        title, author, subject, creator, created_on, language = self.info
        out = []
        kids = b" ".join(b"%d 0 R" % number for number in self.pages)
        self._emit(PAGES, b"<< /Count %d /Kids [ %s ] /Type /Pages >>" % (len(self.pages), kids), out)
        self._emit(CATALOG, b"<< /Lang (%s) /Pages %d 0 R /Type /Catalog >>" % (language.encode(), PAGES), out)
        stamp = f"D:{created_on:%Y%m%d}000000+07'00'".encode()
        self._emit(INFO, b"<< /Author %s /CreationDate (%s) /Creator %s /ModDate (%s) /Producer %s /Subject %s "
                   b"/Title %s >>" % (_pdf_text(author), stamp, _pdf_text(creator), stamp, _pdf_text(creator),
                                      _pdf_text(subject), _pdf_text(title)), out)
        size = self.next_number
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
        xref += [b"%010d 00000 n \n" % self.offsets[number] for number in range(1, size)]
        ident = self.digest.hexdigest().encode()
        xref.append(b"trailer\n<< /ID [<%s><%s>] /Info %d 0 R /Root %d 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n"
                    % (ident, ident, INFO, CATALOG, size, self.offset))
        out.append(b"".join(xref))
        return b"".join(out)


def iter_merged(pdfs, **info):
    """Yield a merged PDF of ``pdfs`` (an iterable of PDF bytes) piece by piece."""
    merged = MergedPdf(**info)
    for pdf in pdfs:
        chunk = merged.add(pdf)
        if chunk:
            yield chunk
    yield merged.finish()
