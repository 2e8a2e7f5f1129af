"""Loading course objects for a user: 404 when missing, 403 when the user may not see them."""

from flask_babel import gettext as _
from sqlalchemy import bindparam, select
from sqlalchemy.orm import selectinload

from training.core.errors import abort_with
from training.core.roles import Role, is_path_within
from training.core.security import admin_scope_path, can_author
from training.courses.models import Course, Enrollment, EnrollmentStatus, Item, Module, TrainingClass
from training.extensions import db


def load_course(course_id):
    """Return a course by id or 404."""
    course = db.session.get(Course, course_id)
    if course is None:
        abort_with(404)
    return course


#: Loader options for pages that show the whole outline (two extra queries, however big the course).
OUTLINE = selectinload(Course.modules).selectinload(Module.items)


# The learner pages' statements are built once per process (see load_session_user).
_COURSE_BY_SLUG = select(Course).where(Course.slug == bindparam("slug"))
_ACTIVE_ENROLLMENT = select(Enrollment).where(
    Enrollment.user_id == bindparam("user_id"), Enrollment.course_id == bindparam("course_id"),
    Enrollment.status == EnrollmentStatus.ACTIVE.value)


def load_course_by_slug(slug, outline=False):
    """Return a course by its slug or 404 (with its modules and items when ``outline``)."""
    query = _COURSE_BY_SLUG.options(OUTLINE) if outline else _COURSE_BY_SLUG
    course = db.session.scalar(query, {"slug": slug})
    if course is None:
        abort_with(404)
    return course


def load_course_for_author(user, course_id, outline=False):
    """Return a course ``user`` may edit (with its outline when ``outline``)."""
    course = db.session.scalar(select(Course).where(Course.id == course_id).options(OUTLINE)) if outline \
        else load_course(course_id)
    if course is None:
        abort_with(404)
    if not can_author(user):
        abort_with(403)
    return course


def load_module_for_author(user, module_id):
    module = db.session.get(Module, module_id)
    if module is None or module.removed_at is not None:
        abort_with(404)
    load_course_for_author(user, module.course_id)
    return module


def load_item_for_author(user, item_id, kind=None):
    item = db.session.get(Item, item_id)
    if item is None or item.removed_at is not None or (kind and item.kind != kind):
        abort_with(404)
    load_course_for_author(user, item.course_id)
    return item


def enrollment_of(user, course_id):
    """Return ``user``'s active enrolment in the course, or ``None``."""
    return db.session.scalar(_ACTIVE_ENROLLMENT, {"user_id": user.id, "course_id": course_id})


def may_preview(user):
    """Authors and admins may open any course without being enrolled (nothing is recorded)."""
    return user.is_authenticated and user.role in (Role.TRAINER, Role.ADMIN, Role.BOARD)


def load_course_for_learner(user, slug):
    """Return ``(course, enrollment)``; 403 for someone neither enrolled nor allowed to preview.

    The 403 page offers self-enrolment or an enrolment request (see routes.learn).
    """
    course = load_course_by_slug(slug)
    enrollment = enrollment_of(user, course.id)
    if enrollment is None and not may_preview(user):
        abort_with(403, _("You are not enrolled in this course."))
    if enrollment is None and course.status == "draft" and not can_author(user):
        abort_with(404)
    return course, enrollment


def load_item_for_learner(user, item_id, kind=None):
    """Return ``(item, enrollment)`` for an item of a course ``user`` studies (or may preview)."""
    item = db.session.get(Item, item_id)
    if item is None or item.removed_at is not None or (kind and item.kind != kind):
        abort_with(404)
    enrollment = enrollment_of(user, item.course_id)
    if enrollment is None and not may_preview(user):
        abort_with(403, _("You are not enrolled in this course."))
    return item, enrollment


def can_manage_class(user, training_class):
    """Admins within scope manage a class; its trainer and other trainers may follow it."""
    if user.role == Role.TRAINER:
        return True
    if user.role != Role.ADMIN:
        return False
    scope = admin_scope_path(user)
    return scope is None or is_path_within(training_class.unit.path, scope)


def load_class_for(user, class_id):
    training_class = db.session.get(TrainingClass, class_id)
    if training_class is None:
        abort_with(404)
    if not can_manage_class(user, training_class):
        abort_with(403, _("This class belongs to a unit outside the units you manage."))
    return training_class


def load_enrollment_for_admin(user, enrollment_id):
    enrollment = db.session.get(Enrollment, enrollment_id)
    if enrollment is None:
        abort_with(404)
    scope = admin_scope_path(user)
    unit = enrollment.user.unit
    if user.role != Role.ADMIN or (scope is not None and (unit is None or not is_path_within(unit.path, scope))):
        abort_with(403)
    return enrollment
