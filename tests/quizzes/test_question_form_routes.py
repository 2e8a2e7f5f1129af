"""The per-type question form over HTTP: save, errors next to the field with 400 and nothing saved, rows, versions."""

from sqlalchemy import func, select

from tests.quizzes.factory import quiz_course
from training.core.time import utcnow
from training.extensions import db
from training.quizzes.models import Question, QuestionVersion
from training.quizzes.services import bank


def _count(model=Question):
    return db.session.scalar(select(func.count()).select_from(model))


def _multiple(data, **fields):
    form = {"category_id": data["category"].id, "name": "Chọn nhiều", "text": "Điều nào **đúng**?", "points": "2",
            "rows": "3", "row-0-text": "Đúng 1", "row-0-weight": "50", "row-0-feedback": "Phản hồi 1",
            "row-1-text": "Đúng 2", "row-1-weight": "50", "row-1-feedback": "",
            "row-2-text": "Sai", "row-2-weight": "-50", "row-2-feedback": "Không phải vậy",
            "general_feedback": "Giải thích chung", "tags": "luật, báo chí", "citations": "", "op": "save"}
    form.update(fields)
    return form


def _document():
    from training.courses.services import legal

    return legal.save_document(None, None, {"code": "luat-bao-chi-2016", "number": "103/2016/QH13",
                                            "title": "Luật Báo chí", "doc_type": "law"}, utcnow())


def test_trainer_creates_a_multiple_choice_question_with_a_negative_weight(app, world, login_as):
    data = quiz_course(world, specs=[])
    _document()
    db.session.commit()
    client = login_as("trainer")
    url = f"/manage/courses/{data['course'].id}/questions/new?type=multiple"
    page = client.get(url)
    assert page.status_code == 200
    assert "Thêm dòng" in page.text and "Nhập dạng GIFT" in page.text and 'name="row-0-weight"' in page.text
    saved = client.post(url, data=_multiple(data, citations="luat-bao-chi-2016 | Điều 4"))
    assert saved.status_code == 302, saved.text[:2000]
    question = db.session.scalar(select(Question))
    spec = bank.spec_of(bank.newest_version(question))
    assert [str(c.fraction) for c in spec.choices] == ["0.5", "0.5", "-0.5"]
    assert spec.text_format == "markdown" and spec.general_feedback == "Giải thích chung"
    assert set(spec.tags) == {"luật", "báo chí"}
    preview = client.get(saved.headers["Location"])
    assert "luat-bao-chi-2016" in preview.text or "Luật Báo chí" in preview.text


def test_errors_appear_next_to_the_field_in_vietnamese_and_nothing_is_saved(app, world, login_as):
    data = quiz_course(world, specs=[])
    client = login_as("trainer")
    url = f"/manage/courses/{data['course'].id}/questions/new?type=multiple"
    bad = client.post(url, data=_multiple(data, **{"row-1-weight": "40", "row-2-weight": "nhiều", "name": ""}))
    assert bad.status_code == 400
    assert 'id="row-2-weight-error"' in bad.text and 'id="name-error"' in bad.text
    assert "Câu hỏi không được lưu" in bad.text
    assert 'value="Đúng 1"' in bad.text  # what was typed stays in the form
    assert _count() == 0
    wrong_sum = client.post(url, data=_multiple(data, **{"row-1-weight": "40"}))
    assert wrong_sum.status_code == 400 and 'id="rows-error"' in wrong_sum.text and "90%" in wrong_sum.text
    unknown_law = client.post(url, data=_multiple(data, citations="khong-co | Điều 1"))
    assert unknown_law.status_code == 400 and 'id="citations-error"' in unknown_law.text
    other = quiz_course(world, specs=[], slug="khac", enrol=())
    foreign = client.post(url, data=_multiple(data, category_id=other["category"].id))
    assert foreign.status_code == 400 and 'id="category_id-error"' in foreign.text
    assert _count() == 0


def test_add_and_remove_rows_without_javascript_save_nothing(app, world, login_as):
    data = quiz_course(world, specs=[])
    client = login_as("trainer")
    url = f"/manage/courses/{data['course'].id}/questions/new?type=multiple"
    added = client.post(url, data=_multiple(data, op="add"))
    assert added.status_code == 200 and 'name="row-3-text"' in added.text and 'value="4"' in added.text
    removed = client.post(url, data=_multiple(data, op="remove-0"))
    assert removed.status_code == 200 and 'value="Đúng 1"' not in removed.text and 'name="row-2-text"' not in removed.text
    assert _count() == 0


def test_every_type_saves_through_the_form(app, world, login_as):
    data = quiz_course(world, specs=[])
    client = login_as("trainer")
    base = {"category_id": data["category"].id, "points": "1", "text": "Hỏi", "op": "save"}
    forms = {
        "single": {"rows": "2", "row-0-text": "A", "row-0-weight": "100", "row-1-text": "B", "row-1-weight": "-25"},
        "truefalse": {"correct": "true", "feedback_true": "Đúng", "feedback_false": "Sai"},
        "shortanswer": {"rows": "1", "row-0-text": "Hà Nội", "row-0-weight": "100", "ignore_diacritics": "y"},
        "numerical": {"rows": "1", "row-0-text": "6", "row-0-tolerance": "0,5", "row-0-weight": "100"},
        "matching": {"rows": "2", "row-0-prompt": "A", "row-0-answer": "1", "row-1-prompt": "B", "row-1-answer": "2"},
        "ordering": {"rows": "3", "row-0-text": "Một", "row-1-text": "Hai", "row-2-text": "Ba"},
        "essay": {"rubric": "Đủ ý: 1 điểm"},
    }
    for qtype, fields in forms.items():
        response = client.post(f"/manage/courses/{data['course'].id}/questions/new?type={qtype}",
                               data={**base, "name": qtype, **fields})
        assert response.status_code == 302, (qtype, response.text[:3000])
    assert sorted(db.session.scalars(select(Question.qtype))) == sorted(forms)


def test_editing_an_answered_question_in_the_form_creates_a_version(app, world, login_as):
    from training.courses.loaders import enrollment_of
    from training.quizzes.services import attempts

    data = quiz_course(world)
    question = data["questions"][0]
    client = login_as("trainer")
    url = f"/manage/questions/{question.id}/edit"
    page = client.get(url)
    assert page.status_code == 200 and 'value="Đáp án 0"' in page.text and 'value="100"' in page.text
    learner = world["people"]["learner"]
    attempts.start_attempt(learner, data["quiz"], enrollment_of(learner, data["course"].id), utcnow())
    db.session.commit()
    before = _count(QuestionVersion)
    form = {"category_id": data["category"].id, "name": "Câu 1", "text": "Hỏi lại", "points": "1", "rows": "2",
            "row-0-text": "Có", "row-0-weight": "100", "row-1-text": "Không", "row-1-weight": "0", "op": "save"}
    assert client.post(url, data=form).status_code == 302
    assert _count(QuestionVersion) == before + 1
    db.session.refresh(question)
    assert question.version == 2
    gift = client.get(f"/manage/questions/{question.id}/edit/gift")
    assert gift.status_code == 200 and "Dùng biểu mẫu" in gift.text and "::Câu 1::" in gift.text
