"""The question bank in the browser: import preview and confirm, broken files, write and version a question."""

import io

from sqlalchemy import func, select

from tests.paths import fixture
from tests.quizzes.factory import quiz_course
from training.extensions import db
from training.quizzes.models import Question, QuestionVersion


def _count(model=Question):
    return db.session.scalar(select(func.count()).select_from(model))


def _upload(client, course, name):
    data = {"file": (io.BytesIO(fixture("moodle", name).read_bytes()), name), "file_format": "auto",
            "category": ""}
    response = client.post(f"/manage/courses/{course.id}/questions/import", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]


def test_trainer_imports_moodles_gift_file_after_a_preview(app, world, login_as):
    data = quiz_course(world, specs=[])
    client = login_as("trainer")
    preview_url = _upload(client, data["course"], "questions.gift.txt")
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert "9 câu hỏi sẵn sàng để nhập" in preview.text
    assert "What&#39;s between orange and green in the spectrum?" in preview.text or \
        "What's between orange and green in the spectrum?" in preview.text
    assert "-100.0%" in preview.text and "50.0%" in preview.text  # weights are shown
    assert _count() == 0
    done = client.post(preview_url, data={"action": "confirm"})
    assert done.status_code == 302
    assert _count() == 9
    bank = client.get(f"/manage/courses/{data['course'].id}/questions")
    assert "colours" in bank.text and "9 câu hỏi." in bank.text
    assert client.post(preview_url, data={"action": "confirm"}).status_code == 200  # applied once
    assert _count() == 9


def test_broken_file_shows_line_numbers_and_imports_nothing(app, world, login_as):
    data = quiz_course(world, specs=[])
    client = login_as("trainer")
    preview_url = _upload(client, data["course"], "error_invalid_fraction_sum.gift.txt")
    preview = client.get(preview_url)
    assert preview.status_code == 400
    assert "Dòng " in preview.text and "Không thể nhập tệp này" in preview.text
    client.post(preview_url, data={"action": "confirm"})
    assert _count() == 0


def test_writing_a_question_in_gift_and_editing_it_after_it_was_answered(app, world, login_as):
    from training.core.time import utcnow
    from training.courses.loaders import enrollment_of
    from training.quizzes.services import attempts

    data = quiz_course(world, specs=[])
    client = login_as("trainer")
    url = f"/manage/courses/{data['course'].id}/questions/new/gift?type=single"
    bad = client.post(url, data={"category_id": data["category"].id, "source": "::Q:: Hỏi? {~A ~B}"})
    assert bad.status_code == 400 and "Dòng 1" in bad.text
    ok = client.post(url, data={"category_id": data["category"].id, "source": "::Q:: Hỏi? {=A ~B}",
                                "tags": "luật, báo chí", "citations": ""})
    assert ok.status_code == 302
    question = db.session.scalar(select(Question))
    from training.quizzes.services import quizzes

    quizzes.add_question_slot(None, data["quiz"], question, utcnow())
    learner = world["people"]["learner"]
    attempts.start_attempt(learner, data["quiz"], enrollment_of(learner, data["course"].id), utcnow())
    db.session.commit()
    edited = client.post(f"/manage/questions/{question.id}/edit/gift?course={data['course'].id}",
                         data={"category_id": data["category"].id, "source": "::Q:: Hỏi lại? {=A ~B ~C}"})
    assert edited.status_code == 302
    assert _count(QuestionVersion) == 2
    preview = client.get(f"/manage/questions/{question.id}")
    assert "Hỏi lại?" in preview.text and "luật" in preview.text


def test_export_downloads(app, world, login_as, runner):
    data = quiz_course(world)
    client = login_as("trainer")
    gift = client.get(f"/manage/courses/{data['course'].id}/questions/export.gift")
    assert gift.status_code == 200 and b"::C\xc3\xa2u 1::" in gift.data
    xml = client.get(f"/manage/courses/{data['course'].id}/questions/export.xml")
    assert xml.status_code == 200 and xml.data.startswith(b"<?xml")
    csv = client.get(f"/manage/quizzes/{data['item'].id}/statistics.csv")
    assert csv.status_code == 200 and csv.data.startswith(b"\xef\xbb\xbf")
