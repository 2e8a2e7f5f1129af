"""Shared plumbing for the benchmarks: a demo database, gunicorn processes, logging in, wrk.

Benchmarks compare the app with a baseline measured in the same run on the same machine and
print the ratio; absolute numbers depend on the machine.
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
PASSWORD = "Mật khẩu đo hiệu năng 2026"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(database_url, **extra):
    """Environment for the app under test: its own database and secret, JSON logs off."""
    env = dict(os.environ)
    env.update({"TRAINING_DATABASE_URL": database_url, "TRAINING_SECRET_KEY": "bench-" + "x" * 40,
                "TRAINING_LOGIN_LIMIT_PER_IP": '"100000 per minute"',
                "TRAINING_LOGIN_LIMIT_PER_ACCOUNT": '"100000 per minute"', "PYTHONPATH": str(ROOT)})
    env.update(extra)
    return env


def flask(env, *args):
    """Run ``flask ARGS`` against the benchmark database; return its stdout."""
    result = subprocess.run([str(BIN / "flask"), "--app", "training", *args], env=env, cwd=ROOT, capture_output=True,
                            text=True, check=True)
    return result.stdout


@contextmanager
def demo_database(url=None):
    """Yield ``(database url, env)`` for a freshly migrated database holding the demo city."""
    tmp = tempfile.mkdtemp(prefix="bench-")
    url = url or f"sqlite:///{tmp}/bench.sqlite"
    env = app_env(url)
    flask(env, "db", "upgrade")
    flask(env, "seed-demo", "--password", PASSWORD)
    try:
        yield url, env
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def gunicorn(spec, env, workers, root=None, port=None):
    """Serve ``spec`` (``module:app``) with sync workers on a free port; yield the base URL.

    ``root`` serves the code of another checkout (same virtualenv), e.g. the code before a change.
    """
    port = port or free_port()
    if root is not None:
        env = dict(env, PYTHONPATH=str(root))
    process = subprocess.Popen([str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                                "--log-level", "warning", spec], env=env, cwd=root or ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz" if "wsgi" in spec else base + "/hello", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def login(base, email, password=PASSWORD):
    """Log in through the real form (with its CSRF token); return the session cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token}).encode()
    opener.open(base + "/login", data=data)
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def wrk(url, cookie=None, duration=10, connections=32, threads=2, script=None):
    """Run wrk against ``url``; return ``{"rps", "p50_ms", "p99_ms", "non_2xx", "errors"}``."""
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    socket_line = re.search(r"Socket errors:[^\n]*", output)
    return {"rps": rps, "p50_ms": _latency(output, "50%"), "p99_ms": _latency(output, "99%"), "non_2xx": non_2xx,
            "errors": errors, "socket_errors": socket_line.group(0) if socket_line else ""}


def _latency(output, label):
    match = re.search(rf"{re.escape(label)}\s+([\d.]+)(us|ms|s)", output)
    if not match:
        return None
    value, unit = float(match.group(1)), match.group(2)
    return {"us": value / 1000, "ms": value, "s": value * 1000}[unit]
