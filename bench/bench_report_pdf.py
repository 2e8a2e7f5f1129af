"""Benchmark: the PDF coverage report of a 300-unit city against a minimal platypus table.

Builds a synthetic city (four levels: party committee / people's committee / front, their boards,
departments and wards, neighbourhoods, residential groups) with its figures and lists, then times
``render_coverage_report`` and, in the same run, a baseline document holding only one plain
platypus table of the same unit rows in the same embedded font. Prints the times, their ratio,
the page counts and the peak RSS. Goal (issue 7): the 300-unit report in under 3 s.

    /work/main/.venv/bin/python bench/bench_report_pdf.py [--units 300] [--repeat 5]
"""

import argparse
import io
import random
import resource
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table  # noqa: E402

from training.core.pdf_fonts import SANS, register_fonts  # noqa: E402
from training.reports.document import ReportDocument  # noqa: E402
from training.reports.figures import (  # noqa: E402
    CourseFigures,
    TrendPoint,
    UnitCounts,
    UnitNode,
    build_report,
)
from training.reports.lists import ExpiringRow, OverdueRow, UncertifiedRow  # noqa: E402
from training.reports.pdf_report import render_coverage_report  # noqa: E402
from training.reports.periods import parse_period  # noqa: E402

GOAL_SECONDS = 3.0
PARTY = ["Ban Tuyên giáo Thành ủy", "Văn phòng Thành ủy", "Ban Tổ chức Thành ủy", "Ủy ban Kiểm tra Thành ủy",
         "Ban Dân vận Thành ủy", "Trung tâm Chính trị Thành phố"]
DEPARTMENTS = ["Phòng Văn hóa và Thông tin", "Phòng Tài nguyên và Môi trường", "Phòng Quản lý đô thị",
               "Phòng Tài chính - Kế hoạch", "Phòng Giáo dục và Đào tạo", "Phòng Y tế", "Phòng Nội vụ",
               "Phòng Tư pháp", "Phòng Kinh tế", "Thanh tra Thành phố", "Công an Thành phố",
               "Trung tâm Văn hóa Thông tin và Thể thao Thành phố"]
WARDS = [f"Phường {n}" for n in range(1, 13)] + ["Phường Thắng Nhì", "Phường Thắng Tam", "Phường Rạch Dừa",
                                                 "Phường Nguyễn An Ninh", "Phường 10", "Xã Long Sơn"]
