"""One load run from scratch: fresh database, demo city, learners, gunicorn, locust, faults, reconciliation.

Run from the repository root with the app's interpreter; locust runs from its own virtualenv
(see docs/BENCHMARKS.md, "Load and faults")::

    .venv/bin/python bench/load/run_load.py --db sqlite --learners 200 --duration 300
    .venv/bin/python bench/load/run_load.py --db postgres --kill-worker-at 120 --restart-postgres-at 200
    .venv/bin/python bench/load/run_load.py --db postgres --servers 2 --checks      # behind nginx, Redis

Steps: drop and create the database (SQLite file in the run folder, or PostgreSQL
``training_load``, or ``--pg-name``), ``flask db upgrade``, ``flask seed-demo``, prepare.py (learners, exam with
unlimited attempts), one or two gunicorn servers on ports 5201/5202 (plus nginx on 5210 in front
of two), locust headless for ``--duration`` seconds, the faults at their times, worker RSS from
/proc every ``--rss-every`` seconds, then reconcile.py and one printed summary (also written to
``RUN/summary.json``). Exits 1 when locust counted a failure or anything acknowledged is lost.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from bench.load.reconcile import reconcile  # noqa: E402
from bench.support import BIN, PYTHON, app_env, flask  # noqa: E402
from bench.support import PASSWORD as DEMO_PASSWORD  # noqa: E402

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_NAME = "training_load"
APP_PORTS = (5201, 5202)
NGINX_PORT = 5210
REDIS = "redis://127.0.0.1:6379/0"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def fresh_database(kind, run_dir, pg_name=PG_NAME):
    """Return the URL of an empty database (PostgreSQL: ``pg_name`` dropped and created again)."""
    if kind == "sqlite":
        return f"sqlite:///{run_dir}/load.sqlite"
    for sql in (f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)", f"CREATE DATABASE {pg_name}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql], check=True)
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{pg_name}"


def niced(command, niceness):
    """``command`` under ``nice -n NICENESS`` (nice execs, so the Popen's pid is the command's own)."""
    return ["nice", "-n", str(niceness), *command] if niceness else command


def start_gunicorn(env, port, workers, run_dir, niceness=0):
    """Start gunicorn (sync workers) on ``port``; wait for /healthz; return the Popen."""
    stderr = open(run_dir / f"gunicorn-{port}.log", "w")
    process = subprocess.Popen(niced([str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                                "--log-level", "warning", "--access-logfile", str(run_dir / f"access-{port}.log"),
                                "wsgi:app"], niceness), env=env, cwd=ROOT, stdout=stderr, stderr=subprocess.STDOUT,
                               start_new_session=True)
    wait_healthy(f"http://127.0.0.1:{port}")
    return process


def wait_healthy(base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{base} did not answer /healthz")


def start_nginx(run_dir):
    """Start Debian's nginx in the foreground with the template filled in; return the Popen."""
    conf = run_dir / "nginx.conf"
    conf.write_text((HERE / "nginx.conf.template").read_text().format(
        run_dir=run_dir, port=NGINX_PORT, upstreams="".join(f"        server 127.0.0.1:{p};\n" for p in APP_PORTS)))
    for sub in ("client_body", "proxy"):
        (run_dir / sub).mkdir(exist_ok=True)
        os.chmod(run_dir / sub, 0o777)
    process = subprocess.Popen(["/usr/sbin/nginx", "-c", str(conf), "-p", str(run_dir)],
                               stdout=subprocess.DEVNULL, stderr=open(run_dir / "nginx.stderr", "w"))
    wait_healthy(f"http://127.0.0.1:{NGINX_PORT}")
    return process


def workers_of(master_pid):
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def rss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


