"""Course fixtures: a published course with two modules and lessons, legal documents, an enrolment."""

from datetime import date

import pytest

from training.core.time import utcnow
from training.courses.services import authoring, enrolment, legal
from training.extensions import db


@pytest.fixture
def legal_docs(app):
    now = utcnow()
    old = legal.save_document(None, None, {"code": "luat-bao-chi-2016", "number": "103/2016/QH13",
                                            "title": "Luật Báo chí 2016", "kind": "luat",
                                            "issued_on": date(2016, 4, 5), "effective_on": date(2017, 1, 1)}, now)
    new = legal.save_document(None, None, {"code": "luat-bao-chi-2025", "number": "126/2025/QH15",
                                            "title": "Luật Báo chí 2025", "kind": "luat",
                                            "issued_on": date(2025, 12, 10), "effective_on": date(2026, 7, 1),
                                            "replaces_id": old.id}, now)
    decree = legal.save_document(None, None, {"code": "nd-09-2017", "number": "09/2017/NĐ-CP",
                                               "title": "Nghị định 09/2017/NĐ-CP", "kind": "nghi-dinh",
                                               "issued_on": date(2017, 2, 9), "effective_on": date(2017, 3, 30)}, now)
    db.session.commit()
    return {"old": old, "new": new, "decree": decree}


@pytest.fixture
def course(app, world, legal_docs):
    """A published course: module 1 (two lessons), module 2 (one lesson, one optional lesson)."""
    now = utcnow()
    trainer = world["people"]["trainer"]
    course = authoring.create_course(trainer, {"title": "Khung pháp lý về phát ngôn", "slug": "khung-phap-ly",
                                               "summary": "Luật Báo chí và Nghị định 09/2017.", "audience": "Người phát ngôn"},
                                     now)
    m1 = authoring.add_module(trainer, course, "Bức tranh pháp lý", now)
    m2 = authoring.add_module(trainer, course, "Ai được phát ngôn?", now)
    lessons = []
    for module, title, body, cite in (
        (m1, "Hệ thống văn bản", "# Hệ thống văn bản\n\nLuật Báo chí 2016 (Điều 38).", [(legal_docs["old"].id, "Điều 38")]),
        (m1, "Cơ quan quản lý", "Bộ VHTTDL quản lý báo chí từ 01/3/2025.", []),
        (m2, "Người thực hiện phát ngôn", "Điều 3 NĐ 09/2017.", [(legal_docs["decree"].id, "Điều 3 khoản 1")]),
    ):
        item = authoring.add_item(trainer, module, "lesson", title, now, estimated_minutes=15)
        lesson = db.session.query(__import__("training.courses.models", fromlist=["Lesson"]).Lesson).filter_by(
            item_id=item.id).one()
        authoring.save_lesson(trainer, lesson, body, cite, None, now)
        lessons.append(item)
    optional = authoring.add_item(trainer, m2, "lesson", "Đọc thêm", now, is_required=False)
    authoring.set_status(trainer, course, "published", now)
    db.session.commit()
    return {"course": course, "modules": [m1, m2], "lessons": lessons, "optional": optional}


@pytest.fixture
def enrolled(app, world, course):
    """The world's learner enrolled in the course."""
    learner = world["people"]["learner"]
    enrolment.enrol_people(world["people"]["admin"], course["course"], [learner], utcnow(), "Asia/Ho_Chi_Minh")
    db.session.commit()
    return learner
