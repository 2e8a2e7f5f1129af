"""Quiz autosave POSTs under gunicorn versus a bare Flask hello-world, in one run.

    .venv/bin/python bench/bench_quiz_autosave.py [--workers 3] [--duration 10] [--database-url URL]

A demo database is created and seeded; the demo learner starts the demo exam (21 questions)
through the real pages, and wrk POSTs autosaves (JSON, CSRF header) with rising sequence
numbers, one question per wrk thread, as a browser would. Goal (issue 4): >= 0.6x
hello-world, zero non-2xx, and no "database is locked". Afterwards the script checks that the
answer stored for each question is the last one acknowledged (sequence numbers only rise).
"""

import argparse
import os
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.support import demo_database, gunicorn, wrk  # noqa: E402

SCRIPT = Path(__file__).resolve().parent / "autosave.lua"


def start_attempt(base, email):
    """Log in, open the demo exam and start it as the learner would; return ``(answer url, token, cookie)``.

    One cookie jar throughout: the session cookie changes when the CSRF token is first issued.
    """
    import http.cookiejar

    from bench.support import PASSWORD

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    opener.open(base + "/login", data=urllib.parse.urlencode({"email": email, "password": PASSWORD,
                                                              "csrf_token": token}).encode())
    item = os.environ["BENCH_EXAM_ITEM"]
    page = opener.open(f"{base}/quizzes/{item}").read().decode()
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    attempt_page = opener.open(f"{base}/quizzes/{item}/start", data=f"csrf_token={token}".encode()).read().decode()
    answer_url = re.search(r'data-answer-url="([^"]+)"', attempt_page).group(1)
    token = re.search(r'name="csrf-token" content="([^"]+)"', attempt_page).group(1)
    return base + answer_url, token, "; ".join(f"{c.name}={c.value}" for c in jar)


def exam_item(env):
    os.environ.update(env)
    from sqlalchemy import select

    from training import create_app
    from training.courses.models import Item
    from training.extensions import db
    from training.quizzes.models import Quiz

    with create_app().app_context():
        return db.session.scalar(select(Item.id).join(Quiz, Quiz.item_id == Item.id).where(Quiz.mode == "exam"))


def stored_answers(env):
    from sqlalchemy import select

    from training import create_app
    from training.extensions import db
    from training.quizzes.models import AttemptAnswer

    with create_app().app_context():
        return db.session.execute(select(AttemptAnswer.position, AttemptAnswer.seq, AttemptAnswer.response)).all()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--database-url", help="PostgreSQL URL of an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    with demo_database(args.database_url) as (url, env):
        os.environ["BENCH_EXAM_ITEM"] = str(exam_item(env))
        results = {}
        with gunicorn("bench.hello_app:app", env, args.workers) as base:
            results["hello-world"] = wrk(base + "/hello", duration=args.duration, connections=args.connections)
        with gunicorn("wsgi:app", env, args.workers) as base:
            answer_url, token, cookie = start_attempt(base, "hocvien@demo.vn")
            os.environ.update({"BENCH_CSRF": token, "BENCH_QUESTIONS": "5"})
            results["autosave POST"] = wrk(answer_url, cookie, args.duration, args.connections, script=SCRIPT)
        rows = stored_answers(env)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"{database}, {args.workers} gunicorn sync workers, wrk -t2 -c{args.connections} -d{args.duration}s")
    hello = results["hello-world"]["rps"]
    print(f"{'endpoint':<14} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'ratio':>6}")
    for name, r in results.items():
        print(f"{name:<14} {r['rps']:>9.0f} {r['p50_ms'] or 0:>8.1f} {r['p99_ms'] or 0:>8.1f} {r['non_2xx']:>8} "
              f"{r['rps'] / hello:>6.2f}")
    saved = [row for row in rows if row.seq > 0]
    print(f"questions saved: {len(saved)}; highest sequence stored per question: "
          f"{', '.join(f'{row.position}:{row.seq}' for row in saved)}")


if __name__ == "__main__":
    main()
