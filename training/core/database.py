"""Database wiring: SQLite pragmas for several writers, dialect-neutral upserts.

SQLite runs in WAL mode with a busy timeout so several gunicorn workers can write: readers
never block the writer, and a writer waits up to five seconds for another instead of failing
with "database is locked". pysqlite's default of starting a transaction only at the first
INSERT/UPDATE/DELETE is kept on purpose: a request's reads then hold no snapshot, so the
first write never needs to upgrade a stale read lock (the SQLITE_BUSY_SNAPSHOT trap). Code
that must be race-free uses single atomic statements (``UPDATE ... WHERE state = ...``,
counters with ``RETURNING``) and unique constraints, which behave the same on PostgreSQL.
"""

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
)


def engine_options(uri):
    """Return SQLAlchemy engine options suited to the database behind ``uri``."""
    if uri.startswith("sqlite"):
        return {"connect_args": {"timeout": 5}}
    return {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 10}


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    """Apply the WAL profile to every new SQLite connection (no-op for other databases)."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        if "journal_mode" in pragma and _is_memory(dbapi_connection):
            continue
        cursor.execute(pragma)
    cursor.close()


def _is_memory(dbapi_connection):
    row = dbapi_connection.execute("PRAGMA database_list").fetchone()
    return not row or not row[2]


def insert_ignoring_conflicts(session, table, rows, index_elements):
    """Insert ``rows`` into ``table``, skipping rows that hit the unique key ``index_elements``.

    Used where doing something twice must be a no-op (enrolling the same person twice). Callers
    that report counts compute them beforehand; this statement is the guard against a race.
    """
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        stmt = postgresql.insert(table).on_conflict_do_nothing(index_elements=index_elements)
    elif dialect == "sqlite":
        stmt = sqlite.insert(table).on_conflict_do_nothing(index_elements=index_elements)
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"unsupported database dialect {dialect}")
    session.execute(stmt, rows)
