"""Runs through the services: server deadlines, autosave, late answers, follow-ups, scoring, the ledger."""

import pytest
from sqlalchemy import select

from training.core.errors import DomainError
from training.courses.models import ItemResult
from training.extensions import db
from training.simulations.findings import Finding
from training.simulations.models import RunPrompt, RunState
from training.simulations.services import runs


def _start(world, built, clock, key="learner"):
    from training.courses.loaders import enrollment_of

    user = world["people"][key]
    run = runs.start_run(user, built["simulation"], enrollment_of(user, built["course"].id), clock.now)
    row = runs.begin(run, clock.now)
    db.session.commit()
    return run, row


def test_the_first_prompt_gets_a_deadline_from_the_server_clock(world, small, clock):
    run, row = _start(world, small, clock)
    assert row.prompt_id == "p1"
    assert (row.deadline_at - row.shown_at).total_seconds() == 60
    # Asking again returns the same open prompt: a reload does not restart the countdown.
    clock.advance(20)
    assert runs.current_prompt(run, clock.now).id == row.id


def test_a_draft_survives_a_reload_and_a_second_start_resumes_the_run(world, small, clock):
    run, row = _start(world, small, clock)
    runs.save_draft(run, row.id, "An toàn của người dân", clock.advance(5))
    db.session.commit()
    db.session.expire_all()
    again = runs.start_run(world["people"]["learner"], small["simulation"], None, clock.now)
    assert again.id == run.id
    assert runs.current_prompt(again, clock.now).draft == "An toàn của người dân"


def test_disclosing_the_restricted_item_inserts_the_follow_up(world, small, clock):
    run, row = _start(world, small, clock)
    clock.advance(25)
    following = runs.submit_answer(run, row.id, "Công ty X đang bị thanh tra.", clock.now)
    assert following.prompt_id == "f1"
    assert following.follow_up_rule == "r1"
    stored = [Finding.from_dict(f) for f in db.session.get(RunPrompt, row.id).findings]
    disclosure = next(f for f in stored if f.kind == "restricted_disclosure")
    assert (disclosure.match, disclosure.start, disclosure.end) == ("Công ty X", 0, 9)
    assert db.session.get(RunPrompt, row.id).seconds == 25


def test_a_late_answer_is_kept_and_marked_late(world, small, clock):
    run, row = _start(world, small, clock)
    clock.advance(75)
    runs.submit_answer(run, row.id, "Chúng tôi sẽ thông tin khi có kết quả.", clock.now)
    stored = db.session.get(RunPrompt, row.id)
    assert stored.is_late and stored.answer.startswith("Chúng tôi")
    assert "late" in {f["kind"] for f in stored.findings}


def test_an_answer_is_given_once(world, small, clock):
    run, row = _start(world, small, clock)
    runs.submit_answer(run, row.id, "Trả lời.", clock.advance(10))
    with pytest.raises(DomainError) as error:
        runs.submit_answer(run, row.id, "Sửa lại.", clock.advance(10))
    assert error.value.status == 409


def test_a_finished_automatic_run_records_its_result_in_the_ledger(world, small, clock):
    run, row = _start(world, small, clock)
    while row is not None:
        row = runs.submit_answer(run, row.id, "An toàn của người dân là trên hết. Chúng tôi sẽ thông tin lúc 17 giờ "
                                 "trên Cổng thông tin điện tử.", clock.advance(20))
    db.session.commit()
    assert run.state == RunState.FINISHED.value
    assert run.final_score == run.suggested_score and run.passed == run.suggested_passed
    result = db.session.scalar(select(ItemResult).where(ItemResult.item_id == small["item"].id))
    assert result.source == "simulation"
    assert result.passed == run.passed
    assert result.score == round(100 * run.final_score / run.suggested_max, 2)


def test_a_reviewed_simulation_waits_for_the_trainer(world, sim, clock):
    run, row = _start(world, sim, clock)
    while row is not None:
        row = runs.submit_answer(run, row.id, "Miễn bình luận.", clock.advance(10))
    db.session.commit()
    assert run.state == RunState.FINISHED.value and run.final_score is None
    assert db.session.scalar(select(ItemResult).where(ItemResult.item_id == sim["item"].id)) is None


def test_a_run_keeps_its_scenario_version_when_the_scenario_changes(world, small, clock):
    from tests.simulations.builders import minimal
    from training.simulations.services import scenarios

    run, _row = _start(world, small, clock)
    changed = minimal()
    changed["prompts"][0]["text"] = "Câu hỏi 1 đã sửa?"
    _record, version, created = scenarios.save_scenario(world["people"]["trainer"], changed, clock.now)
    assert created and version.number == 2
    assert runs.scenario_of(run).prompts[0].text == "Câu hỏi 1?"
