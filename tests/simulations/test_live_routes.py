"""Live mode through HTTP: start, push, the learner's poll and answer (JSON and plain form), the console's
cursor, banners and links, and polls whose number of queries does not grow with learners or answers."""

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.simulations.conftest import build_course
from training.core.time import utcnow
from training.courses.services import enrolment
from training.extensions import db
from training.simulations.live_models import LiveAnswer, LiveSession

DISCLOSES = "Tôi xác nhận Công ty X đang bị thanh tra."


@pytest.fixture
def klass(app, world):
    """Scenario 1 in a course and a class in PVHTT with the learner enrolled (no session yet)."""
    built = build_course(world)
    admin = world["people"]["admin"]
    training_class = enrolment.save_class(admin, None, built["course"], {
        "name": "Lớp phát ngôn 2026", "unit_id": world["units"]["PVHTT"].id,
        "trainer_id": world["people"]["trainer"].id}, utcnow())
    enrolment.enrol_people(admin, built["course"], [world["people"]["learner"]], utcnow(), "Asia/Ho_Chi_Minh",
                           training_class=training_class)
    db.session.commit()
    return {**built, "class": training_class}


def _client(app, user):
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def _start(trainer, klass):
    response = trainer.post("/manage/simulations/live/new", data={"class_id": klass["class"].id,
                                                                 "scenario_id": klass["record"].id})
    assert response.status_code == 302
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def test_trainer_pushes_learner_answers_and_the_console_shows_the_finding(app, world, klass):
    trainer, learner = _client(app, world["people"]["trainer"]), _client(app, world["people"]["learner"])
    session_id = _start(trainer, klass)
    state = learner.get(f"/simulations/live/{session_id}/state").get_json()
    assert state == {"open": True, "prompt": None, "answer": None}
    assert trainer.post(f"/manage/simulations/live/{session_id}/push", data={"prompt_id": "p5"}).status_code == 302
    prompt = learner.get(f"/simulations/live/{session_id}/state").get_json()["prompt"]
    assert prompt["journalist"] == "Võ Thanh Tùng" and "Công ty X" in prompt["text"]
    assert 0 < prompt["remaining"] <= 90 and prompt["tone"] == "chất vấn trách nhiệm"
    for _resend in range(2):  # a resend of the same edit is answered the same and stored once
        saved = learner.post(f"/simulations/live/{session_id}/answer",
                             json={"prompt": prompt["id"], "text": DISCLOSES, "rev": 1})
        assert saved.status_code == 200 and saved.get_json()["rev"] == 1
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 1
    polled = trainer.get(f"/manage/simulations/live/{session_id}/answers?since=0").get_json()
    (answer,) = polled["answers"]
    assert answer["name"] == "Lê Học Viên" and answer["prompt"] == prompt["id"]
    assert any(f["kind"] == "restricted_disclosure" and f["label"] == "Lỗi nghiêm trọng" for f in answer["findings"])
    assert '<mark class="sim-mark sim-mark-danger" data-kind="restricted_disclosure">Công ty X</mark>' in answer["html"]
    assert "Lê Học Viên" in answer["fragment"]
    again = trainer.get(f"/manage/simulations/live/{session_id}/answers?since={polled['cursor']}").get_json()
    assert again == {"cursor": polled["cursor"], "open": True, "answers": []}
    page = trainer.get(f"/manage/simulations/live/{session_id}").get_data(as_text=True)
    assert "Lê Học Viên" in page and "Công ty X</mark>" in page and "1</span>/1" in page


