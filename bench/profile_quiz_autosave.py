"""One quiz autosave in-process: CPU and statements per request next to a bare Flask hello-world.

    .venv/bin/python bench/profile_quiz_autosave.py [--requests 200] [--rounds 7]
    .venv/bin/python bench/profile_quiz_autosave.py --profile          # cProfile of the autosaves, top 45

The gunicorn benchmark (bench_quiz_autosave.py) answers "how many saves per second"; this one
says where one save's time goes, without HTTP: the demo learner starts the demo exam through
the test client and POSTs autosaves (JSON, X-CSRFToken, rising sequence numbers) to the
first page's choice questions. It reports process CPU time per request (median and best of
interleaved rounds) and the SQL statements one autosave sends.
"""

import argparse
import cProfile
import itertools
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_quiz_autosave import choice_questions  # noqa: E402
from bench.support import PASSWORD, demo_database  # noqa: E402


def autosaver(env):
    """Return ``(save(), hello())``: each sends one request and checks its status."""
    import logging

    from sqlalchemy import select

    from bench.hello_app import app as hello_app
    from training import create_app
    from training.courses.models import Item
    from training.extensions import db
    from training.quizzes.models import Quiz

    app = create_app()
    logging.getLogger("training").handlers[0].stream = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the run
    with app.app_context():
        item = db.session.scalar(select(Item.id).join(Quiz, Quiz.item_id == Item.id).where(Quiz.mode == "exam"))
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": "hocvien@demo.vn", "password": PASSWORD, "csrf_token": token})
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get(f"/quizzes/{item}").text).group(1)
    attempt_page = client.post(f"/quizzes/{item}/start", data={"csrf_token": token}, follow_redirects=True).text
    url = re.search(r'data-answer-url="([^"]+)"', attempt_page).group(1)
    token = re.search(r'name="csrf-token" content="([^"]+)"', attempt_page).group(1)
    questions = itertools.cycle(choice_questions(attempt_page))
    seq = itertools.count(1)
    hello_client = hello_app.test_client()

    def save():
        position, name, values = next(questions)
        number = next(seq)
        response = client.post(url, json={"position": position, "seq": number,
                                          "fields": {name: [values[number % len(values)]]}},
                               headers={"X-CSRFToken": token, "Accept": "application/json"})
        if response.status_code != 200 or not response.json["saved"]:
            sys.exit(f"autosave answered {response.status_code}: {response.text[:300]}")

    def hello():
        if hello_client.get("/hello").status_code != 200:
            sys.exit("hello-world did not answer 200")

    return app, save, hello


def statements(app, save):
    """Return the SQL statements one autosave sends (after a warm-up save)."""
    from sqlalchemy import event

    from training.extensions import db

    sent = []
    with app.app_context():
        engine = db.engine

    def listen(_conn, _cursor, statement, *_args):
        sent.append(" ".join(statement.split())[:150])

    save()
    event.listen(engine, "before_cursor_execute", listen)
    save()
    event.remove(engine, "before_cursor_execute", listen)
    return sent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with demo_database() as (_url, env):
        os.environ.update(env)
        app, save, hello = autosaver(env)
        sent = statements(app, save)
        print(f"{len(sent)} statements per autosave (SQLite):")
        for statement in sent:
            print("   ", statement)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [save() for _ in range(args.requests)])
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
            return
        cpu = {"hello-world": [], "autosave": []}
        wall = {"hello-world": [], "autosave": []}
        for _ in range(args.rounds):  # interleaved, so a busy spell hits both alike
            for name, call in (("hello-world", hello), ("autosave", save)):
                started, clock = time.process_time(), time.perf_counter()
                for _ in range(args.requests):
                    call()
                cpu[name].append((time.process_time() - started) / args.requests * 1000)
                wall[name].append((time.perf_counter() - clock) / args.requests * 1000)
    base = statistics.median(cpu["hello-world"])
    print(f"in-process, {args.rounds} rounds x {args.requests} requests, CPU ms per request, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'endpoint':<12} {'median':>8} {'best':>8} {'ratio':>6} {'wall ms (median; includes fsync)':>34}")
    for name, values in cpu.items():
        median = statistics.median(values)
        print(f"{name:<12} {median:>8.3f} {min(values):>8.3f} {base / median:>6.3f} "
              f"{statistics.median(wall[name]):>34.3f}")


if __name__ == "__main__":
    main()
