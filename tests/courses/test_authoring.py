"""Writing courses through the pages: structure, lessons, images, versions, concurrency."""

import io

import pytest
from sqlalchemy import func, select

from tests.courses.access_matrix import png_bytes
from tests.htmlcheck import dangerous_markup
from tests.paths import fixture
from training.core.audit import AuditEvent
from training.courses.models import Course, Item, Lesson, LessonMedia
from training.extensions import db


def _lesson(item):
    db.session.expire_all()
    return db.session.scalar(select(Lesson).where(Lesson.item_id == item.id))


def test_trainer_builds_a_course_with_two_modules(login_as, world):
    client = login_as("trainer")
    response = client.post("/manage/courses/new", data={"title": "Kỹ năng họp báo", "summary": "Thực hành."})
    course = db.session.scalar(select(Course).where(Course.slug == "ky-nang-hop-bao"))
    assert response.status_code == 302 and course.status == "draft"
    assert client.post(f"/manage/courses/{course.id}/status", data={"status": "published"}).status_code == 302
    db.session.refresh(course)
    assert course.status == "draft"  # nothing to publish yet
    for title in ("Thông điệp chính", "Tổ chức họp báo"):
        client.post(f"/manage/courses/{course.id}/modules", data={"title": title})
    db.session.expire_all()
    modules = course.modules
    assert [m.title for m in modules] == ["Thông điệp chính", "Tổ chức họp báo"]
    response = client.post(f"/manage/modules/{modules[0].id}/items", data={"title": "Nhà thông điệp", "kind": "lesson",
                                                                           "estimated_minutes": "20", "is_required": "y"})
    item = db.session.scalar(select(Item).where(Item.title == "Nhà thông điệp"))
    assert response.headers["Location"].endswith(f"/manage/lessons/{item.id}/edit")
    lesson = _lesson(item)
    response = client.post(f"/manage/lessons/{item.id}/edit", data={
        "body_markdown": "## Mục tiêu\n\n- Một thông điệp bao trùm\n\n<script>alert(1)</script>",
        "row_version": lesson.row_version, "citations-0-document_id": "0", "citations-0-article": ""})
    assert response.status_code == 302
    lesson = _lesson(item)
    assert "<h2>Mục tiêu</h2>" in lesson.body_html and dangerous_markup(lesson.body_html) == []
    client.post(f"/manage/courses/{course.id}/status", data={"status": "published"})
    db.session.refresh(course)
    assert course.status == "published"
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"course.create", "course.module_add", "course.item_add", "lesson.update", "course.status"} <= actions


def test_a_stale_lesson_save_does_not_erase_the_newer_one(login_as, course):
    client = login_as("trainer")
    item = course["lessons"][0]
    version = _lesson(item).row_version
    first = client.post(f"/manage/lessons/{item.id}/edit", data={"body_markdown": "Bản của người thứ nhất",
                                                                 "row_version": version})
    assert first.status_code == 302
    second = client.post(f"/manage/lessons/{item.id}/edit", data={"body_markdown": "Bản cũ của người thứ hai",
                                                                  "row_version": version})
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "Người khác đã lưu bài học này" in page and "Bản cũ của người thứ hai" in page
    assert _lesson(item).body_markdown == "Bản của người thứ nhất"


def test_live_preview_is_sanitised(login_as, course):
    response = login_as("trainer").post("/manage/lessons/preview", json={"markdown": "**đậm** <img src=x onerror=alert(1)>"})
    assert "<strong>đậm</strong>" in response.json["html"] and dangerous_markup(response.json["html"]) == []


def test_image_upload_checked_by_content(login_as, course, app):
    client = login_as("trainer")
    course_id = course["course"].id
    fake = client.post(f"/manage/courses/{course_id}/images", data={"image": (io.BytesIO(b"<svg onload=alert(1)>"), "a.png")},
                       content_type="multipart/form-data")
    assert fake.status_code == 303
    app.config["UPLOAD_IMAGE_MAX_BYTES"] = 2000
    big = client.post(f"/manage/courses/{course_id}/images",
                      data={"image": (io.BytesIO(png_bytes((300, 300), (1, 2, 3)) + b"0" * 5000), "big.png")},
                      content_type="multipart/form-data", follow_redirects=True)
    assert "lớn hơn 1 KB" in big.get_data(as_text=True)
    app.config["UPLOAD_IMAGE_MAX_BYTES"] = 2 * 1024 * 1024
    assert db.session.scalar(select(func.count()).select_from(LessonMedia)) == 0
    ok = client.post(f"/manage/courses/{course_id}/images", data={"image": (io.BytesIO(png_bytes()), "sơ đồ.png")},
                     content_type="multipart/form-data", follow_redirects=True)
    assert "Đã tải hình ảnh lên" in ok.get_data(as_text=True)
    media = db.session.scalar(select(LessonMedia))
    assert media.content_type == "image/png" and media.original_name == "sơ đồ.png"


def test_new_version_is_recorded(login_as, course):
    client = login_as("trainer")
    client.post(f"/manage/courses/{course['course'].id}/version", data={"note": "Cập nhật Luật Báo chí 2025"})
    db.session.refresh(course["course"])
    assert course["course"].version == 2 and course["course"].version_note == "Cập nhật Luật Báo chí 2025"


def test_reorder_and_remove_keep_everything_else(login_as, course):
    client = login_as("trainer")
    first, second, _third = course["lessons"]
    client.post(f"/manage/items/{second.id}/move", data={"direction": "up"})
    db.session.expire_all()
    assert db.session.get(Item, second.id).position < db.session.get(Item, first.id).position
    client.post(f"/manage/items/{first.id}/remove")
    db.session.expire_all()
    assert db.session.get(Item, first.id).removed_at is not None
    page = client.get(f"/manage/courses/{course['course'].id}").get_data(as_text=True)
    assert f"/manage/lessons/{second.id}/edit" in page and f"/manage/lessons/{first.id}/edit" not in page


@pytest.mark.parametrize("role", ["scoped_admin", "learner", "board"])
def test_only_authors_write(login_as, course, role):
    response = login_as(role).post(f"/manage/courses/{course['course'].id}/modules", data={"title": "X"})
    assert response.status_code == 403


def test_completion_rules_page_recomputes_and_audits(login_as, course, enrolled):
    client = login_as("trainer")
    first, second, third = course["lessons"]
    response = client.post(f"/manage/courses/{course['course'].id}/rules",
                           data={"required": [str(first.id), str(second.id)]}, follow_redirects=True)
    assert "tính lại" in response.get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "course.recompute")) is not None


def test_markdown_fixture_payloads_in_a_lesson_render_inert(login_as, course):
    client = login_as("trainer")
    item = course["lessons"][0]
    payloads = [p for p in fixture("xss-payloads.txt").read_text().splitlines() if p and not p.startswith("#")]
    client.post(f"/manage/lessons/{item.id}/edit", data={"body_markdown": "\n\n".join(payloads),
                                                         "row_version": _lesson(item).row_version})
    page = client.get(f"/courses/lessons/{item.id}").get_data(as_text=True)
    body = page.split('<div class="lesson-body">', 1)[1].split("</div>", 1)[0]
    assert dangerous_markup(body) == []
