"""Quiz autosave POSTs under gunicorn versus a bare Flask hello-world, in one run.

    .venv/bin/python bench/bench_quiz_autosave.py [--learners 32] [--workers 3] [--duration 10] [--database-url URL]
    .venv/bin/python bench/bench_quiz_autosave.py --one-attempt          # 32 connections, one attempt
    .venv/bin/python bench/bench_quiz_autosave.py --before-root DIR      # also the code in DIR, interleaved

A demo database is created and seeded. By default ``--learners`` learners (bench/load/prepare.py)
each log in with their own session and start the demo exam (21 questions) through the real
pages; wrk then runs one connection per learner (``-t N -c N``), and each connection POSTs
autosaves (JSON, CSRF header, rising sequence numbers) into its own learner's attempt, cycling
over the choice questions of the attempt's first page, as one tab per learner would.
``--one-attempt`` is the worst case instead: the demo learner's one attempt receives every save
of 32 connections, one question per wrk thread, so every save queues on that attempt's row lock.

The baseline is the bare hello-world under the same gunicorn with the same wrk settings, in the
same run; ``--rounds`` repeats hello-world / app (/ app before) in turn. Goal (issue 4): >= 0.6x
hello-world, zero non-2xx, and no "database is locked". Afterwards the script checks that every
stored answer carries the highest sequence number sent for its question.
"""

import argparse
import concurrent.futures
import http.cookiejar
import os
import re
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.support import PASSWORD, demo_database, gunicorn, wrk  # noqa: E402

SCRIPT = Path(__file__).resolve().parent / "autosave.lua"
SECTION = re.compile(r'<section class="card mb-3 quiz-question"[^>]*data-position="(\d+)"[^>]*>(.*?)</section>', re.S)
RADIO = re.compile(r'<input\b[^>]*type="radio"[^>]*>')


def start_attempt(base, email, password=PASSWORD):
    """Log in, open the demo exam and start it as the learner would.

    Return ``(answer url, token, cookie, attempt page html)``. One cookie jar throughout: the
    session cookie changes when the CSRF token is first issued.
    """
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    opener.open(base + "/login", data=urllib.parse.urlencode({"email": email, "password": password,
                                                              "csrf_token": token}).encode())
    item = os.environ["BENCH_EXAM_ITEM"]
    page = opener.open(f"{base}/quizzes/{item}").read().decode()
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    attempt_page = opener.open(f"{base}/quizzes/{item}/start", data=f"csrf_token={token}".encode()).read().decode()
    answer_url = re.search(r'data-answer-url="([^"]+)"', attempt_page).group(1)
    token = re.search(r'name="csrf-token" content="([^"]+)"', attempt_page).group(1)
    return base + answer_url, token, "; ".join(f"{c.name}={c.value}" for c in jar), attempt_page


def choice_questions(attempt_page):
    """Return ``[(position, field name, [values])]`` of the page's one-choice questions (radio buttons)."""
    found = []
    for position, body in SECTION.findall(attempt_page):
        radios = [tag for tag in RADIO.findall(body) if f'name="q{position}"' in tag]
        values = [re.search(r'value="([^"]*)"', tag).group(1) for tag in radios]
        if len(values) >= 2:
            found.append((int(position), f"q{position}", values))
    return found


def learners_file(base, emails, password):
    """Start one attempt per learner (4 at a time); write wrk's learner file; return its path."""
    def one(email):
        url, token, cookie, page = start_attempt(base, email, password)
        questions = choice_questions(page)
        if not questions:
            raise SystemExit(f"{email}: no choice question on the attempt's first page")
        spec = ";".join(f"{p}:{name}:{','.join(values)}" for p, name, values in questions)
        return "\t".join((urllib.parse.urlsplit(url).path, token, cookie, spec))

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        lines = list(pool.map(one, emails))
    handle, path = tempfile.mkstemp(prefix="bench-learners-", suffix=".tsv")
    with os.fdopen(handle, "w") as out:
        out.write("\n".join(lines) + "\n")
    return path


def in_app(env, function):
    os.environ.update(env)
    from training import create_app

    with create_app().app_context():
        return function()


