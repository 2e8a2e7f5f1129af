"""Scale-out check of the live simulation mode, run by checks.py while locust loads both servers.

Live mode is short polling (docs/architecture.md, "Simulations: live mode"): learners poll
``GET /simulations/live/<id>/state`` every second, the trainer's console polls
``GET /manage/simulations/live/<id>/answers?since=N`` every 1.5 s; every write takes the
session's change counter in the database. Nothing is held in a worker's memory, so two servers
behind nginx must behave exactly as one. This check plays a class through them:

* setup (``python bench/load/live_check.py setup N``, through the services as prepare.py does):
  N learners ``load-live-NN@load.test`` (their own accounts, not locust's) enrolled, in a
  training class of their own, in the demo course that holds the demo simulation items;
* the demo trainer logs in on server A directly, starts a live session for the class from the
  "new session" form and pushes the scenario's first prompt from the console's button;
* the learners log in through nginx (so their polls alternate between the servers), open the
  room page and poll the state as the page's script does (the next poll one second after the
  previous answer); for each learner the delay from the push's reply to the first poll that
  shows the prompt must be at most 2 s plus the poll interval, and no poll sent after the push
  was answered may miss it;
* each learner answers (JSON with ``X-CSRFToken``, as the page's script) and sends the same
  answer again (the same ``rev``: the resend must change nothing);
* the console's answers endpoint, polled through server B with its cursor as the console does,
  must list every learner's answer exactly once (and the database hold one row each);
* the trainer pushes an improvised question through server B; every learner must see it
  within the same bound.
"""

import json
import re
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.load.checks import HIDDEN, META_TOKEN, Browser  # noqa: E402

POLL_INTERVAL = 1.0  # static/js/simulations-live.js: the next poll 1 s after the previous answer
CONSOLE_INTERVAL = 1.5
BOUND = 2.0 + POLL_INTERVAL
LIVE = "/manage/simulations/live"
LEARNERS = 20
SIM_COURSE = "ky-nang-hop-bao-phong-van"


def live_email(number):
    return f"load-live-{number:02d}@load.test"


def post_json(browser, url, payload, token):
    """POST ``payload`` as JSON with the CSRF header, as the page's script does; ``(status, decoded body)``."""
    import urllib.error
    import urllib.request
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers={
        "Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json"})
    try:
        with browser.opener.open(request, timeout=120) as response:
            return response.status, json.loads(response.read().decode())
    except urllib.error.HTTPError as error:
        body = error.read().decode(errors="replace")
        try:
            return error.code, json.loads(body)
        except ValueError:
            return error.code, body[:200]


class Learner(threading.Thread):
    """One learner's browser: log in through nginx, open the room, poll until told to stop."""

    def __init__(self, base, email, password, session_id):
        super().__init__(daemon=True)
        self.base, self.email, self.password, self.session_id = base, email, password, session_id
        self.browser = Browser()
        self.polls = []  # (sent, answered, status, prompt id or None)
        self.errors = []
        self.ready = threading.Event()
        self.stop = threading.Event()
        self.token = None

    def run(self):
        try:
            status = self.browser.login(self.base, self.email, self.password)[0]
            if status != 302:
                raise RuntimeError(f"login {status}")
            status, page, _headers = self.browser.request(f"{self.base}/simulations/live/{self.session_id}")
            if status != 200:
                raise RuntimeError(f"room page {status}")
            self.token = dict(HIDDEN.findall(page))["csrf_token"]
        except Exception as error:  # noqa: BLE001 - reported as the check's result
            self.errors.append(str(error))
            self.ready.set()
            return
        self.ready.set()
        while not self.stop.is_set():
            sent = time.monotonic()
            status, body, _headers = self.browser.request(f"{self.base}/simulations/live/{self.session_id}/state",
                                                          headers={"Accept": "application/json"})
            answered = time.monotonic()
            prompt = json.loads(body).get("prompt") if status == 200 else None
            self.polls.append((sent, answered, status, prompt["id"] if prompt else None))
            self.stop.wait(POLL_INTERVAL if status == 200 else 3.0)

    def seen(self, prompt_id, after):
        """Seconds from ``after`` to the answer of the first poll showing ``prompt_id`` (None: never),
        and how many polls sent after ``after`` missed it."""
        hits = [answered for sent, answered, status, seen in self.polls if seen == prompt_id]
        stale = sum(1 for sent, answered, status, seen in self.polls if sent >= after and status == 200
                    and seen != prompt_id and (not hits or answered <= min(hits)))
        return (round(min(hits) - after, 2) if hits else None), stale

    def wait_for(self, prompt_id, seconds=120):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not any(seen == prompt_id for *_rest, seen in self.polls):
            time.sleep(0.1)


