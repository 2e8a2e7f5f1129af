"""Benchmark of the certificate PDF against a minimal reportlab page, in one process.

Run from the repository root:

    .venv/bin/python bench/bench_certificate_pdf.py [--zip-count 1000]

Prints certificates per second (CPU time of this process) from ``render_certificate`` (with and without signature and
seal images) and from a minimal page with the same embedded DejaVu font and one line of
Vietnamese, the ratio, the average sizes, where a certificate's time goes, and the peak RSS
while 1,000 certificates stream into a ZIP file (after 100 and after 1,000: flat memory means
the ZIP does not hold the batch) and while the same number is merged into one PDF.
"""

import argparse
import io
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from tests.certificates.samples import sample, seal_png, signature_png  # noqa: E402
from training.certificates import qr  # noqa: E402
from training.certificates.bulk import render_many, write_merged_pdf, write_zip  # noqa: E402
from training.certificates.pdf import render_certificate  # noqa: E402
from training.certificates.pdf_cache import uncache_subsets  # noqa: E402
from training.core.pdf_fonts import SERIF, register_fonts  # noqa: E402

LINE = "Nguyễn Thị Thanh Hương đã hoàn thành khóa bồi dưỡng kỹ năng phát ngôn"
# reportlab keeps one font object per face, and the certificate renderer caches embedded subsets
# on it (pdf_cache): the baseline switches that off for its own documents, to stay plain reportlab.
BASELINE_FONT = SERIF
SIGNATURE, SEAL = signature_png(), seal_png()


def minimal_page(_index):
    """Return a one-line A4 landscape PDF with the same font, embedded, and the same settings."""
    uncache_subsets([BASELINE_FONT])
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), invariant=1, pageCompression=1, initialFontName=BASELINE_FONT)
    canvas.setFont(BASELINE_FONT, 14)
    canvas.drawString(72, 300, LINE)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def certificate_data(index, images=True):
    """Return distinct data for each index, as in a real batch (no cache can help)."""
    serial = f"GCN-2026-{index + 1:06d}"
    return sample(
        learner_name=f"Nguyễn Thị Thanh Hương {index}",
        serial=serial,
        verification_url=f"https://daotao.vungtau.gov.vn/verify/{serial}?code=K7QX3MNP{index % 97:02d}",
        signature_image=SIGNATURE if images else None,
        seal_image=SEAL if images else None,
    )


def rates(functions, count, rounds):
    """Return {name: (median documents per second, average size in bytes)} for ``functions``.

    Rounds alternate between the functions so that a busy machine slows all of them alike, and
    time is this process's CPU time (``time.process_time``), not the wall clock that other
    processes on a shared machine would stretch.
    """
    per_second = {name: [] for name in functions}
    sizes = {name: [] for name in functions}
    for round_index in range(rounds):
        for name, function in functions.items():
            started = time.process_time()
            for index in range(count):
                sizes[name].append(len(function(round_index * count + index)))
            per_second[name].append(count / (time.process_time() - started))
    return {name: (statistics.median(per_second[name]), statistics.mean(sizes[name])) for name in functions}


def peak_rss_mib():
    """Return the peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def streamed_batch(count, marks, images=True):
    """Yield ``count`` certificate data, recording the peak RSS when each mark is reached."""
    for index in range(count):
        yield certificate_data(index, images)
        if index + 1 in marks:
            marks[index + 1] = peak_rss_mib()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="documents per timing round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--zip-count", type=int, default=1000)
    args = parser.parse_args()
    register_fonts()
    try:
        import _rl_accel  # noqa: F401

        accel = "with rl_accel"
    except ImportError:
        accel = "without rl_accel"
    print(f"reportlab {__import__('reportlab').Version}, {accel}")
    for warm in range(3):  # font parsing and first-use caches are not part of the steady rate
        minimal_page(warm), render_certificate(certificate_data(warm))

    measured = rates({
        "minimal": minimal_page,
        "full": lambda i: render_certificate(certificate_data(i)),
        "plain": lambda i: render_certificate(certificate_data(i, images=False)),
    }, args.count, args.rounds)
    (baseline, baseline_size), (full, full_size), (plain, plain_size) = measured.values()
    print(f"minimal page (DejaVu Serif, 1 line): {baseline:7.1f} /s  {1000 / baseline:6.2f} ms  "
          f"{baseline_size / 1024:6.1f} KiB")
    print(f"certificate + signature + seal:      {full:7.1f} /s  {1000 / full:6.2f} ms  {full_size / 1024:6.1f} KiB"
          f"  ratio {full / baseline:.2f}")
    print(f"certificate without images:          {plain:7.1f} /s  {1000 / plain:6.2f} ms  "
          f"{plain_size / 1024:6.1f} KiB  ratio {plain / baseline:.2f}  (goal >= 0.5)")

    started = time.process_time()
    for index in range(args.count):
        qr.qr_rows(certificate_data(index).verification_url)
    print(f"  of which QR encoding (reportlab's encoder, cached layouts, 8 masks scored on packed bits): "
          f"{(time.process_time() - started) * 1000 / args.count:.2f} ms")

    marks = {100: None, args.zip_count: None}
    with tempfile.TemporaryFile() as target:
        started = time.perf_counter()
        written = write_zip(render_many(streamed_batch(args.zip_count, marks)), target)
        elapsed = time.perf_counter() - started
        size = target.tell()
    print(f"ZIP of {written} certificates: {elapsed:.1f} s ({written / elapsed:.0f} /s), {size / 2**20:.1f} MiB; "
          f"peak RSS after 100: {marks[100]:.0f} MiB, after {args.zip_count}: {marks[args.zip_count]:.0f} MiB")

    marks = {100: None, args.zip_count: None}
    with tempfile.TemporaryFile() as target:
        started = time.perf_counter()
        pages = write_merged_pdf(streamed_batch(args.zip_count, marks), target, title="Lớp bồi dưỡng",
                                 author="Ban Tuyên giáo", created_on=certificate_data(0).issue_date)
        elapsed = time.perf_counter() - started
        size = target.tell()
    print(f"merged PDF of {pages} pages: {elapsed:.1f} s ({pages / elapsed:.0f} /s), {size / 2**20:.1f} MiB; "
          f"peak RSS after 100 pages drawn: {marks[100]:.0f} MiB, after saving {args.zip_count}: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
