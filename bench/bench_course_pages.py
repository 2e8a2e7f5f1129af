"""Course and lesson pages under gunicorn versus a bare Flask hello-world, in one run.

    .venv/bin/python bench/bench_course_pages.py [--workers 3] [--duration 10] [--database-url URL]

A demo database is created and seeded; the demo learner is enrolled in course 1 and has done
two lessons. Both servers get the same number of sync workers; wrk drives each in turn with
the same connections. The goal (issue 3): course page >= 0.3x hello-world on SQLite.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.support import demo_database, gunicorn, login, wrk  # noqa: E402


def prepare(env):
    """Enrol the demo learner in course 1 and complete two lessons; return the lesson item id."""
    import os

    os.environ.update(env)
    from sqlalchemy import select

    from training import create_app
    from training.accounts.sessions import find_user_by_email
    from training.core.time import utcnow
    from training.courses.models import Course
    from training.courses.services import enrolment
    from training.courses.services.progress import course_items, record_item_result
    from training.extensions import db

    app = create_app()
    with app.app_context():
        learner = find_user_by_email("hocvien@demo.vn")
        course = db.session.scalar(select(Course).where(Course.slug == "khung-phap-ly-phat-ngon"))
        enrolment.enrol_people(None, course, [learner], utcnow(), "Asia/Ho_Chi_Minh")
        from training.courses.loaders import enrollment_of

        enrollment = enrollment_of(learner, course.id)
        items = course_items(course.id)
        for item in items[:2]:
            record_item_result(enrollment, item, utcnow(), completed=True)
        db.session.commit()
        return course.slug, items[2].id, len(items)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--database-url", help="PostgreSQL URL of an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    with demo_database(args.database_url) as (url, env):
        slug, lesson_id, items = prepare(env)
        results = {}
        with gunicorn("bench.hello_app:app", env, args.workers) as base:
            results["hello-world"] = wrk(base + "/hello", duration=args.duration, connections=args.connections)
        with gunicorn("wsgi:app", env, args.workers) as base:
            cookie = login(base, "hocvien@demo.vn")
            results["course page"] = wrk(f"{base}/courses/{slug}", cookie, args.duration, args.connections)
            results["lesson page"] = wrk(f"{base}/courses/lessons/{lesson_id}", cookie, args.duration, args.connections)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"{database}, {args.workers} gunicorn sync workers, wrk -t2 -c{args.connections} -d{args.duration}s, "
          f"course of {items} items")
    hello = results["hello-world"]["rps"]
    print(f"{'endpoint':<14} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'ratio':>6}")
    for name, r in results.items():
        print(f"{name:<14} {r['rps']:>9.0f} {r['p50_ms'] or 0:>8.1f} {r['p99_ms'] or 0:>8.1f} {r['non_2xx']:>8} "
              f"{r['rps'] / hello:>6.2f}")


if __name__ == "__main__":
    main()
