"""The legal register: documents, what cites them, and marking a document superseded."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from training.core.errors import DomainError, abort_with, apply_domain_error
from training.core.forms import as_choices, csrf_valid
from training.core.security import AUTHORS, allow
from training.core.time import local_today, utcnow
from training.courses.forms import LegalDocumentForm, SupersedeForm
from training.courses.models import LegalDocument
from training.courses.services import legal
from training.extensions import db

bp = Blueprint("legal", __name__, url_prefix="/manage/legal", template_folder="../templates")

KINDS = (("luat", "Luật"), ("nghi-quyet", "Nghị quyết"), ("nghi-dinh", "Nghị định"), ("quyet-dinh", "Quyết định"),
         ("thong-tu", "Thông tư"), ("chi-thi", "Chỉ thị"), ("tai-lieu", "Tài liệu tham khảo"), ("khac", "Khác"))


def _load(document_id):
    document = db.session.get(LegalDocument, document_id)
    if document is None:
        abort_with(404)
    return document


def _today():
    return local_today(utcnow(), current_app.config["TIMEZONE"])


@bp.get("/")
@allow(AUTHORS)
def index():
    return render_template("courses/legal/index.html", documents=legal.all_documents(), today=_today(),
                           pending=legal.pending_replacements(_today()))


def _document_form(document=None):
    form = LegalDocumentForm(obj=document)
    form.kind.choices = as_choices(KINDS)
    others = [d for d in legal.all_documents() if document is None or d.id != document.id]
    form.replaces_id.choices = as_choices([(0, "—")] + [(d.id, d.label) for d in others])
    if request.method == "GET" and document is not None:
        form.replaces_id.data = document.replaces_id or 0
    return form


def _data(form):
    return {"number": form.number.data, "title": form.title.data, "kind": form.kind.data,
            "issued_on": form.issued_on.data, "effective_on": form.effective_on.data,
            "replaces_id": form.replaces_id.data or None, "note": form.note.data or ""}


@bp.route("/new", methods=["GET", "POST"])
@allow(AUTHORS)
def create():
    form = _document_form()
    if form.validate_on_submit():
        try:
            document = legal.save_document(current_user, None, _data(form), utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("courses/legal/form.html", form=form, document=None), 400
        db.session.commit()
        return redirect(url_for("legal.detail", document_id=document.id))
    return render_template("courses/legal/form.html", form=form, document=None), 400 if form.is_submitted() else 200


@bp.route("/<int:document_id>/edit", methods=["GET", "POST"])
@allow(AUTHORS)
def edit(document_id):
    document = _load(document_id)
    form = _document_form(document)
    if form.validate_on_submit():
        try:
            legal.save_document(current_user, document, _data(form), utcnow())
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
            return render_template("courses/legal/form.html", form=form, document=document), 400
        db.session.commit()
        flash(_("The document was saved."), "success")
        return redirect(url_for("legal.detail", document_id=document.id))
    return render_template("courses/legal/form.html", form=form, document=document), 400 if form.is_submitted() else 200


@bp.get("/<int:document_id>")
@allow(AUTHORS)
def detail(document_id):
    document = _load(document_id)
    form = SupersedeForm()
    others = [d for d in legal.all_documents() if d.id != document.id]
    form.replacement_id.choices = as_choices([(0, "—")] + [(d.id, d.label) for d in others])
    replacing = [d for d in others if d.replaces_id == document.id]
    if replacing:
        form.replacement_id.data = replacing[0].id
        form.superseded_on.data = replacing[0].effective_on
    return render_template("courses/legal/detail.html", document=document, form=form, today=_today(),
                           citations=legal.citations_of(document))


@bp.post("/<int:document_id>/supersede")
@allow(AUTHORS)
def supersede(document_id):
    document = _load(document_id)
    form = SupersedeForm()
    form.replacement_id.choices = as_choices([(0, "—")] + [(d.id, d.label) for d in legal.all_documents()])
    if not form.validate_on_submit():
        flash(_("Enter the date from which the document no longer applies (dd/mm/yyyy)."), "danger")
        return redirect(url_for("legal.detail", document_id=document.id))
    replacement = db.session.get(LegalDocument, form.replacement_id.data) if form.replacement_id.data else None
    try:
        grouped = legal.mark_superseded(current_user, document, replacement, form.superseded_on.data, utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(_(error.message, **error.params), "danger")
        return redirect(url_for("legal.detail", document_id=document.id))
    db.session.commit()
    count = sum(len(entries) for _label, entries in grouped)
    flash(_("%(document)s is marked superseded. %(count)s citations need review; they are listed below, and "
            "learners now see a notice on those lessons.", document=document.label, count=count), "warning")
    return redirect(url_for("legal.detail", document_id=document.id))


@bp.post("/<int:document_id>/restore")
@allow(AUTHORS)
def restore(document_id):
    document = _load(document_id)
    if csrf_valid():
        legal.clear_superseded(current_user, document, utcnow())
        db.session.commit()
        flash(_("The document is marked as in force again."), "info")
    return redirect(url_for("legal.detail", document_id=document.id))
