"""The legal register: documents, citations, and what to do when a law is replaced."""

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import aliased, joinedload

from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_
from training.core.text import clean_line, slugify
from training.courses.models import LegalCitation, LegalDocument
from training.courses.registry import CITATION_TARGETS
from training.courses.signals import legal_document_superseded
from training.extensions import db

DOCUMENT_FIELDS = ("number", "title", "kind", "issued_on", "effective_on", "replaces_id", "note")


def all_documents():
    """Return every document, newest first."""
    return db.session.scalars(
        select(LegalDocument).options(joinedload(LegalDocument.superseded_by), joinedload(LegalDocument.replaces))
        .order_by(LegalDocument.issued_on.desc().nulls_last(), LegalDocument.title)
    ).unique().all()


def save_document(actor, document, data, now):
    """Create (``document`` None) or update a register entry from ``data``; audited."""
    values = {field: data.get(field) for field in DOCUMENT_FIELDS}
    values["number"] = clean_line(values["number"])
    values["title"] = clean_line(values["title"])
    if not values["title"]:
        raise DomainError(N_("The title is required."), field="title")
    if document is not None and values.get("replaces_id") == document.id:
        raise DomainError(N_("A document cannot replace itself."), field="replaces_id")
    if document is None:
        code = slugify(data.get("code") or f"{values['title']} {values['number']}", 64)
        if db.session.scalar(select(LegalDocument).where(LegalDocument.code == code)):
            raise DomainError(N_("A document with this code already exists."), field="code")
        document = LegalDocument(code=code, created_at=now, updated_at=now, **values)
        db.session.add(document)
        db.session.flush()
        audit.record(actor, "legal.create", "legal_document", document.id, {"number": document.number}, now)
        return document
    diff = audit.changes(document, DOCUMENT_FIELDS, values)
    for field, value in values.items():
        setattr(document, field, value)
    document.updated_at = now
    if diff:
        audit.record(actor, "legal.update", "legal_document", document.id,
                     {"number": document.number, "changes": diff}, now)
    return document


def mark_superseded(actor, document, replacement, superseded_on, now):
    """Record that ``document`` no longer applies from ``superseded_on``, replaced by ``replacement``.

    :return: the citations of the document, grouped for review (see :func:`citations_of`).
    """
    if replacement is not None and replacement.id == document.id:
        raise DomainError(N_("A document cannot replace itself."), field="replacement_id")
    if superseded_on is None:
        raise DomainError(N_("Enter the date from which the document no longer applies."), field="superseded_on")
    document.superseded_by_id = replacement.id if replacement else None
    document.superseded_on = superseded_on
    document.updated_at = now
    db.session.flush()
    audit.record(actor, "legal.supersede", "legal_document", document.id,
                 {"number": document.number, "replaced_by": replacement.number if replacement else None,
                  "from": superseded_on.isoformat()}, now)
    legal_document_superseded.send(document, actor=actor, now=now)
    return citations_of(document)


def clear_superseded(actor, document, now):
    """Undo a mistaken "superseded" mark."""
    document.superseded_by_id = None
    document.superseded_on = None
    document.updated_at = now
    audit.record(actor, "legal.unsupersede", "legal_document", document.id, {"number": document.number}, now)


def pending_replacements(today):
    """Return ``[(old, new)]`` where ``new`` has taken effect but ``old`` is not yet marked superseded."""
    newer = db.session.scalars(
        select(LegalDocument).options(joinedload(LegalDocument.replaces))
        .where(LegalDocument.replaces_id.is_not(None), LegalDocument.effective_on <= today)
    ).unique().all()
    return [(doc.replaces, doc) for doc in newer if doc.replaces is not None and doc.replaces.superseded_on is None]


def citations_for(target_type, target_ids):
    """Return ``{target_id: [LegalCitation]}`` for the given citing objects (one query)."""
    if not target_ids:
        return {}
    rows = db.session.scalars(_citations_statement(),
                              {"target_type": target_type, "target_ids": list(target_ids)}).unique().all()
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.target_id].append(row)
    return grouped


def set_citations(target_type, target_id, pairs):
    """Replace the citations of one object with ``[(document_id, article)]`` (duplicates dropped)."""
    db.session.execute(
        delete(LegalCitation).where(LegalCitation.target_type == target_type, LegalCitation.target_id == target_id)
    )
    seen = set()
    for document_id, article in pairs:
        key = (document_id, clean_line(article))
        if not document_id or key in seen:
            continue
        seen.add(key)
        db.session.add(LegalCitation(document_id=document_id, article=key[1], target_type=target_type,
                                     target_id=target_id))


def citations_of(document):
    """Return every citation of ``document``, described by the feature that made it.

    :return: ``[(target label, [(title, context, article, endpoint, url values)])]``.
    """
    rows = db.session.scalars(select(LegalCitation).where(LegalCitation.document_id == document.id)).unique().all()
    by_type = defaultdict(list)
    for row in rows:
        by_type[row.target_type].append(row)
    grouped = []
    for target_type, citations in sorted(by_type.items()):
        target = CITATION_TARGETS.get(target_type)
        if target is None:
            continue
        described = target.describe(sorted({c.target_id for c in citations}))
        entries = []
        for citation in citations:
            if citation.target_id in described:
                title, context, endpoint, values = described[citation.target_id]
                entries.append((title, context, citation.article, endpoint, values))
        grouped.append((target.label, sorted(entries, key=lambda e: (e[1], e[0]))))
    return grouped


@dataclass(frozen=True)
class SupersededCitation:
    """A citation whose document no longer applies (plain data for notices)."""

    target_id: int
    article: str
    document_label: str
    superseded_on: object
    replacement_label: str | None


def superseded_citations(target_type, target_ids, today):
    """Return ``{target_id: [SupersededCitation]}`` for citations of documents superseded by ``today``.

    The filter runs in SQL and returns plain rows: a course whose laws are all in force costs
    one cheap empty query.
    """
    if not target_ids:
        return {}
    rows = db.session.execute(_superseded_statement(),
                              {"target_type": target_type, "target_ids": list(target_ids), "today": today}).all()
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.target_id].append(SupersededCitation(
            row.target_id, row.article, _label(row.title, row.number), row.superseded_on,
            _label(row.new_title, row.new_number) if row.new_title else None))
    return grouped


@cache
def _citations_statement():
    """The citations of some objects (with their documents, a joined load), built once per process."""
    return (
        select(LegalCitation)
        .where(LegalCitation.target_type == bindparam("target_type"),
               LegalCitation.target_id.in_(bindparam("target_ids", expanding=True)))
        .order_by(LegalCitation.id)
    )


@cache
def _superseded_statement():
    """Build the superseded-citations query once per process.

    Building it per call (a fresh ``aliased()`` each time) cost more than running it: column
    adaptation for the alias is not cached across aliases. Bound parameters carry the values.
    """
    replacement = aliased(LegalDocument)
    return (
        select(LegalCitation.target_id, LegalCitation.article, LegalDocument.title, LegalDocument.number,
               LegalDocument.superseded_on, replacement.title.label("new_title"),
               replacement.number.label("new_number"))
        .join(LegalDocument, LegalCitation.document_id == LegalDocument.id)
        .outerjoin(replacement, LegalDocument.superseded_by_id == replacement.id)
        .where(LegalCitation.target_type == bindparam("target_type"),
               LegalCitation.target_id.in_(bindparam("target_ids", expanding=True)),
               LegalDocument.superseded_on <= bindparam("today", type_=LegalDocument.superseded_on.type))
        .order_by(LegalCitation.id)
    )


def _label(title, number):
    return f"{title} ({number})" if number else title
