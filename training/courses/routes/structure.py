"""Editing a course's outline: modules, items, lesson text, citations and images."""

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from training.core.errors import DomainError, abort_with, apply_domain_error
from training.core.forms import as_choices
from training.core.markdown import render_markdown
from training.core.security import AUTHORS, allow
from training.core.time import utcnow
from training.courses.forms import ImageForm, ItemForm, LessonForm, ModuleForm, NewItemForm, VersionForm
from training.courses.loaders import load_course_for_author, load_item_for_author, load_module_for_author
from training.courses.models import Lesson, LessonMedia, Module
from training.courses.registry import ITEM_KINDS, item_kind
from training.courses.services import authoring, media
from training.courses.services.legal import all_documents, citations_for
from training.extensions import db

bp = Blueprint("course_structure", __name__, url_prefix="/manage", template_folder="../templates")


@bp.get("/courses/<int:course_id>")
@allow(AUTHORS)
def structure(course_id):
    course = load_course_for_author(current_user, course_id, outline=True)
    new_item = NewItemForm()
    new_item.kind.choices = _kind_choices()
    return render_template("courses/manage/structure.html", course=course, module_form=ModuleForm(),
                           item_form=new_item, version_form=VersionForm(), kinds=ITEM_KINDS, item_kind=item_kind)


@bp.post("/courses/<int:course_id>/modules")
@allow(AUTHORS)
def add_module(course_id):
    course = load_course_for_author(current_user, course_id)
    form = ModuleForm()
    if form.validate_on_submit():
        authoring.add_module(current_user, course, form.title.data, utcnow())
        db.session.commit()
        flash(_("The module was added."), "success")
    else:
        flash(_("Enter the title."), "danger")
    return redirect(url_for("course_structure.structure", course_id=course.id))


@bp.route("/modules/<int:module_id>/edit", methods=["GET", "POST"])
@allow(AUTHORS)
def edit_module(module_id):
    module = load_module_for_author(current_user, module_id)
    form = ModuleForm(obj=module)
    if form.validate_on_submit():
        authoring.rename_module(current_user, module, form.title.data, form.summary.data, utcnow())
        db.session.commit()
        return redirect(url_for("course_structure.structure", course_id=module.course_id))
    return render_template("courses/manage/module.html", form=form, module=module), 400 if form.is_submitted() else 200


@bp.post("/modules/<int:module_id>/move")
@allow(AUTHORS)
def move_module(module_id):
    module = load_module_for_author(current_user, module_id)
    authoring.move(current_user, module, -1 if request.form.get("direction") == "up" else 1, utcnow())
    db.session.commit()
    return redirect(url_for("course_structure.structure", course_id=module.course_id))


@bp.post("/modules/<int:module_id>/remove")
@allow(AUTHORS)
def remove_module(module_id):
    module = load_module_for_author(current_user, module_id)
    authoring.remove_module(current_user, module, utcnow())
    db.session.commit()
    flash(_("The module was removed from the course. Learners' results are kept."), "info")
    return redirect(url_for("course_structure.structure", course_id=module.course_id))


@bp.post("/modules/<int:module_id>/items")
@allow(AUTHORS)
def add_item(module_id):
    module = load_module_for_author(current_user, module_id)
    form = NewItemForm()
    form.kind.choices = _kind_choices()
    if not form.validate_on_submit():
        flash(_("Enter the title."), "danger")
        return redirect(url_for("course_structure.structure", course_id=module.course_id))
    kind = ITEM_KINDS[form.kind.data]
    if kind.create_endpoint and kind.name != "lesson":
        # Quizzes and simulations create their own content, then the item.
        return redirect(url_for(kind.create_endpoint, module_id=module.id, title=form.title.data))
    item = authoring.add_item(current_user, module, "lesson", form.title.data, utcnow(), form.is_required.data,
                              form.estimated_minutes.data)
    db.session.commit()
    return redirect(url_for("course_structure.edit_lesson", item_id=item.id))


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@allow(AUTHORS)
def edit_item(item_id):
    item = load_item_for_author(current_user, item_id)
    form = ItemForm(obj=item)
    modules = db.session.scalars(select(Module).where(Module.course_id == item.course_id, Module.removed_at.is_(None))
                                 .order_by(Module.position)).all()
    form.module_id.choices = as_choices((m.id, m.title) for m in modules)
    if form.validate_on_submit():
        authoring.update_item(current_user, item, {"title": form.title.data, "module_id": form.module_id.data,
                                                   "estimated_minutes": form.estimated_minutes.data}, utcnow())
        db.session.commit()
        flash(_("The item was saved."), "success")
        return redirect(url_for("course_structure.structure", course_id=item.course_id))
    return render_template("courses/manage/item.html", form=form, item=item, kind=item_kind(item.kind)), \
        400 if form.is_submitted() else 200


