"""Enrolling by unit subtree, spokespersons only, lists and classes; twice is a no-op."""

import io
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from training.core.time import local_day_bounds, local_today, utcnow
from training.courses.models import Enrollment, EnrollmentRequest
from training.courses.services import enrolment
from training.extensions import db

TZ = "Asia/Ho_Chi_Minh"


def _count(course):
    return db.session.scalar(select(func.count()).select_from(Enrollment).where(Enrollment.course_id == course.id))


def test_enrol_a_unit_subtree_twice_is_a_no_op(login_as, course, world):
    client = login_as("admin")
    data = {"unit_id": world["units"]["UBND"].id, "include_subunits": "y", "class_id": 0}
    response = client.post(f"/manage/courses/{course['course'].id}/enrol", data=data, follow_redirects=True)
    assert "Ghi danh mới 4" in response.get_data(as_text=True)  # learner (PVHTT), P1 and P2 learners, admin P1
    first = _count(course["course"])
    response = client.post(f"/manage/courses/{course['course'].id}/enrol", data=data, follow_redirects=True)
    assert "Ghi danh mới 0" in response.get_data(as_text=True) and _count(course["course"]) == first


def test_spokespersons_only(course, world):
    people = enrolment.people_in_unit(world["people"]["admin"], world["units"]["UBND"], True, True)
    assert [p.email for p in people] == ["learner@test.vn"]


def test_scoped_admin_enrols_only_their_subtree(login_as, course, world):
    client = login_as("scoped_admin")
    response = client.post(f"/manage/courses/{course['course'].id}/enrol",
                           data={"unit_id": world["units"]["P2"].id, "class_id": 0})
    assert response.status_code in (400, 403) and _count(course["course"]) == 0
    response = client.post(f"/manage/courses/{course['course'].id}/enrol",
                           data={"unit_id": 0, "class_id": 0, "emails": "p2@test.vn"})
    assert response.status_code == 400 and "ngoài phạm vi" in response.get_data(as_text=True)
    client.post(f"/manage/courses/{course['course'].id}/enrol", data={"unit_id": world["units"]["P1"].id, "class_id": 0,
                                                                      "include_subunits": "y"})
    enrolled = set(db.session.scalars(select(Enrollment.user_id)))
    assert world["people"]["p1_learner"].id in enrolled and world["people"]["p2_learner"].id not in enrolled


def test_unknown_emails_are_refused_with_their_names(login_as, course, world):
    response = login_as("admin").post(f"/manage/courses/{course['course'].id}/enrol",
                                      data={"unit_id": 0, "class_id": 0, "emails": "learner@test.vn\nkhongco@test.vn"})
    assert response.status_code == 400 and "khongco@test.vn" in response.get_data(as_text=True)
    assert _count(course["course"]) == 0


def test_due_dates_relative_and_from_the_class(course, world):
    now = utcnow()
    course["course"].relative_due_days = 30
    enrolment.enrol_people(None, course["course"], [world["people"]["learner"]], now, TZ)
    training_class = enrolment.save_class(world["people"]["admin"], None, course["course"],
                                          {"name": "Lớp 1", "unit_id": world["units"]["UBND"].id,
                                           "due_on": local_today(now, TZ) + timedelta(days=7)}, now)
    enrolment.enrol_people(None, course["course"], [world["people"]["p1_learner"]], now, TZ, training_class=training_class)
    db.session.commit()
    rows = {e.user_id: e for e in db.session.scalars(select(Enrollment))}
    relative = local_day_bounds(local_today(now, TZ) + timedelta(days=30), TZ)[1]
    assert rows[world["people"]["learner"].id].due_at == relative
    assert rows[world["people"]["p1_learner"].id].due_at == local_day_bounds(training_class.due_on, TZ)[1]


def test_concurrent_enrolments_create_one_row(app, course, world):
    course_id, user_id = course["course"].id, world["people"]["learner"].id
    errors = []

    def enrol():
        with app.app_context():
            try:
                from training.accounts.models import User
                from training.courses.models import Course

                enrolment.enrol_people(None, db.session.get(Course, course_id), [db.session.get(User, user_id)],
                                       utcnow(), TZ)
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=enrol) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert errors == [] and _count(course["course"]) == 1


def test_withdraw_then_enrol_again_restores(course, world):
    now = utcnow()
    enrolment.enrol_people(None, course["course"], [world["people"]["learner"]], now, TZ)
    row = db.session.scalar(select(Enrollment))
    enrolment.withdraw(None, row, now)
    result = enrolment.enrol_people(None, course["course"], [world["people"]["learner"]], now, TZ)
    assert result.reactivated == 1 and row.status == "active"


def test_request_and_approve(app, client, course, world, login_as):
    from tests.conftest import PASSWORD

    learner = app.test_client()
    learner.post("/login", data={"email": "p1@test.vn", "password": PASSWORD})
    page = learner.get("/courses/khung-phap-ly")
    assert page.status_code == 403 and "Đề nghị được ghi danh" in page.get_data(as_text=True)
    learner.post("/courses/khung-phap-ly/request", data={"message": "Tôi cần học trước đợt họp báo"})
    request_row = db.session.scalar(select(EnrollmentRequest))
    assert request_row.status == "pending"
    admin = login_as("scoped_admin")
    assert "Huỳnh Phường Một" in admin.get(f"/manage/courses/{course['course'].id}/enrol").get_data(as_text=True)
    admin.post(f"/manage/enrolment-requests/{request_row.id}/decide", data={"decision": "approve"})
    assert learner.get("/courses/khung-phap-ly").status_code == 200


def test_self_enrolment_only_when_allowed(app, course, world):
    from tests.conftest import PASSWORD

    learner = app.test_client()
    learner.post("/login", data={"email": "p2@test.vn", "password": PASSWORD})
    assert learner.post("/courses/khung-phap-ly/enrol").status_code == 403
    course["course"].self_enrollment = True
    db.session.commit()
    assert learner.post("/courses/khung-phap-ly/enrol").status_code == 302
    assert learner.get("/courses/khung-phap-ly").status_code == 200


@pytest.mark.parametrize(("csv", "enrolled", "problem"), [
    ("email\nlearner@test.vn\np1@test.vn\n", 2, None),
    ("email\nlearner@test.vn\nkhongco@test.vn\n", 0, "Không có ai đăng ký với địa chỉ khongco@test.vn"),
    ("mail\nlearner@test.vn\n", 0, "Thiếu cột: email"),
])
def test_enrolment_list_upload(login_as, course, world, csv, enrolled, problem):
    client = login_as("admin")
    upload = client.post(f"/manage/courses/{course['course'].id}/enrol/import",
                         data={"file": (io.BytesIO(csv.encode()), "ds.csv")}, content_type="multipart/form-data")
    preview_url = upload.headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    if problem:
        assert problem in page
    client.post(preview_url, data={"action": "import"})
    assert _count(course["course"]) == enrolled
