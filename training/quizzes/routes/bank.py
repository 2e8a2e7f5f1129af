"""The question bank of a course: list and filter, categories, write and preview, import and export."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from training.core import imports
from training.core.errors import DomainError, abort_with, apply_domain_error
from training.core.forms import as_choices, csrf_valid
from training.core.security import AUTHORS, allow
from training.core.time import utcnow
from training.courses.services.legal import citations_for
from training.extensions import db
from training.quizzes.editor import EditorError, editor_fields, spec_from_editor
from training.quizzes.forms import CategoryForm, QuestionForm, QuestionImportForm
from training.quizzes.loaders import load_bank_course, load_category_for_course, load_question_for_author
from training.quizzes.models import QuestionTag
from training.quizzes.routes.question_editor import citation_pairs, citations_text, form_editor
from training.quizzes.services import bank
from training.quizzes.services.interchange import export_course, guess_format, issue_dicts, parse_file
from training.quizzes.spec import QTYPES
from training.quizzes.view_models import rich

bp = Blueprint("question_bank", __name__, url_prefix="/manage", template_folder="../templates")
IMPORT_KIND = "questions"


def type_labels():
    return {"single": _("Single choice"), "multiple": _("Multiple choice"), "truefalse": _("True/false"),
            "shortanswer": _("Short answer"), "numerical": _("Numerical"), "matching": _("Matching"),
            "ordering": _("Ordering"), "essay": _("Essay")}


@bp.get("/courses/<int:course_id>/questions")
@allow(AUTHORS)
def index(course_id):
    course = load_bank_course(current_user, course_id)
    categories = bank.categories_for(course.id)
    category_id = request.args.get("category", type=int)
    qtype = request.args.get("type") if request.args.get("type") in QTYPES else None
    tag = request.args.get("tag") or None
    search = (request.args.get("q") or "").strip()[:100] or None
    rows = bank.bank_questions(course.id, [category_id] if category_id else None, tag, qtype, search)
    tags = db.session.scalars(select(QuestionTag.tag).distinct().order_by(QuestionTag.tag)).all()
    category_form = CategoryForm()
    category_form.parent_id.choices = as_choices([(0, "—")] + [(c.id, bank.path_label(p)) for c, p in categories
                                                               if c.course_id == course.id])
    return render_template("quizzes/bank/index.html", course=course, rows=rows, categories=categories,
                           paths={c.id: bank.path_label(p) for c, p in categories}, tags=tags,
                           types=type_labels(), filters={"category": category_id, "type": qtype, "tag": tag,
                                                         "q": search or ""}, category_form=category_form)


@bp.post("/courses/<int:course_id>/categories")
@allow(AUTHORS)
def add_category(course_id):
    course = load_bank_course(current_user, course_id)
    form = CategoryForm()
    form.parent_id.choices = []
    if form.validate_on_submit():
        parent = load_category_for_course(course.id, form.parent_id.data) if form.parent_id.data else None
        bank.create_category(current_user, course.id, parent, form.name.data, utcnow())
        db.session.commit()
        flash(_("The category was added."), "success")
    else:
        flash(_("Enter the category name."), "danger")
    return redirect(url_for("question_bank.index", course_id=course.id))


def _editor(course, question=None):
    categories = bank.categories_for(course.id)
    qtype = question.qtype if question else request.args.get("type", "single")
    if qtype not in QTYPES:
        abort_with(404)
    if request.method == "GET":
        values = {"category_id": question.category_id if question else request.args.get("category", type=int)}
        if question is not None:
            spec = bank.spec_of(bank.newest_version(question))
            values.update(editor_fields(spec), tags=", ".join(spec.tags))
            values["citations"] = citations_text(question)
        form = QuestionForm(**values)
    else:
        form = QuestionForm()
    form.category_id.choices = as_choices((c.id, bank.path_label(p)) for c, p in categories)
    context = {"course": course, "question": question, "qtype": qtype, "types": type_labels(), "form": form}
    if not form.validate_on_submit():
        return render_template("quizzes/bank/edit.html", **context), 400 if form.is_submitted() else 200
    try:
        spec = spec_from_editor(qtype if question is None or qtype == "ordering" else None, form.source.data,
                                form.ordering_items.data, form.rubric.data, form.ignore_diacritics.data,
                                (form.tags.data or "").split(","))
        category = load_category_for_course(course.id, form.category_id.data)
        question, _version = bank.save_question(current_user, category, spec, utcnow(), question,
                                                citation_pairs(form.citations.data))
    except EditorError as error:
        db.session.rollback()
        line = error.issue.row
        message = error.issue.text(_)
        form.source.errors = [_("Line %(line)s: %(message)s", line=line, message=message) if line else message]
        return render_template("quizzes/bank/edit.html", **context), 400
    except DomainError as error:
        db.session.rollback()
        apply_domain_error(form, error)
        return render_template("quizzes/bank/edit.html", **context), 400
    db.session.commit()
    flash(_("The question was saved (version %(version)s).", version=question.version), "success")
    return redirect(url_for("question_bank.preview", question_id=question.id))


@bp.route("/courses/<int:course_id>/questions/new", methods=["GET", "POST"])
@allow(AUTHORS)
def create(course_id):
    return form_editor(load_bank_course(current_user, course_id), type_labels=type_labels())


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
@allow(AUTHORS)
def edit(question_id):
    question = load_question_for_author(current_user, question_id)
    return form_editor(_course_of(question), question, type_labels())


@bp.route("/courses/<int:course_id>/questions/new/gift", methods=["GET", "POST"])
@allow(AUTHORS)
def create_gift(course_id):
    return _editor(load_bank_course(current_user, course_id))


@bp.route("/questions/<int:question_id>/edit/gift", methods=["GET", "POST"])
@allow(AUTHORS)
def edit_gift(question_id):
    question = load_question_for_author(current_user, question_id)
    return _editor(_course_of(question), question)


def _course_of(question):
    """The course whose bank the editor returns to (a shared question names it in ``?course=``)."""
    course_id = question.category.course_id or request.args.get("course", type=int)
    if course_id is None:
        abort_with(404)
    return load_bank_course(current_user, course_id)


@bp.get("/questions/<int:question_id>")
@allow(AUTHORS)
def preview(question_id):
    question = load_question_for_author(current_user, question_id)
    spec = bank.spec_of(bank.newest_version(question))
    cited = citations_for(bank.CITATION_TARGET, [question.id]).get(question.id, [])
    return render_template("quizzes/bank/preview.html", question=question, spec=spec, rich=rich,
                           types=type_labels(), citations=cited)


@bp.post("/questions/<int:question_id>/remove")
@allow(AUTHORS)
def remove(question_id):
    question = load_question_for_author(current_user, question_id)
    course_id = question.category.course_id
    if csrf_valid():
        bank.remove_question(current_user, question, utcnow())
        db.session.commit()
        flash(_("The question was removed from the bank. Attempts keep the version they used."), "info")
    return redirect(url_for("question_bank.index", course_id=course_id) if course_id else url_for("home.index"))


@bp.route("/courses/<int:course_id>/questions/import", methods=["GET", "POST"])
@allow(AUTHORS)
def import_upload(course_id):
    course = load_bank_course(current_user, course_id)
    form = QuestionImportForm()
    if form.validate_on_submit():
        file_format = form.file_format.data
        if file_format == "auto":
            file_format = guess_format(form.file.data.filename or "")
        record = imports.store_upload(IMPORT_KIND, form.file.data.filename, form.file.data.read(), current_user,
                                      utcnow())
        record.options = {"format": file_format, "category": form.category.data or ""}
        db.session.commit()
        return redirect(url_for("question_bank.import_preview", course_id=course.id, import_id=record.id))
    return render_template("quizzes/bank/import.html", course=course, form=form), 400 if form.is_submitted() else 200


@bp.route("/courses/<int:course_id>/questions/import/<int:import_id>", methods=["GET", "POST"])
@allow(AUTHORS)
def import_preview(course_id, import_id):
    course = load_bank_course(current_user, course_id)
    record = imports.load_import_for(current_user, import_id, IMPORT_KIND)
    options = record.options or {}
    if record.status != imports.PENDING:
        return render_template("quizzes/bank/import_done.html", course=course, record=record)
    result = parse_file(options.get("format", "gift"), record.content)
    context = {"course": course, "record": record, "result": result, "types": type_labels(), "rich": rich,
               "errors": issue_dicts(result.issues, _), "notices": issue_dicts(result.notices, _)}
    if request.method == "GET":
        return render_template("quizzes/bank/import_preview.html", **context), 200 if result.ok else 400
    if not csrf_valid():
        abort_with(400)
    now = utcnow()
    if request.form.get("action") == "cancel" or not result.ok:
        imports.finish_import(record, imports.CANCELLED, None, options, now)
        db.session.commit()
        flash(_("The import was cancelled; nothing was changed.") if result.ok else
              _("Nothing was imported: the file has errors."), "info" if result.ok else "danger")
        return redirect(url_for("question_bank.index", course_id=course.id))
    created = bank.import_questions(current_user, course.id, result, now, options.get("category"))
    imports.finish_import(record, imports.APPLIED, {"questions": len(created), "types": result.by_type()}, options, now)
    db.session.commit()
    flash(_("%(count)s question(s) imported.", count=len(created)), "success")
    return redirect(url_for("question_bank.index", course_id=course.id))


@bp.get("/courses/<int:course_id>/questions/export.<any(gift, xml):extension>")
@allow(AUTHORS)
def export(course_id, extension):
    course = load_bank_course(current_user, course_id)
    data, _count = export_course(course.id, "gift" if extension == "gift" else "moodle-xml")
    mimetype = "text/plain; charset=utf-8" if extension == "gift" else "application/xml"
    name = f"{course.slug}-questions.{'gift.txt' if extension == 'gift' else 'xml'}"
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/questions")
@allow(AUTHORS)
def courses():
    from sqlalchemy import func

    from training.courses.models import Course
    from training.quizzes.models import Question, QuestionCategory

    counts = dict(db.session.execute(
        select(QuestionCategory.course_id, func.count(Question.id))
        .join(Question, Question.category_id == QuestionCategory.id)
        .where(Question.removed_at.is_(None)).group_by(QuestionCategory.course_id)).all())
    rows = db.session.scalars(select(Course).where(Course.status != "archived").order_by(Course.title)).all()
    return render_template("quizzes/bank/courses.html", courses=[(c, counts.get(c.id, 0)) for c in rows])
