"""Certificate fixtures: a course with certificate settings, and completing it through the ledger."""

import pytest

from tests.certificates.samples import seal_png, signature_png
from tests.courses.conftest import course, enrolled, legal_docs  # noqa: F401
from training.certificates.services.settings import IssueConfig, save_settings
from training.core.time import local_today, utcnow
from training.courses.services.enrolment import enrol_people
from training.courses.services.progress import course_items, record_item_result
from training.extensions import db

TZ = "Asia/Ho_Chi_Minh"


@pytest.fixture
def config(app):
    return IssueConfig.from_config(app.config)


@pytest.fixture
def certified(app, world, course):  # noqa: F811
    """The course of tests/courses/conftest.py with automatic 24-month certificates, signature and seal."""

    def configure(mode="auto", **changes):
        data = {"mode": mode, "valid_months": 24, "serial_pattern": "GCN-{year}-{seq:06d}",
                "issuer_unit_id": world["units"]["BTG"].id, "header_lines": "THÀNH ỦY THỬ\nBAN TUYÊN GIÁO",
                "place": "Vũng Tàu", "signer_name": "Đỗ Thị Phương", "signer_title": "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
                "refresher_course_id": None, **changes}
        settings = save_settings(world["people"]["admin"], course["course"], data,
                                 {"signature": signature_png(), "seal": seal_png()}, utcnow(),
                                 local_today(utcnow(), TZ), 2 * 1024 * 1024)
        db.session.commit()
        return settings

    configure()
    return {**course, "configure": configure}


def complete(course_obj, user, when=None, admin=None):
    """Enrol ``user`` (if needed) and complete every required item of ``course_obj``; return the enrolment."""
    from sqlalchemy import select

    from training.courses.models import Enrollment

    when = when or utcnow()
    enrol_people(admin, course_obj, [user], when, TZ)
    enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == user.id,
                                                            Enrollment.course_id == course_obj.id))
    for item in course_items(course_obj.id):
        if item.is_required:
            record_item_result(enrollment, item, when, completed=True, source="lesson")
    db.session.commit()
    return enrollment
