"""Review service: two trainers never grade the same run; scores in range; decision by the rubric rule."""

import pytest

from training.core.errors import DomainError
from training.core.time import utcnow
from training.courses.loaders import enrollment_of
from training.extensions import db
from training.simulations.models import RunState
from training.simulations.services import reviews, runs

POINTS = {"legal": 20, "accuracy": 20, "key_messages": 15, "technique": 15, "empathy": 10, "action": 10,
          "delivery": 10}


@pytest.fixture
def finished(world, sim):
    learner = world["people"]["learner"]
    run = runs.start_run(learner, sim["simulation"], enrollment_of(learner, sim["course"].id), utcnow())
    row = runs.begin(run, utcnow())
    while row is not None:
        row = runs.submit_answer(run, row.id, "Chúng tôi sẽ thông tin lúc 17 giờ.", utcnow())
    db.session.commit()
    return run


def test_a_run_held_by_one_trainer_cannot_be_graded_by_another(world, make_user, finished):
    first, second = world["people"]["trainer"], make_user("trainer", world["units"]["BTG"], email="gv2@test.vn")
    assert reviews.claim(first, finished, utcnow())
    assert not reviews.claim(second, finished, utcnow())
    with pytest.raises(DomainError) as error:
        reviews.save_review(second, finished, {"criteria": POINTS}, utcnow())
    assert error.value.status == 409 and finished.state == RunState.FINISHED.value
    reviews.save_review(first, finished, {"criteria": POINTS}, utcnow())
    with pytest.raises(DomainError):
        reviews.save_review(first, finished, {"criteria": POINTS}, utcnow())  # reviewed once


def test_confirmed_red_flags_cost_their_penalty_and_two_fail_the_run(world, finished):
    run = reviews.save_review(world["people"]["trainer"], finished,
                              {"criteria": POINTS, "red_flags": ["restricted_disclosure", "invented_figure"]},
                              utcnow())
    assert (run.final_score, run.passed) == (60, False)


def test_the_trainer_may_overrule_the_rubric_rule(world, finished):
    run = reviews.save_review(world["people"]["trainer"], finished,
                              {"criteria": {**POINTS, "legal": 5}, "passed": True}, utcnow())
    assert (run.final_score, run.passed) == (85, True)


def test_the_queue_filters_by_unit_and_keeps_a_scoped_admin_inside_their_units(login_as, world, sim, finished):
    from tests.simulations.conftest import enrol

    enrol(world, sim["course"], "p1_learner")
    p1 = world["people"]["p1_learner"]
    run = runs.start_run(p1, sim["simulation"], enrollment_of(p1, sim["course"].id), utcnow())
    row = runs.begin(run, utcnow())
    while row is not None:
        row = runs.submit_answer(run, row.id, "Chúng tôi sẽ thông tin lúc 17 giờ.", utcnow())
    db.session.commit()
    trainer = login_as("trainer")
    everyone = trainer.get("/manage/simulations/reviews").get_data(as_text=True)
    assert "Lê Học Viên" in everyone and "Huỳnh Phường Một" in everyone
    only_p1 = trainer.get(f"/manage/simulations/reviews?unit_id={world['units']['P1'].id}").get_data(as_text=True)
    assert "Huỳnh Phường Một" in only_p1 and "Lê Học Viên" not in only_p1
    trainer.post("/logout")
    scoped = login_as("scoped_admin")
    outside = scoped.get(f"/manage/simulations/reviews?unit_id={world['units']['PVHTT'].id}").get_data(as_text=True)
    assert "Huỳnh Phường Một" in outside and "Lê Học Viên" not in outside
