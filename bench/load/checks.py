"""Scale-out checks, run while the learners load two servers behind nginx (run_load.py --checks).

Both gunicorn servers share PostgreSQL, Redis (the rate limiter's storage) and the secret key.
While locust runs through nginx (round robin, so a learner's consecutive requests alternate
between the servers and autosave is exercised across both), this module checks:

* sessions: logging in on server A gives a cookie that server B honours; logging out on B ends
  the session on A too;
* login throttling counts across the servers: wrong passwords for one account, alternating A, B,
  A, B..., are refused with 429 from the 6th on (``LOGIN_LIMIT_PER_ACCOUNT`` "5 per minute"),
  exactly as one server would; the right password is refused too while the limit holds;
* certificate serials stay unique and gap-free when administrators issue at once over HTTP,
  through nginx (so their requests land on both servers): a setup step (``checks.py
  setup-serials``, through the services like prepare.py) switches the demo course to approval,
  completes it for 100 load learners (their completions are queued), puts the last 40 in a
  class, and creates six city-wide administrators. Then, all at once: four admins approve the
  60 queued completions from the approval queue's buttons (``POST
  /admin/certificates/approvals/<id>/approve``, each completion by two admins: one issues, the
  other is refused), and two admins each preview the class in bulk issue, start a job (``POST
  /admin/certificates/bulk``) and step it from two tabs (``POST /admin/certificates/bulk/<job>/step``),
  both jobs covering the same 40 people. Each form is read from its page for its CSRF token.
  Then the database must hold exactly one certificate per completion, no pending request, and a
  register whose serials are unique and gap-free.

* the live simulation mode behaves as on one server (``live_check.py``, kept in its own module):
  a trainer on server A, 20 learners polling through nginx, the console polled on server B.

``python bench/load/checks.py setup-serials COURSE_SLUG EMAIL...`` is the setup step.
"""

import html
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
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

THROTTLED_ACCOUNT = "hocvien@demo.vn"
DEMO_PASSWORD_GUESS = "sai-mat-khau-123"
META_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
APPROVALS = "/admin/certificates/approvals"
BULK = "/admin/certificates/bulk"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie jar shared by requests to either server (the cookie is for 127.0.0.1)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, url, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(urllib.request.Request(url, data=body, headers=headers or {}), timeout=120) as response:
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


class Admin:
    """One administrator in a browser, through nginx: reads each form for its CSRF token, as the pages do."""

    def __init__(self, base, email, password, browser=None):
        self.base, self.email = base, email
        self.browser = browser or Browser()
        if browser is None:
            status = self.browser.login(base, email, password)[0]
            if status != 302:
                raise RuntimeError(f"{email} could not log in through nginx: {status}")

    def tab(self):
        """A second tab: the same session (cookies), its own connection."""
        other = Browser()
        for cookie in self.browser.jar:
            other.jar.set_cookie(cookie)
        return Admin(self.base, self.email, None, other)

    def get(self, path):
        return self.browser.request(self.base + path)

    def post_form(self, page, action, fields=None, headers=None):
        """POST the form of ``page`` whose action is ``action`` (its hidden fields, CSRF token included)."""
        form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S)
        if form is not None:
            data = {html.unescape(n): html.unescape(v) for n, v in HIDDEN.findall(form.group(1))}
        else:  # gone from the page meanwhile: press it in an older tab that still shows it
            data = {"csrf_token": html.unescape(META_TOKEN.search(page).group(1))}
        data.update(fields or {})
        return self.browser.request(self.base + action, data, headers)


_tally_lock = threading.Lock()


def tally(statuses, name, status):
    with _tally_lock:
        statuses[name][status] += 1


def _approve(admin, request_ids, statuses):
    """Approve each queued completion from the approval queue's own button, then read the queue again."""
    for request_id in request_ids:
        status, page, _headers = admin.get(APPROVALS)
        tally(statuses, f"GET {APPROVALS}", status)
        action = f"{APPROVALS}/{request_id}/approve"
        status, _body, _headers = admin.post_form(page, action)
        tally(statuses, "POST approve" if f'action="{action}"' in page else "POST approve (older tab)", status)


