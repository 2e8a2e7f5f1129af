"""The attempt pages over HTTP: autosave acknowledgements, bad input refused with the right status, submit once."""

from datetime import timedelta

from sqlalchemy import select

from tests.quizzes.factory import quiz_course, single
from training.extensions import db
from training.quizzes.models import AttemptAnswer, QuizAttempt


def _started(world, login_as, **settings):
    data = quiz_course(world, **settings)
    client = login_as("learner")
    response = client.post(f"/quizzes/{data['item'].id}/start")
    assert response.status_code == 302
    attempt = db.session.scalar(select(QuizAttempt))
    return data, client, attempt


def _save(client, attempt, payload):
    return client.post(f"/quizzes/attempts/{attempt.id}/answer", json=payload)


def test_autosave_acknowledges_and_ignores_stale_saves(app, world, login_as):
    _data, client, attempt = _started(world, login_as)
    first = _save(client, attempt, {"position": 1, "seq": 2, "fields": {"q1": ["1"]}})
    assert first.status_code == 200 and first.json["saved"] and first.json["seq"] == 2
    stale = _save(client, attempt, {"position": 1, "seq": 1, "fields": {"q1": ["3"]}})
    assert stale.status_code == 200 and stale.json["stale"] and stale.json["seq"] == 2
    page = client.get(f"/quizzes/attempts/{attempt.id}")
    assert page.status_code == 200 and 'value="1" checked' in page.text


def test_bad_answers_are_refused_and_change_nothing(app, world, login_as):
    _data, client, attempt = _started(world, login_as)
    cases = [
        ({"position": 1, "seq": 1, "fields": {"q1": ["9"]}}, 400),  # option index out of range
        ({"position": 99, "seq": 1, "fields": {"q99": ["0"]}}, 400),  # a question of no such place
        ({"position": 3, "seq": 1, "fields": {"q3": ["x" * 10_000_001]}}, 400),  # a 10 MB essay
        ({"position": 1, "seq": "a", "fields": {"q1": ["1"]}}, 400),
        ({"position": 1, "fields": {"q1": ["1"]}}, 400),
        ({"position": 1, "seq": 1, "fields": {"q1": [5]}}, 400),
    ]
    for payload, status in cases:
        response = _save(client, attempt, payload)
        assert response.status_code == status, payload if len(str(payload)) < 200 else payload["position"]
        assert "error" in response.json
    invalid_utf8 = client.post(f"/quizzes/attempts/{attempt.id}/answer", data=b"\xff\xfe{",
                               content_type="application/json")
    assert invalid_utf8.status_code == 400
    assert all(a.response is None and a.seq == 0 for a in db.session.scalars(select(AttemptAnswer)))


def test_another_learners_attempt_is_not_found(app, world, login_as):
    _data, client, attempt = _started(world, login_as)
    client.post("/logout")
    other = login_as("p1_learner")
    assert _save(other, attempt, {"position": 1, "seq": 1, "fields": {"q1": ["1"]}}).status_code == 404
    assert other.post(f"/quizzes/attempts/{attempt.id}/submit").status_code == 404
    assert other.post("/quizzes/attempts/999/submit").status_code == 404  # submit without a start


def test_answers_after_deadline_and_grace_are_refused_and_the_attempt_submitted(app, world, login_as):
    _data, client, attempt = _started(world, login_as, specs=[single("A", 1)], time_limit_minutes=5)
    _save(client, attempt, {"position": 1, "seq": 1, "fields": {"q1": ["1"]}})
    attempt.deadline_at = attempt.deadline_at - timedelta(minutes=10)
    db.session.commit()
    late = _save(client, attempt, {"position": 1, "seq": 2, "fields": {"q1": ["0"]}})
    assert late.status_code == 409 and "review_url" in late.json
    db.session.refresh(attempt)
    assert attempt.status == "finished" and attempt.finished_by == "deadline" and attempt.total == 1