class Faults(threading.Thread):
    """Kill a worker, restart PostgreSQL and sample RSS at their times after locust starts."""

    def __init__(self, args, masters, run_dir):
        super().__init__(daemon=True)
        self.args, self.masters, self.run_dir = args, masters, run_dir
        self.events, self.samples = [], []
        self.stop = threading.Event()

    def run(self):
        start = time.monotonic()
        todo = []
        if self.args.kill_worker_at is not None:
            todo.append((self.args.kill_worker_at, self.kill_worker))
        if self.args.restart_postgres_at is not None:
            todo.append((self.args.restart_postgres_at, self.restart_postgres))
        todo.sort(key=lambda pair: pair[0])
        next_sample = 0.0
        while not self.stop.is_set():
            elapsed = time.monotonic() - start
            while todo and elapsed >= todo[0][0]:
                todo.pop(0)[1](elapsed)
            if elapsed >= next_sample:
                self.sample(elapsed)
                next_sample += self.args.rss_every
            self.stop.wait(0.5)
        self.sample(time.monotonic() - start)

    def sample(self, elapsed):
        workers = {pid: rss_kib(pid) for master in self.masters for pid in workers_of(master.pid)}
        self.samples.append({"t": round(elapsed), "workers": {str(p): r for p, r in workers.items() if r},
                             "load_1m": round(os.getloadavg()[0], 1)})

    def kill_worker(self, elapsed):
        victim = workers_of(self.masters[0].pid)[0]
        os.kill(victim, signal.SIGKILL)
        self.events.append({"t": round(elapsed, 1), "event": f"SIGKILL worker {victim}"})
        log(f"killed worker {victim} with SIGKILL")

    def restart_postgres(self, elapsed):
        """Restart the shared PostgreSQL once, and make sure it is back whatever pg_ctl said.

        On this busy machine the shutdown checkpoint took longer than pg_ctl's 60 s wait:
        pg_ctlcluster gave up ("server does not shut down") and the cluster, once stopped,
        stayed down until started by hand. So: start it when it is down, and time the outage
        until it answers again. (A CHECKPOINT just before did not help: it alone took minutes.)
        """
        began = time.monotonic()
        restart = subprocess.run(["pg_ctlcluster", "15", "main", "restart"], check=False)
        deadline = time.monotonic() + 300
        while restart.returncode != 0 and time.monotonic() < deadline:
            status = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout.split()
            if len(status) > 3 and status[3] == "down":
                subprocess.run(["pg_ctlcluster", "15", "main", "start"], check=False)
                break
            time.sleep(1)
        while subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qAtc", "SELECT 1"],
                             capture_output=True).returncode != 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        took = time.monotonic() - began
        self.events.append({"t": round(elapsed, 1), "event": f"pg_ctlcluster 15 main restart: PostgreSQL answered "
                                                            f"again after {took:.1f} s (pg_ctlcluster exit "
                                                            f"{restart.returncode})"})
        log(f"restarted PostgreSQL: answering again after {took:.1f} s")


def run_locust(args, base, run_dir, meta_path, acks):
    env = dict(os.environ, LOAD_META=str(meta_path), LOAD_ACKS=str(acks), LOAD_THINK=args.think)
    command = niced([args.locust, "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(args.learners),
               "-r", str(args.spawn_rate), "-t", f"{args.duration}s", "-H", base, "--csv", str(run_dir / "locust"),
               "--stop-timeout", "20", "--only-summary"], args.nice)
    log("locust: " + " ".join(command))
    with open(run_dir / "locust.log", "w") as out:
        return subprocess.run(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT).returncode


