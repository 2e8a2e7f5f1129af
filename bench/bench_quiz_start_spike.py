"""The start spike: N learners, all logged in, press "Start the attempt" at the same instant.

    .venv/bin/python bench/bench_quiz_start_spike.py [--learners 200] [--workers 4] [--database-url URL]

A demo database is created and seeded; bench/load/prepare.py enrols ``--learners`` learners in the
demo course. Each learner logs in through the real form and opens the demo exam's page (where
the start button and its CSRF token are), before anything is timed. Then one thread per learner
waits at a barrier, and all of them send ``POST /quizzes/<item>/start`` at once (a new
connection each, as a browser tab would). Goal (issue 4): exactly one attempt per learner, 0
errors; the script prints the statuses, p50/p95/max start latency (from the release to the
response), the attempts and answer rows in the database afterwards, and the load average.
Exits 1 when the goal is not met.
"""

import argparse
import concurrent.futures
import http.client
import http.cookiejar
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_quiz_autosave import exam_item, in_app  # noqa: E402
from bench.support import demo_database, gunicorn  # noqa: E402


def logged_in(base, email, password, item):
    """Log in and open the exam's page; return ``(cookie header, CSRF token of the page)``."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    opener.open(base + "/login", data=urllib.parse.urlencode({"email": email, "password": password,
                                                              "csrf_token": token}).encode())
    page = opener.open(f"{base}/quizzes/{item}").read().decode()
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    return "; ".join(f"{c.name}={c.value}" for c in jar), token


def press_start(port, item, cookie, token, barrier, timeout):
    """Wait for every learner, then POST the start form; return ``(status or error, seconds, Location)``."""
    body = urllib.parse.urlencode({"csrf_token": token})
    barrier.wait()
    began = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("POST", f"/quizzes/{item}/start", body=body,
                           headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status, time.perf_counter() - began, response.getheader("Location", "")
    except OSError as error:
        return type(error).__name__, time.perf_counter() - began, ""


def attempts_in_database(quiz_item):
    from sqlalchemy import func, select

    from training.extensions import db
    from training.quizzes.models import AttemptAnswer, Quiz, QuizAttempt

    quiz_id = db.session.scalar(select(Quiz.id).where(Quiz.item_id == quiz_item))
    attempts = db.session.scalar(select(func.count()).select_from(QuizAttempt).where(QuizAttempt.quiz_id == quiz_id))
    learners = db.session.scalar(select(func.count(func.distinct(QuizAttempt.user_id)))
                                 .where(QuizAttempt.quiz_id == quiz_id))
    answers = db.session.scalar(select(func.count()).select_from(AttemptAnswer).join(QuizAttempt)
                                .where(QuizAttempt.quiz_id == quiz_id))
    return attempts, learners, answers


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, help="the server's port (default: a free one)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a start may take before it counts as failed")
    parser.add_argument("--database-url", help="PostgreSQL URL of an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    with demo_database(args.database_url) as (url, env):
        from bench.load.prepare import PASSWORD, prepare

        item = in_app(env, exam_item)
        emails = in_app(env, lambda: prepare(args.learners))["learners"]
        with gunicorn("wsgi:app", env, args.workers, port=args.port) as base:
            started = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                sessions = list(pool.map(lambda email: logged_in(base, email, PASSWORD, item), emails))
            print(f"{len(sessions)} learners logged in with the exam page open ({time.perf_counter() - started:.0f} s)")
            before = in_app(env, lambda: attempts_in_database(item))
            port = urllib.parse.urlsplit(base).port
            barrier = threading.Barrier(len(sessions))
            load = os.getloadavg()[0]
            with concurrent.futures.ThreadPoolExecutor(len(sessions)) as pool:
                results = list(pool.map(lambda s: press_start(port, item, s[0], s[1], barrier, args.timeout),
                                        sessions))
        attempts, learners, answers = in_app(env, lambda: attempts_in_database(item))
    statuses = Counter(status for status, _took, _location in results)
    ok = [took for status, took, location in results if status == 302 and "/quizzes/attempts/" in location]
    distinct = {location for status, _took, location in results if status == 302}
    times = [took * 1000 for _status, took, _location in results]
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"{database}, {args.workers} gunicorn sync workers, {len(sessions)} starts released at once, "
          f"load average {load:.1f} before / {os.getloadavg()[0]:.1f} after (2 cores, shared)")
    print(f"statuses: {dict(statuses)}; redirects to an attempt: {len(ok)} ({len(distinct)} distinct)")
    print(f"start latency ms: p50 {statistics.median(times):.0f}, p95 {percentile(times, 0.95):.0f}, "
          f"max {max(times):.0f}")
    print(f"attempts of the exam in the database: {before[0]} before, {attempts} after; learners with an attempt: {before[1]} before, {learners} after; "
          f"answer rows: {answers}")
    met = len(ok) == len(distinct) == len(sessions) and attempts - before[0] == learners - before[1] == len(sessions)
    print("goal met: exactly one attempt per learner, 0 errors" if met else "GOAL NOT MET")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
