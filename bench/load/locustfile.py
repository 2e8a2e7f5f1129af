"""Simulated learners: log in, open the course, start the demo exam, autosave answers, submit.

Runs in its own virtualenv (locust pins Flask versions of its own; see bench/load/requirements.txt)
and is started by ``run_load.py``; by hand::

    LOAD_META=/tmp/load-x/meta.json LOAD_ACKS=/tmp/load-x/acks.jsonl \\
        /tmp/load-venv/bin/locust -f bench/load/locustfile.py --headless -u 200 -r 10 -t 5m -H http://127.0.0.1:5201

Each simulated learner does what the browser does (templates/quizzes/attempt.html and
static/js/quiz-attempt.js): it reads every page of the attempt, and for each question sends one
autosave, or two (one question in four: the learner changes its mind), ``POST /quizzes/attempts/<id>/answer`` with JSON ``{position, seq, fields}``
and the ``X-CSRFToken`` header, ``seq`` one above the last it knows of, then presses "Submit the
attempt" (``POST .../page`` with ``action=finish``) and reads the review. Then it starts the next
attempt (prepare.py gives the exam unlimited attempts), until the run ends.

Every acknowledgement is appended to the ``LOAD_ACKS`` JSONL file: ``{"kind": "answer", "attempt",
"position", "seq"}`` for each 200 reply to an autosave, ``{"kind": "submit", "attempt"}`` for each
redirect to the review after submitting. reconcile.py checks them against the database.

Failures the browser script also survives are retried with exponential backoff (0.25 s doubling
to 8 s, 16 tries, about 95 s in all): connection errors (a killed worker, a restarting server) and 502/503/504.
Retries are counted per endpoint and reported apart; only a request that still fails after its
last try, or any other unexpected status, counts as a locust failure.
"""

import html
import itertools
import json
import os
import random
import re
import threading
import time
from collections import Counter

import gevent
from locust import HttpUser, events, task

META = json.loads(open(os.environ["LOAD_META"], encoding="utf-8").read())
PASSWORD = os.environ.get("LOAD_PASSWORD", "Mật khẩu tải thử 2026")
THINK = tuple(float(x) for x in os.environ.get("LOAD_THINK", "1.5,4").split(","))
RETRYABLE = {0, 502, 503, 504}
MAX_TRIES = 16

_numbers = itertools.count()
_ack_lock = threading.Lock()
_acks = open(os.environ["LOAD_ACKS"], "a", encoding="utf-8", buffering=1)
RETRIES = Counter()
GIVEN_UP = Counter()

META_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
SECTION = re.compile(r'<section class="card mb-3 quiz-question"[^>]*data-position="(\d+)" data-seq="(\d+)"(.*?)</section>',
                     re.S)
INPUT = re.compile(r"<input\b([^>]*)>")
SELECT = re.compile(r'<select\b([^>]*)>(.*?)</select>', re.S)
TEXTAREA = re.compile(r'<textarea\b[^>]*name="([^"]+)"')
OPTION = re.compile(r'<option value="([^"]*)"')
PAGES = re.compile(r'name="goto" value="(\d+)"')
ESSAY_WORDS = ("họp báo", "thông cáo báo chí", "trả lời phỏng vấn", "cổng thông tin điện tử", "giao ban báo chí",
               "văn bản trả lời", "cải chính", "người phát ngôn", "kịp thời", "chính xác")


def _attr(tag, name):
    match = re.search(rf'{name}="([^"]*)"', tag)
    return html.unescape(match.group(1)) if match else None


def record(entry):
    with _ack_lock:
        _acks.write(json.dumps(entry) + "\n")


def answer_fields(position, body, rng):
    """Return the ``fields`` a learner's changed answer sends for one question (as fieldsOf() does)."""
    fields, radios, boxes = {}, {}, {}
    for tag in INPUT.findall(body):
        name, kind = _attr(tag, "name"), _attr(tag, "type")
        if not name or not (name == f"q{position}" or name.startswith(f"q{position}-")):
            continue
        if kind == "radio":
            radios.setdefault(name, []).append(_attr(tag, "value"))
        elif kind == "checkbox":
            boxes.setdefault(name, []).append(_attr(tag, "value"))
        elif kind == "text":
            fields[name] = [str(rng.randint(1, 60)) if 'inputmode="decimal"' in tag else rng.choice(ESSAY_WORDS)]
    for name, values in radios.items():
        fields[name] = [rng.choice(values)]
    for name, values in boxes.items():
        fields[name] = rng.sample(values, rng.randint(1, len(values)))
    ordering = []
    for attrs, options in SELECT.findall(body):
        name = _attr(attrs, "name")
        values = [v for v in OPTION.findall(options) if v]
        if "data-ordering" in attrs:
            ordering.append(name)
        else:
            fields[name] = [rng.choice(values)] if values else []
    if ordering:
        places = [str(p) for p in range(1, len(ordering) + 1)]
        rng.shuffle(places)
        fields.update({name: [place] for name, place in zip(ordering, places, strict=True)})
    for name in TEXTAREA.findall(body):
        fields[name] = [" ".join(rng.choice(ESSAY_WORDS) for _ in range(rng.randint(8, 40)))]
    return fields


