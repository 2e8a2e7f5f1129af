"""Report maths (pure): roll-up over the unit tree, weighted averages, comparison, totals, order."""

import random
from datetime import date
from decimal import Decimal

import pytest

from tests.reports.sample import AS_OF, own_counts, sample_report, sample_tree
from training.reports.figures import (
    CourseFigures,
    UnitCounts,
    UnitFigures,
    UnitNode,
    build_report,
    city_total,
    compare,
    path_key,
    roll_up,
)
from training.reports.lists import ExpiringRow, select_expiring

TREE = [UnitNode("ROOT", "Thành phố", "/1/"), UnitNode("A", "Phường A", "/1/2/"),
        UnitNode("A1", "Khu phố 1", "/1/2/3/"), UnitNode("B", "Phường B", "/1/10/"),
        UnitNode("OTHER", "Mặt trận", "/4/")]


def _by_code(rows):
    return {r.code: r for r in rows}


def test_each_unit_totals_its_whole_subtree():
    rows = _by_code(roll_up([
        UnitCounts(code="ROOT", people=1, spokespersons=1, certified_spokespersons=1),
        UnitCounts(code="A", people=2, spokespersons=2, certified_spokespersons=1),
        UnitCounts(code="A1", people=4, spokespersons=1),
        UnitCounts(code="B", people=8, spokespersons=3, certified_spokespersons=3),
        UnitCounts(code="OTHER", people=16),
    ], TREE))
    assert [rows[c].people for c in ("ROOT", "A", "A1", "B", "OTHER")] == [15, 6, 4, 8, 16]
    assert rows["ROOT"].spokespersons == 7 and rows["ROOT"].certified_spokespersons == 5
    assert rows["A"].coverage == Decimal(100) / 3
    assert rows["OTHER"].coverage is None  # no spokesperson: no rate, not 0 %


def test_tree_order_depth_parent_and_children():
    rows = roll_up([], reversed(TREE))
    assert [r.code for r in rows] == ["ROOT", "A", "A1", "B", "OTHER"]  # /1/2/ before /1/10/: numeric
    assert [(r.depth, r.parent_code, r.children) for r in rows] == [
        (0, "", 2), (1, "ROOT", 1), (2, "A", 0), (1, "ROOT", 0), (0, "", 0)]


def test_averages_are_weighted_by_counts_not_averaged():
    rows = _by_code(roll_up([
        UnitCounts(code="A", quiz_score_sum=Decimal(100), quiz_scored=1, simulation_passed=1, simulation_runs=1),
        UnitCounts(code="B", quiz_score_sum=Decimal(150), quiz_scored=3, simulation_passed=0, simulation_runs=3),
    ], TREE))
    assert rows["ROOT"].average_quiz_score == Decimal("62.5")  # 250 / 4, not (100 + 50) / 2 = 75
    assert rows["ROOT"].simulation_pass_rate == Decimal(25)  # 1 / 4, not (100 + 0) / 2
    assert rows["A1"].average_quiz_score is None and rows["A1"].simulation_pass_rate is None


def test_a_subtree_report_starts_at_depth_zero():
    rows = roll_up([UnitCounts(code="A1", people=3)], [n for n in TREE if n.path.startswith("/1/2/")])
    assert [(r.code, r.depth, r.parent_code, r.people) for r in rows] == [("A", 0, "", 3), ("A1", 1, "A", 3)]


def test_a_gap_in_the_tree_attaches_to_the_nearest_ancestor_and_is_counted_once():
    tree = [n for n in TREE if n.code != "A"]
    rows = roll_up([UnitCounts(code="A1", people=5), UnitCounts(code="ROOT", people=1)], tree)
    assert _by_code(rows)["A1"].parent_code == "ROOT"
    assert city_total(rows).people == 6


@pytest.mark.parametrize("counts,tree,message", [
    ([UnitCounts(code="NOPE", people=1)], TREE, "not in the tree"),
    ([], [*TREE, UnitNode("A", "again", "/9/")], "duplicate"),
    ([], [*TREE, UnitNode("Z", "same path", "/1/2/")], "duplicate"),
])
def test_inconsistent_input_is_refused(counts, tree, message):
    with pytest.raises(ValueError, match=message):
        roll_up(counts, tree)


@pytest.mark.parametrize("kwargs", [{"people": -1}, {"spokespersons": 1, "certified_spokespersons": 2},
                                    {"simulation_runs": 1, "simulation_passed": 2}, {"quiz_score_sum": -1}])
def test_impossible_counts_are_refused(kwargs):
    with pytest.raises(ValueError):
        UnitCounts(code="A", **kwargs)


def test_city_total_sums_every_top_unit_of_the_sample_city():
    report = sample_report()
    tops = [u for u in report.units if u.depth == 0]
    assert [u.code for u in tops] == ["TU", "UBND", "MTTQ"]
    assert report.total.people == sum(u.people for u in tops) == sum(r.people for r in own_counts())
    assert report.total.spokespersons == 20 and report.total.certified_spokespersons == 14
    assert report.total.coverage == Decimal(70)
    assert report.total.children == 3 and report.total.name == "Thành phố Vũng Tàu"


