"""Demo history for reports: a past over the last four quarters and one frozen report.

The certificates demo already completed course 1 for seven people on past dates (valid,
expiring, expired and revoked certificates). This step adds enrolments around them — a
recent completion, learners in progress, two overdue — plus quiz and simulation results in
the ledger when those item kinds exist, then freezes the city's report of the previous quarter,
so the dashboard of a fresh ``make run`` shows trends, lists and a frozen report.
``hocvien@demo.vn`` and the people of PVHTT are left untouched (other demos start from them).
"""

from datetime import timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import func, select

from training.accounts.sessions import find_user_by_email
from training.courses.models import Course, Enrollment
from training.courses.services.enrolment import enrol_people
from training.courses.services.progress import course_items, record_item_result
from training.extensions import db
from training.reports.models import ReportSnapshot
from training.reports.services.coverage import ReportSettings
from training.reports.services.requests import ReportRequest, current_quarter
from training.reports.services.snapshots import freeze

COURSE_1 = "khung-phap-ly-phat-ngon"
COURSE_2 = "ky-nang-hop-bao-phong-van"
ADMIN = "quantri@demo.vn"
TZ = "Asia/Ho_Chi_Minh"
#: (e-mail, course, days ago enrolled, days ago completed or None, share of required items done).
HISTORY = (
    # Certified 12 days ago: after the certificates demo's completions, so the register's serials
    # stay in date order.
    ("truong.van.hieu@demo.vn", COURSE_1, 50, 12, 1),
    ("nguyen.thi.hoa@demo.vn", COURSE_1, 250, None, 0.5),  # due 60 days after enrolling: overdue
    ("le.quang.vinh@demo.vn", COURSE_1, 20, None, 0.3),  # in progress, not yet due
    ("doan.van.tai@demo.vn", COURSE_2, 150, None, 0.2),  # overdue
    ("mai.thi.lan.anh@demo.vn", COURSE_2, 100, 70, 1),  # completed; its certificate waits for approval
    ("huynh.thi.ngoc@demo.vn", COURSE_2, 45, None, 0.5),  # in progress
)
#: Best quiz score of people who took course 1's quizzes (when the course has quiz items).
QUIZ_SCORES = {"truong.van.hieu@demo.vn": "86.5", "vo.hoang.long@demo.vn": "92", "huynh.thi.ngoc@demo.vn": "78",
               "tran.minh.chau@demo.vn": "81", "bui.thanh.thuy@demo.vn": "64", "nguyen.thi.hoa@demo.vn": "55"}


def _study(course, user, enrolled_at, completed_at, share):
    enrol_people(find_user_by_email(ADMIN), course, [user], enrolled_at, TZ, source="manual")
    enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == user.id,
                                                            Enrollment.course_id == course.id))
    if enrollment.completed_at is not None:
        return
    items = [item for item in course_items(course.id) if item.is_required]
    done = len(items) if completed_at else int(len(items) * share)
    for index, item in enumerate(items[:done]):
        last = completed_at is not None and index == done - 1
        moment = completed_at if last else enrolled_at + timedelta(days=index + 1, hours=3)
        record_item_result(enrollment, item, moment, completed=True, source="lesson")


def _ledger_results(now):
    """Record quiz scores and simulation passes where the demo courses have such items."""
    course = db.session.scalar(select(Course).where(Course.slug == COURSE_1))
    items = [i for i in course_items(course.id) if i.kind in ("quiz", "simulation")] if course else []
    for email, score in QUIZ_SCORES.items():
        user = find_user_by_email(email)
        enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == user.id,
                                                                Enrollment.course_id == course.id)) if user else None
        if enrollment is None:
            continue
        moment = min(enrollment.completed_at or now, now) - timedelta(hours=1)
        for item in items:
            if item.kind == "quiz":
                record_item_result(enrollment, item, moment, completed=False, score=Decimal(score),
                                   passed=Decimal(score) >= 60, source="quiz")
            else:
                record_item_result(enrollment, item, moment, completed=False, passed=Decimal(score) >= 70,
                                   source="simulation")


def seed_report_history(now):
    """Add the history and freeze last quarter's city report (idempotent: skipped once frozen)."""
    if db.session.scalar(select(func.count()).select_from(ReportSnapshot)):
        return 0
    courses = {c.slug: c for c in db.session.scalars(select(Course).where(Course.slug.in_((COURSE_1, COURSE_2))))}
    for email, slug, enrolled_days, completed_days, share in HISTORY:
        user, course = find_user_by_email(email), courses.get(slug)
        if user is None or course is None:
            continue
        completed_at = now - timedelta(days=completed_days, hours=2) if completed_days else None
        _study(course, user, now - timedelta(days=enrolled_days), completed_at, share)
    _ledger_results(now)
    db.session.flush()
    settings = ReportSettings.from_config(current_app.config)
    previous = current_quarter(now, TZ).previous()
    freeze(None, ReportRequest(previous), now, settings, "Chốt số liệu báo cáo quý (dữ liệu demo).")
    return 1
