"""Writing courses: course settings, modules, items, lessons. Every change is audited.

Editing a published course is safe: items are never deleted (only marked removed), so the
results learners earned on them stay; reordering and rewording touch no result.
"""

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from training.core import audit
from training.core.errors import DomainError
from training.core.markdown import render_markdown
from training.core.messages import N_
from training.core.text import clean_line, slugify
from training.courses.models import Course, CourseStatus, Enrollment, Item, Lesson, Module
from training.courses.services.legal import set_citations
from training.extensions import db

COURSE_FIELDS = ("title", "summary", "audience", "complete_lessons_on_view", "self_enrollment", "relative_due_days")


def create_course(actor, data, now):
    """Create a draft course; the slug comes from ``data["slug"]`` or the title."""
    title = clean_line(data.get("title"))
    if not title:
        raise DomainError(N_("The title is required."), field="title")
    slug = slugify(data.get("slug") or title)
    if db.session.scalar(select(Course).where(Course.slug == slug)):
        raise DomainError(N_("Another course already uses the address %(slug)s."), field="slug", slug=slug)
    course = Course(slug=slug, title=title, status=CourseStatus.DRAFT.value, version=1, created_by_id=actor.id if actor else None,
                    created_at=now, updated_at=now)
    _apply_settings(course, data)
    db.session.add(course)
    db.session.flush()
    audit.record(actor, "course.create", "course", course.id, {"slug": slug, "title": title}, now)
    return course


def update_course(actor, course, data, expected_version, now):
    """Change a course's settings, refusing a save based on an outdated page (409)."""
    _check_version(course, expected_version)
    values = {field: data.get(field, getattr(course, field)) for field in COURSE_FIELDS}
    values["title"] = clean_line(values["title"])
    if not values["title"]:
        raise DomainError(N_("The title is required."), field="title")
    diff = audit.changes(course, COURSE_FIELDS, values)
    _apply_settings(course, values)
    course.updated_at = now
    if diff:
        audit.record(actor, "course.update", "course", course.id, {"slug": course.slug, "changes": _short(diff)}, now)
    return course


def set_status(actor, course, status, now):
    """Publish, unpublish (back to draft) or archive a course."""
    if status not in {s.value for s in CourseStatus}:
        raise DomainError(N_("Unknown status."))
    if status == CourseStatus.PUBLISHED.value and not _has_items(course):
        raise DomainError(N_("Add at least one item before publishing."))
    if course.status == status:
        return course
    previous, course.status, course.updated_at = course.status, status, now
    if status == CourseStatus.PUBLISHED.value and course.published_at is None:
        course.published_at = now
    audit.record(actor, "course.status", "course", course.id, {"slug": course.slug, "from": previous, "to": status}, now)
    return course


def new_version(actor, course, note, now):
    """Raise the course's content version (e.g. after a change in the law); audited."""
    note = clean_line(note)
    if not note:
        raise DomainError(N_("Say what changed in this version."), field="note")
    course.version += 1
    course.version_note = note[:255]
    course.updated_at = now
    audit.record(actor, "course.version", "course", course.id, {"slug": course.slug, "version": course.version,
                                                                 "note": note}, now)
    return course


def add_module(actor, course, title, now):
    """Append a module to ``course``."""
    title = clean_line(title)
    if not title:
        raise DomainError(N_("The module title is required."), field="title")
    position = (db.session.scalar(select(func.max(Module.position)).where(Module.course_id == course.id)) or 0) + 1
    module = Module(course_id=course.id, title=title, position=position)
    db.session.add(module)
    db.session.flush()
    audit.record(actor, "course.module_add", "course", course.id, {"module": title}, now)
    return module


def rename_module(actor, module, title, summary, now):
    """Rename a module."""
    title = clean_line(title)
    if not title:
        raise DomainError(N_("The module title is required."), field="title")
    if (module.title, module.summary) != (title, summary or ""):
        audit.record(actor, "course.module_edit", "course", module.course_id, {"from": module.title, "to": title}, now)
    module.title, module.summary = title, summary or ""


def remove_module(actor, module, now):
    """Remove a module and its items from the outline (results are kept)."""
    module.removed_at = now
    for item in db.session.scalars(select(Item).where(Item.module_id == module.id, Item.removed_at.is_(None))):
        item.removed_at = now
    _mark_rules_changed(db.session.get(Course, module.course_id), now)
    audit.record(actor, "course.module_remove", "course", module.course_id, {"module": module.title}, now)


def move(actor, obj, direction, now):
    """Swap a module or an item with its neighbour (``direction`` is -1 or +1)."""
    model, scope = (Module, Module.course_id == obj.course_id) if isinstance(obj, Module) else \
        (Item, Item.module_id == obj.module_id)
    siblings = db.session.scalars(select(model).where(scope, model.removed_at.is_(None))
                                  .order_by(model.position, model.id)).all()
    for index, sibling in enumerate(siblings):
        sibling.position = index + 1
    index = siblings.index(obj)
    other = index + direction
    if 0 <= other < len(siblings):
        siblings[index].position, siblings[other].position = siblings[other].position, siblings[index].position
        course_id = obj.course_id
        audit.record(actor, "course.reorder", "course", course_id, {"moved": obj.title, "direction": direction}, now)


