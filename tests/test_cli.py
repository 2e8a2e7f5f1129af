"""The command-line interface: demo data, accounts, imports (exit codes, JSON, nothing half-done)."""

import json

from sqlalchemy import func, select

from tests.paths import fixture
from training.accounts.models import User
from training.extensions import db
from training.orgunits.models import Unit


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_is_idempotent_and_prints_logins(runner, app):
    result = runner.invoke(args=["seed-demo", "--password", "Mật khẩu demo 2026"])
    assert result.exit_code == 0, result.output
    assert "quantri@demo.vn" in result.output and "hocvien@demo.vn" in result.output
    units, users = _count(Unit), _count(User)
    assert units == 20 and users >= 19
    roles = set(db.session.scalars(select(User.role)))
    assert roles == {"learner", "trainer", "admin", "board"}
    scoped = db.session.scalar(select(User).where(User.email == "quantri.p1@demo.vn"))
    assert scoped.scope_unit.code == "P1"
    again = runner.invoke(args=["seed-demo", "--password", "Mật khẩu demo 2026"])
    assert again.exit_code == 0 and (_count(Unit), _count(User)) == (units, users)


def test_seed_demo_if_empty_does_nothing_on_a_used_database(runner, world):
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0 and _count(User) == len(world["people"])


def test_seed_demo_refuses_a_weak_password(runner, app):
    result = runner.invoke(args=["seed-demo", "--password", "123"])
    assert result.exit_code != 0 and _count(User) == 0


def test_users_create(runner, world):
    result = runner.invoke(args=["users", "create", "--email", "Moi@Test.vn", "--name", "Người Mới", "--role", "admin",
                                 "--unit", "btg", "--password", "Một mật khẩu đủ dài"])
    assert result.exit_code == 0, result.output
    person = db.session.scalar(select(User).where(User.email == "moi@test.vn"))
    assert person.role == "admin" and person.unit.code == "BTG"


def test_users_create_bad_input_changes_nothing(runner, world):
    before = _count(User)
    for args in (["--email", "x", "--name", "X", "--role", "learner"],
                 ["--email", "a@b.vn", "--name", "X", "--role", "learner", "--unit", "KHONGCO"],
                 ["--email", "learner@test.vn", "--name", "X", "--role", "learner"],
                 ["--email", "a@b.vn", "--name", "X", "--role", "god"],
                 ["--email", "a@b.vn", "--name", "X", "--role", "learner", "--password", "123"]):
        result = runner.invoke(args=["users", "create", *args])
        assert result.exit_code != 0, args
        assert result.output.strip().splitlines()[-1].startswith("Error:")
    assert _count(User) == before


def test_units_and_users_import_from_the_command_line(runner, app):
    result = runner.invoke(args=["units", "import", str(fixture("roster", "units-sample.csv"))])
    assert result.exit_code == 0 and "tạo mới 20" in result.output
    dry = runner.invoke(args=["users", "import", str(fixture("roster", "roster-sample.csv")), "--dry-run", "--json"])
    assert dry.exit_code == 0
    assert json.loads(dry.output) == {"imported": 17, "dry_run": True, "errors": [],
                                      "counts": {"created": 17, "updated": 0, "unchanged": 0}}
    assert _count(User) == 0
    result = runner.invoke(args=["users", "import", str(fixture("roster", "roster-sample.csv"))])
    assert result.exit_code == 0 and _count(User) == 17


def test_users_import_with_errors_reports_rows_and_imports_nothing(runner, app):
    runner.invoke(args=["units", "import", str(fixture("roster", "units-sample.csv"))])
    result = runner.invoke(args=["users", "import", str(fixture("roster", "roster-with-errors.csv")), "--json"])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["imported"] == 0 and [e["row"] for e in payload["errors"]] == [3, 4, 5, 6, 7, 8]
    assert "không phải là địa chỉ thư điện tử hợp lệ" in payload["errors"][0]["message"]
    assert _count(User) == 0
    plain = runner.invoke(args=["users", "import", str(fixture("roster", "roster-with-errors.csv"))])
    assert plain.exit_code == 1 and "dòng 3" in plain.output


def test_import_of_a_missing_file(runner, app):
    result = runner.invoke(args=["units", "import", "/khong/co/tep.csv"])
    assert result.exit_code != 0 and "Không tìm thấy tệp" in result.output
