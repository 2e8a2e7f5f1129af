"""Wire quizzes into the app: the quiz item kind, question citations, blueprints, menu, audit, demo, CLI."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from training.core.audit import register_actions
from training.core.navigation import NavEntry, register_nav
from training.core.security import AUTHORS
from training.core.seeding import SeedStep, register_seed_step
from training.courses.registry import CitationTarget, ItemKind, register_citation_target, register_item_kind
from training.extensions import db
from training.quizzes.demo import seed_quizzes
from training.quizzes.models import Question, QuestionCategory
from training.quizzes.routes import authoring, bank, grading_queue, learner


def init_app(app):
    """Register the quiz blueprints, the quiz item kind, question citations, menu, audit labels, demo, CLI."""
    for blueprint in (learner.bp, authoring.bp, grading_queue.bp, bank.bp):
        app.register_blueprint(blueprint)
    register_item_kind(ItemKind("quiz", _l("Quiz"), "quizzes.quiz_page", "quiz_admin.edit",
                                create_endpoint="quiz_admin.create", icon="ui-checks", order=20))
    register_citation_target(CitationTarget("question", _l("Questions"), _describe_questions))
    register_nav(NavEntry("question_bank.courses", _l("Question banks"), AUTHORS,
                          _l("Questions per course: write, import GIFT or Moodle XML, export."), 33, section="teaching"))
    register_nav(NavEntry("quiz_grading.queue", _l("Grading"), AUTHORS,
                          _l("Written answers waiting for a mark, with the rubric."), 35, section="teaching"))
    register_actions({
        "question.create": _l("Question created"), "question.update": _l("Question edited"),
        "question.remove": _l("Question removed"), "question.import": _l("Questions imported"),
        "question.category": _l("Question category added"), "quiz.settings": _l("Quiz settings changed"),
        "quiz.slots": _l("Quiz questions changed"), "quiz.grade": _l("Answer marked"),
        "quiz.regrade": _l("Quiz regraded"), "quiz.override": _l("Quiz accommodation for a learner"),
    })
    register_seed_step(SeedStep("quizzes", 30, seed_quizzes))
    from training.quizzes.cli import quizzes_cli

    app.cli.add_command(quizzes_cli)


def _describe_questions(question_ids):
    """Describe citing questions for the legal register: name, category, link to the preview."""
    rows = db.session.execute(
        select(Question.id, Question.name, QuestionCategory.name)
        .join(QuestionCategory, Question.category_id == QuestionCategory.id)
        .where(Question.id.in_(question_ids), Question.removed_at.is_(None))).all()
    return {row[0]: (row[1], row[2], "question_bank.preview", {"question_id": row[0]}) for row in rows}
