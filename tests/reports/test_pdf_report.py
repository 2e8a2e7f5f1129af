"""The PDF report (pure): Vietnamese text that comes back out, embedded fonts, byte-identical output,
metadata, page numbers, tables that repeat their header on every page, hostile names printed literally.
"""

import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date

import pytest

from tests.reports.sample import AS_OF, GENERATED_AT, own_counts, sample_report, sample_tree
from training.reports.document import ReportDocument
from training.reports.figures import UnitCounts, UnitNode, build_report
from training.reports.pdf_report import render_coverage_report
from training.reports.periods import parse_period

DOCUMENT = ReportDocument(date=date(2026, 11, 26), number="125", signer_name="Nguyễn Thị Thu Hà")


def _tool(name):
    path = shutil.which(name)
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{name} (poppler-utils) is required")
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def _run(tool, pdf, tmp_path, *args):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    result = subprocess.run([_tool(tool), *args, str(path), *(["-"] if tool == "pdftotext" else [])],
                            capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def _flat(pdf, tmp_path):
    """Return the text with line breaks and runs of spaces made single spaces (paragraphs wrap)."""
    return " ".join(_run("pdftotext", pdf, tmp_path).split())


def _pages(pdf, tmp_path):
    return _run("pdftotext", pdf, tmp_path, "-layout").split("\f")[:-1]


@pytest.fixture(scope="module")
def pdf():
    return render_coverage_report(sample_report(), DOCUMENT)


def test_is_a_pdf_and_byte_identical_for_the_same_input(pdf):
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert render_coverage_report(sample_report(), DOCUMENT) == pdf


@pytest.mark.parametrize("change", [
    lambda r, d: (r, replace(d, date=date(2026, 11, 27))),
    lambda r, d: (r, replace(d, number="126")),
    lambda r, d: (sample_report(names={"P1": "Phường Một"}), d),
])
def test_a_different_input_gives_different_bytes(pdf, change):
    report, document = change(sample_report(), DOCUMENT)
    assert render_coverage_report(report, document) != pdf


def test_vietnamese_text_comes_back_out(pdf, tmp_path):
    text = _flat(pdf, tmp_path)
    assert unicodedata.is_normalized("NFC", text)
    for expected in ("THÀNH ỦY VŨNG TÀU", "BAN TUYÊN GIÁO", "Số: 125-BC/BTGTU", "ĐẢNG CỘNG SẢN VIỆT NAM",
                     "Vũng Tàu, ngày 26 tháng 11 năm 2026", "BÁO CÁO", "Quý IV năm 2026", "người phát ngôn",
                     "Kết quả bồi dưỡng", "14/20 người phát ngôn (70,0%)", "Tổng cộng", "Ủy ban nhân dân Thành phố",
                     "Biểu đồ 1", "Mục tiêu 100%", "Nơi nhận:", "Thường trực Thành ủy", "T/M BAN TUYÊN GIÁO",
                     "TRƯỞNG BAN", "Nguyễn Thị Thu Hà", "Giấy chứng nhận hết hạn trong 90 ngày tới",
                     "PN-2024-0031", "Phạm vi: Thành phố Vũng Tàu; số liệu tính đến ngày 26/11/2026"):
        assert expected in text, expected


def test_tables_print_numbers_in_vietnamese_format(pdf, tmp_path):
    text = _run("pdftotext", pdf, tmp_path, "-layout")
    total = next(line for line in text.splitlines() if "Tổng cộng" in line).split()
    assert total[2:] == ["215", "20", "66", "15", "50", "14", "14", "70,0", "7", "58,1", "45,0"]


def test_fonts_are_embedded_dejavu_subsets(pdf, tmp_path):
    rows = _run("pdffonts", pdf, tmp_path).splitlines()[2:]
    assert rows
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert "DejaVu" in name and emb == "yes", row


def test_metadata(pdf, tmp_path):
    info = dict(line.split(":", 1) for line in _run("pdfinfo", pdf, tmp_path).splitlines() if ":" in line)
    assert info["Title"].strip() == ("Báo cáo kết quả bồi dưỡng người phát ngôn và cung cấp thông tin cho báo chí "
                                     "Quý IV năm 2026")
    assert info["Author"].strip() == "Ban Tuyên giáo Thành ủy Vũng Tàu"
    assert info["Subject"].strip().endswith("Quý IV năm 2026")
    assert info["Page size"].strip().startswith("595.276 x 841.89")


def test_page_numbers_from_page_two_in_the_top_margin(pdf, tmp_path):
    pages = _pages(pdf, tmp_path)
    assert len(pages) >= 2
    assert pages[0].split()[0] == "THÀNH"  # no number on the first page (Decree 30)
    for number, page in enumerate(pages[1:], start=2):
        assert page.split()[0] == str(number)


def _big_report(units=150):
    tree = [UnitNode("ROOT", "Ủy ban nhân dân Thành phố", "/1/")]
    tree += [UnitNode(f"T{i}", f"Tổ dân phố số {i}, Phường Thắng Nhì", f"/1/{i + 1}/") for i in range(units)]
    counts = [UnitCounts(code=f"T{i}", people=10 + i, spokespersons=2, certified_spokespersons=i % 3 and 1)
              for i in range(units)]
    return build_report(period=parse_period("2026"), scope_code="", scope_name="Thành phố", as_of=AS_OF,
                        generated_at=GENERATED_AT, tree=tree, counts=counts)


def test_long_tables_break_across_pages_with_the_header_repeated(tmp_path):
    pages = _pages(render_coverage_report(_big_report(), DOCUMENT), tmp_path)
    row = re.compile(r"^\s*\d+\s+Tổ dân phố số \d+", re.MULTILINE)
    table_pages = [p for p in pages if row.search(p)]
    assert len(table_pages) >= 3
    for page in table_pages:
        header = page[: row.search(page).start()]
        assert all(word in header for word in ("STT", "Đơn vị", "Người", "Hoàn", "Tỷ lệ")), page[:800]
    text = "".join(pages)
    for i in (0, 75, 149):
        assert f"Tổ dân phố số {i}," in text  # every row printed once the table is split


def test_hostile_and_decomposed_names_are_printed_literally(tmp_path):
    names = {"P1": "<script>alert('XSS')</script>", "P2": "{{7*7}} & <b>đậm</b>",
             "PTT": unicodedata.normalize("NFD", "Phường Thắng Tam"), "XLS": "Xã\x00 Long Sơn\x1b"}
    pdf = render_coverage_report(sample_report(names=names), DOCUMENT)
    text = _flat(pdf, tmp_path)
    # In the narrative (a unit below 50 %), the table (wrapped: compare without spaces) and the chart;
    # P2 meets the target: table and chart only. Unescaped, the paragraphs would lose the "tags".
    compact = "".join(text.split())
    assert compact.count("<script>alert('XSS')</script>") == 3
    assert compact.count("{{7*7}}&<b>đậm</b>") == 2
    assert "{{7*7}} & <b>đậm</b>" in text
    assert "Phường Thắng Tam" in text  # composed again: NFD would draw stacked marks apart
    assert unicodedata.normalize("NFD", "Phường Thắng Tam") not in text
    assert "Xã Long Sơn" in text


def test_empty_scope_and_missing_sections_still_give_a_report(tmp_path):
    report = build_report(period=parse_period("2026-10-01:2026-12-31"), scope_code="P1", scope_name="Phường 1",
                          as_of=AS_OF, generated_at=GENERATED_AT, tree=[UnitNode("P1", "Phường 1", "/5/11/")],
                          counts=[])
    text = _flat(render_coverage_report(report, ReportDocument(date=date(2027, 1, 5))), tmp_path)
    assert "Từ 01/10/2026 đến 31/12/2026" in text and "ngày 05 tháng 01 năm 2027" in text
    assert "chưa có người phát ngôn nào được cử" in text and "Không có." in text
    assert "Chưa có khóa bồi dưỡng nào" in text
    assert "Số:" in text and "-BC/BTGTU" in text


def test_proposals_and_a_custom_issuer(tmp_path):
    document = replace(DOCUMENT, parent_body="TỈNH ỦY BÀ RỊA - VŨNG TÀU", issuing_body="BAN TUYÊN GIÁO",
                       number_suffix="BC/BTGTU", place="Bà Rịa",
                       proposals=("Đề nghị Ban Thường vụ Thành ủy chỉ đạo hoàn thành trước 31/12/2026.",))
    text = _flat(render_coverage_report(sample_report(previous=False, trend=False), document), tmp_path)
    assert "TỈNH ỦY BÀ RỊA - VŨNG TÀU" in text and "Bà Rịa, ngày 26 tháng 11 năm 2026" in text
    assert "V. KIẾN NGHỊ, ĐỀ XUẤT" in text and "hoàn thành trước 31/12/2026" in text
    assert "so với" not in text  # no comparison without a previous period


def test_whole_sample_city_with_all_counts(tmp_path):
    report = build_report(period=parse_period("2026-H2"), scope_code="", scope_name="Thành phố Vũng Tàu",
                          as_of=AS_OF, generated_at=GENERATED_AT, tree=sample_tree(), counts=own_counts())
    text = _flat(render_coverage_report(report, DOCUMENT), tmp_path)
    assert "Kết quả bồi dưỡng người phát ngôn và cung cấp thông tin cho báo chí 6 tháng cuối năm 2026" in text


def test_the_benchmark_city_renders(tmp_path):
    """The bench script's 300-unit city (4 levels) renders; its timing lives in docs/BENCHMARKS.md, not here."""
    import importlib.util

    from tests.paths import ROOT

    spec = importlib.util.spec_from_file_location("bench_report_pdf", ROOT / "bench" / "bench_report_pdf.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    report = bench.synthetic_report(300)
    assert len(report.units) == 300 and max(u.depth for u in report.units) == 3
    assert len({u.code for u in report.units}) == 300
    pages = _pages(render_coverage_report(report, DOCUMENT), tmp_path)
    assert len(pages) > 10 and "Tổ dân phố" in "".join(pages)
    assert bench.baseline_pdf(report).startswith(b"%PDF")


@pytest.mark.parametrize("hash_seed", ["0", "12345"])
def test_another_process_renders_the_same_bytes(pdf, hash_seed):
    """A frozen report downloaded later comes from another process: the bytes must not depend on it."""
    import hashlib
    import sys

    from tests.paths import ROOT

    code = ("import hashlib, sys; from datetime import date; from tests.reports.sample import sample_report; "
            "from training.reports.document import ReportDocument; "
            "from training.reports.pdf_report import render_coverage_report; "
            "render_coverage_report(sample_report(period='2026'), ReportDocument(date=date(2026, 1, 1))); "
            "d = ReportDocument(date=date(2026, 11, 26), number='125', signer_name='Nguyễn Thị Thu Hà'); "
            "print(hashlib.sha256(render_coverage_report(sample_report(), d)).hexdigest())")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": hash_seed})
    assert result.stdout.strip() == hashlib.sha256(pdf).hexdigest()
