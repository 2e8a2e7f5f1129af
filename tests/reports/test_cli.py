"""``flask reports coverage|freeze|snapshots``."""

import json

from openpyxl import load_workbook
from sqlalchemy import select

from tests.reports.city import NOW
from training.extensions import db
from training.reports.models import ReportSnapshot


def fixed(monkeypatch):
    monkeypatch.setattr("training.reports.cli.utcnow", lambda: NOW)


def test_coverage_to_each_format(city, runner, tmp_path, monkeypatch):
    fixed(monkeypatch)
    for fmt in ("pdf", "xlsx", "csv", "json"):
        target = tmp_path / f"r.{fmt}"
        result = runner.invoke(args=["reports", "coverage", "--period", "2026-Q4", "--unit", "UBND", "--format", fmt,
                                     "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 0
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["scope"]["code"] == "UBND"
    assert load_workbook(tmp_path / "r.xlsx").sheetnames[0] == "Thông tin chung"
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_bad_arguments_fail_without_output(city, runner, tmp_path, monkeypatch):
    fixed(monkeypatch)
    target = tmp_path / "r.pdf"
    for args in (["--period", "2026-Q7"], ["--unit", "NOPE"]):
        result = runner.invoke(args=["reports", "coverage", *args, "-o", str(target)])
        assert result.exit_code != 0
    assert not target.exists()


def test_snapshot_flag_freeze_and_list(city, runner, tmp_path, monkeypatch):
    fixed(monkeypatch)
    target = tmp_path / "r.pdf"
    result = runner.invoke(args=["reports", "coverage", "--period", "2026-Q3", "--snapshot", "-o", str(target)])
    assert result.exit_code == 0, result.output
    snapshot = db.session.scalar(select(ReportSnapshot))
    assert target.read_bytes() == next(f.content for f in snapshot.files if f.kind == "pdf")
    result = runner.invoke(args=["reports", "freeze", "--period", "2026-Q3", "--note", "Sửa"])
    assert result.exit_code == 0 and f"replaces #{snapshot.id}" in result.output
    listing = runner.invoke(args=["reports", "snapshots"]).output
    assert f"replaced by #{snapshot.id + 1}" in listing and "current" in listing
