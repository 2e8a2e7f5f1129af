"""Demo courses: the legal register and the three courses of the content brief, published.

The content lives in ``training/demo/content/`` and is validated by the pure loader; this
module maps it onto the course models through the same services a trainer uses.
"""

from sqlalchemy import select

from training.accounts.sessions import find_user_by_email
from training.courses.models import Course, LegalDocument, Lesson
from training.courses.services import authoring, enrolment, legal
from training.demo.content_loader import load_courses, load_legal_documents
from training.extensions import db
from training.orgunits.services import get_unit_by_code

DEMO_TRAINER = "giangvien@demo.vn"
DEMO_CLASS = "Lớp bồi dưỡng kỹ năng phát ngôn năm 2026 – đợt 1"


def seed_legal_register(now):
    """Create the register's documents (existing codes are left alone), then link replacements."""
    documents = load_legal_documents()
    by_code = {d.code: d for d in db.session.scalars(select(LegalDocument)).unique()}
    for doc in documents:
        if doc.code not in by_code:
            note = doc.note if not doc.historical else (doc.note or "Văn bản đã hết hiệu lực, nêu để đối chiếu lịch sử.")
            by_code[doc.code] = legal.save_document(None, None, {
                "code": doc.code, "number": doc.number, "title": doc.title, "kind": doc.kind,
                "issued_on": doc.issued_on, "effective_on": doc.effective_on, "note": note}, now)
    for doc in documents:
        if doc.replaces and by_code[doc.code].replaces_id is None:
            by_code[doc.code].replaces_id = by_code[doc.replaces].id
        if doc.superseded_by and by_code[doc.code].superseded_on is None:
            legal.mark_superseded(None, by_code[doc.code], by_code[doc.superseded_by], doc.superseded_on, now)
    db.session.flush()
    return by_code


def seed_courses(now):
    """Load the register and the three demo courses (a course already present is skipped)."""
    register = seed_legal_register(now)
    trainer = find_user_by_email(DEMO_TRAINER)
    created = []
    for content in sorted(load_courses(), key=lambda c: c.position):
        if db.session.scalar(select(Course).where(Course.slug == content.slug)):
            continue
        course = authoring.create_course(trainer, {"title": content.title, "slug": content.slug,
                                                   "summary": content.summary, "audience": content.audience,
                                                   "relative_due_days": 60}, now)
        for module_content in content.modules:
            module = authoring.add_module(trainer, course, module_content.title, now)
            module.summary = module_content.summary
            for lesson_content in module_content.lessons:
                item = authoring.add_item(trainer, module, "lesson", lesson_content.short_title or lesson_content.title,
                                          now, is_required=lesson_content.required,
                                          estimated_minutes=lesson_content.estimated_minutes)
                lesson = db.session.scalar(select(Lesson).where(Lesson.item_id == item.id))
                body = f"*{lesson_content.title}*\n\n{lesson_content.body}" \
                    if lesson_content.short_title and lesson_content.short_title != lesson_content.title else lesson_content.body
                citations = [(register[c.document].id, c.article) for c in lesson_content.citations]
                authoring.save_lesson(trainer, lesson, body, citations, None, now)
        authoring.set_status(trainer, course, "published", now)
        created.append(course)
    _seed_class(now)
    return created


def _seed_class(now):
    """An empty training class for course 1, ready for the administrator to enrol a unit into."""
    course = db.session.scalar(select(Course).where(Course.slug == "khung-phap-ly-phat-ngon"))
    from training.courses.models import TrainingClass

    if course is None or db.session.scalar(select(TrainingClass).where(TrainingClass.name == DEMO_CLASS)):
        return
    unit = get_unit_by_code("BTG")
    trainer = find_user_by_email(DEMO_TRAINER)
    if unit is None:
        return
    enrolment.save_class(None, None, course, {
        "name": DEMO_CLASS, "unit_id": unit.id, "trainer_id": trainer.id if trainer else None,
        "location": "Hội trường Thành ủy", "notes": "Lớp demo: ghi danh đơn vị hoặc từng cán bộ vào lớp."}, now)
