"""Who may use the quiz pages. The learner is enrolled and has a finished attempt and one in progress."""

from tests.access import AUTHOR_REDIRECT, AUTHORS, AUTHORS_BAD_FORM, LOGGED_IN, Route, expect

OWN_ATTEMPT = expect(302, 200, 404, 404, 404, 404)  # another person's attempt: 404
OWN_ATTEMPT_POST = expect(302, 302, 404, 404, 404, 404)
OWN_ATTEMPT_JSON = expect(401, 200, 404, 404, 404, 404)
ENROLLED_START = expect(302, 302, 403, 403, 403, 403)
UPLOADER_ONLY = expect(302, 403, 200, 404, 403, 403)  # an import is visible to the person who uploaded it
UPLOADER_ONLY_POST = expect(302, 403, 302, 404, 403, 403)
AUTHOR_OK_FORM = expect(302, 403, 200, 200, 403, 403)  # "add a row" re-shows the form, saving nothing


def setup(world):
    """A quiz (two choice questions and an essay), a finished attempt awaiting a mark, one in progress."""
    from tests.quizzes.factory import quiz_course
    from training.core import imports
    from training.core.time import utcnow
    from training.extensions import db
    from training.quizzes.services import attempts as engine

    data = quiz_course(world)
    learner, now = world["people"]["learner"], utcnow()
    from training.courses.loaders import enrollment_of

    enrollment = enrollment_of(learner, data["course"].id)
    finished = engine.start_attempt(learner, data["quiz"], enrollment, now)
    rows = engine.answers_with_specs(finished)
    engine.save_answer(finished, rows[2][0].position, 1, "Bài làm", now, 60)
    engine.finish_attempt(finished, now)
    current = engine.start_attempt(learner, data["quiz"], enrollment, now)
    record = imports.store_upload("questions", "q.gift.txt", b"::A:: 1+1? {=2 ~3}\n", world["people"]["trainer"], now)
    record.options = {"format": "gift", "category": ""}
    db.session.commit()
    essay_answer = engine.answers_with_specs(finished)[2][0]
    other = quiz_course(world, slug="quiz-khac", enrol=())
    practice = quiz_course(world, slug="quiz-luyen-tap", mode="practice")
    practising = engine.start_attempt(learner, practice["quiz"], enrollment_of(learner, practice["course"].id), now)
    db.session.commit()
    return {**data, "other_item": other["item"], "finished": finished, "current": current, "essay_answer": essay_answer, "import": record,
            "practising": practising,
            "slot": data["quiz"].slots[0]}


def _item(w):
    return {"item_id": w["item"].id}


