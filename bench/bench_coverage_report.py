"""Benchmark: the whole-city coverage report against ONE hand-written GROUP BY query, same run.

Loads a synthetic city with ``flask seed-load`` (unless ``--reuse``), then, in one process:

* times ``coverage_report`` for a year (every unit, every course, the previous year, the trend,
  the capped lists) — what the dashboard, the exports and the API compute;
* times a single hand-written SQL statement (CTEs grouped by unit) computing the same per-unit
  counts (people, spokespersons, enrolments, completions, overdue, valid certificates, certified
  spokespersons, quiz and simulation sums) and checks they match the report's;
* prints their ratio (goal: within 1.5x), the Python peak memory of the report (tracemalloc:
  flat when nothing loads rows into Python), the process peak RSS, and the PDF export time.

    .venv/bin/python bench/bench_coverage_report.py --people 100000 --attempts 1000000
    .venv/bin/python bench/bench_coverage_report.py --database postgresql+psycopg://postgres@127.0.0.1/x
"""

import argparse
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Date, bindparam, text  # noqa: E402

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

        def report():
            return coverage_report(None, None, period, now, settings)

        baseline()
        report()  # warm the caches of both alike
        times_base, rows = [], None
        times_report = []
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            t, rows = timed(baseline, 1)
            times_base += t
            t, result = timed(report, 1)
            times_report += t
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

    base, rep = statistics.median(times_base), statistics.median(times_report)
    total = result.report.total
    print(f"database: {dialect}; {total.people:,} people, {len(result.report.units)} units, "
          f"{total.enrolled:,} enrolments; period {period.code}")
    print(f"hand-written GROUP BY (1 statement): median {base * 1000:.0f} ms "
          f"(min {min(times_base) * 1000:.0f}, max {max(times_base) * 1000:.0f})")
    print(f"coverage_report (whole report):      median {rep * 1000:.0f} ms "
          f"(min {min(times_report) * 1000:.0f}, max {max(times_report) * 1000:.0f})")
    print(f"ratio report / baseline: {rep / base:.2f}")
    print(f"same per-unit numbers as the baseline: {'yes' if not mismatches else 'NO: ' + ', '.join(mismatches[:5])}")
    print(f"Python peak memory of one report (tracemalloc): {peak / 2**20:.1f} MiB")
    print(f"PDF export: {pdf_time:.2f} s, {len(pdf) / 1024:.0f} KiB")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
