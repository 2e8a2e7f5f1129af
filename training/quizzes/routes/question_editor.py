"""The per-type question form of the bank (the page behind ``question_bank.create`` and ``.edit``).

The form's fields are read and judged by the pure :mod:`training.quizzes.question_form`; this
module adds what needs the database (the category, the legal citations), saves through
``bank.save_question`` (a new version when the question was answered) and re-renders the form
with every error next to its field and status 400 when anything is wrong.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from training.core.errors import DomainError, abort_with
from training.core.forms import csrf_valid
from training.core.messages import N_
from training.core.time import utcnow
from training.courses.models import LegalDocument
from training.courses.services.legal import citations_for
from training.extensions import db
from training.quizzes.loaders import load_category_for_course
from training.quizzes.question_form import (
    MAX_ROWS,
    ROW_PARTS,
    apply_row_op,
    blank_state,
    read_form,
    spec_from_form,
    state_from_spec,
)
from training.quizzes.services import bank
from training.quizzes.spec import QTYPES


def citation_pairs(text):
    """Read "code | article" lines into ``[(document_id, article)]``; an unknown code is a field error."""
    pairs = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        code, _sep, article = line.partition("|")
        document = db.session.scalar(select(LegalDocument).where(LegalDocument.code == code.strip()))
        if document is None:
            raise DomainError(N_("No legal document has the code %(code)s."), field="citations", code=code.strip())
        pairs.append((document.id, article.strip()))
    return pairs


def citations_text(question):
    """Return the question's citations as the form's "code | article" lines."""
    cited = citations_for(bank.CITATION_TARGET, [question.id]).get(question.id, [])
    return "\n".join(f"{c.document.code} | {c.article}" for c in cited)


def form_editor(course, question=None, type_labels=None):
    """Show (GET) or save (POST) the per-type form of a new question of ``course`` or of ``question``."""
    qtype = question.qtype if question else request.args.get("type", "single")
    if qtype not in QTYPES:
        abort_with(404)
    base = bank.spec_of(bank.newest_version(question)) if question else None
    categories = bank.categories_for(course.id)
    context = {"course": course, "question": question, "qtype": qtype, "types": type_labels,
               "categories": [(c.id, bank.path_label(p)) for c, p in categories], "row_parts": ROW_PARTS.get(qtype, ()),
               "max_rows": MAX_ROWS}
    if request.method == "GET":
        state = state_from_spec(base) if base else blank_state(qtype)
        extra = {"category_id": question.category_id if question else request.args.get("category", type=int),
                 "citations": citations_text(question) if question else ""}
        return _page(context, state, extra, 200)
    if not csrf_valid():
        abort_with(400)
    state = read_form(qtype, request.form.get)
    extra = {"category_id": request.form.get("category_id", type=int), "citations": request.form.get("citations", "")}
    if apply_row_op(state, request.form.get("op")):
        return _page(context, state, extra, 200)  # a row added or removed: nothing is saved yet
    spec = spec_from_form(state, base)
    errors = _translated(state.errors)
    try:
        if extra["category_id"] not in {c.id for c, _p in categories}:
            raise DomainError(N_("Choose a category."), field="category_id")
        citations = citation_pairs(extra["citations"])
        if spec is None:
            return _page(context, state, extra, 400, errors)
        category = load_category_for_course(course.id, extra["category_id"])
        question, _version = bank.save_question(current_user, category, spec, utcnow(), question, citations)
    except DomainError as error:
        db.session.rollback()
        errors.setdefault(error.field or "", []).append(_(error.message, **error.params) if error.params
                                                         else _(error.message))
        return _page(context, state, extra, 400, errors)
    db.session.commit()
    flash(_("The question was saved (version %(version)s).", version=question.version), "success")
    return redirect(url_for("question_bank.preview", question_id=question.id))


def _translated(errors):
    return {name: [issue.text(_) for issue in issues] for name, issues in errors.items()}


def _page(context, state, extra, status, errors=None):
    errors = errors if errors is not None else _translated(state.errors)
    return render_template("quizzes/bank/question_form.html", state=state, extra=extra, errors=errors,
                           **context), status