ROUTES = [
    Route("quizzes.quiz_page", "GET", LOGGED_IN, _item),
    Route("quizzes.quiz_page", "GET", expect(302, 403, 200, 200, 200, 200), lambda w: {"item_id": w["other_item"].id}),
    Route("quizzes.start", "POST", ENROLLED_START, _item),
    Route("quizzes.attempt_page", "GET", OWN_ATTEMPT, lambda w: {"attempt_id": w["current"].id}),
    Route("quizzes.save_page", "POST", OWN_ATTEMPT_POST, lambda w: {"attempt_id": w["current"].id}),
    Route("quizzes.save_answer", "POST", OWN_ATTEMPT_JSON, lambda w: {"attempt_id": w["current"].id},
          json=lambda w: {"position": 1, "seq": 1, "fields": {"q1": ["1"]}}),
    Route("quizzes.check", "POST", OWN_ATTEMPT_POST, lambda w: {"attempt_id": w["practising"].id, "position": 1}),
    Route("quizzes.check", "POST", expect(302, 403, 404, 404, 404, 404),  # an exam refuses it
          lambda w: {"attempt_id": w["current"].id, "position": 1}),
    Route("quizzes.submit", "POST", OWN_ATTEMPT_POST, lambda w: {"attempt_id": w["current"].id}),
    Route("quizzes.review", "GET", OWN_ATTEMPT, lambda w: {"attempt_id": w["finished"].id}),
    Route("quiz_admin.create", "GET", AUTHORS, lambda w: {"module_id": w["module"].id}),
    Route("quiz_admin.create", "POST", AUTHORS_BAD_FORM, lambda w: {"module_id": w["module"].id}),
    Route("quiz_admin.edit", "GET", AUTHORS, _item),
    Route("quiz_admin.edit", "POST", AUTHORS_BAD_FORM, _item),
    Route("quiz_admin.add_slot", "POST", AUTHORS_BAD_FORM, _item),
    Route("quiz_admin.remove_slot", "POST", AUTHOR_REDIRECT, lambda w: {"slot_id": w["slot"].id}),
    Route("quiz_admin.regrade", "POST", AUTHOR_REDIRECT, _item),
    Route("quiz_admin.save_override", "POST", AUTHORS_BAD_FORM, _item),
    Route("quiz_grading.queue", "GET", AUTHORS),
    Route("quiz_grading.mark", "GET", AUTHORS, lambda w: {"answer_id": w["essay_answer"].id}),
    Route("quiz_grading.mark", "POST", AUTHORS_BAD_FORM, lambda w: {"answer_id": w["essay_answer"].id}),
    Route("quiz_grading.statistics", "GET", AUTHORS, _item),
    Route("quiz_grading.statistics_export", "GET", AUTHORS, lambda w: {"item_id": w["item"].id, "extension": "csv"}),
    Route("question_bank.courses", "GET", AUTHORS),
    Route("question_bank.index", "GET", AUTHORS, lambda w: {"course_id": w["course"].id}),
    Route("question_bank.add_category", "POST", AUTHOR_REDIRECT, lambda w: {"course_id": w["course"].id}),
    Route("question_bank.create", "GET", AUTHORS, lambda w: {"course_id": w["course"].id}),
    Route("question_bank.create", "POST", AUTHORS_BAD_FORM, lambda w: {"course_id": w["course"].id}),
    Route("question_bank.edit", "GET", AUTHORS, lambda w: {"question_id": w["questions"][0].id}),
    Route("question_bank.edit", "POST", AUTHORS_BAD_FORM, lambda w: {"question_id": w["questions"][0].id}),
    Route("question_bank.create", "POST", AUTHOR_OK_FORM, lambda w: {"course_id": w["course"].id},
          data=lambda w: {"op": "add"}),
    Route("question_bank.create_gift", "GET", AUTHORS, lambda w: {"course_id": w["course"].id}),
    Route("question_bank.create_gift", "POST", AUTHORS_BAD_FORM, lambda w: {"course_id": w["course"].id}),
    Route("question_bank.edit_gift", "GET", AUTHORS, lambda w: {"question_id": w["questions"][0].id}),
    Route("question_bank.edit_gift", "POST", AUTHORS_BAD_FORM, lambda w: {"question_id": w["questions"][0].id}),
    Route("question_bank.preview", "GET", AUTHORS, lambda w: {"question_id": w["questions"][0].id}),
    Route("question_bank.remove", "POST", AUTHOR_REDIRECT, lambda w: {"question_id": w["questions"][0].id}),
    Route("question_bank.import_upload", "GET", AUTHORS, lambda w: {"course_id": w["course"].id}),
    Route("question_bank.import_upload", "POST", AUTHORS_BAD_FORM, lambda w: {"course_id": w["course"].id}),
    Route("question_bank.import_preview", "GET", UPLOADER_ONLY,
          lambda w: {"course_id": w["course"].id, "import_id": w["import"].id}),
    Route("question_bank.import_preview", "POST", UPLOADER_ONLY_POST,
          lambda w: {"course_id": w["course"].id, "import_id": w["import"].id}, data=lambda w: {"action": "confirm"}),
    Route("question_bank.export", "GET", AUTHORS, lambda w: {"course_id": w["course"].id, "extension": "gift"}),
]