class Console(threading.Thread):
    """The trainer's console in another tab, on server B: poll the answers with the cursor every 1.5 s."""

    def __init__(self, base, browser, session_id):
        super().__init__(daemon=True)
        self.base, self.session_id = base, session_id
        self.browser = Browser()
        for cookie in browser.jar:
            self.browser.jar.set_cookie(cookie)
        self.cursor, self.rows, self.statuses = 0, [], Counter()
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.poll()
            self.stop.wait(CONSOLE_INTERVAL)
        self.poll()

    def poll(self):
        status, body, _headers = self.browser.request(
            f"{self.base}{LIVE}/{self.session_id}/answers?since={self.cursor}", headers={"Accept": "application/json"})
        self.statuses[status] += 1
        if status == 200:
            data = json.loads(body)
            self.rows.extend(data["answers"])
            self.cursor = data["cursor"]


def _delays(learners, prompt_id, after):
    delays, stale = {}, 0
    for learner in learners:
        learner.wait_for(prompt_id)
        delay, missed = learner.seen(prompt_id, after)
        delays[learner.email] = delay
        stale += missed
    known = sorted(d for d in delays.values() if d is not None)
    summary = {"learners_who_saw_it": len(known), "stale_polls_after_the_push": stale,
               "within_bound": sum(1 for d in known if d <= BOUND)}
    if known:
        summary.update({"min_s": known[0], "median_s": known[len(known) // 2], "max_s": known[-1]})
    return summary, len(known) == len(learners) and stale == 0 and summary["within_bound"] == len(learners)


def check_live(env, app_bases, nginx_base, trainer_email, trainer_password, password, count=LEARNERS, run_dir=None):
    """Play a live session through two servers; return the result (``ok`` and the numbers)."""
    import subprocess
    setup = subprocess.run([sys.executable, __file__, "setup", str(count)], env=env, cwd=ROOT, capture_output=True,
                           text=True)
    if setup.returncode != 0:
        return {"ok": False, "setup_failed": setup.stderr.strip().splitlines()[-3:]}
    facts = json.loads(setup.stdout.strip().splitlines()[-1])
    server_a, server_b = app_bases
    trainer = Browser()
    result = {"learners": count, "bound_s": BOUND}
    result["trainer_login_on_A"] = trainer.login(server_a, trainer_email, trainer_password)[0]
    new = f"{LIVE}/new"
    _status, page, _headers = trainer.request(f"{server_a}{new}?class={facts['class_id']}&scenario={facts['scenario_id']}")
    token = META_TOKEN.search(page).group(1)
    status, _body, headers = trainer.request(server_a + new, {"class_id": facts["class_id"],
                                                              "scenario_id": facts["scenario_id"], "csrf_token": token})
    result["start_on_A"] = status
    if status != 302:
        return {**result, "ok": False}
    session_id = int(urllib.parse.urlsplit(headers["Location"]).path.rstrip("/").rsplit("/", 1)[-1])
    learners = [Learner(nginx_base, email, password, session_id) for email in facts["learners"]]
    for learner in learners:
        learner.start()
    for learner in learners:
        learner.ready.wait(300)
    result["learner_errors"] = sorted({e for learner in learners for e in learner.errors})
    console = Console(server_b, trainer, session_id)
    console.start()

    # Push the scenario's next prompt from the console's own button, on server A.
    _status, page, _headers = trainer.request(f"{server_a}{LIVE}/{session_id}")
    form = re.search(rf'<form[^>]*action="{LIVE}/{session_id}/push"[^>]*>(.*?)</form>', page, re.S).group(1)
    fields = dict(HIDDEN.findall(form))
    sent = time.monotonic()
    result["push_on_A"] = trainer.request(f"{server_a}{LIVE}/{session_id}/push", fields)[0]
    pushed = time.monotonic()
    result["push_reply_s"] = round(pushed - sent, 2)
    prompt_id = _pushed_prompt(env, session_id)[-1]
    result["scripted_prompt_seen"], seen_ok = _delays(learners, prompt_id, pushed)

    # Each learner answers, then resends the same answer (same rev): one row each.
    replies = Counter()

    def answer(learner):
        url = f"{nginx_base}/simulations/live/{session_id}/answer"
        payload = {"prompt": prompt_id, "text": f"Trả lời của {learner.email}: thông tin sẽ được công bố trong ngày.",
                   "rev": 1}
        for attempt in ("first", "resend"):
            status, body = post_json(learner.browser, url, payload, learner.token)
            changed = body.get("changed") if isinstance(body, dict) else None
            replies[f"{attempt}: {status} changed={changed}"] += 1

    threads = [threading.Thread(target=answer, args=(learner,)) for learner in learners if learner.token]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result["answer_replies"] = dict(replies)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len({r["user"] for r in console.rows}) < count:
        time.sleep(0.5)
    on_console = Counter(r["user"] for r in console.rows if r["prompt"] == prompt_id)
    rows_in_db = _answer_rows(env, session_id)
    result["console_on_B"] = {"answers_listed": sum(on_console.values()), "distinct_learners": len(on_console),
                              "listed_twice": sum(1 for n in on_console.values() if n > 1),
                              "polls": dict(console.statuses), "answer_rows_in_database": rows_in_db}
    answers_ok = (replies == Counter({"first: 200 changed=True": count, "resend: 200 changed=False": count})
                  and len(on_console) == count and set(on_console.values()) == {1} and rows_in_db == count)

    # An improvised question, pushed through server B.
    _status, page, _headers = trainer.request(f"{server_b}{LIVE}/{session_id}")
    token = META_TOKEN.search(page).group(1)
    sent = time.monotonic()
    result["improvise_on_B"] = trainer.request(f"{server_b}{LIVE}/{session_id}/improvise", {
        "csrf_token": token, "journalist_name": "Phóng viên tải thử", "outlet": "Báo Tải Thử", "tone": "hostile",
        "time_limit": "60", "text": "Vì sao người dân chưa được thông báo sớm hơn?"})[0]
    pushed = time.monotonic()
    result["improvise_reply_s"] = round(pushed - sent, 2)
    improvised_id = _pushed_prompt(env, session_id)[-1]
    result["improvised_seen"], improvised_ok = _delays(learners, improvised_id, pushed)
    for learner in learners:
        learner.stop.set()
    console.stop.set()
    console.join()
    result["close_on_A"] = trainer.request(f"{server_a}{LIVE}/{session_id}/close",
                                           {"csrf_token": META_TOKEN.search(page).group(1)})[0]
    for learner in learners:
        learner.join(10)
    polls = [p for learner in learners for p in learner.polls]
    result["learner_polls"] = dict(Counter(status for *_rest, status, _seen in polls))
    if run_dir is not None:
        result["live_requests_per_server"] = {
            log.name: sum(1 for line in open(log) if f"/simulations/live/{session_id}/" in line)
            for log in sorted(Path(run_dir).glob("access-*.log"))}
    result["ok"] = (result["trainer_login_on_A"] == 302 and not result["learner_errors"] and result["push_on_A"] == 302
                    and seen_ok and answers_ok and result["improvise_on_B"] == 302 and improvised_ok
                    and set(result["learner_polls"]) == {200} and set(console.statuses) == {200})
    return result


def _query(env, sql, **params):
    from sqlalchemy import create_engine, text
    engine = create_engine(env["TRAINING_DATABASE_URL"])
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).scalars().all()
    finally:
        engine.dispose()


def _pushed_prompt(env, session_id):
    """The ids of the session's pushed prompts, in order (what the learners' state shows as ``prompt.id``)."""
    return _query(env, "SELECT id FROM sim_live_prompts WHERE session_id = :s ORDER BY position", s=session_id)


def _answer_rows(env, session_id):
    return _query(env, "SELECT count(*) FROM sim_live_answers WHERE session_id = :s", s=session_id)[0]


def setup_main(count):
    """N learners of their own in a class of the course holding the demo simulations; prints one JSON line."""
    from sqlalchemy import select

    from bench.load.prepare import PASSWORD
    from training import create_app
    from training.accounts import services as accounts
    from training.accounts.sessions import find_user_by_email
    from training.core.time import utcnow
    from training.courses.models import Course
    from training.courses.services.enrolment import enrol_people, save_class
    from training.extensions import db
    from training.orgunits.models import Unit
    from training.simulations.demo import DEMO_TRAINER
    from training.simulations.models import Simulation
    app = create_app()
    with app.app_context():
        now = utcnow()
        course = db.session.scalar(select(Course).where(Course.slug == SIM_COURSE))
        simulation = next((s for s in db.session.scalars(select(Simulation).order_by(Simulation.id))
                           if s.item.course_id == course.id), None)
        if simulation is None:
            sys.exit(f"No simulation item in {SIM_COURSE}: run 'flask seed-demo' first.")
        unit = db.session.scalar(select(Unit).order_by(Unit.path))
        shared_hash = accounts.hash_password(PASSWORD)
        users = []
        for number in range(1, count + 1):
            user = accounts.create_user(None, {"email": live_email(number), "unit_id": unit.id,
                                               "full_name": f"Học viên trực tiếp {number:02d}"}, now)
            user.password_hash = shared_hash
            users.append(user)
        training_class = save_class(None, None, course, {"name": "Lớp tải thử diễn tập trực tiếp",
                                                         "unit_id": unit.id}, now)
        enrol_people(None, course, users, now, app.config["TIMEZONE"], training_class=training_class)
        db.session.commit()
        print(json.dumps({"class_id": training_class.id, "scenario_id": simulation.scenario_id,
                          "trainer": find_user_by_email(DEMO_TRAINER).email, "learners": [u.email for u in users]}))


if __name__ == "__main__" and sys.argv[1:2] == ["setup"]:
    setup_main(int(sys.argv[2]))