@bp.post("/items/<int:item_id>/move")
@allow(AUTHORS)
def move_item(item_id):
    item = load_item_for_author(current_user, item_id)
    authoring.move(current_user, item, -1 if request.form.get("direction") == "up" else 1, utcnow())
    db.session.commit()
    return redirect(url_for("course_structure.structure", course_id=item.course_id) + f"#item-{item.id}")


@bp.post("/items/<int:item_id>/remove")
@allow(AUTHORS)
def remove_item(item_id):
    item = load_item_for_author(current_user, item_id)
    authoring.remove_item(current_user, item, utcnow())
    db.session.commit()
    flash(_("%(title)s was removed from the course. Learners' results are kept.", title=item.title), "info")
    return redirect(url_for("course_structure.structure", course_id=item.course_id))


@bp.route("/lessons/<int:item_id>/edit", methods=["GET", "POST"])
@allow(AUTHORS)
def edit_lesson(item_id):
    item = load_item_for_author(current_user, item_id, kind="lesson")
    lesson = db.session.scalar(select(Lesson).where(Lesson.item_id == item.id))
    documents = [(0, "—")] + [(d.id, d.label) for d in all_documents()]
    if request.method == "GET":
        existing = citations_for("lesson", [item.id]).get(item.id, [])
        form = LessonForm(body_markdown=lesson.body_markdown, row_version=lesson.row_version,
                          citations=[{"document_id": c.document_id, "article": c.article} for c in existing] or [{}])
        form.citations.append_entry()
    else:
        form = LessonForm()
    for entry in form.citations:
        entry.document_id.choices = as_choices(documents)
    images = db.session.scalars(select(LessonMedia).where(LessonMedia.course_id == item.course_id)
                                .order_by(LessonMedia.uploaded_at.desc())).all()
    context = {"item": item, "lesson": lesson, "image_form": ImageForm(), "images": images}
    if form.validate_on_submit():
        pairs = [(e.document_id.data, e.article.data) for e in form.citations if e.document_id.data]
        try:
            authoring.save_lesson(current_user, lesson, form.body_markdown.data or "", pairs,
                                  form.row_version.data or None, utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("courses/manage/lesson_edit.html", form=form, **context), error.status
        db.session.commit()
        flash(_("The lesson was saved."), "success")
        return redirect(url_for("course_structure.edit_lesson", item_id=item.id))
    return render_template("courses/manage/lesson_edit.html", form=form, **context), 400 if form.is_submitted() else 200


@bp.post("/lessons/preview")
@allow(AUTHORS)
def preview_markdown():
    payload = request.get_json(silent=True) or {}
    source = payload.get("markdown", "")
    if not isinstance(source, str) or len(source) > 200_000:
        abort_with(400, _("The text is too long to preview."))
    return jsonify({"html": render_markdown(source)})


@bp.post("/courses/<int:course_id>/images")
@allow(AUTHORS)
def upload_image(course_id):
    course = load_course_for_author(current_user, course_id)
    form = ImageForm()
    back = request.form.get("back_item", type=int)
    target = url_for("course_structure.edit_lesson", item_id=back) if back else \
        url_for("course_structure.structure", course_id=course.id)
    if not form.validate_on_submit():
        flash(_("Choose an image."), "danger")
        return redirect(target)
    try:
        record = media.add_image(current_user, course, form.image.data.filename, form.image.data.read(),
                                 current_app.config["UPLOAD_IMAGE_MAX_BYTES"], utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(_(error.message, **error.params), "danger")
        return redirect(target), 303
    db.session.commit()
    flash(_("The image was uploaded. Copy its Markdown code into the lesson: %(code)s",
            code=f"![{record.original_name}]({url_for('courses.media', media_id=record.id)})"), "success")
    return redirect(target)


def _kind_choices():
    kinds = sorted(ITEM_KINDS.values(), key=lambda k: k.order)
    return as_choices((k.name, k.label) for k in kinds if k.create_endpoint)
