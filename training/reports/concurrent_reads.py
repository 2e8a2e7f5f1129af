"""Run a report's independent read-only queries at once, each in its own session and connection.

A coverage report is a handful of aggregates that do not depend on each other. Sent one after
the other they leave the database's cores idle between statements and during each statement's
serial phases (planning, hash builds, the final aggregation); sent together on separate
connections the database overlaps them (docs/BENCHMARKS.md, "Reports"). Each call runs in a
thread with its own application context, so Flask-SQLAlchemy gives it its own session and
connection from the pool and returns them when the context ends.

Other connections cannot see rows the caller's transaction has written but not committed (the
demo seed writes its history and freezes a report in one transaction), so the calls then run in
the caller's session, one after the other. Each statement sees the database as committed when
it starts, exactly as statements sent one after the other in READ COMMITTED (PostgreSQL's
default) or outside a write transaction (pysqlite) do.
"""

from concurrent.futures import ThreadPoolExecutor

from flask import current_app
from sqlalchemy import text

from training.extensions import db


def read_concurrently(calls, connections):
    """Call every zero-argument function of ``calls`` (``{name: call}``); return ``{name: result}``.

    :param connections: at most this many calls run at once; 1 runs them in order in the
        caller's session. Put the slowest calls first: they start first.
    """
    if connections <= 1 or len(calls) <= 1 or own_writes_pending(db.session()):
        return {name: call() for name, call in calls.items()}
    app = current_app._get_current_object()

    def run(call):
        with app.app_context():
            return call()

    with ThreadPoolExecutor(max_workers=min(connections, len(calls)), thread_name_prefix="report-read") as pool:
        futures = {name: pool.submit(run, call) for name, call in calls.items()}
        return {name: future.result() for name, future in futures.items()}


def own_writes_pending(session):
    """Return whether ``session``'s transaction holds writes that other connections cannot see yet."""
    if session.new or session.dirty or session.deleted:
        return True  # autoflush would write them before the first query
    if not session.in_transaction():
        return False
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # A transaction gets an id only when it first writes; reading leaves it unassigned.
        return connection.scalar(text("SELECT pg_current_xact_id_if_assigned() IS NOT NULL"))
    # pysqlite opens a transaction only at the first INSERT/UPDATE/DELETE (core/database.py).
    return bool(getattr(connection.connection.driver_connection, "in_transaction", True))


DEFAULT_CONNECTIONS = 4


def connections_for(uri, configured=None):
    """Return how many connections a report may read on at once.

    ``configured`` (``REPORT_QUERY_CONNECTIONS``) when given, else 4 on PostgreSQL and 1 on
    SQLite: SQLite gained nothing from it in docs/BENCHMARKS.md (each connection keeps its own
    page cache, and converting rows holds the GIL), PostgreSQL overlaps the statements. Always 1
    for in-memory SQLite, where each connection is a database of its own.
    """
    sqlite = uri.startswith("sqlite")
    if sqlite and (":memory:" in uri or uri.rstrip("/") in ("sqlite:", "sqlite:/") or "mode=memory" in uri):
        return 1
    if configured is None:
        return 1 if sqlite else DEFAULT_CONNECTIONS
    return max(1, int(configured))