def add_item(actor, module, kind, title, now, is_required=True, estimated_minutes=None):
    """Append an item of ``kind`` to ``module``; a lesson gets its empty body at once."""
    title = clean_line(title)
    if not title:
        raise DomainError(N_("The title is required."), field="title")
    position = (db.session.scalar(select(func.max(Item.position)).where(Item.module_id == module.id)) or 0) + 1
    item = Item(course_id=module.course_id, module_id=module.id, kind=kind, title=title, position=position,
                is_required=is_required, estimated_minutes=estimated_minutes, created_at=now, updated_at=now)
    db.session.add(item)
    db.session.flush()
    if kind == "lesson":
        db.session.add(Lesson(item_id=item.id, body_markdown="", body_html="", updated_at=now,
                              updated_by_id=actor.id if actor else None))
    if is_required:
        _mark_rules_changed(db.session.get(Course, module.course_id), now)
    audit.record(actor, "course.item_add", "course", module.course_id, {"kind": kind, "title": title}, now)
    return item


def update_item(actor, item, data, now):
    """Change an item's title, duration, module; the required flag is a completion rule (see rules)."""
    title = clean_line(data.get("title", item.title))
    if not title:
        raise DomainError(N_("The title is required."), field="title")
    values = {"title": title, "estimated_minutes": data.get("estimated_minutes", item.estimated_minutes),
              "module_id": data.get("module_id", item.module_id)}
    diff = audit.changes(item, tuple(values), values)
    for field, value in values.items():
        setattr(item, field, value)
    item.updated_at = now
    if diff:
        audit.record(actor, "course.item_edit", "course", item.course_id, {"item": item.id, "changes": _short(diff)}, now)
    return item


def remove_item(actor, item, now):
    """Take an item out of the outline; learners' results on it are kept."""
    item.removed_at = now
    if item.is_required:
        _mark_rules_changed(db.session.get(Course, item.course_id), now)
    audit.record(actor, "course.item_remove", "course", item.course_id, {"item": item.id, "title": item.title}, now)


def save_lesson(actor, lesson, markdown, citations, expected_version, now):
    """Save a lesson body and its citations unless someone saved a newer version meanwhile (409)."""
    if expected_version is not None and int(expected_version) != lesson.row_version:
        raise DomainError(N_("Someone else saved this lesson while you were editing. Your text is kept below: "
                             "copy it, reload the page, and apply your changes again."), status=409)
    changed = markdown != lesson.body_markdown
    lesson.body_markdown = markdown
    lesson.body_html = render_markdown(markdown)
    lesson.updated_at = now
    lesson.updated_by_id = actor.id if actor else None
    set_citations("lesson", lesson.item_id, citations)
    try:
        db.session.flush()
    except StaleDataError:
        raise DomainError(N_("Someone else saved this lesson while you were editing. Your text is kept below: "
                             "copy it, reload the page, and apply your changes again."), status=409) from None
    if changed:
        audit.record(actor, "lesson.update", "lesson", lesson.id, {"item": lesson.item_id,
                                                                    "characters": len(markdown)}, now)
    return lesson


def set_required_flags(actor, course, required_ids, now):
    """Apply the completion rule: which live items are required. Audited with the changes.

    The caller decides whether to recompute completion afterwards (courses with enrolments
    must: see routes.author.completion_rules).
    """
    items = db.session.scalars(select(Item).where(Item.course_id == course.id, Item.removed_at.is_(None))).all()
    changes = []
    for item in items:
        wanted = item.id in required_ids
        if item.is_required != wanted:
            item.is_required = wanted
            changes.append({"item": item.title, "required": wanted})
    if changes:
        audit.record(actor, "course.rules", "course", course.id, {"slug": course.slug, "changes": changes}, now)
        _mark_rules_changed(course, now)
    return changes


def has_enrolments(course):
    """Return whether anyone is enrolled in ``course``."""
    return bool(db.session.scalar(select(func.count()).select_from(Enrollment).where(Enrollment.course_id == course.id)))


def _apply_settings(course, data):
    course.title = clean_line(data.get("title", course.title))
    course.summary = data.get("summary", course.summary) or ""
    course.audience = clean_line(data.get("audience", course.audience) or "")
    course.complete_lessons_on_view = bool(data.get("complete_lessons_on_view", course.complete_lessons_on_view))
    course.self_enrollment = bool(data.get("self_enrollment", course.self_enrollment))
    days = data.get("relative_due_days", course.relative_due_days)
    if days is not None and (days < 1 or days > 3650):
        raise DomainError(N_("Enter a number of days between 1 and 3650."), field="relative_due_days")
    course.relative_due_days = days


def _check_version(obj, expected_version):
    if expected_version is not None and int(expected_version) != obj.row_version:
        raise DomainError(N_("Someone else saved this page while you were editing. Reload it and apply your "
                             "changes again."), status=409)


def _has_items(course):
    return bool(db.session.scalar(select(func.count()).select_from(Item)
                                  .where(Item.course_id == course.id, Item.removed_at.is_(None))))


def _mark_rules_changed(course, now):
    if course is not None and has_enrolments(course):
        course.completion_rules_changed_at = now


def _short(diff):
    return {k: [str(v)[:80] if v is not None else None for v in pair] for k, pair in diff.items()}