class Learner(HttpUser):
    """One learner taking the demo exam again and again."""

    def on_start(self):
        number = next(_numbers)
        self.email = META["learners"][number % len(META["learners"])]
        self.rng = random.Random(number)
        self.token = None
        self.login()

    def think(self):
        gevent.sleep(self.rng.uniform(*THINK))

    def call(self, method, url, name, expect, **kwargs):
        """Send one request, retrying connection errors and 502/503/504 with backoff; return the response."""
        delay = 0.25
        for attempt in range(1, MAX_TRIES + 1):
            with self.client.request(method, url, name=name, catch_response=True, allow_redirects=False,
                                     **kwargs) as response:
                status = response.status_code or 0
                if status in expect:
                    response.success()
                    return response
                if status in RETRYABLE and attempt < MAX_TRIES:
                    response.success()  # counted in RETRIES, not as a failure: the learner tries again
                    RETRIES[(name, status)] += 1
                else:
                    GIVEN_UP[(name, status)] += 1
                    response.failure(f"status {status} after {attempt} tries")
                    return None
            gevent.sleep(delay * self.rng.uniform(0.5, 1.5))
            delay = min(delay * 2, 8)
        return None

    def page(self, url, name):
        response = self.call("GET", url, name, {200})
        if response is not None:
            match = META_TOKEN.search(response.text)
            self.token = match.group(1) if match else self.token
        return response

    def login(self):
        self.page("/login", "GET /login")
        response = self.call("POST", "/login", "POST /login", {302},
                             data={"email": self.email, "password": PASSWORD, "csrf_token": self.token})
        return response is not None

    @task
    def take_exam(self):
        item = META["exam_item_id"]
        if self.page(f"/courses/{META['course_slug']}", "GET /courses/[slug]") is None:
            return
        if self.page(f"/quizzes/{item}", "GET /quizzes/[item]") is None:
            return
        self.think()
        started = self.call("POST", f"/quizzes/{item}/start", "POST /quizzes/[item]/start", {302},
                            data={"csrf_token": self.token})
        if started is None:
            return
        attempt = int(re.search(r"/attempts/(\d+)", started.headers["Location"]).group(1))
        base = f"/quizzes/attempts/{attempt}"
        first = self.page(base, "GET /quizzes/attempts/[id]")
        if first is None:
            return
        pages = max([1, *(int(p) for p in PAGES.findall(first.text))])
        for number in range(1, pages + 1):
            response = first if number == 1 else self.page(f"{base}?page={number}", "GET /quizzes/attempts/[id]")
            if response is None:
                return
            for position, seq, body in SECTION.findall(response.text):
                if not self.answer(base, attempt, int(position), int(seq), body):
                    return
        self.think()
        finished = self.call("POST", f"{base}/page", "POST /quizzes/attempts/[id]/page (finish)", {302},
                             data={"csrf_token": self.token, "action": "finish"})
        if finished is None:
            return
        if "/review" in finished.headers.get("Location", ""):
            record({"kind": "submit", "attempt": attempt})
        self.page(f"{base}/review", "GET /quizzes/attempts/[id]/review")
        self.think()

    def answer(self, base, attempt, position, seq, body):
        """Change one answer once or (one time in four) twice, autosaving each change as the browser does."""
        for _change in range(self.rng.choice((1, 1, 1, 2))):
            self.think()
            seq += 1
            payload = {"position": position, "seq": seq, "fields": answer_fields(position, body, self.rng)}
            response = self.call("POST", f"{base}/answer", "POST /quizzes/attempts/[id]/answer", {200},
                                 json=payload, headers={"X-CSRFToken": self.token, "Accept": "application/json"})
            if response is None:
                return False
            reply = response.json()
            record({"kind": "answer", "attempt": attempt, "position": position, "seq": seq, "reply_seq": reply["seq"],
                    "saved": reply["saved"], "at": time.time()})
            seq = max(seq, reply["seq"])
        return True


@events.quitting.add_listener
def _report(environment, **_kwargs):
    """Write the retry counts next to the acknowledgement log for run_load.py's summary."""
    path = os.environ["LOAD_ACKS"] + ".retries.json"
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"retries": {f"{name} [{status}]": count for (name, status), count in RETRIES.items()},
                   "given_up": {f"{name} [{status}]": count for (name, status), count in GIVEN_UP.items()}}, out,
                  indent=1)
    _acks.flush()