def latency_table(run_dir):
    """Return ``[{name, requests, failures, p50, p95, p99}]`` from locust's CSV statistics."""
    import csv
    rows = []
    with open(run_dir / "locust_stats.csv", encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            rows.append({"name": row["Name"], "requests": int(row["Request Count"]),
                         "failures": int(row["Failure Count"]), "p50_ms": row["50%"], "p95_ms": row["95%"],
                         "p99_ms": row["99%"], "rps": round(float(row["Requests/s"]), 1)})
    return rows


def load_during(samples):
    """The 1-minute load average over the RSS samples: lowest, mean and highest."""
    loads = [s["load_1m"] for s in samples]
    return {"min": min(loads), "mean": round(sum(loads) / len(loads), 1), "max": max(loads)}


def rss_summary(samples, warmup):
    """Worker RSS (MiB) at the first sample after the warm-up and at the last sample, and the totals."""
    first = next((s for s in samples if s["t"] >= warmup), samples[-1])["workers"]
    last = samples[-1]["workers"]
    return {"warmup_s": warmup, "start_mib": {p: round(r / 1024, 1) for p, r in first.items()},
            "end_mib": {p: round(r / 1024, 1) for p, r in last.items()},
            "start_total_mib": round(sum(first.values()) / 1024, 1),
            "end_total_mib": round(sum(last.values()) / 1024, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--pg-name", default=PG_NAME,
                        help="PostgreSQL database to drop and create (one of your own on a shared server)")
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", type=int, default=300, help="seconds of locust")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per server")
    parser.add_argument("--servers", type=int, choices=(1, 2), default=1)
    parser.add_argument("--port", type=int, help="one server: its port (default 5201)")
    parser.add_argument("--checks", action="store_true", help="two servers: session, rate-limit, live-mode and serial checks")
    parser.add_argument("--checks-after", type=float, default=90, help="seconds of load before the checks")
    parser.add_argument("--kill-worker-at", type=float)
    parser.add_argument("--restart-postgres-at", type=float)
    parser.add_argument("--rss-every", type=float, default=30)
    parser.add_argument("--rss-warmup", type=float, default=60, help="seconds before the 'start' RSS sample")
    parser.add_argument("--think", default="2,6", help="seconds a learner thinks between actions: MIN,MAX")
    parser.add_argument("--locust", default="/tmp/load-venv/bin/locust")
    parser.add_argument("--nice", type=int, default=0,
                        help="run gunicorn and locust under nice -n NICE (a machine shared with other work)")
    parser.add_argument("--run-dir", default=f"/tmp/load-run-{time.strftime('%Y%m%d-%H%M%S')}")
    args = parser.parse_args()
    if args.restart_postgres_at is not None and args.db != "postgres":
        parser.error("--restart-postgres-at needs --db postgres")
    if not args.pg_name.isidentifier():
        parser.error("--pg-name must be a plain identifier")
    if args.port and args.servers != 1:
        parser.error("--port is for one server")
    ports = (args.port,) if args.port else APP_PORTS
    run_dir = Path(args.run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    url = fresh_database(args.db, run_dir, args.pg_name)
    extra = {"TRAINING_LOG_JSON": "false"}
    if args.servers == 2:
        extra.update({"TRAINING_RATELIMIT_STORAGE_URI": REDIS, "TRAINING_TRUSTED_PROXIES": "1",
                      "TRAINING_RATELIMIT_KEY_PREFIX": f"load-{run_dir.name}",
                      "TRAINING_LOGIN_LIMIT_PER_ACCOUNT": '"5 per minute;20 per hour"'})
    env = app_env(url, **extra)
    log(f"database {url}: migrate and seed the demo city")
    flask(env, "db", "upgrade")
    flask(env, "seed-demo", "--password", DEMO_PASSWORD)
    prepared = subprocess.run([PYTHON, str(HERE / "prepare.py"), "--learners", str(args.learners)], env=env, cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
    meta_path = run_dir / "meta.json"
    meta_path.write_text(prepared)
    masters, nginx = [], None
    try:
        for port in ports[:args.servers]:
            masters.append(start_gunicorn(env, port, args.workers, run_dir, args.nice))
        base = f"http://127.0.0.1:{ports[0]}"
        if args.servers == 2:
            nginx = start_nginx(run_dir)
            base = f"http://127.0.0.1:{NGINX_PORT}"
        faults = Faults(args, masters, run_dir)
        faults.start()
        load_before = os.getloadavg()
        acks = run_dir / "acks.jsonl"
        check_results = None
        if args.checks:
            from bench.load import checks
            check_results = checks.run_during_load(env, json.loads(prepared), ports, NGINX_PORT,
                                                   lambda: run_locust(args, base, run_dir, meta_path, acks),
                                                   delay=args.checks_after, run_dir=run_dir)
            locust_code = check_results.pop("locust_exit")
        else:
            locust_code = run_locust(args, base, run_dir, meta_path, acks)
        faults.stop.set()
        faults.join()
        load_after = os.getloadavg()
        wait_healthy(base)
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=20)
        for master in masters:
            os.killpg(master.pid, signal.SIGTERM)
            master.wait(timeout=30)
    log("reconcile the acknowledgements with the database")
    summary = {"command": " ".join(sys.argv), "run_dir": str(run_dir), "database": args.db,
               "learners": args.learners, "duration_s": args.duration, "servers": args.servers,
               "workers_per_server": args.workers, "think_s": args.think, "locust_exit": locust_code,
               "nice": args.nice, "faults": faults.events,
               "machine_load_avg_1m": [round(load_before[0], 1), round(load_after[0], 1)],
               "machine_load_avg_1m_during": load_during(faults.samples), "endpoints": latency_table(run_dir),
               "retries": json.loads((run_dir / "acks.jsonl.retries.json").read_text()),
               "rss": rss_summary(faults.samples, args.rss_warmup), "reconcile": reconcile(url, acks)}
    if check_results is not None:
        summary["checks"] = check_results
    if args.servers == 2:
        summary["requests_per_server"] = {port: sum(1 for _ in open(run_dir / f"access-{port}.log"))
                                          for port in ports}
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=1, default=str, ensure_ascii=False))
    (run_dir / "rss.json").write_text(json.dumps(faults.samples))
    print_summary(summary)
    failures = sum(row["failures"] for row in summary["endpoints"])
    checks_ok = all(check["ok"] for check in (check_results or {}).values())
    sys.exit(0 if failures == 0 and summary["reconcile"]["ok"] and locust_code == 0 and checks_ok else 1)


