"""Bulk output: lazily rendered files, a streamed ZIP, one merged PDF."""

import io
import zipfile
from datetime import date

import pytest
from pypdf import PdfReader

from tests.certificates.samples import sample, with_images
from training.certificates.bulk import (
    certificate_filename,
    iter_zip,
    render_many,
    write_merged_pdf,
    write_zip,
)
from training.certificates.pdf import render_certificate

NAMES = ["Nguyễn Thị Thanh Hương", "Lê Văn Nam", "Đỗ Thị Phương", "Phạm Văn Đức"]


def _batch(count=4, **changes):
    return [sample(learner_name=NAMES[i % len(NAMES)], serial=f"GCN-2026-{i + 1:06d}",
                   verification_url=f"https://daotao.vungtau.gov.vn/verify/GCN-2026-{i + 1:06d}?code=ABCDEFGHJ{i}",
                   **changes) for i in range(count)]


class Counting:
    """An iterable that records how many items were taken from it."""

    def __init__(self, items):
        self.items, self.taken = items, 0

    def __iter__(self):
        for item in self.items:
            self.taken += 1
            yield item


class Unseekable:
    """A write-only stream, like a socket or an HTTP response."""

    def __init__(self):
        self.data = bytearray()

    def write(self, chunk):
        self.data += chunk
        return len(chunk)

    def flush(self):
        pass


def test_file_names_are_ascii_serial_and_name():
    assert certificate_filename(sample()) == "GCN-2026-000123_nguyen-thi-thanh-huong.pdf"
    odd = sample(serial="GCN/2026 #7", learner_name="<script>Đỗ</script>")
    assert certificate_filename(odd) == "GCN-2026-7_script-do-script.pdf"


def test_render_many_renders_one_at_a_time_with_unique_names():
    source = Counting(_batch(3) + [_batch(1)[0]])  # the last repeats the first serial and name
    results = render_many(source)
    name, pdf = next(results)
    assert source.taken == 1
    assert name == "GCN-2026-000001_nguyen-thi-thanh-huong.pdf"
    assert pdf == render_certificate(source.items[0])
    names = [name] + [name for name, _pdf in results]
    assert names[-1] == "GCN-2026-000001_nguyen-thi-thanh-huong-2.pdf"
    assert len(set(names)) == 4


@pytest.mark.parametrize("target", [io.BytesIO, Unseekable])
def test_zip_holds_every_certificate(target):
    batch = _batch(3)
    out = target()
    assert write_zip(render_many(batch), out) == 3
    data = out.getvalue() if isinstance(out, io.BytesIO) else bytes(out.data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [certificate_filename(d) for d in batch]
        for info, certificate in zip(archive.infolist(), batch, strict=True):
            assert archive.read(info) == render_certificate(certificate)
            assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_zip_is_reproducible_and_takes_the_given_time():
    first, second = io.BytesIO(), io.BytesIO()
    write_zip(render_many(_batch(2)), first, date_time=(2026, 11, 26, 9, 30, 0))
    write_zip(render_many(_batch(2)), second, date_time=(2026, 11, 26, 9, 30, 0))
    assert first.getvalue() == second.getvalue()
    with zipfile.ZipFile(first) as archive:
        assert archive.infolist()[0].date_time == (2026, 11, 26, 9, 30, 0)


def test_iter_zip_streams_entry_by_entry():
    source = Counting(_batch(3))
    chunks = iter_zip(render_many(source))
    first = next(chunks)
    assert source.taken == 1 and first.startswith(b"PK")
    streamed = first + b"".join(chunks)
    sink = Unseekable()
    write_zip(render_many(_batch(3)), sink)
    assert streamed == bytes(sink.data)


def test_merged_pdf_has_one_page_per_certificate_and_shares_fonts_and_images():
    batch = _batch(5, signature_image=with_images().signature_image, seal_image=with_images().seal_image)
    out = io.BytesIO()
    pages = write_merged_pdf(iter(batch), out, title="Giấy chứng nhận lớp K12", author="Ban Tuyên giáo",
                             created_on=date(2026, 11, 26))
    assert pages == 5
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == 5
    assert reader.metadata.title == "Giấy chứng nhận lớp K12"
    for page, certificate in zip(reader.pages, batch, strict=True):
        assert certificate.learner_name in page.extract_text()
    images = {page["/Resources"]["/XObject"].raw_get(key).idnum
              for page in reader.pages for key in page["/Resources"]["/XObject"]}
    assert len(images) == 2  # the signature and the seal, stored once for five pages
    single = len(render_certificate(batch[0]))
    assert len(out.getvalue()) < 2 * single  # fonts and images are not repeated per page


def test_merged_pdf_is_reproducible():
    outputs = []
    for _ in range(2):
        out = io.BytesIO()
        write_merged_pdf(_batch(3), out, title="Lớp K12", author="Ban Tuyên giáo", created_on=date(2026, 11, 26))
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]


def test_merging_nothing_is_an_error():
    with pytest.raises(ValueError):
        write_merged_pdf([], io.BytesIO(), title="x", author="y", created_on=date(2026, 11, 26))