def test_an_improvised_question_reaches_the_learner(app, world, klass):
    trainer, learner = _client(app, world["people"]["trainer"]), _client(app, world["people"]["learner"])
    session_id = _start(trainer, klass)
    response = trainer.post(f"/manage/simulations/live/{session_id}/improvise", data={
        "journalist_name": "Phóng viên Lan", "outlet": "Báo Thử", "tone": "hostile", "time_limit": "45",
        "text": "Ông có xin lỗi người dân không?"})
    assert response.status_code == 302
    prompt = learner.get(f"/simulations/live/{session_id}/state").get_json()["prompt"]
    assert (prompt["journalist"], prompt["outlet"], prompt["tone"], prompt["improvised"]) == (
        "Phóng viên Lan", "Báo Thử", "gay gắt", True)
    bad = trainer.post(f"/manage/simulations/live/{session_id}/improvise", data={"tone": "hostile", "time_limit": "5"})
    assert bad.status_code == 400 and "Nhập câu hỏi." in bad.get_data(as_text=True)


def test_without_javascript_the_learner_answers_with_the_form(app, world, klass):
    trainer, learner = _client(app, world["people"]["trainer"]), _client(app, world["people"]["learner"])
    session_id = _start(trainer, klass)
    trainer.post(f"/manage/simulations/live/{session_id}/push", data={"prompt_id": "p1"})
    page = learner.get(f"/simulations/live/{session_id}").get_data(as_text=True)
    assert "Trần Minh Khoa" in page and 'name="rev" id="live-rev" value="1"' in page
    prompt_id = learner.get(f"/simulations/live/{session_id}/state").get_json()["prompt"]["id"]
    response = learner.post(f"/simulations/live/{session_id}/answer", data={"prompt": prompt_id, "rev": "1",
                                                                           "text": "Chúng tôi đang xác minh."})
    assert response.status_code == 302
    page = learner.get(f"/simulations/live/{session_id}").get_data(as_text=True)
    assert "Chúng tôi đang xác minh." in page and 'value="2"' in page and "Đã gửi lúc" in page
    empty = learner.post(f"/simulations/live/{session_id}/answer", data={"prompt": prompt_id, "rev": "2", "text": " "})
    assert empty.status_code == 400 and "Hãy viết câu trả lời" in empty.get_data(as_text=True)


def test_after_closing_learners_are_told_and_answers_are_refused(app, world, klass):
    trainer, learner = _client(app, world["people"]["trainer"]), _client(app, world["people"]["learner"])
    session_id = _start(trainer, klass)
    trainer.post(f"/manage/simulations/live/{session_id}/push", data={"prompt_id": "p1"})
    prompt_id = learner.get(f"/simulations/live/{session_id}/state").get_json()["prompt"]["id"]
    assert trainer.post(f"/manage/simulations/live/{session_id}/close").status_code == 302
    assert learner.get(f"/simulations/live/{session_id}/state").get_json()["open"] is False
    refused = learner.post(f"/simulations/live/{session_id}/answer", json={"prompt": prompt_id, "text": "Muộn", "rev": 1})
    assert refused.status_code == 409 and "đã kết thúc" in refused.get_json()["error"]
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 0


def test_banners_and_links_lead_to_the_live_session(app, world, klass):
    trainer, learner = _client(app, world["people"]["trainer"]), _client(app, world["people"]["learner"])
    class_page = trainer.get(f"/manage/classes/{klass['class'].id}").get_data(as_text=True)
    assert f"/manage/simulations/live/new?class={klass['class'].id}" in class_page and "Chạy trực tiếp" in class_page
    scenario_page = trainer.get(f"/manage/scenarios/{klass['record'].id}").get_data(as_text=True)
    assert f"/manage/simulations/live/new?scenario={klass['record'].id}" in scenario_page
    course_url, item_url = f"/courses/{klass['course'].slug}", f"/simulations/items/{klass['item'].id}"
    assert "/simulations/live/" not in learner.get(course_url).get_data(as_text=True)
    session_id = _start(trainer, klass)
    for url in (course_url, item_url):
        page = learner.get(url).get_data(as_text=True)
        assert f'href="/simulations/live/{session_id}"' in page and "Vào buổi diễn tập trực tiếp" in page
    trainer.post(f"/manage/simulations/live/{session_id}/close")
    assert "/simulations/live/" not in learner.get(course_url).get_data(as_text=True)