def exam_item():
    from sqlalchemy import select

    from training.courses.models import Item
    from training.extensions import db
    from training.quizzes.models import Quiz

    return db.session.scalar(select(Item.id).join(Quiz, Quiz.item_id == Item.id).where(Quiz.mode == "exam"))


def stored_answers():
    from sqlalchemy import select

    from training.extensions import db
    from training.quizzes.models import AttemptAnswer

    return db.session.execute(select(AttemptAnswer.attempt_id, AttemptAnswer.position, AttemptAnswer.seq)).all()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--learners", type=int, default=32, help="learners, one attempt and one connection each")
    parser.add_argument("--one-attempt", action="store_true", help="the old worst case: every save into one attempt")
    parser.add_argument("--connections", type=int, default=32, help="with --one-attempt")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk, not counted, on each fresh server")
    parser.add_argument("--before-root", help="a checkout of the code before a change, measured in the same run")
    parser.add_argument("--database-url", help="PostgreSQL URL of an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    codes = {"autosave POST": None}
    if args.before_root:
        codes = {"autosave (before)": args.before_root, "autosave (after)": None}
    with demo_database(args.database_url) as (url, env):
        os.environ["BENCH_EXAM_ITEM"] = str(in_app(env, exam_item))
        if args.one_attempt:
            connections, threads = args.connections, 2
        else:
            from bench.load.prepare import PASSWORD as LOAD_PASSWORD
            from bench.load.prepare import prepare

            emails = in_app(env, lambda: prepare(args.learners))["learners"]
            connections = threads = args.learners
        with gunicorn("wsgi:app", env, args.workers) as base:
            if args.one_attempt:
                answer_url, token, cookie, page = start_attempt(base, "hocvien@demo.vn")
                questions = ";".join(f"{p}:{name}:{','.join(values)}" for p, name, values in choice_questions(page))
                os.environ.update({"BENCH_CSRF": token, "BENCH_QUESTIONS": questions})
            else:
                answer_url, cookie = base + "/", None
                os.environ["BENCH_LEARNERS"] = learners_file(base, emails, LOAD_PASSWORD)
        results = {name: [] for name in ["hello-world", *codes]}
        sent = 0
        for _round in range(args.rounds):
            with gunicorn("bench.hello_app:app", env, args.workers) as base:
                wrk(base + "/hello", None, args.warmup, connections, threads)
                results["hello-world"].append(wrk(base + "/hello", None, args.duration, connections, threads))
            for name, root in codes.items():
                with gunicorn("wsgi:app", env, args.workers, root=root) as base:
                    target = base + urllib.parse.urlsplit(answer_url).path
                    # A fresh server's first requests (imports, connections) would time out in wrk: warm it.
                    for warming in (True, False):
                        os.environ["BENCH_SEQ_BASE"] = str(sent)
                        result = wrk(target, cookie, args.warmup if warming else args.duration, connections,
                                     threads, script=SCRIPT)
                        sent += 10_000_000  # far above any one run's saves: the next run's saves are newer
                    results[name].append(result)
        rows = in_app(env, stored_answers)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    shape = "one attempt" if args.one_attempt else f"{args.learners} learners, one attempt each"
    print(f"{database}, {shape}, {args.workers} gunicorn sync workers, wrk -t{threads} -c{connections} "
          f"-d{args.duration}s after {args.warmup} s of warm-up, {args.rounds} round(s), load average {os.getloadavg()[0]:.1f}")
    print(f"{'endpoint':<18} {'round':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'errors':>7} "
          f"{'ratio':>6}")
    for number in range(args.rounds):
        hello = results["hello-world"][number]["rps"]
        for name, runs in results.items():
            r = runs[number]
            print(f"{name:<18} {number + 1:>5} {r['rps']:>9.0f} {r['p50_ms'] or 0:>8.1f} {r['p99_ms'] or 0:>8.1f} "
                  f"{r['non_2xx']:>8} {r['errors']:>7} {r['rps'] / hello:>6.2f} {r['socket_errors']}")
    saved = [row for row in rows if row.seq > 0]
    print(f"answers saved: {len(saved)} in {len({row.attempt_id for row in saved})} attempt(s); highest sequence "
          f"stored: {max((row.seq for row in saved), default=0)}")


if __name__ == "__main__":
    main()
