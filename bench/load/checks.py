"""Scale-out checks, run while the learners load two servers behind nginx (run_load.py --checks).

Both gunicorn servers share PostgreSQL, Redis (the rate limiter's storage) and the secret key.
While locust runs through nginx (round robin, so a learner's consecutive requests alternate
between the servers and autosave is exercised across both), this module checks:

* sessions: logging in on server A gives a cookie that server B honours; logging out on B ends
  the session on A too;
* login throttling counts across the servers: wrong passwords for one account, alternating A, B,
  A, B..., are refused with 429 from the 6th on (``LOGIN_LIMIT_PER_ACCOUNT`` "5 per minute"),
  exactly as one server would; the right password is refused too while the limit holds;
* certificate serials stay unique and gap-free when several processes issue at once: four
  processes (each its own app instance, like the servers) each take 25 load learners; for each
  one they record every course item as passed through the course ledger
  (``record_item_result``, which runs the certificates' completion hook: the demo course's
  settings may issue right there) and, if that left no certificate, issue it with
  ``issue_for_person`` (the call behind ``flask certificates issue``), one transaction per
  learner; then every serial of the register is read back.

``python bench/load/checks.py issue EMAIL...`` is the issuing worker (one app instance).
"""

import http.cookiejar
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

THROTTLED_ACCOUNT = "hocvien@demo.vn"
DEMO_PASSWORD_GUESS = "sai-mat-khau-123"
META_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie jar shared by requests to either server (the cookie is for 127.0.0.1)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, url, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=60) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers

    def login(self, base, email, password):
        _status, page, _headers = self.request(base + "/login")
        token = META_TOKEN.search(page).group(1)
        return self.request(base + "/login", {"email": email, "password": password, "csrf_token": token})


def check_sessions(bases, email, password):
    """Log in on A, use the session on B, log out on B, find it dead on A."""
    browser = Browser()
    login_status = browser.login(bases[0], email, password)[0]
    on_b = browser.request(bases[1] + "/learning")[0]
    _status, page, _headers = browser.request(bases[1] + "/learning")
    token = META_TOKEN.search(page).group(1)
    # Keep the logged-in cookie: replayed on A after logging out on B, it must be refused
    # (the session is revoked on the server, not only forgotten by the browser).
    stale = Browser()
    for cookie in browser.jar:
        stale.jar.set_cookie(cookie)
    logout = browser.request(bases[1] + "/logout", {"csrf_token": token})[0]
    after = stale.request(bases[0] + "/learning")
    ok = login_status == 302 and on_b == 200 and logout == 302 and after[0] == 302 and "/login" in after[2]["Location"]
    return {"ok": ok, "login_on_A": login_status, "page_on_B": on_b, "logout_on_B": logout,
            "page_on_A_after_logout": after[0]}


def check_login_throttle(bases, password):
    """Eight wrong passwords alternating between the servers, then the right one."""
    statuses = []
    for number in range(8):
        statuses.append(Browser().login(bases[number % 2], THROTTLED_ACCOUNT, DEMO_PASSWORD_GUESS)[0])
    right = Browser().login(bases[0], THROTTLED_ACCOUNT, password)[0]
    ok = statuses == [200] * 5 + [429] * 3 and right == 429
    return {"ok": ok, "wrong_passwords_A_B_alternating": statuses, "right_password_after": right,
            "expected": "200 x5 (form error), then 429; the right password also 429 while the limit holds"}


def check_serials(env, learners, course_slug):
    """Issue certificates from four processes at once; return what the register holds."""
    batches = [learners[i * 25:(i + 1) * 25] for i in range(4)]
    processes = [subprocess.Popen([sys.executable, __file__, "issue", course_slug, *batch], env=env, cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for batch in batches]
    outputs = [p.communicate(timeout=900) for p in processes]
    failed = [err.strip().splitlines()[-1] for (_out, err), p in zip(outputs, processes, strict=True)
              if p.returncode != 0]
    issued = [json.loads(line) for out, _err in outputs for line in out.splitlines() if line.startswith("{")]
    from sqlalchemy import create_engine, text
    engine = create_engine(env["TRAINING_DATABASE_URL"])
    with engine.connect() as connection:
        serials = [row[0] for row in connection.execute(text("SELECT serial FROM certificates"))]
    engine.dispose()
    by_year = {}
    for serial in serials:
        match = re.fullmatch(r"GCN-(\d{4})-(\d{6})", serial)
        if match:
            by_year.setdefault(match.group(1), []).append(int(match.group(2)))
    gap_free = all(sorted(numbers) == list(range(1, len(numbers) + 1)) for numbers in by_year.values())
    return {"ok": gap_free and len(set(serials)) == len(serials) and not failed and len(issued) == 100,
            "processes": len(processes), "issued_during_check": len(issued),
            "by": dict(Counter(entry["how"] for entry in issued)), "register_size": len(serials),
            "unique": len(set(serials)), "gap_free": gap_free, "highest": {y: max(n) for y, n in by_year.items()},
            "failures": failed[:5]}


def run_during_load(env, meta, app_ports, nginx_port, run_locust, delay=90):
    """Start locust in a thread, run the checks while it loads the servers, wait; return the results."""
    result = {}
    thread = threading.Thread(target=lambda: result.update(locust_exit=run_locust()))
    thread.start()
    time.sleep(delay)  # the learners are logged in and answering
    bases = [f"http://127.0.0.1:{port}" for port in app_ports]
    from bench.load.prepare import PASSWORD
    from bench.support import PASSWORD as DEMO_PASSWORD
    result["sessions"] = check_sessions(bases, meta["learners"][-1], PASSWORD)
    result["login_throttle"] = check_login_throttle(bases, DEMO_PASSWORD)
    result["sessions_through_nginx"] = check_sessions([f"http://127.0.0.1:{nginx_port}"] * 2,
                                                      meta["learners"][-2], PASSWORD)
    result["certificate_serials"] = check_serials(env, meta["learners"], meta["course_slug"])
    thread.join()
    return result


def issue_main(course_slug, emails):
    """The issuing worker: one app instance completing the course and issuing, one learner per transaction."""
    from sqlalchemy import select

    from training import create_app
    from training.accounts.sessions import find_user_by_email
    from training.certificates.services import issuing
    from training.certificates.services.settings import IssueConfig
    from training.core.time import utcnow
    from training.courses.models import Course, Enrollment
    from training.courses.services.progress import course_items, record_item_result
    from training.extensions import db
    app = create_app()
    with app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == course_slug))
        config = IssueConfig.from_config(app.config)
        for email in emails:
            user = find_user_by_email(email)
            enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == user.id,
                                                                    Enrollment.course_id == course.id))
            now = utcnow()
            for item in course_items(course.id):
                record_item_result(enrollment, item, now, completed=True, score=100, passed=True)
            certificate, how = issuing.existing_certificate(enrollment.id, course.id), "completion hook"
            if certificate is None:
                certificate, how = issuing.issue_for_person(None, user, course, now, config, source="cli"), "issue_for_person"
            db.session.commit()
            print(json.dumps({"email": email, "serial": certificate.serial, "how": how}))


if __name__ == "__main__" and sys.argv[1:2] == ["issue"]:
    issue_main(sys.argv[2], sys.argv[3:])
