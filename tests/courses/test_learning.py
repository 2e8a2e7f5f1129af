"""Learning as a spokesperson: dashboard, continue, lessons, mark as done, completion, 404/403."""

import io
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from tests.conftest import PASSWORD
from training.core.time import utcnow
from training.courses.models import Enrollment
from training.courses.services import authoring, enrolment
from training.extensions import db


def _learner(app, user):
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def test_dashboard_continue_and_progress(app, course, enrolled):
    client = _learner(app, enrolled)
    page = client.get("/learning").get_data(as_text=True)
    assert "Khung pháp lý về phát ngôn" in page and "Bắt đầu học" in page and "0%" in page
    first, second, third = course["lessons"]
    assert client.get("/courses/khung-phap-ly/continue").headers["Location"].endswith(f"/courses/items/{first.id}")
    assert client.get(f"/courses/items/{first.id}").headers["Location"].endswith(f"/courses/lessons/{first.id}")
    lesson = client.get(f"/courses/lessons/{first.id}").get_data(as_text=True)
    assert "<h1>Hệ thống văn bản</h1>" in lesson and "Điều 38, Luật Báo chí 2016" in lesson
    response = client.post(f"/courses/lessons/{first.id}/done")
    assert response.headers["Location"].endswith(f"/courses/items/{second.id}")
    page = client.get("/learning").get_data(as_text=True)
    assert "33%" in page and "Học tiếp" in page
    # A new session continues where the learner left off.
    client.post("/logout")
    client = _learner(app, enrolled)
    client.get(f"/courses/lessons/{second.id}")
    client.post("/logout")
    client = _learner(app, enrolled)
    assert client.get("/courses/khung-phap-ly/continue").headers["Location"].endswith(f"/courses/items/{second.id}")


def test_completing_the_last_required_lesson_congratulates(app, course, enrolled):
    client = _learner(app, enrolled)
    for item in course["lessons"][:-1]:
        client.post(f"/courses/lessons/{item.id}/done")
    response = client.post(f"/courses/lessons/{course['lessons'][-1].id}/done", follow_redirects=True)
    assert "Chúc mừng" in response.get_data(as_text=True)
    enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == enrolled.id))
    db.session.refresh(enrollment)
    assert enrollment.completed_at is not None


def test_lessons_complete_on_view_when_the_course_says_so(app, course, enrolled):
    course["course"].complete_lessons_on_view = True
    db.session.commit()
    client = _learner(app, enrolled)
    client.get(f"/courses/lessons/{course['lessons'][0].id}")
    assert "33%" in client.get("/courses/khung-phap-ly").get_data(as_text=True)


def test_overdue_warning(app, course, enrolled):
    enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == enrolled.id))
    enrollment.due_at = utcnow() - timedelta(days=2)
    db.session.commit()
    page = _learner(app, enrolled).get("/learning").get_data(as_text=True)
    assert "1 khóa học đã quá hạn" in page and "Quá hạn từ" in page


def test_unknown_course_and_lesson_are_404(app, course, enrolled):
    client = _learner(app, enrolled)
    assert client.get("/courses/khong-co-khoa-nay").status_code == 404
    assert client.get("/courses/lessons/99999").status_code == 404
    assert client.get("/courses/items/99999").status_code == 404


def test_not_enrolled_is_403_with_a_way_to_ask(app, course, world):
    client = _learner(app, world["people"]["p2_learner"])
    response = client.get("/courses/khung-phap-ly")
    assert response.status_code == 403 and "Gửi đề nghị" in response.get_data(as_text=True)
    assert client.get(f"/courses/lessons/{course['lessons'][0].id}").status_code == 403
    assert client.post(f"/courses/lessons/{course['lessons'][0].id}/done").status_code == 403


def test_draft_course_is_hidden_from_learners(app, world, course):
    draft = authoring.create_course(world["people"]["trainer"], {"title": "Bản nháp", "slug": "ban-nhap"}, utcnow())
    enrolment.enrol_people(None, draft, [world["people"]["learner"]], utcnow(), "Asia/Ho_Chi_Minh")
    db.session.commit()
    client = _learner(app, world["people"]["learner"])
    assert "Bản nháp" not in client.get("/learning").get_data(as_text=True)


def test_lesson_images_are_served_only_to_those_allowed(app, course, enrolled, world):
    from tests.courses.access_matrix import png_bytes
    from training.courses.services import media

    image = media.add_image(None, course["course"], "hinh.png", png_bytes(), 100_000, utcnow())
    db.session.commit()
    response = _learner(app, enrolled).get(f"/courses/media/{image.id}")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert _learner(app, world["people"]["p2_learner"]).get(f"/courses/media/{image.id}").status_code == 403
    assert app.test_client().get(f"/courses/media/{image.id}").status_code == 302


def test_class_progress_table_and_exports(app, login_as, course, world):
    now = utcnow()
    training_class = enrolment.save_class(world["people"]["admin"], None, course["course"],
                                          {"name": "Lớp tập huấn đợt 1", "unit_id": world["units"]["UBND"].id}, now)
    enrolment.enrol_people(None, course["course"], [world["people"]["learner"], world["people"]["p1_learner"]], now,
                           "Asia/Ho_Chi_Minh", training_class=training_class)
    db.session.commit()
    _learner(app, world["people"]["learner"]).post(f"/courses/lessons/{course['lessons'][0].id}/done")
    client = login_as("trainer")
    page = client.get(f"/manage/classes/{training_class.id}").get_data(as_text=True)
    assert "Lê Học Viên" in page and "Huỳnh Phường Một" in page and "33%" in page
    filtered = client.get(f"/manage/classes/{training_class.id}?unit=P1").get_data(as_text=True)
    assert "Huỳnh Phường Một" in filtered and "Lê Học Viên" not in filtered
    xlsx = client.get(f"/manage/classes/{training_class.id}/progress.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Họ và tên" and rows[0][4] == "1. Hệ thống văn bản"
    learner_row = next(r for r in rows if r[0] == "Lê Học Viên")
    assert learner_row[2] == "Phòng Văn hóa và Thông tin" and learner_row[4] == "✓"
    csv = client.get(f"/manage/classes/{training_class.id}/progress.csv")
    assert csv.data.startswith(b"\xef\xbb\xbf") and "Lê Học Viên" in csv.data.decode("utf-8-sig")
    assert "attachment" in csv.headers["Content-Disposition"]
