"""Refreshers when the law changes, legal-change notices, settings and their images, bulk issue."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.certificates.conftest import complete
from tests.certificates.samples import jpeg
from training.certificates.models import Certificate, CertificateRequest, LegalChangeNotice
from training.certificates.queries import status_of
from training.certificates.services import batches, lifecycle
from training.certificates.status import Status
from training.core.errors import DomainError
from training.core.time import local_today, utcnow
from training.courses.models import Enrollment
from training.courses.services import authoring, enrolment, legal
from training.extensions import db


@pytest.fixture
def refresher_course(world):
    trainer = world["people"]["trainer"]
    course = authoring.create_course(trainer, {"title": "Cập nhật Luật Báo chí 2025", "slug": "cap-nhat-2025"}, utcnow())
    module = authoring.add_module(trainer, course, "Điểm mới", utcnow())
    authoring.add_item(trainer, module, "lesson", "Những điểm mới của Luật Báo chí 2025", utcnow())
    authoring.set_status(trainer, course, "published", utcnow())
    db.session.commit()
    return course


def test_a_refresher_enrols_holders_and_a_new_certificate_supersedes_the_old(world, certified, refresher_course,
                                                                          config):
    learner, admin = world["people"]["learner"], world["people"]["admin"]
    complete(certified["course"], learner)
    old = db.session.scalar(select(Certificate))
    authoring.new_version(world["people"]["trainer"], certified["course"], "Luật Báo chí 2025", utcnow())
    refresher = lifecycle.require_refresher(admin, certified["course"], refresher_course,
                                            "Luật Báo chí 2025 thay thế Luật Báo chí 2016", utcnow(), config)
    db.session.commit()
    today = local_today(utcnow())
    assert refresher.certificates == 1 and status_of(old, today) == Status.REFRESHER
    enrollment = db.session.scalar(select(Enrollment).where(Enrollment.course_id == refresher_course.id))
    assert enrollment.user_id == learner.id and enrollment.source == "refresher"
    complete(refresher_course, learner)
    new = db.session.scalar(select(Certificate).where(Certificate.id != old.id))
    db.session.refresh(old)
    assert new.course_id == certified["course"].id and new.course_version == 2 and new.replaces_id == old.id
    assert new.source == "refresher" and new.enrollment_id == enrollment.id
    assert old.superseded_by_id == new.id and status_of(old, today) == Status.SUPERSEDED
    assert status_of(new, today) == Status.VALID


def test_a_refresher_needs_a_reason_a_published_course_and_someone_to_refresh(world, certified, refresher_course,
                                                                             config):
    admin = world["people"]["admin"]
    with pytest.raises(DomainError):
        lifecycle.require_refresher(admin, certified["course"], refresher_course, "x", utcnow(), config)
    with pytest.raises(DomainError):
        lifecycle.require_refresher(admin, certified["course"], certified["course"], "Luật mới", utcnow(), config)
    with pytest.raises(DomainError) as nobody:
        lifecycle.require_refresher(admin, certified["course"], refresher_course, "Luật mới", utcnow(), config)
    assert nobody.value.status == 409


def test_superseding_a_cited_law_leaves_a_notice_for_certified_courses(world, certified, legal_docs):
    complete(certified["course"], world["people"]["learner"])
    legal.mark_superseded(world["people"]["trainer"], legal_docs["old"], legal_docs["new"], date(2026, 7, 1), utcnow())
    db.session.commit()
    notice = db.session.scalar(select(LegalChangeNotice))
    assert notice.course_id == certified["course"].id and notice.resolved_at is None
    assert [n.id for n in lifecycle.open_notices()] == [notice.id]


def test_the_refresher_page_requires_it_through_the_form(login_as, world, certified, refresher_course):
    complete(certified["course"], world["people"]["learner"])
    client = login_as("admin")
    response = client.post(f"/admin/certificates/courses/{certified['course'].id}/refresher",
                           data={"refresher_course_id": refresher_course.id, "reason": "Luật Báo chí 2025 có hiệu lực",
                                 "scope": "all", "due_on": "31/12/2026"})
    assert response.status_code == 302
    certificate = db.session.scalar(select(Certificate))
    db.session.refresh(certificate)
    assert certificate.refresher_id is not None


@pytest.mark.parametrize("content,message", [
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "SVG"),
    (b"%PDF-1.4 not an image", "PNG"),
])
def test_a_signature_that_is_not_an_image_or_too_large_is_refused(login_as, certified, content, message):
    import io

    client = login_as("admin")
    course_id = certified["course"].id
    response = client.post(f"/admin/certificates/courses/{course_id}", content_type="multipart/form-data", data={
        "mode": "auto", "serial_pattern": "GCN-{year}-{seq:06d}", "issuer_unit_id": "0", "refresher_course_id": "0",
        "signature": (io.BytesIO(content), "chu-ky.png")})
    assert response.status_code in (400, 413)
    if response.status_code == 400:
        assert message in response.get_data(as_text=True)


def test_a_signature_larger_than_the_limit_is_refused(world, certified):
    from training.certificates.services.settings import save_settings

    data = {"mode": "auto", "serial_pattern": "GCN-{year}-{seq:06d}", "issuer_unit_id": None}
    with pytest.raises(DomainError) as raised:
        save_settings(world["people"]["admin"], certified["course"], data, {"seal": jpeg(size=(400, 300))}, utcnow(),
                      local_today(utcnow()), 1024)
    assert raised.value.field == "seal" and raised.value.params["limit"] == 1


def test_overlapping_serial_patterns_are_refused(world, certified, refresher_course):
    from training.certificates.services.settings import save_settings

    with pytest.raises(DomainError) as raised:
        save_settings(world["people"]["admin"], refresher_course, {
            "mode": "auto", "serial_pattern": "GCN-{year}-{seq:05d}", "issuer_unit_id": None}, {}, utcnow(),
            local_today(utcnow()), 1024)
    assert raised.value.field == "serial_pattern"


def test_bulk_issue_lists_what_is_missing_and_issues_in_chunks(world, certified, make_user, config):
    admin = world["people"]["admin"]
    certified["configure"]("approval")
    klass = enrolment.save_class(admin, None, certified["course"], {"name": "Lớp P1",
                                                                    "unit_id": world["units"]["P1"].id}, utcnow())
    people = [make_user("learner", world["units"]["P1"], name=f"Học Viên {n:02d}") for n in range(12)]
    enrolment.enrol_people(admin, certified["course"], people, utcnow(), "Asia/Ho_Chi_Minh", training_class=klass)
    db.session.commit()
    for person in people[:11]:
        complete(certified["course"], person)
    rows = batches.candidates(admin, certified["course"], training_class=klass)
    missing = [row for row in rows if not row.ready]
    assert len(rows) == 12 and len(missing) == 1 and missing[0].missing == tuple(i.title for i in certified["lessons"])
    job = batches.start_job(admin, certified["course"], rows, utcnow(), training_class=klass)
    db.session.commit()
    assert batches.run_chunk(admin, job, utcnow(), config) == 10
    db.session.commit()
    assert job.finished_at is None and job.issued == 10
    assert batches.run_chunk(admin, job, utcnow(), config) == 1
    db.session.commit()
    assert job.finished_at is not None and job.issued == 11 and job.skipped == 0
    assert batches.run_chunk(admin, job, utcnow(), config) == 0
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 11
    assert db.session.scalar(select(func.count()).select_from(CertificateRequest)
                             .where(CertificateRequest.status == "pending")) == 0


def test_the_bulk_pages_drive_the_job(login_as, world, certified, make_user):
    admin_client = login_as("admin")
    klass = enrolment.save_class(world["people"]["admin"], None, certified["course"],
                                 {"name": "Lớp P2", "unit_id": world["units"]["P2"].id}, utcnow())
    enrolment.enrol_people(None, certified["course"], [world["people"]["p2_learner"]], utcnow(), "Asia/Ho_Chi_Minh",
                           training_class=klass)
    db.session.commit()
    certified["configure"]("approval")
    complete(certified["course"], world["people"]["p2_learner"])
    preview = admin_client.get("/admin/certificates/bulk", query_string={"course_id": certified["course"].id,
                                                                         "class_id": klass.id, "unit_id": 0})
    assert "Đặng Phường Hai" in preview.get_data(as_text=True)
    started = admin_client.post("/admin/certificates/bulk", data={"course_id": certified["course"].id,
                                                                  "class_id": klass.id, "unit_id": 0})
    job_url = started.headers["Location"]
    state = admin_client.post(job_url + "/step", headers={"Accept": "application/json"}).get_json()
    assert state == {"done": 1, "total": 1, "issued": 1, "skipped": 0, "finished": True}
    assert "GCN-" in admin_client.get(job_url).get_data(as_text=True)
