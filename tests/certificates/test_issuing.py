"""Issuing: on completion or after approval, never twice, refused with what is missing."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.certificates.conftest import complete
from training.certificates.models import Certificate, CertificateRequest, SerialCounter
from training.certificates.services import issuing
from training.certificates.services.printing import reprint
from training.core.errors import DomainError
from training.core.time import utcnow
from training.courses.models import Enrollment
from training.courses.services.enrolment import enrol_people
from training.extensions import db


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_completing_the_course_issues_the_certificate_at_once(world, certified):
    learner = world["people"]["learner"]
    enrollment = complete(certified["course"], learner)
    certificate = db.session.scalar(select(Certificate).where(Certificate.user_id == learner.id))
    assert certificate.serial == f"GCN-{utcnow().year}-000001"
    assert certificate.enrollment_id == enrollment.id and certificate.source == "auto"
    assert certificate.params["learner_name"] == "Lê Học Viên"
    assert certificate.params["authority_lines"] == ["THÀNH ỦY THỬ", "BAN TUYÊN GIÁO"]
    assert certificate.expires_on is not None and certificate.issued_by_id is None
    assert len(certificate.verification_code.replace("-", "")) == 10


def test_a_reprint_is_byte_for_byte_the_pdf_issued(world, certified):
    complete(certified["course"], world["people"]["learner"])
    certificate = db.session.scalar(select(Certificate))
    first = reprint(certificate)
    assert reprint(certificate) == first
    import hashlib

    assert hashlib.sha256(first).hexdigest() == certificate.sha256


def test_approval_mode_queues_the_completion_without_using_a_serial(world, certified, config):
    certified["configure"]("approval")
    complete(certified["course"], world["people"]["learner"])
    assert _count(Certificate) == 0 and _count(SerialCounter) == 0
    request = db.session.scalar(select(CertificateRequest))
    assert request.status == "pending" and request.reason == "approval"
    certificate = issuing.approve_request(world["people"]["admin"], request, utcnow(), config)
    db.session.commit()
    assert certificate.source == "approval" and request.status == "approved"
    assert request.certificate_id == certificate.id
    with pytest.raises(DomainError) as raised:
        issuing.approve_request(world["people"]["admin"], request, utcnow(), config)
    assert raised.value.status == 409


def test_a_course_without_settings_queues_completions(world, course, config):
    complete(course["course"], world["people"]["learner"])
    request = db.session.scalar(select(CertificateRequest))
    assert request.reason == "settings" and _count(Certificate) == 0


def test_issuing_twice_for_the_same_completion_is_refused(world, certified, config):
    learner = world["people"]["learner"]
    complete(certified["course"], learner)
    with pytest.raises(DomainError) as raised:
        issuing.issue_for_person(world["people"]["admin"], learner, certified["course"], utcnow(), config)
    db.session.rollback()
    assert raised.value.status == 409 and "GCN-" in str(raised.value)
    assert _count(Certificate) == 1
    assert db.session.scalar(select(SerialCounter.value)) == 1  # no number was used up


def test_issuing_to_someone_who_has_not_completed_says_what_is_missing(world, certified, config):
    learner = world["people"]["learner"]
    enrol_people(None, certified["course"], [learner], utcnow(), "Asia/Ho_Chi_Minh")
    db.session.commit()
    with pytest.raises(DomainError) as raised:
        issuing.issue_for_person(world["people"]["admin"], learner, certified["course"], utcnow(), config)
    db.session.rollback()
    assert raised.value.status == 422
    message = str(raised.value)
    for item in certified["lessons"]:
        assert item.title in message
    assert "Đọc thêm" not in message  # optional items are not missing
    assert _count(Certificate) == 0 and _count(SerialCounter) == 0


def test_the_score_is_the_best_score_of_the_last_quiz(world, certified, config):
    from training.courses.services import authoring
    from training.courses.services.progress import record_item_result

    trainer = world["people"]["trainer"]
    quiz = authoring.add_item(trainer, certified["modules"][1], "quiz", "Bài kiểm tra cuối khóa", utcnow())
    db.session.commit()
    learner = world["people"]["learner"]
    enrol_people(None, certified["course"], [learner], utcnow(), "Asia/Ho_Chi_Minh")
    enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == learner.id))
    for lesson in certified["lessons"]:
        record_item_result(enrollment, lesson, utcnow(), completed=True, source="lesson")
    assert enrollment.completed_at is None  # the quiz is required too
    record_item_result(enrollment, quiz, utcnow(), completed=False, score=60, passed=False, source="quiz")
    record_item_result(enrollment, quiz, utcnow(), completed=True, score="87.5", passed=True, source="quiz")
    db.session.commit()
    certificate = db.session.scalar(select(Certificate))
    assert str(certificate.score) == "87.50" and certificate.params["score"] == "87.50"


def test_the_none_mode_gives_no_certificate(world, certified):
    certified["configure"]("none")
    complete(certified["course"], world["people"]["learner"])
    assert _count(Certificate) == 0 and _count(CertificateRequest) == 0


def test_incomplete_settings_queue_an_automatic_issue(world, certified):
    certified["configure"]("auto", signer_name="")
    complete(certified["course"], world["people"]["learner"])
    request = db.session.scalar(select(CertificateRequest))
    assert _count(Certificate) == 0 and request.reason == "settings"


def test_serials_of_another_year_start_again_at_one(world, certified, make_user):
    course = certified["course"]
    complete(course, world["people"]["learner"], when=utcnow() - timedelta(days=400))
    complete(course, world["people"]["p1_learner"])
    serials = sorted(db.session.scalars(select(Certificate.serial)))
    assert [s[-6:] for s in serials] == ["000001", "000001"] and serials[0][4:8] != serials[1][4:8]


def test_html_and_template_syntax_in_a_name_is_printed_literally(world, certified, make_user):
    from tests.certificates import poppler

    person = make_user("learner", world["units"]["P1"], name="<b>Lê</b> {{ 7*7 }} Văn Nam")
    complete(certified["course"], person)
    certificate = db.session.scalar(select(Certificate))
    text = poppler.text(reprint(certificate))
    assert "<b>Lê</b> {{ 7*7 }} Văn Nam" in " ".join(text.split())
