"""The question bank: categories, questions and their versions, tags, citations, imports and exports.

Saving a question whose newest version some attempt has used adds a version; otherwise the
newest version is rewritten in place (nobody has seen it yet, so nothing can drift).
"""

from dataclasses import replace

from sqlalchemy import delete, exists, func, select

from training.core import audit
from training.core.errors import DomainError
from training.core.messages import N_
from training.core.text import clean_line
from training.courses.services.legal import set_citations
from training.extensions import db
from training.quizzes.models import AttemptAnswer, Question, QuestionCategory, QuestionTag, QuestionVersion
from training.quizzes.spec import QuestionSpec

CITATION_TARGET = "question"


def categories_for(course_id):
    """Return ``[(category, path)]`` usable in ``course_id`` (its own, then shared ones); ``path`` is a tuple."""
    rows = db.session.scalars(select(QuestionCategory).where(
        (QuestionCategory.course_id == course_id) | QuestionCategory.course_id.is_(None))).all()
    by_id = {row.id: row for row in rows}

    def path(category):
        names = []
        while category is not None:
            names.append(category.name)
            category = by_id.get(category.parent_id)
        return tuple(reversed(names))

    return sorted(((row, path(row)) for row in rows), key=lambda pair: (pair[0].course_id is None, pair[1]))


def ensure_category(course_id, path, now):
    """Return the category at ``path`` (a tuple of names) in ``course_id``, creating missing levels."""
    parent = None
    for name in path:
        name = clean_line(name)[:255]
        if not name:
            continue
        found = db.session.scalar(select(QuestionCategory).where(
            QuestionCategory.course_id.is_(None) if course_id is None else QuestionCategory.course_id == course_id,
            QuestionCategory.parent_id.is_(None) if parent is None else QuestionCategory.parent_id == parent.id,
            QuestionCategory.name == name))
        if found is None:
            found = QuestionCategory(course_id=course_id, parent_id=parent.id if parent else None, name=name,
                                     created_at=now)
            db.session.add(found)
            db.session.flush()
        parent = found
    if parent is None:
        raise DomainError(N_("Enter the category name."), field="category")
    return parent


def create_category(actor, course_id, parent, name, now):
    """Add a category under ``parent`` (or at the top) of a course's bank, or the shared bank."""
    name = clean_line(name)
    if not name:
        raise DomainError(N_("Enter the category name."), field="name")
    if parent is not None and parent.course_id != course_id:
        raise DomainError(N_("The parent category belongs to another bank."), field="parent_id")
    path = []
    node = parent
    while node is not None:
        path.insert(0, node.name)
        node = node.parent
    category = ensure_category(course_id, (*path, name), now)
    audit.record(actor, "question.category", "question_category", category.id, {"name": name}, now)
    return category


def newest_version(question):
    """Return the newest :class:`QuestionVersion` of ``question``."""
    return db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == question.id,
                                                           QuestionVersion.number == question.version))


def spec_of(version):
    """Return the :class:`QuestionSpec` stored in ``version``."""
    return QuestionSpec.from_dict(version.spec)


def version_in_use(version_id):
    """Return whether any attempt has been given this version."""
    return db.session.scalar(select(exists().where(AttemptAnswer.question_version_id == version_id)))


