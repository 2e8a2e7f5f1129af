"""What learners see: my learning, the catalogue, a course outline, lessons, lesson images."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from training.core.errors import DomainError, abort_with
from training.core.filestore import read_bytes
from training.core.security import AUTHENTICATED, allow
from training.core.time import local_today, utcnow
from training.courses import queries as views
from training.courses.forms import RequestForm
from training.courses.loaders import enrollment_of, load_course_by_slug, load_item_for_learner, may_preview
from training.courses.models import Course, EnrollmentRequest, LessonMedia
from training.courses.registry import course_notices, item_kind
from training.courses.services import enrolment as enrolment_service
from training.courses.services.progress import note_visit, record_item_result, results_by_item
from training.extensions import db

bp = Blueprint("courses", __name__, template_folder="../templates")


@bp.get("/learning")
@allow(AUTHENTICATED)
def my_learning():
    rows = views.learning_rows(current_user, utcnow())
    return render_template("courses/my_learning.html", rows=rows, now=utcnow())


@bp.get("/courses/")
@allow(AUTHENTICATED)
def catalogue():
    courses = db.session.scalars(select(Course).where(Course.status == "published").order_by(Course.title)).all()
    enrolled = views.enrolled_course_ids(current_user)
    return render_template("courses/catalogue.html", courses=courses, enrolled=enrolled, form=RequestForm())


@bp.get("/courses/<slug>")
@allow(AUTHENTICATED)
def course_page(slug):
    course = load_course_by_slug(slug)
    enrollment = enrollment_of(current_user, course.id)
    if enrollment is None and not may_preview(current_user):
        return _not_enrolled(course)
    if course.status == "draft" and enrollment is None and not views.can_edit(current_user):
        abort_with(404)
    context = views.course_outline(course, enrollment, local_today(utcnow(), current_app.config["TIMEZONE"]))
    return render_template("courses/course.html", course=course, enrollment=enrollment,
                           notices=course_notices(current_user, course, enrollment), **context)


@bp.get("/courses/<slug>/continue")
@allow(AUTHENTICATED)
def resume(slug):
    course = load_course_by_slug(slug)
    enrollment = enrollment_of(current_user, course.id)
    if enrollment is None:
        return redirect(url_for("courses.course_page", slug=slug))
    next_id = views.next_item_id(enrollment)
    if next_id is None:
        return redirect(url_for("courses.course_page", slug=slug))
    return redirect(url_for("courses.open_item", item_id=next_id))


@bp.post("/courses/<slug>/enrol")
@allow(AUTHENTICATED)
def self_enrol(slug):
    course = load_course_by_slug(slug)
    try:
        enrolment_service.self_enrol(current_user, course, utcnow(), current_app.config["TIMEZONE"])
    except DomainError as error:
        db.session.rollback()
        abort_with(error.status, _(error.message))
    db.session.commit()
    flash(_("You are enrolled in %(title)s.", title=course.title), "success")
    return redirect(url_for("courses.course_page", slug=slug))


@bp.post("/courses/<slug>/request")
@allow(AUTHENTICATED)
def request_enrolment(slug):
    course = load_course_by_slug(slug)
    form = RequestForm()
    if form.validate_on_submit() and course.status == "published":
        enrolment_service.request_enrolment(current_user, course, form.message.data, utcnow())
        db.session.commit()
        flash(_("Your request was sent. An administrator of your unit will answer it."), "success")
    return redirect(url_for("courses.course_page", slug=slug))


@bp.get("/courses/items/<int:item_id>")
@allow(AUTHENTICATED)
def open_item(item_id):
    item, enrollment = load_item_for_learner(current_user, item_id)
    return redirect(url_for(item_kind(item.kind).learner_endpoint, item_id=item.id))


@bp.get("/courses/lessons/<int:item_id>")
@allow(AUTHENTICATED)
def lesson(item_id):
    item, enrollment = load_item_for_learner(current_user, item_id, kind="lesson")
    now = utcnow()
    course = db.session.get(Course, item.course_id)
    results = results_by_item(enrollment.id) if enrollment is not None else {}
    if enrollment is not None:
        changed = note_visit(enrollment, item, now, results)
        if course.complete_lessons_on_view and not (item.id in results and results[item.id].completed_at):
            results[item.id] = record_item_result(enrollment, item, now, completed=True, source="lesson")
            changed = True
        if changed:
            db.session.commit()
    context = views.lesson_context(course, item, enrollment, local_today(now, current_app.config["TIMEZONE"]),
                                   results)
    return render_template("courses/lesson.html", course=course, item=item, enrollment=enrollment, **context)


@bp.post("/courses/lessons/<int:item_id>/done")
@allow(AUTHENTICATED)
def mark_done(item_id):
    item, enrollment = load_item_for_learner(current_user, item_id, kind="lesson")
    if enrollment is None:
        abort_with(403, _("You are not enrolled in this course."))
    was_complete = enrollment.completed_at is not None
    record_item_result(enrollment, item, utcnow(), completed=True, source="lesson")
    db.session.commit()
    if not was_complete and enrollment.completed_at is not None:
        flash(_("Congratulations: you have completed %(title)s.", title=enrollment.course.title), "success")
        return redirect(url_for("courses.course_page", slug=enrollment.course.slug))
    next_id = views.next_item_id(enrollment)
    target = url_for("courses.open_item", item_id=next_id) if next_id else \
        url_for("courses.course_page", slug=enrollment.course.slug)
    return redirect(target)


@bp.get("/courses/media/<int:media_id>")
@allow(AUTHENTICATED)
def media(media_id):
    record = db.session.get(LessonMedia, media_id)
    if record is None:
        abort_with(404)
    if enrollment_of(current_user, record.course_id) is None and not may_preview(current_user):
        abort_with(403)
    data = read_bytes(record.sha256)
    if data is None:
        abort_with(404)
    response = current_app.response_class(data, mimetype=record.content_type)
    response.headers["Cache-Control"] = "private, max-age=86400"
    response.headers["Content-Disposition"] = "inline"
    response.set_etag(record.sha256)
    return response.make_conditional(request)


def _not_enrolled(course):
    pending = db.session.scalar(select(EnrollmentRequest).where(
        EnrollmentRequest.user_id == current_user.id, EnrollmentRequest.course_id == course.id,
        EnrollmentRequest.status == "pending"))
    return render_template("courses/not_enrolled.html", course=course, pending=pending, form=RequestForm()), 403
