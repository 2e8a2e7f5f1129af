"""Roster validation (pure), against the shared sample files."""

from tests.paths import fixture
from training.accounts.roster_rows import check_roster_rows, parse_yes_no
from training.core.roles import ROLE_VALUES
from training.core.tabular import read_table

SAMPLE_UNITS = {"TU", "BTG", "VPTU", "UBKT", "UBND", "PVHTT", "TTVH", "PTNMT", "PQLDT", "CATP", "P1", "P2", "PTT",
                "PNK", "XLS", "MTTQ", "DTN", "HLHPN", "HND", "HCCB"}
ALL_ROLES = set(ROLE_VALUES)


def _check(name, allowed_units=None, allowed_roles=ALL_ROLES):
    table = read_table(name, fixture("roster", name).read_bytes(), 100)
    return check_roster_rows(table.header, table.rows, SAMPLE_UNITS, allowed_units, ALL_ROLES, allowed_roles)


def test_the_sample_roster_is_valid():
    check = _check("roster-sample.csv")
    assert check.ok and len(check.rows) == 17
    first = check.rows[0]
    assert (first.email, first.unit_code, first.is_spokesperson, first.decision_no) == (
        "nguyen.van.hai@vungtau.gov.vn", "UBND", True, "125/QĐ-UBND")
    assert first.designated_on.isoformat() == "2024-03-15"
    assert {r.role for r in check.rows} == {"learner", "trainer", "admin", "board"}


def test_every_bad_row_of_the_error_file_is_explained():
    check = _check("roster-with-errors.csv")
    assert [r.row for r in check.rows] == [2]
    assert [(i.row, i.column) for i in check.issues] == [
        (3, "email"), (4, "unit_code"), (5, "role"), (6, "designated_on"), (7, "email"), (8, "email")]
    messages = {i.row: i.params for i in check.issues}
    assert messages[4] == {"code": "KHONGCO"} and messages[8]["first"] == 2


def test_a_scoped_admin_may_import_only_into_their_units_and_roles():
    check = _check("roster-sample.csv", allowed_units={"P1"}, allowed_roles={"learner", "trainer"})
    assert [r.email for r in check.rows] == ["dang.thi.my.duyen@vungtau.gov.vn"]
    assert any(i.column == "role" for i in check.issues) and any(i.column == "unit_code" for i in check.issues)


def test_yes_no_words():
    assert parse_yes_no("Có") is True and parse_yes_no("x") is True and parse_yes_no("không") is False
    assert parse_yes_no("") is False and parse_yes_no("maybe") is None
