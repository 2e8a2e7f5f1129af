"""``flask certificates issue | pdf | revoke``: serial printed, one-line errors, nothing changed on bad input."""

from sqlalchemy import func, select

from tests.certificates import poppler
from tests.certificates.conftest import complete
from training.certificates.models import Certificate, SerialCounter
from training.core.time import utcnow
from training.courses.services.enrolment import enrol_people
from training.extensions import db


def _count():
    return db.session.scalar(select(func.count()).select_from(Certificate))


def test_issue_prints_the_serial(runner, world, certified):
    certified["configure"]("approval")
    complete(certified["course"], world["people"]["learner"])
    result = runner.invoke(args=["certificates", "issue", "--user", "LEARNER@test.vn", "--course", "khung-phap-ly"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"GCN-{utcnow().year}-000001"


def test_issue_refuses_with_one_line_and_changes_nothing(runner, world, certified):
    enrol_people(None, certified["course"], [world["people"]["learner"]], utcnow(), "Asia/Ho_Chi_Minh")
    db.session.commit()
    for args, expected in (
        (["--user", "nobody@test.vn", "--course", "khung-phap-ly"], "nobody@test.vn"),
        (["--user", "learner@test.vn", "--course", "khong-co"], "khong-co"),
        (["--user", "learner@test.vn", "--course", "khung-phap-ly"], "Hệ thống văn bản"),
    ):
        result = runner.invoke(args=["certificates", "issue", *args])
        assert result.exit_code == 1 and expected in result.output and len(result.output.strip().splitlines()) == 1
    assert _count() == 0 and db.session.scalar(select(func.count()).select_from(SerialCounter)) == 0


def test_pdf_writes_the_certificate_and_refuses_unknown_serials(runner, world, certified, tmp_path):
    complete(certified["course"], world["people"]["learner"])
    serial = db.session.scalar(select(Certificate.serial))
    target = tmp_path / "gcn.pdf"
    result = runner.invoke(args=["certificates", "pdf", serial.lower(), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Lê Học Viên" in poppler.text(target.read_bytes())
    missing = runner.invoke(args=["certificates", "pdf", "GCN-1999-000009", "-o", str(tmp_path / "x.pdf")])
    assert missing.exit_code == 1 and "GCN-1999-000009" in missing.output and not (tmp_path / "x.pdf").exists()


def test_revoke_needs_a_reason_and_refuses_twice(runner, world, certified):
    complete(certified["course"], world["people"]["learner"])
    serial = db.session.scalar(select(Certificate.serial))
    short = runner.invoke(args=["certificates", "revoke", serial, "--reason", "x"])
    assert short.exit_code == 1
    done = runner.invoke(args=["certificates", "revoke", serial, "--reason", "Cấp nhầm đối tượng"])
    assert done.exit_code == 0, done.output
    again = runner.invoke(args=["certificates", "revoke", serial, "--reason", "Cấp nhầm đối tượng"])
    assert again.exit_code == 1 and "đã bị thu hồi" in again.output
    db.session.expire_all()
    assert db.session.scalar(select(Certificate.revoked_reason)) == "Cấp nhầm đối tượng"
