"""The press room, debrief, review page and queue read a fixed number of queries."""

from tests.simulations.test_routes import GOOD, _finish, _start


def _queries(client, count_queries, url):
    client.get(url)  # warm: session, translations
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_the_debrief_and_review_do_not_grow_with_the_number_of_answers(login_as, sim, count_queries):
    client = login_as("learner")
    run_id = _start(client, sim)
    page = f"/simulations/runs/{run_id}"
    client.get(page)
    press_room = _queries(client, count_queries, page)
    assert press_room <= 6
    _finish(client, run_id, GOOD)
    debrief = _queries(client, count_queries, f"/simulations/runs/{run_id}/debrief")
    assert debrief <= 10  # one of them: the register documents the legal grounds cite
    client.post("/logout")
    trainer = login_as("trainer")
    assert _queries(trainer, count_queries, "/manage/simulations/reviews") <= 10


def test_the_queue_does_not_grow_with_the_runs(login_as, world, sim, count_queries, make_user):
    from tests.simulations.conftest import enrol

    trainer = login_as("trainer")
    few = _queries(trainer, count_queries, "/manage/simulations/reviews")
    trainer.post("/logout")
    for n in range(3):
        user = make_user("learner", world["units"]["P1"], email=f"hv{n}@test.vn")
        world["people"][f"extra{n}"] = user
        enrol(world, sim["course"], f"extra{n}")
        client = login_as(f"extra{n}")
        _finish(client, _start(client, sim), GOOD)
        client.post("/logout")
    trainer = login_as("trainer")
    assert _queries(trainer, count_queries, "/manage/simulations/reviews") == few