FRONT = ["Đoàn Thanh niên Cộng sản Hồ Chí Minh Thành phố", "Hội Liên hiệp Phụ nữ Thành phố",
         "Hội Nông dân Thành phố", "Hội Cựu chiến binh Thành phố", "Liên đoàn Lao động Thành phố"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Hoàng", "Ngọc", "Đức", "Thu"]
GIVEN = ["Hải", "Lan", "Hùng", "Hương", "Dũng", "Thảo", "Cường", "Yến", "Phúc", "Trang", "Khoa", "Nga", "Tâm"]
COURSES = ["Kỹ năng phát ngôn và cung cấp thông tin cho báo chí", "Luật Báo chí 2016 và Nghị định 09/2017/NĐ-CP",
           "Xử lý khủng hoảng truyền thông", "Thực hành họp báo mô phỏng", "Ứng xử trên mạng xã hội",
           "Định hướng thông tin và dư luận xã hội"]


def synthetic_tree(units=300):
    """Return ``units`` nodes on four levels with realistic Vietnamese names."""
    nodes, next_id = [], iter(range(1, 10 * units))

    def add(name, parent_path, kind):
        path = f"{parent_path}{next(next_id)}/"
        nodes.append(UnitNode(f"U{len(nodes) + 1:03d}", name, path, kind))
        return path

    party = add("Thành ủy Vũng Tàu", "/", "party_committee")
    people = add("Ủy ban nhân dân Thành phố", "/", "peoples_committee")
    front = add("Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố", "/", "front")
    for name in PARTY:
        add(name, party, "party_board")
    for name in DEPARTMENTS:
        add(name, people, "department")
    for name in FRONT:
        add(name, front, "mass_org")
    wards = [(name, add(name, people, "ward")) for name in WARDS]
    quarters = []
    for number in range(1, 6):
        for ward, path in wards:
            if len(nodes) < units:
                quarters.append((number, ward, add(f"Khu phố {number}, {ward}", path, "quarter")))
    group = 0
    while len(nodes) < units:
        for number, ward, path in quarters:
            if len(nodes) >= units:
                break
            group += 1
            add(f"Tổ dân phố {group}, khu phố {number}, {ward}", path, "group")
    return nodes[:units]


def _name(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def synthetic_report(units=300, seed=139):
    """Return a coverage report of a synthetic city with figures, courses, lists and a trend."""
    rng = random.Random(seed)
    tree = synthetic_tree(units)
    counts = []
    for node in tree:
        people = rng.randint(5, 60)
        spokes = rng.randint(0, 3)
        enrolled = rng.randint(0, people)
        ever = rng.randint(0, enrolled)
        scored = rng.randint(0, ever * 2)
        runs = rng.randint(0, spokes * 3)
        certified = rng.randint(0, spokes)
        counts.append(UnitCounts(
            code=node.code, people=people, spokespersons=spokes, enrolled=enrolled,
            completed_in_period=rng.randint(0, ever), completed_ever=ever, valid_certificates=certified + rng.randint(0, 2),
            certified_spokespersons=certified, overdue=rng.randint(0, enrolled - ever),
            quiz_score_sum=Decimal(sum(rng.randint(40, 100) for _ in range(scored))), quiz_scored=scored,
            simulation_passed=rng.randint(0, runs), simulation_runs=runs))
    as_of = date(2026, 12, 31)
    units_by_code = {n.code: n.name for n in tree}
    codes = list(units_by_code)
    uncertified = [UncertifiedRow(_name(rng), c, units_by_code[c], "Phó Chủ tịch UBND", as_of - timedelta(rng.randint(30, 900)))
                   for c in rng.sample(codes, 60)]
    expiring = [ExpiringRow(_name(rng), c, units_by_code[c], rng.choice(COURSES), f"PN-2024-{i:04d}",
                            as_of + timedelta(rng.randint(0, 90))) for i, c in enumerate(rng.sample(codes, 40))]
    overdue = [OverdueRow(_name(rng), c, units_by_code[c], rng.choice(COURSES), as_of - timedelta(rng.randint(1, 120)),
                          Decimal(rng.randint(0, 95))) for c in rng.choices(codes, k=80)]
    courses = [CourseFigures(slug=f"khoa-{i}", title=title, enrolled=400 + i, completed_in_period=90, completed_ever=300,
                             valid_certificates=250, overdue=20, quiz_score_sum=Decimal(300 * 78), quiz_scored=300,
                             simulation_passed=120, simulation_runs=200) for i, title in enumerate(COURSES)]
    period = parse_period("2026")
    trend = [TrendPoint(p, 600, 300 + 50 * i) for i, p in enumerate(parse_period("2026-Q4").last_n(6))]
    return build_report(period=period, scope_code="", scope_name="Thành phố Vũng Tàu", as_of=as_of,
                        generated_at=datetime(2027, 1, 5, 2, 0, tzinfo=UTC), tree=tree, counts=counts,
                        courses=courses, uncertified=uncertified, expiring=expiring, overdue=overdue,
                        previous_counts=counts, trend=trend)


def baseline_pdf(report):
    """Return a minimal PDF: one plain platypus table of the same unit rows, same font, same page."""
    register_fonts()
    rows = [["STT", "Đơn vị", "Số cán bộ", "NPN", "Ghi danh", "HT kỳ", "HT lũy kế", "GCN", "NPN có GCN", "Tỷ lệ",
             "Quá hạn", "Điểm", "Mô phỏng"]]
    for i, u in enumerate(report.units, start=1):
        rows.append([str(i), u.name[:40], str(u.people), str(u.spokespersons), str(u.enrolled),
                     str(u.completed_in_period), str(u.completed_ever), str(u.valid_certificates),
                     str(u.certified_spokespersons), str(u.coverage), str(u.overdue), str(u.average_quiz_score),
                     str(u.simulation_pass_rate)])
    buffer = io.BytesIO()
    table = Table(rows, repeatRows=1, style=[("FONT", (0, 0), (-1, -1), SANS, 6.5)])
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build([table])
    return buffer.getvalue()


def _time(function, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return times, result


def _pages(pdf):
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    report = synthetic_report(args.units)
    document = ReportDocument(date=date(2027, 1, 5), number="02", signer_name="Nguyễn Thị Thu Hà")
    register_fonts()
    render_coverage_report(report, document)  # warm-up: font parsing and imports are once per process
    baseline_pdf(report)
    report_times, pdf = _time(lambda: render_coverage_report(report, document), args.repeat)
    base_times, base = _time(lambda: baseline_pdf(report), args.repeat)
    report_s, base_s = statistics.median(report_times), statistics.median(base_times)
    depth = max(u.depth for u in report.units) + 1
    print(f"Reports: PDF export of {len(report.units)} units ({depth} levels), {len(report.courses)} courses, "
          f"{len(report.uncertified)}/{len(report.expiring)}/{len(report.overdue)} list rows; median of {args.repeat}")
    print(f"  render_coverage_report : {report_s:.3f} s  (min {min(report_times):.3f}, max {max(report_times):.3f})"
          f"  {_pages(pdf)} pages, {len(pdf) / 1024:.0f} KiB")
    print(f"  baseline (one table)   : {base_s:.3f} s  (min {min(base_times):.3f}, max {max(base_times):.3f})"
          f"  {_pages(base)} pages, {len(base) / 1024:.0f} KiB")
    print(f"  ratio report/baseline  : {report_s / base_s:.2f}x")
    print(f"  peak RSS               : {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print(f"  goal < {GOAL_SECONDS:.0f} s             : {'met' if report_s < GOAL_SECONDS else 'NOT MET'}")
    return 0 if report_s < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