def _bulk(admin, course_id, class_id, statuses, barrier, jobs):
    """Preview the class, start a bulk job, then step it from two tabs at once until it is finished."""
    status, page, _headers = admin.get(f"{BULK}?course_id={course_id}&class_id={class_id}")
    tally(statuses, f"GET {BULK} (preview)", status)
    status, _body, headers = admin.post_form(page, BULK)
    tally(statuses, f"POST {BULK}", status)
    barrier.wait()  # both jobs exist before either issues: they cover the same people
    if status != 302:
        return
    job = headers["Location"].split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    status, job_page, _headers = admin.get(f"{BULK}/{job}")
    tally(statuses, f"GET {BULK}/<job>", status)

    def step(tab):
        for _ in range(50):
            status, body, _headers = tab.post_form(job_page, f"{BULK}/{job}/step", headers={"Accept": "application/json"})
            tally(statuses, "POST step", status)
            if status != 200:
                return
            progress = json.loads(body)
            if progress["finished"]:
                jobs[f"job {job} ({admin.email})"] = {k: progress[k] for k in ("total", "issued", "skipped")}
                return

    tabs = [threading.Thread(target=step, args=(tab,)) for tab in (admin, admin.tab())]
    for thread in tabs:
        thread.start()
    for thread in tabs:
        thread.join()


def check_serials(env, meta, nginx_base, run_dir=None):
    """Issue 100 certificates over HTTP through nginx from six admins at once; check the register."""
    from bench.load.prepare import PASSWORD
    setup = subprocess.run([sys.executable, __file__, "setup-serials", meta["course_slug"], *meta["learners"][:100]],
                           env=env, cwd=ROOT, capture_output=True, text=True)
    if setup.returncode != 0:
        return {"ok": False, "setup_failed": setup.stderr.strip().splitlines()[-3:]}
    facts = json.loads(setup.stdout.strip().splitlines()[-1])
    admins = [Admin(nginx_base, email, PASSWORD) for email in facts["admins"]]
    statuses = defaultdict(Counter)
    ids = facts["request_ids"]
    # Every queued completion is approved by two admins at once: one issues, the other is refused.
    threads = [threading.Thread(target=_approve, args=(admin, [r for i, r in enumerate(ids) if i % 4 in (k, (k + 1) % 4)],
                                                        statuses)) for k, admin in enumerate(admins[:4])]
    barrier, jobs = threading.Barrier(2, timeout=600), {}
    threads += [threading.Thread(target=_bulk, args=(admin, facts["course_id"], facts["class_id"], statuses, barrier,
                                                     jobs))
                for admin in admins[4:6]]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = round(time.monotonic() - began, 1)
    from sqlalchemy import create_engine, text
    engine = create_engine(env["TRAINING_DATABASE_URL"])
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT c.serial, c.enrollment_id, c.source, u.email FROM certificates c "
                                       "LEFT JOIN users u ON u.id = c.issued_by_id")).all()
        pending = connection.execute(text("SELECT count(*) FROM certificate_requests WHERE status = 'pending' AND "
                                          f"enrollment_id IN ({','.join(str(int(e)) for e in facts['enrollment_ids'])})")
                                     ).scalar_one()
    engine.dispose()
    serials = [row.serial for row in rows]
    by_year = {}
    for serial in serials:
        match = re.fullmatch(r"GCN-(\d{4})-(\d{6})", serial)
        if match:
            by_year.setdefault(match.group(1), []).append(int(match.group(2)))
    gap_free = all(sorted(numbers) == list(range(1, len(numbers) + 1)) for numbers in by_year.values())
    per_enrollment = Counter(row.enrollment_id for row in rows if row.enrollment_id in set(facts["enrollment_ids"]))
    issued = [row for row in rows if row.enrollment_id in per_enrollment]
    expected = {"POST approve": {302}, "POST approve (older tab)": {302}, f"POST {BULK}": {302}, "POST step": {200}}
    statuses_ok = all(set(statuses[name]) <= codes for name, codes in expected.items()) and all(
        set(counter) <= {200} for name, counter in statuses.items() if name.startswith("GET"))
    one_each = len(per_enrollment) == len(facts["enrollment_ids"]) and set(per_enrollment.values()) == {1}
    # Every planned request was sent (a thread that died early would otherwise go unnoticed).
    all_sent = sum(statuses["POST approve"].values()) + sum(statuses["POST approve (older tab)"].values()) == \
        2 * len(ids) and len(jobs) == 2
    result = {"ok": gap_free and len(set(serials)) == len(serials) and one_each and statuses_ok and pending == 0
              and all_sent,
              "admins_through_nginx": len(admins), "seconds": took,
              "http_statuses": {name: dict(counter) for name, counter in statuses.items()},
              "completions": len(facts["enrollment_ids"]), "certificates_for_them": len(issued),
              "one_certificate_each": one_each, "still_pending": pending,
              "bulk_jobs": jobs, "issued_by": dict(Counter(f"{row.email} ({row.source})" for row in issued)),
              "register_before": facts["register_before"], "register_size": len(serials), "unique": len(set(serials)),
              "gap_free": gap_free, "highest": {y: max(n) for y, n in by_year.items()}}
    if run_dir is not None:
        result["issuing_posts_per_server"] = {
            log.name: sum(1 for line in open(log) if '"POST /admin/certificates/' in line)
            for log in sorted(Path(run_dir).glob("access-*.log"))}
    return result


