"""Benchmark: the whole-city coverage report against ONE hand-written GROUP BY query, same run.

Loads a synthetic city with ``flask seed-load`` (unless ``--reuse``), then, in one process:

* times ``coverage_report`` for a year (every unit, every course, the previous year, the trend,
  the capped lists) — what the dashboard, the exports and the API compute — with its queries
  read at once on ``--connections`` connections (4) and on one connection, one after the other
  (the default of ``REPORT_QUERY_CONNECTIONS``: 4 on PostgreSQL, 1 on SQLite);
* times a single hand-written SQL statement (CTEs grouped by unit) computing the same per-unit
  counts (people, spokespersons, enrolments, completions, overdue, valid certificates, certified
  spokespersons, quiz and simulation sums) and checks they match the report's;
* prints their ratio (goal: within 1.5x), the Python peak memory of the report (tracemalloc:
  flat when nothing loads rows into Python), the process peak RSS, and the PDF export time;
* with ``--explain``, prints how the database reads the ledger (the report's largest scan):
  ``EXPLAIN (ANALYZE)`` on PostgreSQL, ``EXPLAIN QUERY PLAN`` on SQLite.

    .venv/bin/python bench/bench_coverage_report.py --people 100000 --attempts 1000000
    .venv/bin/python bench/bench_coverage_report.py --database postgresql+psycopg://postgres@127.0.0.1/x
    .venv/bin/python bench/bench_coverage_report.py --reuse --database ...   # the city loaded before
"""

import argparse
import dataclasses
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Date, bindparam, event, text  # noqa: E402

from bench.support import app_env, flask  # noqa: E402
from training.core.time import utcnow  # noqa: E402
from training.core.types import UTCDateTime  # noqa: E402

BASELINE = """
WITH p AS (
  SELECT unit_id, COUNT(*) AS people,
         SUM(CASE WHEN is_spokesperson AND (designated_on IS NULL OR designated_on <= :as_of) THEN 1 ELSE 0 END) AS spokes
  FROM users WHERE is_active AND unit_id IS NOT NULL GROUP BY unit_id),
e AS (
  SELECT u.unit_id, COUNT(*) AS enrolled,
         SUM(CASE WHEN e.completed_at >= :start AND e.completed_at < :end THEN 1 ELSE 0 END) AS in_period,
         SUM(CASE WHEN e.completed_at < :end THEN 1 ELSE 0 END) AS ever,
         SUM(CASE WHEN e.due_at < :end AND (e.completed_at IS NULL OR e.completed_at >= :end) THEN 1 ELSE 0 END)
           AS overdue
  FROM enrollments e JOIN users u ON u.id = e.user_id
  WHERE e.status = 'active' AND e.enrolled_at < :end GROUP BY u.unit_id),
c AS (
  SELECT u.unit_id, COUNT(*) AS valid,
         COUNT(DISTINCT CASE WHEN u.is_spokesperson AND (u.designated_on IS NULL OR u.designated_on <= :as_of)
                             THEN c.user_id END) AS certified
  FROM certificates c JOIN users u ON u.id = c.user_id
  WHERE u.is_active AND c.issued_at < :end AND (c.revoked_at IS NULL OR c.revoked_at >= :end)
    AND (c.superseded_at IS NULL OR c.superseded_at >= :end)
    AND (c.refresher_required_at IS NULL OR c.refresher_required_at >= :end)
    AND (c.expires_on IS NULL OR c.expires_on >= :as_of)
  GROUP BY u.unit_id),
r AS (
  SELECT u.unit_id,
         SUM(CASE WHEN r.source = 'quiz' AND r.score IS NOT NULL THEN r.score ELSE 0 END) AS score_sum,
         SUM(CASE WHEN r.source = 'quiz' AND r.score IS NOT NULL THEN 1 ELSE 0 END) AS scored,
         SUM(CASE WHEN r.source = 'simulation' AND r.passed THEN 1 ELSE 0 END) AS passed,
         SUM(CASE WHEN r.source = 'simulation' AND r.passed IS NOT NULL THEN 1 ELSE 0 END) AS runs
  FROM item_results r JOIN enrollments e ON e.id = r.enrollment_id JOIN users u ON u.id = e.user_id
  WHERE e.status = 'active' AND r.source IN ('quiz', 'simulation') AND r.updated_at < :end
  GROUP BY u.unit_id)
SELECT un.code, COALESCE(p.people, 0), COALESCE(p.spokes, 0), COALESCE(e.enrolled, 0), COALESCE(e.in_period, 0),
       COALESCE(e.ever, 0), COALESCE(e.overdue, 0), COALESCE(c.valid, 0), COALESCE(c.certified, 0),
       COALESCE(r.scored, 0), COALESCE(r.passed, 0), COALESCE(r.runs, 0)
FROM units un LEFT JOIN p ON p.unit_id = un.id LEFT JOIN e ON e.unit_id = un.id LEFT JOIN c ON c.unit_id = un.id
LEFT JOIN r ON r.unit_id = un.id
"""
FIELDS = ("people", "spokespersons", "enrolled", "completed_in_period", "completed_ever", "overdue",
          "valid_certificates", "certified_spokespersons", "quiz_scored", "simulation_passed", "simulation_runs")