def print_summary(summary):
    print(f"\n== {summary['command']}")
    print(f"database {summary['database']}, {summary['servers']} server(s) x {summary['workers_per_server']} workers, "
          f"{summary['learners']} learners for {summary['duration_s']} s, think {summary['think_s']} s, "
          f"nice {summary['nice']}, machine load average {summary['machine_load_avg_1m']} at start/end, "
          f"{summary['machine_load_avg_1m_during']} during (2 cores, shared)")
    for event in summary["faults"]:
        print(f"  fault at {event['t']} s: {event['event']}")
    print(f"{'endpoint':52} {'requests':>8} {'fail':>5} {'rps':>6} {'p50':>6} {'p95':>6} {'p99':>6}")
    for row in summary["endpoints"]:
        print(f"{row['name'][:52]:52} {row['requests']:>8} {row['failures']:>5} {row['rps']:>6} {row['p50_ms']:>6} "
              f"{row['p95_ms']:>6} {row['p99_ms']:>6}")
    print("retried (then succeeded or given up):", json.dumps(summary["retries"], ensure_ascii=False))
    rss = summary["rss"]
    print(f"worker RSS: start {rss['start_total_mib']} MiB {rss['start_mib']}; end {rss['end_total_mib']} MiB "
          f"{rss['end_mib']}")
    if "requests_per_server" in summary:
        print("requests per server:", summary["requests_per_server"])
    if "checks" in summary:
        print("checks:", json.dumps(summary["checks"], ensure_ascii=False, indent=1))
    print("reconcile:", json.dumps(summary["reconcile"], default=str))
    print(f"locust exit {summary['locust_exit']}")


if __name__ == "__main__":
    main()