def _poll_queries(client, count_queries, url):
    client.get(url)  # warm: session, translations
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_the_polls_cost_the_same_however_many_learners_and_answers(app, world, klass, make_user, count_queries):
    from training.simulations.services import live

    trainer, learner = _client(app, world["people"]["trainer"]), _client(app, world["people"]["learner"])
    session_id = _start(trainer, klass)
    trainer.post(f"/manage/simulations/live/{session_id}/push", data={"prompt_id": "p1"})
    state_url = f"/simulations/live/{session_id}/state"
    answers_url = f"/manage/simulations/live/{session_id}/answers?since=0"
    few = (_poll_queries(learner, count_queries, state_url), _poll_queries(trainer, count_queries, answers_url))
    # Exact budgets: the login session with its user; then the live session with the learner's enrolment
    # and the prompt with the learner's answer; or the live session with its class and unit and the
    # answers since the cursor with their names.
    assert few == (3, 3), few
    session = db.session.get(LiveSession, session_id)
    people = [make_user("learner", world["units"]["P1"], email=f"hv{n}@test.vn") for n in range(8)]
    enrolment.enrol_people(world["people"]["admin"], klass["course"], people, utcnow(), "Asia/Ho_Chi_Minh",
                           training_class=klass["class"])
    for position, prompt_id in enumerate(("p2", "p3"), start=2):
        row = live.push_scenario_prompt(world["people"]["trainer"], session, prompt_id, utcnow())
        for person in [world["people"]["learner"], *people]:
            live.save_answer(person, session, row.id, f"Câu {position}: {DISCLOSES}", 1, utcnow())
    db.session.commit()
    many = (_poll_queries(learner, count_queries, state_url), _poll_queries(trainer, count_queries, answers_url))
    assert many == few


def test_the_list_of_sessions_reads_one_query_for_any_number(app, world, klass, count_queries):
    from training.simulations.services import live

    trainer = _client(app, world["people"]["trainer"])
    _start(trainer, klass)
    few = _poll_queries(trainer, count_queries, "/manage/simulations/live/")
    for n in range(3):
        training_class = enrolment.save_class(world["people"]["admin"], None, klass["course"], {
            "name": f"Lớp {n}", "unit_id": world["units"]["P1"].id}, utcnow())
        live.start_session(world["people"]["trainer"], training_class, klass["record"], utcnow())
    db.session.commit()
    page = trainer.get("/manage/simulations/live/").get_data(as_text=True)
    assert page.count("<td>Phạm Giảng Viên</td>") == 4 and "Lớp 2" in page
    assert _poll_queries(trainer, count_queries, "/manage/simulations/live/") == few
    scoped = _client(app, world["people"]["scoped_admin"]).get("/manage/simulations/live/").get_data(as_text=True)
    assert "Lớp 0" in scoped and "Lớp phát ngôn 2026" not in scoped  # PVHTT is outside P1


def test_a_scoped_admin_runs_classes_of_their_units_and_a_learner_outside_the_class_is_refused(app, world, klass):
    from tests.simulations.conftest import enrol

    p1_class = enrolment.save_class(world["people"]["admin"], None, klass["course"], {
        "name": "Lớp Phường 1", "unit_id": world["units"]["P1"].id}, utcnow())
    db.session.commit()
    scoped = _client(app, world["people"]["scoped_admin"])
    response = scoped.post("/manage/simulations/live/new", data={"class_id": p1_class.id,
                                                                "scenario_id": klass["record"].id})
    assert response.status_code == 302
    assert scoped.get(response.headers["Location"]).status_code == 200
    other_id = _start(_client(app, world["people"]["trainer"]), klass)
    assert scoped.get(f"/manage/simulations/live/{other_id}").status_code == 403
    enrol(world, klass["course"], "p1_learner")  # in the course, but not in the class
    outsider = _client(app, world["people"]["p1_learner"])
    assert outsider.get(f"/simulations/live/{other_id}").status_code == 403
    assert outsider.get(f"/simulations/live/{other_id}/state").status_code == 403
    assert outsider.get(f"/simulations/live/{other_id + 100}").status_code == 404