def prepare(url, people, attempts, reuse):
    env = app_env(url)
    if not reuse:
        flask(env, "db", "upgrade")
        started = time.perf_counter()
        output = flask(env, "seed-load", "--people", str(people), "--attempts", str(attempts))
        print(output.strip().splitlines()[-1], f"(seed-load wall time {time.perf_counter() - started:.1f} s)")


def timed(function, repeat):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return times, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--database", help="SQLAlchemy URL of an EMPTY database (default: a new SQLite file)")
    parser.add_argument("--reuse", action="store_true", help="the database already holds a seed-load city")
    parser.add_argument("--period", default="2026")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--explain", action="store_true", help="print the plan of the report's ledger statement")
    parser.add_argument("--connections", type=int, default=4, help="connections of the concurrent report")
    args = parser.parse_args()
    url = args.database or f"sqlite:///{tempfile.mkdtemp(prefix='bench-coverage-')}/load.sqlite"
    prepare(url, args.people, args.attempts, args.reuse)

    from training import create_app
    from training.extensions import db
    from training.reports.pdf_report import render_coverage_report
    from training.reports.periods import parse_period
    from training.reports.queries import Window
    from training.reports.services.coverage import ReportSettings, coverage_report, document_for

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-" + "x" * 40, "TESTING": True})
    with app.app_context():
        settings = ReportSettings.from_config(app.config)
        period, now = parse_period(args.period), utcnow()
        window = Window.of(period, now, settings.timezone)
        statement = text(BASELINE).bindparams(bindparam("start", type_=UTCDateTime()),
                                              bindparam("end", type_=UTCDateTime()), bindparam("as_of", type_=Date()))
        params = {"start": window.start, "end": window.end, "as_of": window.as_of}

        def baseline():
            return db.session.execute(statement, params).all()

        configured = settings.query_connections
        settings = dataclasses.replace(settings, query_connections=args.connections)

        def report():
            return coverage_report(None, None, period, now, settings)

        one_connection = dataclasses.replace(settings, query_connections=1)

        def report_one_connection():
            return coverage_report(None, None, period, now, one_connection)

        baseline()
        report()  # warm the caches of both alike
        times_base, times_report, times_one = [], [], []
        for _ in range(args.repeat):  # interleaved, so all three see the same machine load
            t, rows = timed(baseline, 1)
            times_base += t
            t, result = timed(report, 1)
            times_report += t
            t, _result = timed(report_one_connection, 1)
            times_one += t
        own = {u.code: u for u in result.report.units if u.children == 0}
        mismatches = [code for code, *values in rows
                      if code in own and tuple(int(v) for v in values) != tuple(getattr(own[code], f) for f in FIELDS)]
        tracemalloc.start()
        report()
        _size, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        started = time.perf_counter()
        pdf = render_coverage_report(result.report, document_for(settings, now))
        pdf_time = time.perf_counter() - started
        dialect = db.engine.dialect.name
        plan = explain_ledger(db, lambda: coverage_report(None, None, period, now, one_connection)) \
            if args.explain else []

    base, rep, one = (statistics.median(t) for t in (times_base, times_report, times_one))
    total = result.report.total
    print(f"database: {dialect}; {total.people:,} people, {len(result.report.units)} units, "
          f"{total.enrolled:,} enrolments; period {period.code}")
    print(f"hand-written GROUP BY (1 statement): median {base * 1000:.0f} ms "
          f"(min {min(times_base) * 1000:.0f}, max {max(times_base) * 1000:.0f})")
    print(f"coverage_report, {args.connections} connections:     median {rep * 1000:.0f} ms "
          f"(min {min(times_report) * 1000:.0f}, max {max(times_report) * 1000:.0f})")
    print(f"coverage_report on one connection:   median {one * 1000:.0f} ms "
          f"(min {min(times_one) * 1000:.0f}, max {max(times_one) * 1000:.0f})")
    print(f"ratio report / baseline: {rep / base:.2f} on {args.connections} connections, {one / base:.2f} on one "
          f"(the default here: {configured})")
    print(f"same per-unit numbers as the baseline: {'yes' if not mismatches else 'NO: ' + ', '.join(mismatches[:5])}")
    print(f"Python peak memory of one report (tracemalloc): {peak / 2**20:.1f} MiB")
    print(f"PDF export: {pdf_time:.2f} s, {len(pdf) / 1024:.0f} KiB")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    if plan:
        print("plan of the report's ledger statement:")
        print("\n".join("  " + line for line in plan))


def explain_ledger(db, run_report):
    """Return the plan lines of the report's statement that reads ``item_results``, as it was sent."""
    sent = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):
        if "FROM item_results" in statement and "GROUP BY" in statement:
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        run_report()
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    statement, parameters = sent[0]
    postgresql = db.engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, COSTS OFF) " if postgresql else "EXPLAIN QUERY PLAN "
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + statement, parameters).all()
    return [row[0] for row in rows] if postgresql else [row[-1] for row in rows]


if __name__ == "__main__":
    main()
