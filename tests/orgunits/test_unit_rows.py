"""Unit import validation (pure)."""

from tests.paths import fixture
from training.core.tabular import read_table
from training.orgunits.services import KINDS
from training.orgunits.unit_rows import check_unit_rows


def _check(text, existing=None):
    table = read_table("u.csv", text.encode(), 100)
    return check_unit_rows(table.header, table.rows, KINDS, existing or {})


def test_the_sample_tree_is_valid_and_parents_come_first():
    table = read_table("units.csv", fixture("roster", "units-sample.csv").read_bytes(), 100)
    check = check_unit_rows(table.header, table.rows, KINDS, {})
    assert check.ok and len(check.rows) == 20
    order = [row.code for row in check.rows]
    assert order.index("UBND") < order.index("PVHTT") and order.index("MTTQ") < order.index("HCCB")


def test_parent_later_in_the_file_is_fine():
    check = _check("code,name,kind,parent_code\nP1,Phường 1,ward,UBND\nUBND,UBND,peoples_committee,\n")
    assert check.ok and [r.code for r in check.rows] == ["UBND", "P1"]


def test_each_problem_is_reported_with_row_and_column():
    check = _check("code,name,kind,parent_code\n"
                   "UBND,UBND,peoples_committee,\n"
                   ",Không mã,ward,UBND\n"
                   "X Y,Sai mã,ward,UBND\n"
                   "P1,,ward,UBND\n"
                   "P2,Phường 2,galaxy,UBND\n"
                   "P3,Phường 3,ward,KHONGCO\n"
                   "UBND,Trùng,ward,\n")
    found = {(i.row, i.column) for i in check.issues}
    assert found == {(3, "code"), (4, "code"), (5, "name"), (6, "kind"), (7, "parent_code"), (8, "code")}


def test_cycles_are_refused():
    check = _check("code,name,parent_code\nA,A,B\nB,B,A\n")
    assert {i.row for i in check.issues} == {2, 3}


def test_moving_an_existing_unit_under_its_descendant_is_a_cycle():
    check = _check("code,name,parent_code\nUBND,UBND,P1\n", existing={"UBND": "", "P1": "UBND"})
    assert not check.ok


def test_missing_columns_are_one_clear_issue():
    check = _check("ma,ten\nA,B\n")
    assert len(check.issues) == 1 and check.issues[0].params == {"columns": "code, name"}
