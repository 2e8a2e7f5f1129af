"""The demo step issues certificates of every status, and certifies nothing for the fresh demo accounts."""

from sqlalchemy import select

from training.accounts.models import User
from training.certificates.models import Certificate, CertificateRequest
from training.certificates.queries import status_of
from training.certificates.services.printing import reprint
from training.core.time import local_today, utcnow
from training.courses.models import Enrollment
from training.extensions import db


def test_seed_demo_issues_valid_expiring_expired_and_revoked_certificates(runner):
    result = runner.invoke(args=["seed-demo", "--password", "Mật khẩu demo 2026"])
    assert result.exit_code == 0, result.output
    today = local_today(utcnow())
    certificates = db.session.scalars(select(Certificate).order_by(Certificate.issued_at)).all()
    statuses = [status_of(c, today) for c in certificates]
    assert {"valid", "expired", "revoked"} <= set(statuses)
    assert any(s == "valid" and 0 <= (c.expires_on - today).days <= 90 for c, s in zip(certificates, statuses, strict=True))
    assert [c.serial for c in certificates] == sorted((c.serial for c in certificates),
                                                      key=lambda s: (s[4:8], s))  # numbered in date order
    assert all(c.params["issuer_name"] == "Ban Tuyên giáo Thành ủy" and c.params["signer_name"] == "Đỗ Thị Phương"
               for c in certificates)
    reprint(certificates[0])
    fresh = db.session.scalars(select(User.id).where(User.email.in_(("hocvien@demo.vn", "ngo.thu.trang@demo.vn")))).all()
    # Other demo steps may enrol them (the quiz demo puts the demo learner in course 1), but nothing is
    # completed or certified for them: a visitor can still earn the first certificate by hand.
    assert not db.session.scalars(select(Enrollment).where(Enrollment.user_id.in_(fresh),
                                                           Enrollment.completed_at.is_not(None))).all()
    assert not db.session.scalars(select(Certificate).where(Certificate.user_id.in_(fresh))).all()
    assert db.session.scalar(select(CertificateRequest)) is not None
    again = runner.invoke(args=["seed-demo", "--password", "Mật khẩu demo 2026"])
    assert again.exit_code == 0 and db.session.scalars(select(Certificate)).all().__len__() == len(certificates)
