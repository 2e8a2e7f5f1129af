"""Course and lesson pages in-process: CPU per request next to a bare Flask hello-world.

    .venv/bin/python bench/profile_course_pages.py [--requests 150] [--rounds 9]
    .venv/bin/python bench/profile_course_pages.py --profile course      # cProfile, top 40
    valgrind --tool=callgrind --instr-atstart=no \\
        .venv/bin/python bench/profile_course_pages.py --callgrind course --requests 30

The gunicorn benchmark (bench_course_pages.py) answers "how many requests per second";
this one says where a request's time goes, without HTTP, and is steady on a busy machine:
it reports process CPU time (median and best of several interleaved rounds), and under
callgrind it counts instructions only while the requests run (divide "Collected" by
--requests). Same demo data as bench_course_pages.py.
"""

import argparse
import cProfile
import os
import pstats
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_course_pages import prepare  # noqa: E402
from bench.support import PASSWORD, demo_database  # noqa: E402


def clients(env):
    """Return ``{name: (client, url)}`` for hello-world and the demo learner's pages."""
    slug, lesson_id, _items = prepare(env)
    import logging

    from bench.hello_app import app as hello
    from training import create_app

    app = create_app()
    logging.getLogger("training").handlers[0].stream = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the run
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": "hocvien@demo.vn", "password": PASSWORD, "csrf_token": token})
    targets = {"hello-world": (hello.test_client(), "/hello"), "course": (client, f"/courses/{slug}"),
               "lesson": (client, f"/courses/lessons/{lesson_id}")}
    for name, (each, url) in targets.items():
        if each.get(url).status_code != 200:
            sys.exit(f"{name}: {url} did not answer 200")
    return targets


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--profile", choices=["course", "lesson", "hello-world"])
    parser.add_argument("--callgrind", choices=["course", "lesson", "hello-world"])
    args = parser.parse_args()
    with demo_database() as (_url, env):
        os.environ.update(env)
        targets = clients(env)
        if args.callgrind:
            client, url = targets[args.callgrind]
            for _ in range(5):
                client.get(url)
            subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], capture_output=True)
            for _ in range(args.requests):
                client.get(url)
            subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], capture_output=True)
            return
        if args.profile:
            client, url = targets[args.profile]
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [client.get(url) for _ in range(args.requests)])
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            return
        cpu = {name: [] for name in targets}
        for _ in range(args.rounds):  # interleaved, so a busy spell hits every page alike
            for name, (client, url) in targets.items():
                started = time.process_time()
                for _ in range(args.requests):
                    client.get(url)
                cpu[name].append((time.process_time() - started) / args.requests * 1000)
    hello = statistics.median(cpu["hello-world"])
    print(f"in-process, {args.rounds} rounds x {args.requests} requests, CPU ms per request")
    print(f"{'endpoint':<12} {'median':>8} {'best':>8} {'ratio':>6}")
    for name, values in cpu.items():
        median = statistics.median(values)
        print(f"{name:<12} {median:>8.3f} {min(values):>8.3f} {hello / median:>6.3f}")


if __name__ == "__main__":
    main()
