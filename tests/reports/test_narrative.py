"""The Vietnamese summary written from the figures (pure)."""

import unicodedata
from decimal import Decimal

import pytest

from tests.reports.sample import AS_OF, GENERATED_AT, sample_report, sample_tree
from training.reports.figures import UnitCounts, UnitNode, build_report
from training.reports.narrative import narrative
from training.reports.periods import parse_period


def _report(counts, previous=None, period="2026-Q4", tree=None):
    return build_report(period=parse_period(period), scope_code="", scope_name="X", as_of=AS_OF,
                        generated_at=GENERATED_AT, tree=tree or [UnitNode("A", "Phường A", "/1/")], counts=counts,
                        previous_counts=previous)


def test_first_sentence_gives_coverage_and_the_change():
    text = narrative(sample_report())[0]
    assert text == ("Trong Quý IV năm 2026, 14/20 người phát ngôn (70,0%) đã có giấy chứng nhận bồi dưỡng còn "
                    "hiệu lực, tăng 3 người so với Quý III năm 2026 (11/20, 55,0%).")


@pytest.mark.parametrize("now,before,phrase", [
    (12, 9, "tăng 3 người so với Quý III năm 2026 (9/15, 60,0%)"),
    (9, 12, "giảm 3 người so với Quý III năm 2026 (12/15, 80,0%)"),
    (12, 12, "không thay đổi so với Quý III năm 2026 (12/15, 80,0%)"),
])
def test_increase_decrease_or_no_change(now, before, phrase):
    report = _report([UnitCounts(code="A", spokespersons=15, certified_spokespersons=now)],
                     [UnitCounts(code="A", spokespersons=15, certified_spokespersons=before)])
    assert phrase in narrative(report)[0]


def test_the_brief_example():
    report = _report([UnitCounts(code="A", spokespersons=15, certified_spokespersons=12)],
                     [UnitCounts(code="A", spokespersons=15, certified_spokespersons=9)])
    assert narrative(report)[0].startswith("Trong Quý IV năm 2026, 12/15 người phát ngôn (80,0%) đã có giấy chứng "
                                           "nhận bồi dưỡng còn hiệu lực, tăng 3 người so với Quý III")


@pytest.mark.parametrize("period,opening,compared", [
    ("2026", "Trong năm 2026, ", "so với năm 2025"),
    ("2026-H1", "Trong 6 tháng đầu năm 2026, ", "so với 6 tháng cuối năm 2025"),
    ("2026-10-01:2026-10-31", "Từ 01/10/2026 đến 31/10/2026, ",
     "so với kỳ liền trước (từ 31/08/2026 đến 30/09/2026)"),
])
def test_periods_read_naturally(period, opening, compared):
    report = _report([UnitCounts(code="A", spokespersons=2, certified_spokespersons=1)],
                     [UnitCounts(code="A", spokespersons=2)], period=period)
    text = narrative(report)[0]
    assert text.startswith(opening) and compared in text


def test_no_spokesperson_and_no_activity():
    paragraphs = narrative(_report([UnitCounts(code="A", people=4)]))
    assert paragraphs == ["Trong Quý IV năm 2026, phạm vi báo cáo chưa có người phát ngôn nào được cử.",
                          "Phạm vi báo cáo có 4 cán bộ; chưa có lượt ghi danh khóa bồi dưỡng nào."]


def test_activity_results_units_and_attention():
    paragraphs = narrative(sample_report())
    assert paragraphs[1] == ("Phạm vi báo cáo có 215 cán bộ; các khóa bồi dưỡng có 66 lượt ghi danh, 15 lượt hoàn "
                             "thành trong kỳ (lũy kế 50 lượt hoàn thành); 7 lượt đã quá hạn nhưng chưa hoàn thành.")
    assert paragraphs[2].startswith("Điểm bình quân các bài kiểm tra đạt 58,1/100 (69 bài làm); tỷ lệ đạt bài "
                                    "thực hành họp báo mô phỏng là 45,0% (18/40 lượt).")
    assert "Có 10/14 đơn vị có toàn bộ người phát ngôn" in paragraphs[3]
    assert ("Các đơn vị có tỷ lệ dưới 50%: Văn phòng Thành ủy (0/1), Phòng Tài nguyên và Môi trường (0/1), "
            "Phường 1 (0/2), Xã Long Sơn (0/1).") in paragraphs[3]
    assert "Còn 3 đơn vị chưa có người phát ngôn trong hệ thống." in paragraphs[3]
    assert paragraphs[4].startswith("Hiện có 6 người phát ngôn chưa có giấy chứng nhận còn hiệu lực, 3 giấy chứng "
                                    "nhận sẽ hết hạn trong 90 ngày tới và 3 lượt học viên quá hạn hoàn thành")


def test_many_low_units_are_cut_short_and_numbers_use_a_thousands_dot():
    tree = [UnitNode(f"U{i}", f"Tổ {i}", f"/{i}/") for i in range(1, 9)]
    counts = [UnitCounts(code=f"U{i}", people=1000, spokespersons=2) for i in range(1, 9)]
    paragraphs = narrative(_report(counts, tree=tree))
    assert paragraphs[2].endswith("Tổ 1 (0/2), Tổ 2 (0/2), Tổ 3 (0/2), Tổ 4 (0/2), Tổ 5 (0/2) và 3 đơn vị khác.")
    assert paragraphs[1].startswith("Phạm vi báo cáo có 8.000 cán bộ")


def test_quiz_only_results_and_the_text_is_nfc():
    report = _report([UnitCounts(code="A", spokespersons=1, quiz_score_sum=Decimal("170.5"), quiz_scored=2)])
    paragraphs = narrative(report)
    assert "Điểm bình quân các bài kiểm tra đạt 85,3/100 (2 bài làm)." in paragraphs
    assert all(unicodedata.is_normalized("NFC", p) for p in narrative(sample_report(tree=sample_tree())))
