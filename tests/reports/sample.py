"""A coverage report over the sample city of ../shared/fixtures/roster/units-sample.csv."""

import csv
from datetime import UTC, date, datetime
from decimal import Decimal

from tests.paths import fixture
from training.reports.figures import (
    CourseFigures,
    TrendPoint,
    UnitCounts,
    UnitNode,
    build_report,
)
from training.reports.lists import ExpiringRow, OverdueRow, UncertifiedRow
from training.reports.periods import parse_period

AS_OF = date(2026, 11, 26)
GENERATED_AT = datetime(2026, 11, 26, 3, 25, tzinfo=UTC)


def sample_tree():
    """Return the sample units as nodes with materialized paths (ids in file order)."""
    with open(fixture("roster", "units-sample.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    paths, nodes = {}, []
    for number, row in enumerate(rows, start=1):
        parent = paths.get(row["parent_code"], "/")
        paths[row["code"]] = f"{parent}{number}/"
        nodes.append(UnitNode(row["code"], row["name"], paths[row["code"]], row["kind"]))
    return nodes


# code: (people, spokespersons, certified, enrolled, completed in period, completed ever, overdue)
OWN = {
    "TU": (6, 1, 1, 4, 1, 3, 0), "BTG": (8, 2, 2, 8, 2, 7, 0), "VPTU": (10, 1, 0, 5, 0, 2, 2),
    "UBKT": (7, 1, 1, 3, 1, 3, 0), "UBND": (12, 2, 1, 6, 1, 4, 1), "PVHTT": (9, 1, 1, 6, 2, 5, 0),
    "TTVH": (14, 1, 1, 4, 1, 3, 0), "PTNMT": (11, 1, 0, 2, 0, 1, 1), "PQLDT": (10, 1, 1, 3, 1, 2, 0),
    "CATP": (40, 1, 1, 6, 2, 6, 0), "P1": (15, 2, 0, 4, 0, 1, 2), "P2": (14, 1, 1, 3, 1, 3, 0),
    "PTT": (13, 1, 1, 2, 1, 2, 0), "PNK": (12, 1, 1, 2, 0, 2, 0), "XLS": (9, 1, 0, 1, 0, 0, 1),
    "MTTQ": (8, 1, 1, 3, 1, 3, 0), "DTN": (6, 0, 0, 2, 1, 1, 0), "HLHPN": (6, 1, 1, 2, 0, 2, 0),
    "HND": (5, 0, 0, 0, 0, 0, 0),
}


def own_counts(certified_shift=0):
    """Return each unit's own counts; ``certified_shift`` removes certificates (an earlier period)."""
    counts = []
    for code, (people, spokes, certified, enrolled, in_period, ever, overdue) in OWN.items():
        if certified_shift and certified and code in ("BTG", "CATP", "PTT"):
            certified -= 1
        counts.append(UnitCounts(
            code=code, people=people, spokespersons=spokes, enrolled=enrolled, completed_in_period=in_period,
            completed_ever=ever, valid_certificates=certified, certified_spokespersons=certified, overdue=overdue,
            quiz_score_sum=Decimal(ever * 80) + Decimal("0.5"), quiz_scored=ever + 1,
            simulation_passed=min(ever, spokes), simulation_runs=spokes * 2,
        ))
    return counts


def sample_lists():
    """Return (uncertified, expiring, overdue) rows."""
    uncertified = (
        UncertifiedRow("Trần Thị Bích", "P1", "Phường 1", "Phó Chủ tịch UBND phường", date(2025, 3, 1), None),
        UncertifiedRow("Lê Văn Cường", "P1", "Phường 1", "Chủ tịch UBND phường", date(2024, 1, 10),
                       date(2026, 9, 30)),
        UncertifiedRow("Phạm Minh Đức", "VPTU", "Văn phòng Thành ủy", "Phó Chánh Văn phòng", None, None),
        UncertifiedRow("Võ Thị Hồng", "PTNMT", "Phòng Tài nguyên và Môi trường", "Trưởng phòng",
                       date(2025, 6, 2), None),
        UncertifiedRow("Ngô Quốc Huy", "XLS", "Xã Long Sơn", "Chủ tịch UBND xã", date(2023, 5, 5), date(2026, 2, 1)),
        UncertifiedRow("Đặng Văn Khoa", "UBND", "Ủy ban nhân dân Thành phố", "Chánh Văn phòng", None, None),
    )
    expiring = (
        ExpiringRow("Nguyễn Văn Hải", "BTG", "Ban Tuyên giáo Thành ủy", "Kỹ năng phát ngôn", "PN-2024-0012",
                    date(2027, 1, 15)),
        ExpiringRow("Hoàng Thị Lan", "PTT", "Phường Thắng Tam", "Kỹ năng phát ngôn", "PN-2024-0031",
                    date(2026, 12, 20)),
        ExpiringRow("Bùi Đức Minh", "CATP", "Công an Thành phố", "Xử lý khủng hoảng truyền thông", "PN-2024-0040",
                    date(2027, 2, 1)),
    )
    overdue = (
        OverdueRow("Trần Thị Bích", "P1", "Phường 1", "Kỹ năng phát ngôn", date(2026, 10, 31), Decimal("40")),
        OverdueRow("Ngô Quốc Huy", "XLS", "Xã Long Sơn", "Kỹ năng phát ngôn", date(2026, 9, 30), Decimal("12.5")),
        OverdueRow("Phạm Minh Đức", "VPTU", "Văn phòng Thành ủy", "Luật Báo chí 2016", date(2026, 11, 15), None),
    )
    return uncertified, expiring, overdue


def sample_courses():
    """Return two course rows."""
    return (
        CourseFigures(slug="ky-nang-phat-ngon", title="Kỹ năng phát ngôn và cung cấp thông tin cho báo chí",
                      enrolled=40, completed_in_period=12, completed_ever=33, valid_certificates=14, overdue=5,
                      quiz_score_sum=Decimal("2640.5"), quiz_scored=33, simulation_passed=14, simulation_runs=22),
        CourseFigures(slug="luat-bao-chi", title="Luật Báo chí 2016 và Nghị định 09/2017/NĐ-CP",
                      enrolled=30, completed_in_period=4, completed_ever=21, valid_certificates=3, overdue=2,
                      quiz_score_sum=Decimal("1512"), quiz_scored=20),
    )


def sample_report(period="2026-Q4", previous=True, trend=True, tree=None, names=None):
    """Return the sample report; ``names`` renames units ({code: name}) for hostile-text tests."""
    nodes = sample_tree() if tree is None else tree
    if names:
        nodes = [UnitNode(n.code, names.get(n.code, n.name), n.path, n.kind) for n in nodes]
    current = parse_period(period)
    uncertified, expiring, overdue = sample_lists()
    points = ()
    if trend:
        values = ((18, 9), (19, 11), (20, 11), (20, 14))  # the last two match the figures
        points = tuple(TrendPoint(p, s, c) for p, (s, c) in zip(current.last_n(4), values, strict=True))
    return build_report(
        period=current, scope_code="", scope_name="Thành phố Vũng Tàu", as_of=AS_OF, generated_at=GENERATED_AT,
        tree=nodes, counts=own_counts(), courses=sample_courses(), uncertified=uncertified, expiring=expiring,
        overdue=overdue, previous_counts=own_counts(certified_shift=1) if previous else None, trend=points,
    )
