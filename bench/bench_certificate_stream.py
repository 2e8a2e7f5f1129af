"""Streaming a class's certificates from the register: 1,000 issued certificates as one ZIP and as
one merged PDF, read back from the database, reprinted, checked against their sha256 and
streamed, as the download route does. Prints the time and the resident memory after 100 and after
all entries (flat memory means nothing holds the batch).

    .venv/bin/python bench/bench_certificate_stream.py [--count 1000]
"""

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.certificates.samples import seal_png, signature_png  # noqa: E402
from tests.conftest import base_config  # noqa: E402
from training import create_app  # noqa: E402


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mib():
    """Return the current resident set size (Linux): the peak would still show the issuing phase."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def build(count):
    """Issue ``count`` certificates in one class through the real services (automatic mode)."""
    from sqlalchemy import select

    from training.accounts.models import User
    from training.certificates.models import Certificate
    from training.certificates.services.settings import save_settings
    from training.core.time import local_today, utcnow
    from training.courses.services import authoring, enrolment
    from training.courses.services.progress import record_item_result
    from training.extensions import db
    from training.orgunits.services import create_unit

    now = utcnow()
    unit = create_unit(None, "BTG", "Ban Tuyên giáo Thành ủy", "party_board", None, now)
    course = authoring.create_course(None, {"title": "Khung pháp lý về phát ngôn", "slug": "khung"}, now)
    item = authoring.add_item(None, authoring.add_module(None, course, "Học phần 1", now), "lesson", "Bài 1", now)
    authoring.set_status(None, course, "published", now)
    save_settings(None, course, {"mode": "auto", "valid_months": 24, "serial_pattern": "GCN-{year}-{seq:06d}",
                                 "issuer_unit_id": unit.id, "header_lines": "THÀNH ỦY VŨNG TÀU\nBAN TUYÊN GIÁO",
                                 "place": "Vũng Tàu", "signer_name": "Đỗ Thị Phương",
                                 "signer_title": "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"},
                  {"signature": signature_png(), "seal": seal_png()}, now, local_today(now), 2 * 1024 * 1024)
    klass = enrolment.save_class(None, None, course, {"name": "Lớp 1000 học viên", "unit_id": unit.id}, now)
    people = [User(email=f"hv{n}@bench.vn", full_name=f"Nguyễn Thị Thanh Hương {n}", position="Chuyên viên",
                   unit_id=unit.id, role="learner", locale="vi", is_active=True, created_at=now, updated_at=now)
              for n in range(count)]
    db.session.add_all(people)
    db.session.flush()
    enrolment.enrol_people(None, course, people, now, "Asia/Ho_Chi_Minh", training_class=klass)
    from training.courses.models import Enrollment

    for enrollment in db.session.scalars(select(Enrollment)):
        record_item_result(enrollment, item, now, completed=True)
    db.session.commit()
    return klass, list(db.session.scalars(select(Certificate.id).order_by(Certificate.id)))


def stream(make, count):
    marks = {}
    started = time.perf_counter()
    size = pieces = 0
    with tempfile.TemporaryFile() as target:
        for chunk in make():
            target.write(chunk)
            size += len(chunk)
            pieces += 1
            if pieces in (100, count):
                marks[pieces] = rss_mib()
    return time.perf_counter() - started, size, marks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    from datetime import date

    from training.certificates.services.printing import iter_certificates_pdf, iter_certificates_zip
    from training.extensions import db

    with tempfile.TemporaryDirectory() as directory:
        app = create_app(base_config(f"sqlite:///{directory}/bench.sqlite", UPLOAD_DIR=f"{directory}/uploads"))
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            klass, ids = build(args.count)
            print(f"issued {len(ids)} certificates through the completion hook in {time.perf_counter() - started:.1f} s; "
                  f"peak RSS {peak_rss_mib():.0f} MiB")
            db.session.remove()
            import gc

            gc.collect()
            print(f"RSS before streaming {rss_mib():.0f} MiB")
            elapsed, size, marks = stream(lambda: iter_certificates_zip(ids, "problems"), args.count)
            print(f"ZIP: {elapsed:.1f} s, {size / 2**20:.1f} MiB; RSS after 100 entries {marks[100]:.0f} MiB, "
                  f"after {args.count} {marks[args.count]:.0f} MiB")
            elapsed, size, marks = stream(lambda: iter_certificates_pdf(ids, title="Lớp", author="BTG", subject="Khóa",
                                                                        created_on=date.today(),
                                                                        problems_title="problems"), args.count)
            print(f"merged PDF: {elapsed:.1f} s, {size / 2**20:.1f} MiB; RSS after 100 pages "
                  f"{marks[100]:.0f} MiB, after {args.count} {marks[args.count]:.0f} MiB")
            db.engine.dispose()


if __name__ == "__main__":
    main()
