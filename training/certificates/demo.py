"""Demo certificates: learners of the demo city complete course 1 on past dates, through the
ledger, and the completion hook issues their certificates with the city's issuer and signer.

The register then shows valid certificates, one expiring within 90 days, one expired and one
revoked, and course 2 has a completion waiting for approval. ``hocvien@demo.vn`` and the people
of PVHTT are left untouched: other demos start from their fresh state.
"""

import io
import math
from datetime import timedelta

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import func, select

from training.accounts.sessions import find_user_by_email
from training.certificates.models import Certificate
from training.certificates.services.lifecycle import revoke
from training.certificates.services.settings import save_settings, settings_for
from training.core.pdf_fonts import FONT_DIR
from training.core.time import local_today
from training.courses.models import Course, Enrollment
from training.courses.services.enrolment import enrol_people
from training.courses.services.progress import course_items, record_item_result
from training.extensions import db
from training.orgunits.services import get_unit_by_code

COURSE_1 = "khung-phap-ly-phat-ngon"
COURSE_2 = "ky-nang-hop-bao-phong-van"
ADMIN = "quantri@demo.vn"
TZ = "Asia/Ho_Chi_Minh"
#: (e-mail, days before today the course was completed); 24-month certificates.
COMPLETIONS = (
    ("vo.hoang.long@demo.vn", 40),
    ("huynh.thi.ngoc@demo.vn", 75),
    ("tran.minh.chau@demo.vn", 120),
    ("bui.thanh.thuy@demo.vn", 200),
    ("dang.van.khoa@demo.vn", 676),  # issued about 55 days short of 24 months ago: expiring within 90 days
    ("ly.minh.tam@demo.vn", 800),  # expired
    ("phan.duc.anh@demo.vn", 150),  # revoked
)
REVOKED = ("phan.duc.anh@demo.vn", "Cấp nhầm: học viên chưa hoàn thành bài kiểm tra cuối khóa theo quy định của lớp.")
WAITING = "chau.thi.yen@demo.vn"  # completes course 2, which needs approval


def _settings(course, mode, now):
    unit = get_unit_by_code("BTG")
    return save_settings(None, course, {
        "mode": mode, "valid_months": 24, "serial_pattern": "GCN-{year}-{seq:06d}", "issuer_unit_id": unit.id,
        "header_lines": "THÀNH ỦY VŨNG TÀU\nBAN TUYÊN GIÁO", "place": "Vũng Tàu", "signer_name": "Đỗ Thị Phương",
        "signer_title": "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", "refresher_course_id": None},
        {"signature": demo_signature(), "seal": demo_seal()}, now, local_today(now, TZ), 2 * 1024 * 1024)


def _complete(course, email, completed_at):
    """Enrol and complete every required item through the ledger, ending at ``completed_at``."""
    user = find_user_by_email(email)
    if user is None:
        return None
    items = [item for item in course_items(course.id) if item.is_required]
    started = completed_at - timedelta(days=max(len(items), 1))
    enrol_people(find_user_by_email(ADMIN), course, [user], started - timedelta(days=1), TZ, source="manual")
    enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == user.id,
                                                            Enrollment.course_id == course.id))
    if enrollment.completed_at is not None:
        return enrollment
    for index, item in enumerate(items):
        moment = completed_at if index == len(items) - 1 else started + timedelta(days=index, hours=2)
        record_item_result(enrollment, item, moment, completed=True, source="lesson")
    return enrollment


def seed_certificates(now):
    """Set up certificates for courses 1 and 2 and issue the demo certificates (idempotent)."""
    course = db.session.scalar(select(Course).where(Course.slug == COURSE_1))
    if course is None or settings_for(course.id) is not None:
        return 0
    _settings(course, "auto", now)
    second = db.session.scalar(select(Course).where(Course.slug == COURSE_2))
    if second is not None:
        _settings(second, "approval", now)
    for email, days in sorted(COMPLETIONS, key=lambda pair: -pair[1]):  # the register numbers by date
        _complete(course, email, now - timedelta(days=days, hours=3))
    holder = find_user_by_email(REVOKED[0])
    certificate = db.session.scalar(select(Certificate).where(Certificate.user_id == holder.id)) if holder else None
    if certificate is not None:
        revoke(find_user_by_email(ADMIN), certificate, REVOKED[1], now - timedelta(days=20))
    if second is not None:
        _complete(second, WAITING, now - timedelta(days=3))
    db.session.flush()
    return db.session.scalar(select(func.count()).select_from(Certificate))


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def demo_signature(size=(480, 180)):
    """Return a transparent PNG of a hand-like signature stroke (drawn here, not a real signature)."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    width, height = size
    points = [(30 + t * (width - 60) / 240, height * 0.5 + math.sin(t / 8) * height * 0.22 * math.cos(t / 37))
              for t in range(241)]
    draw.line(points, fill=(25, 45, 150, 255), width=5, joint="curve")
    draw.line([(width * 0.2, height * 0.78), (width * 0.8, height * 0.68)], fill=(25, 45, 150, 255), width=4)
    return _png(image)


def demo_seal(side=300):
    """Return a transparent PNG of a round red seal that says "MẪU" (specimen), not a real seal."""
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (200, 20, 30, 200)
    draw.ellipse((6, 6, side - 6, side - 6), outline=red, width=10)
    draw.ellipse((40, 40, side - 40, side - 40), outline=red, width=4)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), side // 5)
    small = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), side // 15)
    draw.text((side / 2, side / 2), "MẪU", font=font, fill=red, anchor="mm")
    draw.text((side / 2, side * 0.28), "BAN TUYÊN GIÁO", font=small, fill=red, anchor="mm")
    draw.text((side / 2, side * 0.72), "DEMO", font=small, fill=red, anchor="mm")
    return _png(image)