def save_question(actor, category, spec, now, question=None, citations=None):
    """Create a question, or store ``spec`` as its new content; return ``(question, version)``.

    :param citations: ``[(document_id, article)]``, or ``None`` to leave them as they are.
    :raises DomainError: when the spec is not a valid question (the first issue's message).
    """
    issues = spec.validate()
    if issues:
        first = issues[0]
        raise DomainError(first.message, field="text", **first.params)
    spec = replace(spec, category=(), line=None)
    data = spec.to_dict()
    if question is None:
        question = Question(category_id=category.id, qtype=spec.qtype, name=spec.name[:255], version=1,
                            idnumber=spec.idnumber[:100], created_at=now, updated_at=now,
                            created_by_id=getattr(actor, "id", None))
        db.session.add(question)
        db.session.flush()
        version = QuestionVersion(question_id=question.id, number=1, spec=data, created_at=now,
                                  created_by_id=getattr(actor, "id", None))
        db.session.add(version)
        action = "question.create"
    else:
        version = newest_version(question)
        if version.spec == data and question.category_id == category.id:
            _set_tags(question, spec.tags)
            if citations is not None:
                set_citations(CITATION_TARGET, question.id, citations)
            return question, version
        if version_in_use(version.id):
            question.version += 1
            version = QuestionVersion(question_id=question.id, number=question.version, spec=data, created_at=now,
                                      created_by_id=getattr(actor, "id", None))
            db.session.add(version)
        else:
            version.spec = data
        question.category_id, question.qtype, question.name = category.id, spec.qtype, spec.name[:255]
        question.updated_at = now
        action = "question.update"
    db.session.flush()
    _set_tags(question, spec.tags)
    if citations is not None:
        set_citations(CITATION_TARGET, question.id, citations)
    audit.record(actor, action, "question", question.id, {"name": question.name, "version": question.version}, now)
    return question, version


def _set_tags(question, tags):
    db.session.execute(delete(QuestionTag).where(QuestionTag.question_id == question.id))
    for tag in dict.fromkeys(clean_line(t)[:100] for t in tags):
        if tag:
            db.session.add(QuestionTag(question_id=question.id, tag=tag))


def remove_question(actor, question, now):
    """Hide a question from the bank and from future draws; attempts keep their versions."""
    question.removed_at = now
    audit.record(actor, "question.remove", "question", question.id, {"name": question.name}, now)


def import_questions(actor, course_id, result, now, category_name=None):
    """Store every question of a :class:`ParseResult` (the caller checked ``result.ok``).

    Questions go to the category their file names (below ``category_name`` when given), or to
    ``category_name``, or to "Imported". :return: the created questions.
    """
    created = []
    base = tuple(part for part in (category_name or "").split("/") if part.strip())
    for spec in result.questions:
        path = base + tuple(spec.category) if spec.category else (base or ("Imported",))
        category = ensure_category(course_id, path, now)
        question, _version = save_question(actor, category, spec, now)
        created.append(question)
    audit.record(actor, "question.import", "course", course_id,
                 {"questions": len(created), "types": result.by_type()}, now)
    return created


def bank_questions(course_id, category_ids=None, tag=None, qtype=None, search=None):
    """Return ``[(question, category)]`` of a course's bank (and the shared one) matching the filters."""
    query = (select(Question, QuestionCategory).join(QuestionCategory, Question.category_id == QuestionCategory.id)
             .where(Question.removed_at.is_(None),
                    (QuestionCategory.course_id == course_id) | QuestionCategory.course_id.is_(None)))
    if category_ids:
        query = query.where(Question.category_id.in_(category_ids))
    if qtype:
        query = query.where(Question.qtype == qtype)
    if tag:
        query = query.where(Question.id.in_(select(QuestionTag.question_id).where(QuestionTag.tag == tag)))
    if search:
        query = query.where(func.lower(Question.name).contains(search.lower()))
    return db.session.execute(query.order_by(QuestionCategory.name, Question.name, Question.id)).all()


def export_specs(course_id):
    """Return ``(specs, categories)`` of a course's own bank, each spec carrying its category path."""
    from training.quizzes.interchange import CategorySpec

    paths = {category.id: path for category, path in categories_for(course_id) if category.course_id == course_id}
    specs, categories = [], []
    for question, _category in bank_questions(course_id):
        if question.category_id not in paths:
            continue
        path = paths[question.category_id]
        specs.append(replace(spec_of(newest_version(question)), category=path))
        if path not in [c.path for c in categories]:
            categories.append(CategorySpec(path=path))
    return specs, categories


def path_label(path):
    """Return a category path for people: "Alpha / Beta"."""
    return " / ".join(path)