def test_page_form_without_javascript_and_double_submit(app, world, login_as):
    _data, client, attempt = _started(world, login_as, specs=[single("A", 1), single("B", 2)])
    response = client.post(f"/quizzes/attempts/{attempt.id}/page",
                           data={"positions": ["1", "2"], "q1": "1", "seq-1": "1", "q2": "0", "seq-2": "1",
                                 "goto": "1"})
    assert response.status_code == 302
    first = client.post(f"/quizzes/attempts/{attempt.id}/submit")
    second = client.post(f"/quizzes/attempts/{attempt.id}/submit")
    assert first.status_code == second.status_code == 302
    db.session.refresh(attempt)
    assert attempt.status == "finished" and attempt.total == 1
    review = client.get(f"/quizzes/attempts/{attempt.id}/review")
    assert review.status_code == 200 and "50.00%" in review.text
    assert _save(client, attempt, {"position": 1, "seq": 9, "fields": {"q1": ["0"]}}).status_code == 409


def test_attempt_page_queries_do_not_grow_with_questions(app, world, login_as, count_queries):
    counts = []
    for size in (2, 12):
        data = quiz_course(world, specs=[single(f"Q{i}", 1) for i in range(size)], slug=f"size-{size}",
                           questions_per_page=20)
        client = login_as("learner")
        client.post(f"/quizzes/{data['item'].id}/start")
        attempt = db.session.scalar(select(QuizAttempt).where(QuizAttempt.quiz_id == data["quiz"].id))
        with count_queries() as counter:
            assert client.get(f"/quizzes/attempts/{attempt.id}").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1] and counts[1] <= 12, counts


def test_autosave_sends_four_statements_whatever_the_attempt_size(app, world, login_as, count_queries):
    """The session's user, the attempt with the question's version, the attempt's lock, the answer."""
    counts = []
    for size in (2, 12):
        data = quiz_course(world, specs=[single(f"Q{i}", 1) for i in range(size)], slug=f"save-{size}")
        client = login_as("learner")
        client.post(f"/quizzes/{data['item'].id}/start")
        attempt = db.session.scalar(select(QuizAttempt).where(QuizAttempt.quiz_id == data["quiz"].id))
        assert _save(client, attempt, {"position": 2, "seq": 1, "fields": {"q2": ["0"]}}).json["saved"]
        with count_queries() as counter:
            response = _save(client, attempt, {"position": 2, "seq": 2, "fields": {"q2": ["1"]}})
        assert response.status_code == 200 and response.json["saved"]
        counts.append(counter.count)
    assert counts == [4, 4], counts
    stored = db.session.scalar(select(AttemptAnswer.response).where(AttemptAnswer.attempt_id == attempt.id,
                                                                    AttemptAnswer.position == 2))
    assert stored == 1


def test_autosave_to_a_place_outside_the_attempt_or_a_huge_one_is_400(app, world, login_as):
    _data, client, attempt = _started(world, login_as)
    for position in (0, -1, 2 ** 31, 2 ** 70, True, "1", None):
        response = _save(client, attempt, {"position": position, "seq": 1, "fields": {"q1": ["1"]}})
        assert response.status_code == 400, position
    assert all(a.response is None and a.seq == 0 for a in db.session.scalars(select(AttemptAnswer)))


def test_start_queries_do_not_grow_with_questions(app, world, login_as, count_queries):
    counts = []
    for size in (2, 12):
        data = quiz_course(world, specs=[single(f"Q{i}", 1) for i in range(size)], slug=f"start-{size}")
        client = login_as("learner")
        with count_queries() as counter:
            assert client.post(f"/quizzes/{data['item'].id}/start").status_code == 302
        counts.append(counter.count)
        attempt = db.session.scalar(select(QuizAttempt).where(QuizAttempt.quiz_id == data["quiz"].id))
        answers = db.session.scalars(select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt.id)
                                     .order_by(AttemptAnswer.position)).all()
        assert [a.position for a in answers] == list(range(1, size + 1))
        assert all(a.seq == 0 and a.response is None and a.points == 1 and sorted(a.display_order) == [0, 1, 2, 3]
                   for a in answers)
    assert counts[0] == counts[1], counts
