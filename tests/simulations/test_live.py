"""Live sessions (services): pushes, answers with findings, late answers kept, resends, edits, the cursor."""

import pytest
from sqlalchemy import func, select

from tests.simulations.conftest import build_course
from training.core.errors import DomainError
from training.courses.services import enrolment
from training.extensions import db
from training.simulations.live_models import LiveAnswer, LiveStatus
from training.simulations.services import live


@pytest.fixture
def room(app, world, clock):
    """Scenario 1, a class in PVHTT with the learner and the P1 learner, and its open live session."""
    built = build_course(world)
    admin, trainer = world["people"]["admin"], world["people"]["trainer"]
    training_class = enrolment.save_class(admin, None, built["course"], {
        "name": "Lớp phát ngôn 2026", "unit_id": world["units"]["PVHTT"].id, "trainer_id": trainer.id}, clock.now)
    enrolment.enrol_people(admin, built["course"], [world["people"]["learner"], world["people"]["p1_learner"]],
                           clock.now, "Asia/Ho_Chi_Minh", training_class=training_class)
    session, created = live.start_session(trainer, training_class, built["record"], clock.now)
    db.session.commit()
    assert created
    return {**built, "class": training_class, "session": session, "trainer": trainer}


def _answers():
    return db.session.scalar(select(func.count()).select_from(LiveAnswer))


def test_a_class_runs_one_session_at_a_time(room, clock):
    again, created = live.start_session(room["trainer"], room["class"], room["record"], clock.now)
    assert again.id == room["session"].id and not created


def test_a_scenario_prompt_is_pushed_with_its_journalist_and_server_deadline(room, clock):
    session = room["session"]
    row = live.push_scenario_prompt(room["trainer"], session, "p5", clock.now)
    assert (row.position, row.journalist_name, row.tone) == (1, "Võ Thanh Tùng", "accountability")
    assert row.outlet == "Báo Điều Tra Mới (giả định)" and "Công ty X" in row.text
    assert (row.deadline_at - row.pushed_at).total_seconds() == 90
    with pytest.raises(DomainError) as twice:
        live.push_scenario_prompt(room["trainer"], session, "p5", clock.now)
    assert twice.value.status == 409
    with pytest.raises(DomainError) as unknown:
        live.push_scenario_prompt(room["trainer"], session, "nope", clock.now)
    assert unknown.value.status == 404
    assert live.next_scripted_prompt(session, live.prompts_of(session)).id == "p1"


@pytest.mark.parametrize(("data", "field"), [
    ({"text": "  "}, "text"), ({"text": "Câu hỏi?", "tone": "angry"}, "tone"),
    ({"text": "Câu hỏi?", "time_limit": 5}, "time_limit"), ({"text": "x" * 2001}, "text")])
def test_an_improvised_question_is_checked(room, clock, data, field):
    with pytest.raises(DomainError) as error:
        live.push_improvised(room["trainer"], room["session"], data, clock.now)
    assert error.value.field == field
    assert live.prompts_of(room["session"]) == []


def test_an_answer_naming_a_restricted_item_is_flagged_and_timed_by_the_server(room, world, clock):
    row = live.push_scenario_prompt(room["trainer"], room["session"], "p5", clock.now)
    clock.advance(25)
    answer, changed = live.save_answer(world["people"]["learner"], room["session"], row.id,
                                       "Đúng là Công ty X đang bị thanh tra.", 1, clock.now)
    assert changed and str(answer.seconds) == "25.0" and not answer.is_late
    disclosure = [f for f in answer.findings if f["kind"] == "restricted_disclosure"]
    assert disclosure and disclosure[0]["match"] == "Công ty X" and disclosure[0]["level"] == "red_flag"


def test_an_answer_to_an_improvised_question_is_checked_with_its_tone(room, world, clock):
    row = live.push_improvised(room["trainer"], room["session"], {
        "text": "Sao các ông im lặng suốt ba ngày?", "journalist_name": "Phóng viên Lan", "outlet": "Báo Thử",
        "tone": "hostile", "time_limit": 30}, clock.now)
    assert row.is_improvised and row.position == 1
    answer, _changed = live.save_answer(world["people"]["learner"], room["session"], row.id,
                                        "Chúng tôi đã công bố kết quả.", 1, clock.advance(40))
    kinds = {(f["kind"], f["level"]) for f in answer.findings}
    assert ("empathy", "warning") in kinds and ("late", "warning") in kinds
    assert answer.is_late  # after the 30 s limit: kept, marked late


