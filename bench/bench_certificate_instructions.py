"""Instructions per certificate against the minimal page, counted by valgrind (load-independent).

Run from the repository root (valgrind must be installed; about ten minutes):

    .venv/bin/python bench/bench_certificate_instructions.py [--small 10 --large 30]

``bench_certificate_pdf.py`` times in CPU seconds, which on a shared machine still moves by a
tenth between runs. This script runs the same documents under ``valgrind --tool=callgrind``:
for each kind (the minimal page, the certificate with signature and seal, without images) one
process renders ``--small`` documents after the same warm-up and one renders ``--large``; the
difference of their instruction counts divided by the difference in documents is the cost of
one document, free of start-up, imports and warm-up. Instructions are not time (zlib's C loops
do more per instruction than the interpreter), so the ratio is a second opinion, not the goal's
measure.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = ("minimal", "full", "plain")


def child(kind, count):
    """Render the warm-up, then ``count`` documents of ``kind`` (run under valgrind)."""
    from bench.bench_certificate_pdf import certificate_data, minimal_page
    from training.certificates.pdf import render_certificate
    from training.core.pdf_fonts import register_fonts

    register_fonts()
    for warm in range(3):
        minimal_page(warm), render_certificate(certificate_data(warm))
    make = {"minimal": minimal_page,
            "full": lambda index: render_certificate(certificate_data(index)),
            "plain": lambda index: render_certificate(certificate_data(index, images=False))}[kind]
    for index in range(count):
        make(1000 + index)


def instructions(kind, count):
    """Return the instructions valgrind counts for a process rendering ``count`` documents of ``kind``."""
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={scratch}/callgrind.out",
             sys.executable, __file__, "--child", kind, str(count)],
            cwd=ROOT, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", result.stderr).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=30)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    per_document = {}
    for kind in KINDS:
        small, large = instructions(kind, args.small), instructions(kind, args.large)
        per_document[kind] = (large - small) / (args.large - args.small)
        print(f"{kind:8s} {per_document[kind] / 1e6:7.2f} M instructions per document")
    for kind in ("full", "plain"):
        print(f"ratio minimal / {kind}: {per_document['minimal'] / per_document[kind]:.2f}  (goal >= 0.5)")


if __name__ == "__main__":
    main()