def test_compare_with_previous_period():
    report = sample_report()
    total = report.total_change
    assert (total.certified, total.certified_before, total.certified_delta) == (14, 11, 3)
    assert total.coverage_delta == Decimal(15)
    changes = {c.code: c for c in report.changes}
    assert (changes["BTG"].certified_before, changes["BTG"].certified, changes["BTG"].certified_delta) == (1, 2, 1)
    assert changes["TU"].certified_delta == 1 and changes["P1"].certified_delta == 0
    assert changes["DTN"].coverage_delta is None


def test_compare_marks_units_new_since_the_previous_period():
    current = roll_up([UnitCounts(code="B", spokespersons=2, certified_spokespersons=1)], TREE)
    previous = roll_up([], [n for n in TREE if n.code != "B"])
    change = _by_code(compare(current, previous))["B"]
    assert change.certified_before is None and change.certified_delta is None and change.coverage_delta is None


def test_without_previous_counts_there_is_no_comparison():
    report = sample_report(previous=False)
    assert report.previous_period is None and report.previous_total is None
    assert report.total_change is None and report.changes == ()


def test_lists_come_in_a_fixed_order_whatever_the_input_order():
    report = sample_report()
    shuffled = build_report(
        period=report.period, scope_code="", scope_name=report.scope_name, as_of=AS_OF,
        generated_at=report.generated_at, tree=list(reversed(sample_tree())), counts=list(reversed(own_counts())),
        courses=list(reversed(report.courses)), uncertified=list(reversed(report.uncertified)),
        expiring=list(reversed(report.expiring)), overdue=list(reversed(report.overdue)),
        previous_counts=list(reversed(own_counts(certified_shift=1))), trend=list(reversed(report.trend)))
    # People are grouped by unit in the tree's order, then by name.
    assert [r.full_name for r in report.uncertified] == [
        "Phạm Minh Đức", "Đặng Văn Khoa", "Võ Thị Hồng", "Lê Văn Cường", "Trần Thị Bích", "Ngô Quốc Huy"]
    assert [r.expires_on for r in report.expiring] == sorted(r.expires_on for r in report.expiring)
    assert [r.due_on for r in report.overdue] == sorted(r.due_on for r in report.overdue)
    assert [c.slug for c in report.courses] == ["ky-nang-phat-ngon", "luat-bao-chi"]
    assert report == shuffled


def test_shuffled_tree_and_counts_give_an_equal_report():
    tree, counts = sample_tree(), own_counts()
    random.Random(7).shuffle(tree)
    random.Random(8).shuffle(counts)
    assert roll_up(counts, tree) == roll_up(own_counts(), sample_tree())


def test_select_expiring_keeps_the_window_soonest_first():
    rows = [ExpiringRow("B", "X", "X", "C", "s91", date(2027, 2, 25)), ExpiringRow("A", "X", "X", "C", "s0", AS_OF),
            ExpiringRow("C", "X", "X", "C", "s90", date(2027, 2, 24)),
            ExpiringRow("D", "X", "X", "C", "expired", date(2026, 11, 25))]
    assert [r.serial for r in select_expiring(rows, AS_OF)] == ["s0", "s90"]  # the 90th day is within 90 days
    assert [r.serial for r in select_expiring(rows, AS_OF, days=91)] == ["s0", "s90", "s91"]


def test_course_rates():
    course = CourseFigures(slug="x", title="X", enrolled=8, completed_ever=6, quiz_score_sum=Decimal("170.5"),
                           quiz_scored=2)
    assert course.completion_rate == Decimal(75) and course.average_quiz_score == Decimal("85.25")
    assert course.simulation_pass_rate is None and CourseFigures(slug="y", title="Y").completion_rate is None


def test_path_key_orders_numerically():
    assert sorted(["/1/10/", "/1/2/", "/1/", "/10/"], key=path_key) == ["/1/", "/1/2/", "/1/10/", "/10/"]


def test_unit_figures_are_frozen():
    row = UnitFigures(code="A", name="A")
    with pytest.raises(AttributeError):
        row.people = 3


def test_database_types_are_normalised_so_sqlite_and_postgresql_hash_alike():
    sqlite = UnitCounts(code="A", people=3, spokespersons=2, quiz_score_sum=2640.4999999999995, quiz_scored=33)
    postgres = UnitCounts(code="A", people=Decimal(3), spokespersons=Decimal("2"),
                          quiz_score_sum=Decimal("2640.50"), quiz_scored=Decimal(33))
    assert sqlite == postgres
    assert type(postgres.people) is int and postgres.quiz_score_sum.as_tuple().exponent == -1
    assert str(UnitCounts(code="A", quiz_score_sum=Decimal("100.00")).quiz_score_sum) == "100"


@pytest.mark.parametrize("value", [Decimal("2.5"), 1.5])
def test_fractional_counts_are_refused(value):
    with pytest.raises(ValueError, match="whole number"):
        UnitCounts(code="A", people=value)


def test_course_and_list_rows_are_normalised_too():
    from training.reports.lists import OverdueRow

    course = CourseFigures(slug="x", title="X", enrolled=Decimal(4), quiz_score_sum=0.1 + 0.2)
    assert course.enrolled == 4 and type(course.enrolled) is int and str(course.quiz_score_sum) == "0.3"
    assert OverdueRow("A", "U", "U", "C", date(2026, 1, 1), 33.30000000000001).progress == Decimal("33.3")
    with pytest.raises(ValueError):
        CourseFigures(slug="x", title="X", overdue=-1)