def test_a_resend_never_duplicates_and_a_newer_edit_replaces_an_older_one(room, world, clock):
    learner, session = world["people"]["learner"], room["session"]
    row = live.push_scenario_prompt(room["trainer"], session, "p1", clock.now)
    live.save_answer(learner, session, row.id, "Bản đầu.", 1, clock.advance(5))
    _again, changed = live.save_answer(learner, session, row.id, "Bản đầu.", 1, clock.advance(1))
    assert not changed and _answers() == 1
    edited, changed = live.save_answer(learner, session, row.id, "Bản sửa.", 2, clock.advance(5))
    assert changed and edited.text == "Bản sửa." and edited.rev == 2 and str(edited.seconds) == "11.0"
    stale, changed = live.save_answer(learner, session, row.id, "Bản cũ gửi muộn.", 1, clock.advance(1))
    assert not changed and stale.text == "Bản sửa." and _answers() == 1


def test_after_the_next_push_a_first_answer_is_kept_late_but_an_answer_no_longer_changes(room, world, clock):
    session, learner, other = room["session"], world["people"]["learner"], world["people"]["p1_learner"]
    first = live.push_scenario_prompt(room["trainer"], session, "p1", clock.now)
    live.save_answer(learner, session, first.id, "Trả lời câu 1.", 1, clock.advance(10))
    live.push_scenario_prompt(room["trainer"], session, "p2", clock.advance(10))
    with pytest.raises(DomainError) as moved_on:
        live.save_answer(learner, session, first.id, "Sửa câu 1.", 2, clock.advance(1))
    assert moved_on.value.status == 409
    late, changed = live.save_answer(other, session, first.id, "Trả lời muộn câu 1.", 1, clock.now)
    assert changed and late.is_late and str(late.seconds) == "21.0"


def test_a_closed_session_accepts_nothing(room, world, clock):
    session = room["session"]
    row = live.push_scenario_prompt(room["trainer"], session, "p1", clock.now)
    assert live.close_session(room["trainer"], session, clock.advance(5))
    db.session.commit()
    assert session.status == LiveStatus.CLOSED.value and not live.close_session(room["trainer"], session, clock.now)
    for action in (lambda: live.save_answer(world["people"]["learner"], session, row.id, "Muộn.", 1, clock.now),
                   lambda: live.push_scenario_prompt(room["trainer"], session, "p2", clock.now)):
        with pytest.raises(DomainError) as closed:
            action()
        assert closed.value.status == 409
    assert _answers() == 0 and len(live.prompts_of(session)) == 1


def test_the_cursor_returns_only_what_changed_since(room, world, clock):
    session, learner, other = room["session"], world["people"]["learner"], world["people"]["p1_learner"]
    row = live.push_scenario_prompt(room["trainer"], session, "p1", clock.now)
    live.save_answer(learner, session, row.id, "Một.", 1, clock.advance(3))
    db.session.commit()
    everything = live.answers_since(session, 0)
    cursor = max(a.seq for a, _name in everything)
    assert [name for _a, name in everything] == ["Lê Học Viên"] and live.answers_since(session, cursor) == []
    live.save_answer(other, session, row.id, "Hai.", 1, clock.advance(1))
    live.save_answer(learner, session, row.id, "Một, sửa.", 2, clock.advance(1))
    newer = live.answers_since(session, cursor)
    assert [(a.text, name) for a, name in newer] == [("Hai.", "Huỳnh Phường Một"), ("Một, sửa.", "Lê Học Viên")]


def test_a_learner_sees_the_newest_prompt_and_only_their_own_answer(room, world, clock):
    session, learner, other = room["session"], world["people"]["learner"], world["people"]["p1_learner"]
    assert live.learner_view(session.id, learner.id) == (None, None)
    first = live.push_scenario_prompt(room["trainer"], session, "p1", clock.now)
    live.save_answer(other, session, first.id, "Của người khác.", 1, clock.now)
    row, answer = live.learner_view(session.id, learner.id)
    assert row.id == first.id and answer is None
    second = live.push_scenario_prompt(room["trainer"], session, "p3", clock.now)
    live.save_answer(learner, session, second.id, "Của tôi.", 1, clock.now)
    row, answer = live.learner_view(session.id, learner.id)
    assert row.id == second.id and answer.text == "Của tôi."


def test_the_open_session_is_found_for_learners_of_the_class_only(room, world):
    assert live.open_session_for_learner(world["people"]["learner"]).id == room["session"].id
    assert live.open_session_for_learner(world["people"]["p2_learner"]) is None
    assert [name for _id, name in live.roster(room["session"])] == ["Huỳnh Phường Một", "Lê Học Viên"]