def run_during_load(env, meta, app_ports, nginx_port, run_locust, delay=90, run_dir=None):
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
    from bench.load.live_check import check_live
    from training.simulations.demo import DEMO_TRAINER
    result["live_simulation"] = check_live(env, bases, f"http://127.0.0.1:{nginx_port}", DEMO_TRAINER, DEMO_PASSWORD,
                                           PASSWORD, run_dir=run_dir)
    result["certificate_serials"] = check_serials(env, meta, f"http://127.0.0.1:{nginx_port}", run_dir)
    thread.join()
    return result


def setup_main(course_slug, emails):
    """Before issuing over HTTP: six admins, completions queued for approval, a class for bulk issue.

    Setting up goes through the services, as prepare.py does; only the issuing is left to the web
    routes. The course is switched to "approval" so that completing it queues a request instead
    of issuing at once; the first 60 learners are approved one by one, the last 40 form a class
    issued in bulk. Prints one JSON line.
    """
    from sqlalchemy import func, select

    from bench.load.prepare import PASSWORD
    from training import create_app
    from training.accounts import services as accounts
    from training.accounts.sessions import find_user_by_email
    from training.certificates.models import Certificate, CertificateRequest, IssueMode
    from training.certificates.services.settings import FIELDS, save_settings, settings_for
    from training.core.time import local_today, utcnow
    from training.courses.models import Course, Enrollment
    from training.courses.services.enrolment import enrol_people, save_class
    from training.courses.services.progress import course_items, record_item_result
    from training.extensions import db
    from training.orgunits.models import Unit
    app = create_app()
    with app.app_context():
        now, tz = utcnow(), app.config["TIMEZONE"]
        course = db.session.scalar(select(Course).where(Course.slug == course_slug))
        settings = settings_for(course.id)
        data = {field: getattr(settings, field) for field in FIELDS} | {"mode": IssueMode.APPROVAL.value}
        save_settings(None, course, data, {}, now, local_today(now, tz), app.config["UPLOAD_IMAGE_MAX_BYTES"])
        shared_hash = accounts.hash_password(PASSWORD)
        admins = []
        for number in range(1, 7):
            admin = accounts.create_user(None, {"email": f"load-admin-{number}@load.test", "role": "admin",
                                                "full_name": f"Quản trị tải thử {number}"}, now)
            admin.password_hash = shared_hash
            admins.append(admin.email)
        users = [find_user_by_email(email) for email in emails]
        unit = db.session.scalar(select(Unit).order_by(Unit.path))
        training_class = save_class(None, None, course, {"name": "Lớp tải thử cấp chứng nhận", "unit_id": unit.id}, now)
        enrol_people(None, course, users[60:], now, tz, training_class=training_class)
        db.session.commit()
        enrollments = []
        for user in users:
            enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == user.id,
                                                                    Enrollment.course_id == course.id))
            for item in course_items(course.id):
                record_item_result(enrollment, item, utcnow(), completed=True, score=100, passed=True)
            db.session.commit()
            enrollments.append(enrollment.id)
        requests = {r.enrollment_id: r.id for r in db.session.scalars(select(CertificateRequest).where(
            CertificateRequest.enrollment_id.in_(enrollments), CertificateRequest.status == "pending"))}
        if len(requests) != len(enrollments):
            sys.exit(f"{len(requests)} of {len(enrollments)} completions were queued for approval")
        print(json.dumps({"admins": admins, "course_id": course.id, "class_id": training_class.id,
                          "enrollment_ids": enrollments, "request_ids": [requests[e] for e in enrollments[:60]],
                          "register_before": db.session.scalar(select(func.count()).select_from(Certificate))}))


if __name__ == "__main__" and sys.argv[1:2] == ["setup-serials"]:
    setup_main(sys.argv[2], sys.argv[3:])
