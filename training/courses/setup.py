"""Wire courses into the app: blueprints, the lesson item kind, citations, menu, home panel, audit labels."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from training.core.audit import register_actions
from training.core.navigation import HomePanel, NavEntry, register_home_panel, register_nav
from training.core.security import AUTHENTICATED, AUTHORS, STAFF
from training.core.seeding import SeedStep, register_seed_step
from training.core.time import utcnow
from training.courses import queries
from training.courses.demo import seed_courses
from training.courses.models import Course, Item, Module
from training.courses.registry import CitationTarget, ItemKind, register_citation_target, register_item_kind
from training.courses.routes import author, classes, enrol, learn, legal, structure
from training.extensions import db


def init_app(app):
    """Register the course blueprints and what other features need to know about lessons."""
    for blueprint in (learn.bp, author.bp, structure.bp, enrol.bp, classes.bp, legal.bp):
        app.register_blueprint(blueprint)
    register_item_kind(ItemKind("lesson", _l("Lesson"), "courses.lesson", "course_structure.edit_lesson",
                                create_endpoint="course_structure.add_item", icon="journal-text", order=10))
    register_citation_target(CitationTarget("lesson", _l("Lessons"), _describe_lessons))
    register_nav(NavEntry("courses.my_learning", _l("My learning"), AUTHENTICATED,
                          _l("Your courses, progress and what to do next."), 10, home_card=False))
    register_nav(NavEntry("course_admin.index", _l("Courses"), STAFF,
                          _l("Write courses, enrol learners, follow progress."), 20,
                          section="teaching"))
    register_nav(NavEntry("classes.index", _l("Training classes"), STAFF,
                          _l("Classes (lớp tập huấn) with their trainer, dates and progress table."), 30,
                          section="teaching"))
    register_nav(NavEntry("legal.index", _l("Legal register"), AUTHORS,
                          _l("Laws and decrees cited by lessons, and what replaced them."), 40,
                          section="teaching"))
    register_home_panel(HomePanel("my-learning", "courses/_home_panel.html", _learning_panel, AUTHENTICATED, 10))
    register_seed_step(SeedStep("courses", 20, seed_courses))
    register_actions({
        "progress.replace": _l("Result corrected by a regrade"),
        "course.create": _l("Course created"), "course.update": _l("Course settings changed"),
        "course.status": _l("Course published, unpublished or archived"), "course.version": _l("New course version"),
        "course.module_add": _l("Module added"), "course.module_edit": _l("Module renamed"),
        "course.module_remove": _l("Module removed"), "course.reorder": _l("Outline reordered"),
        "course.item_add": _l("Item added"), "course.item_edit": _l("Item edited"),
        "course.item_remove": _l("Item removed"), "course.rules": _l("Completion rules changed"),
        "course.recompute": _l("Completion recomputed"), "lesson.update": _l("Lesson text changed"),
        "lesson.image": _l("Lesson image uploaded"), "enrolment.add": _l("People enrolled"),
        "enrolment.withdraw": _l("Enrolment withdrawn"), "enrolment.request": _l("Enrolment request answered"),
        "class.create": _l("Class created"), "class.update": _l("Class edited"),
        "legal.create": _l("Legal document added"), "legal.update": _l("Legal document edited"),
        "legal.supersede": _l("Legal document marked superseded"),
        "legal.unsupersede": _l("Legal document back in force"), "import.enrolments": _l("Enrolment list imported"),
    })


def _learning_panel(user):
    return {"rows": queries.learning_rows(user, utcnow())[:6]}


def _describe_lessons(item_ids):
    """Describe citing lessons for the legal register: title, course › module, link."""
    rows = db.session.execute(
        select(Item.id, Item.title, Module.title, Course.title)
        .join(Module, Item.module_id == Module.id).join(Course, Item.course_id == Course.id)
        .where(Item.id.in_(item_ids), Item.removed_at.is_(None))
    ).all()
    return {row[0]: (row[1], f"{row[3]} › {row[2]}", "course_structure.edit_lesson", {"item_id": row[0]})
            for row in rows}
