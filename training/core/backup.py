"""Backup and restore of a SQLite installation: the database (online, consistent) and uploads.

A backup is a ``.tar.gz`` holding ``manifest.json`` (schema revision, when, row counts, the
database's sha256), ``database.sqlite`` made with SQLite's online backup API — consistent
while learners keep answering, because the API copies a snapshot page by page under SQLite's
own locking — and ``uploads/`` (lesson images, recorded answers). Restoring copies the backup
into the live database through the same API, so connections of a running server see the
restored data at once instead of a file swapped under them.

On PostgreSQL the same commands wrap ``pg_dump --format=custom`` and ``pg_restore --clean``
(``database.pgdump`` inside the archive), so operators have one procedure for both.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

MANIFEST = "manifest.json"
DATABASE = "database.sqlite"
PG_DUMP = "database.pgdump"
UPLOADS = "uploads"
FORMAT = "spokesperson-training-backup/1"


class BackupError(RuntimeError):
    """The backup cannot be made or restored; the message says why."""


def sqlite_path(database_uri):
    """Return the file of a SQLite URI, or raise for anything else."""
    url = make_url(database_uri)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError("an in-memory or non-SQLite database cannot be backed up as a file")
    return Path(url.database)


def _counts(connection):
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    # Table names come from the database's own catalogue, not from input.
    return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608  # nosec B608
            for table in tables}


def _revision(connection):
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.DatabaseError:
        return None


def is_postgresql(database_uri):
    return make_url(database_uri).get_backend_name() == "postgresql"


def _pg_args(database_uri):
    """Return (pg tool arguments for the connection, environment with the password)."""
    url = make_url(database_uri)
    args = ["--host", url.host or "127.0.0.1", "--port", str(url.port or 5432), "--username", url.username or "postgres",
            "--dbname", url.database]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    return args, env


def _pg_counts(database_uri):
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(make_url(database_uri).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as connection:
            names = sorted(inspect(connection).get_table_names())
            return {n: connection.execute(text(f'SELECT count(*) FROM "{n}"')).scalar()  # noqa: S608  # nosec B608 (catalogue names)
                    for n in names}
    finally:
        engine.dispose()


def _pg_revision(database_uri):
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError

    engine = create_engine(make_url(database_uri).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None
    finally:
        engine.dispose()


def _pg_backup(database_uri, upload_dir, target, now):
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError("pg_dump is not installed (apt-get install postgresql-client)")
    args, env = _pg_args(database_uri)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / PG_DUMP
        # The arguments come from the configured database URL, never from a request.
        result = subprocess.run([pg_dump, "--format=custom", "--no-owner", "--file", str(dump), *args],  # noqa: S603
                                env=env, capture_output=True, text=True)
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()[:300]}")
        counts = _pg_counts(database_uri)
        manifest = {"format": FORMAT, "created_at": now.isoformat(), "database": "postgresql",
                    "revision": _pg_revision(database_uri), "counts": counts,
                    "sha256": hashlib.sha256(dump.read_bytes()).hexdigest()}
        _write_archive(target, manifest, dump, PG_DUMP, upload_dir)
    return manifest


def _write_archive(target, manifest, database_file, arcname, upload_dir):
    partial = Path(f"{target}.partial")
    with tarfile.open(partial, "w:gz") as archive:
        _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
        archive.add(database_file, arcname=arcname)
        if upload_dir and Path(upload_dir).is_dir():
            archive.add(upload_dir, arcname=UPLOADS)
    os.replace(partial, target)


def create_backup(database_uri, upload_dir, target, now):
    """Write a backup of the database and ``upload_dir`` to ``target``; return the manifest."""
    if is_postgresql(database_uri):
        return _pg_backup(database_uri, upload_dir, target, now)
    source_path = sqlite_path(database_uri)
    if not source_path.exists():
        raise BackupError(f"database file not found: {source_path}")
    with tempfile.TemporaryDirectory() as tmp:
        snapshot = Path(tmp) / DATABASE
        source = sqlite3.connect(source_path, timeout=30)
        destination = sqlite3.connect(snapshot)
        try:
            source.backup(destination, pages=256)
        finally:
            source.close()
        counts, revision = _counts(destination), _revision(destination)
        destination.close()
        manifest = {"format": FORMAT, "created_at": now.isoformat(), "database": "sqlite", "revision": revision,
                    "counts": counts, "sha256": hashlib.sha256(snapshot.read_bytes()).hexdigest()}
        _write_archive(target, manifest, snapshot, DATABASE, upload_dir)
    return manifest


def read_manifest(backup_file):
    """Return the manifest of a backup file, checking it is one of ours."""
    try:
        with tarfile.open(backup_file, "r:gz") as archive:
            manifest = json.load(archive.extractfile(MANIFEST))
    except (OSError, KeyError, tarfile.TarError, ValueError) as exc:
        raise BackupError(f"not a backup file: {backup_file} ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format: {manifest.get('format')!r}")
    return manifest


def restore_backup(backup_file, database_uri, upload_dir):
    """Replace the live database's content and the uploads with the backup's; return the manifest."""
    manifest = read_manifest(backup_file)
    postgres = is_postgresql(database_uri)
    if postgres != (manifest.get("database") == "postgresql"):
        raise BackupError("the backup was made from another kind of database")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(backup_file, "r:gz") as archive:
        members = archive.getmembers()
        for member in members:
            name = Path(member.name)
            if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
                raise BackupError(f"unsafe entry in the backup: {member.name}")
        archive.extractall(tmp, members=members, filter="data")
        snapshot = Path(tmp) / (PG_DUMP if postgres else DATABASE)
        if hashlib.sha256(snapshot.read_bytes()).hexdigest() != manifest["sha256"]:
            raise BackupError("the database in the backup does not match its checksum")
        restored = _pg_restore(snapshot, database_uri) if postgres else _sqlite_restore(snapshot, database_uri)
        if restored != manifest["counts"]:
            raise BackupError("the restored database does not hold the rows the backup recorded")
        uploads = Path(tmp) / UPLOADS
        if upload_dir and uploads.is_dir():
            _copy_tree(uploads, Path(upload_dir))
    return manifest


def _sqlite_restore(snapshot, database_uri):
    source = sqlite3.connect(snapshot)
    target = sqlite3.connect(sqlite_path(database_uri), timeout=30)
    try:
        source.backup(target, pages=256)
        return _counts(target)
    finally:
        source.close()
        target.close()


def _pg_restore(dump, database_uri):
    pg_restore = shutil.which("pg_restore")
    if pg_restore is None:
        raise BackupError("pg_restore is not installed (apt-get install postgresql-client)")
    args, env = _pg_args(database_uri)
    result = subprocess.run([pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction",  # noqa: S603
                             *args, str(dump)], env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()[:300]}")
    return _pg_counts(database_uri)


def _copy_tree(source, destination):
    # Uploads are content-addressed: files are only ever added, so copying never overwrites data.
    for path in source.rglob("*"):
        if path.is_file():
            target = destination / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                target.write_bytes(path.read_bytes())


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))
