"""Backup while the app is in use, wipe, restore: every record and every upload comes back."""

import shutil
import threading

import pytest
from sqlalchemy import func, select, text

from tests.courses.conftest import course, enrolled, legal_docs  # noqa: F401
from training.accounts.models import User
from training.core.audit import AuditEvent
from training.core.filestore import read_bytes, store_bytes
from training.core.time import utcnow
from training.courses.models import Enrollment
from training.extensions import db


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _wipe():
    names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
    db.session.commit()


def test_backup_wipe_restore(app, runner, world, enrolled, course, tmp_path):  # noqa: F811
    digest = store_bytes(b"a recorded answer, or a lesson image")
    users, enrolments, events = _count(User), _count(Enrollment), _count(AuditEvent)
    target = tmp_path / "backup.tar.gz"
    result = runner.invoke(args=["backup", "-o", str(target)])
    assert result.exit_code == 0, result.output
    _wipe()
    shutil.rmtree(app.config["UPLOAD_DIR"], ignore_errors=True)
    assert _count(User) == 0 and read_bytes(digest) is None
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert (_count(User), _count(Enrollment), _count(AuditEvent)) == (users, enrolments, events)
    assert read_bytes(digest) == b"a recorded answer, or a lesson image"


def test_backup_is_consistent_while_writes_continue(app, runner, world, tmp_path):
    """Writers keep committing during the backup; the snapshot is whole and restorable."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("pg_dump takes its own consistent snapshot; this checks SQLite's online backup")
    stop = threading.Event()

    def writer():
        with app.app_context():
            from training.core import audit

            while not stop.is_set():
                audit.record(None, "test.write", "test", None, {"n": 1}, utcnow())
                db.session.commit()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        result = runner.invoke(args=["backup", "-o", str(tmp_path / "live.tar.gz")])
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    from training.core.backup import read_manifest

    manifest = read_manifest(tmp_path / "live.tar.gz")
    assert manifest["counts"]["users"] == len(world["people"])


def test_restore_refuses_a_file_that_is_not_a_backup(runner, app, tmp_path):
    bogus = tmp_path / "not-a-backup.tar.gz"
    bogus.write_bytes(b"hello")
    result = runner.invoke(args=["restore", str(bogus), "--yes"])
    assert result.exit_code != 0 and "not a backup file" in result.output
