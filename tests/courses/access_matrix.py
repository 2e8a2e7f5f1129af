"""Who may use the course pages. The learner is enrolled in "main"; nobody is enrolled in "other"."""

from datetime import date

from tests.access import (
    ADMIN_REDIRECT,
    ADMINS,
    ADMINS_BAD_FORM,
    ALL_REDIRECT,
    AUTHOR_REDIRECT,
    AUTHORS,
    AUTHORS_BAD_FORM,
    LOGGED_IN,
    OUTSIDE_SCOPE,
    STAFF,
    Route,
    expect,
)


def png_bytes(size=(2, 2), color=(200, 30, 40)):
    """A small real PNG image."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def setup(world):
    """A published course with a lesson and an image, another course, classes in P1 and P2, a request."""
    from training.core.time import utcnow
    from training.courses.models import EnrollmentRequest
    from training.courses.services import authoring, enrolment, legal, media
    from training.extensions import db

    now, trainer, admin = utcnow(), world["people"]["trainer"], world["people"]["admin"]
    main = authoring.create_course(trainer, {"title": "Khóa chính", "slug": "main"}, now)
    module = authoring.add_module(trainer, main, "Học phần 1", now)
    item = authoring.add_item(trainer, module, "lesson", "Bài 1", now)
    authoring.add_module(trainer, main, "Học phần 2", now)
    authoring.set_status(trainer, main, "published", now)
    other = authoring.create_course(trainer, {"title": "Khóa khác", "slug": "other", "self_enrollment": True}, now)
    other_module = authoring.add_module(trainer, other, "Học phần", now)
    other_item = authoring.add_item(trainer, other_module, "lesson", "Bài khác", now)
    authoring.set_status(trainer, other, "published", now)
    image = media.add_image(trainer, main, "so-do.png", png_bytes(), 100_000, now)
    other_image = media.add_image(trainer, other, "so-do-khac.png", png_bytes(color=(10, 20, 30)), 100_000, now)
    from training.core import imports

    admin_import = imports.store_upload("enrolments", "danh-sach.csv", b"email\np1@test.vn\n", admin, now)
    p1_class = enrolment.save_class(admin, None, main, {"name": "Lớp P1", "unit_id": world["units"]["P1"].id}, now)
    p2_class = enrolment.save_class(admin, None, main, {"name": "Lớp P2", "unit_id": world["units"]["P2"].id}, now)
    tz = "Asia/Ho_Chi_Minh"
    enrolment.enrol_people(admin, main, [world["people"]["learner"]], now, tz)
    enrolment.enrol_people(admin, main, [world["people"]["p1_learner"]], now, tz, training_class=p1_class)
    request = enrolment.request_enrolment(world["people"]["p2_learner"], other, "Xin học", now)
    document = legal.save_document(trainer, None, {"number": "103/2016/QH13", "title": "Luật Báo chí 2016",
                                                   "kind": "luat", "issued_on": date(2016, 4, 5)}, now)
    db.session.commit()
    from sqlalchemy import select

    from training.courses.models import Enrollment

    enrollments = {e.user_id: e for e in db.session.scalars(select(Enrollment))}
    return {"main": main, "other": other, "item": item, "other_item": other_item, "module": module, "image": image,
            "other_image": other_image, "admin_import": admin_import,
            "p1_class": p1_class, "p2_class": p2_class, "request": db.session.get(EnrollmentRequest, request.id),
            "document": document, "learner_enrollment": enrollments[world["people"]["learner"].id],
            "p1_enrollment": enrollments[world["people"]["p1_learner"].id]}


def course(key):
    return lambda w: {"course_id": w[key].id}


def slug(key):
    return lambda w: {"slug": w[key].slug}


def item(key):
    return lambda w: {"item_id": w[key].id}


NOT_ENROLLED = expect(302, 403, 200, 200, 200, 200)

ROUTES = [
    # learners
    Route("courses.my_learning", "GET", LOGGED_IN),
    Route("courses.catalogue", "GET", LOGGED_IN),
    Route("courses.course_page", "GET", LOGGED_IN, slug("main")),
    Route("courses.course_page", "GET", NOT_ENROLLED, slug("other")),
    Route("courses.resume", "GET", ALL_REDIRECT, slug("main")),
    Route("courses.self_enrol", "POST", ALL_REDIRECT, slug("other")),
    Route("courses.self_enrol", "POST", expect(302, 403, 403, 403, 403, 403), slug("main")),
    Route("courses.request_enrolment", "POST", ALL_REDIRECT, slug("main")),
    Route("courses.open_item", "GET", ALL_REDIRECT, item("item")),
    Route("courses.open_item", "GET", expect(302, 403, 302, 302, 302, 302), item("other_item")),
    Route("courses.lesson", "GET", LOGGED_IN, item("item")),
    Route("courses.lesson", "GET", NOT_ENROLLED, item("other_item")),
    Route("courses.mark_done", "POST", expect(302, 302, 403, 403, 403, 403), item("item")),
    Route("courses.media", "GET", LOGGED_IN, lambda w: {"media_id": w["image"].id}),
    Route("courses.media", "GET", expect(302, 403, 200, 200, 200, 200), lambda w: {"media_id": w["other_image"].id}),
    # authors
    Route("course_admin.index", "GET", STAFF),
    Route("course_admin.create", "GET", AUTHORS),
    Route("course_admin.create", "POST", AUTHORS_BAD_FORM),
    Route("course_admin.settings", "GET", AUTHORS, course("main")),
    Route("course_admin.settings", "POST", AUTHOR_REDIRECT, course("main")),
    Route("course_admin.set_status", "POST", AUTHOR_REDIRECT, course("main"), lambda w: {"status": "published"}),
    Route("course_admin.new_version", "POST", AUTHOR_REDIRECT, course("main"), lambda w: {"note": "Luật 2025"}),
    Route("course_admin.completion_rules", "GET", AUTHORS, course("main")),
    Route("course_admin.completion_rules", "POST", AUTHOR_REDIRECT, course("main")),
    Route("course_admin.preview", "GET", expect(302, 403, 302, 302, 302, 403), course("main")),
    Route("course_structure.structure", "GET", AUTHORS, course("main")),
    Route("course_structure.add_module", "POST", AUTHOR_REDIRECT, course("main"), lambda w: {"title": "Mới"}),
    Route("course_structure.edit_module", "GET", AUTHORS, lambda w: {"module_id": w["module"].id}),
    Route("course_structure.edit_module", "POST", AUTHOR_REDIRECT, lambda w: {"module_id": w["module"].id}),
    Route("course_structure.move_module", "POST", AUTHOR_REDIRECT, lambda w: {"module_id": w["module"].id},
          lambda w: {"direction": "down"}),
    Route("course_structure.remove_module", "POST", AUTHOR_REDIRECT, lambda w: {"module_id": w["module"].id}),
    Route("course_structure.add_item", "POST", AUTHOR_REDIRECT, lambda w: {"module_id": w["module"].id},
          lambda w: {"title": "Bài mới", "kind": "lesson"}),
    Route("course_structure.edit_item", "GET", AUTHORS, item("item")),
    Route("course_structure.edit_item", "POST", AUTHOR_REDIRECT, item("item")),
    Route("course_structure.move_item", "POST", AUTHOR_REDIRECT, item("item"), lambda w: {"direction": "up"}),
    Route("course_structure.remove_item", "POST", AUTHOR_REDIRECT, item("item")),
    Route("course_structure.edit_lesson", "GET", AUTHORS, item("item")),
    Route("course_structure.edit_lesson", "POST", AUTHORS_BAD_FORM, item("item")),
    Route("course_structure.preview_markdown", "POST", expect(401, 403, 200, 200, 403, 403),
          json=lambda w: {"markdown": "# Xin chào"}),
    Route("course_structure.upload_image", "POST", AUTHOR_REDIRECT, course("main")),
    # enrolment (admins; the P1 admin only for people of P1)
    Route("enrolment.enrol", "GET", ADMINS, course("main")),
    Route("enrolment.enrol", "POST", ADMINS_BAD_FORM, course("main")),
    Route("enrolment.learners", "GET", ADMINS, course("main")),
    Route("enrolment.withdraw", "POST", ADMIN_REDIRECT, lambda w: {"enrollment_id": w["p1_enrollment"].id}),
    Route("enrolment.withdraw", "POST", expect(302, 403, 403, 302, 403, 403),
          lambda w: {"enrollment_id": w["learner_enrollment"].id}),
    Route("enrolment.decide", "POST", expect(302, 403, 403, 302, 403, 403), lambda w: {"request_id": w["request"].id},
          lambda w: {"decision": "approve"}),
    Route("enrolment.import_upload", "GET", ADMINS, course("main")),
    Route("enrolment.import_upload", "POST", ADMINS_BAD_FORM, course("main")),
    Route("enrolment.import_preview", "GET", expect(302, 403, 403, 404, 404, 403),
          lambda w: {"course_id": w["main"].id, "import_id": 999}),
    Route("enrolment.import_preview", "POST", expect(302, 403, 403, 404, 404, 403),
          lambda w: {"course_id": w["main"].id, "import_id": 999}),
    # an upload is seen only by the admin who made it
    Route("enrolment.import_preview", "GET", expect(302, 403, 403, 200, 404, 403),
          lambda w: {"course_id": w["main"].id, "import_id": w["admin_import"].id}),
    Route("enrolment.import_preview", "POST", expect(302, 403, 403, 302, 404, 403),
          lambda w: {"course_id": w["main"].id, "import_id": w["admin_import"].id}, lambda w: {"action": "cancel"}),
    # training classes
    Route("classes.index", "GET", STAFF),
    Route("classes.create", "GET", ADMINS),
    Route("classes.create", "POST", ADMINS_BAD_FORM),
    Route("classes.edit", "GET", ADMINS, lambda w: {"class_id": w["p1_class"].id}),
    Route("classes.edit", "GET", OUTSIDE_SCOPE, lambda w: {"class_id": w["p2_class"].id}),
    Route("classes.edit", "POST", ADMINS_BAD_FORM, lambda w: {"class_id": w["p1_class"].id}),
    Route("classes.detail", "GET", STAFF, lambda w: {"class_id": w["p1_class"].id}),
    Route("classes.detail", "GET", expect(302, 403, 200, 200, 403, 403), lambda w: {"class_id": w["p2_class"].id}),
    Route("classes.export", "GET", STAFF, lambda w: {"class_id": w["p1_class"].id, "fmt": "xlsx"}),
    # legal register
    Route("legal.index", "GET", AUTHORS),
    Route("legal.create", "GET", AUTHORS),
    Route("legal.create", "POST", AUTHORS_BAD_FORM),
    Route("legal.detail", "GET", AUTHORS, lambda w: {"document_id": w["document"].id}),
    Route("legal.edit", "GET", AUTHORS, lambda w: {"document_id": w["document"].id}),
    Route("legal.edit", "POST", AUTHORS_BAD_FORM, lambda w: {"document_id": w["document"].id}),
    Route("legal.supersede", "POST", AUTHOR_REDIRECT, lambda w: {"document_id": w["document"].id}),
    Route("legal.restore", "POST", AUTHOR_REDIRECT, lambda w: {"document_id": w["document"].id}),
]
