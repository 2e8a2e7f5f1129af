"""The press room, debrief and review through the test client (scenario 1 of the content brief)."""

import json
import re

from sqlalchemy import select

from training.courses.models import ItemResult
from training.extensions import db
from training.simulations.models import Run, RunPrompt, RunState

GOOD = ("An toàn của người dân là ưu tiên số một. Chúng tôi sẽ công bố kết quả lúc 17 giờ trên Cổng thông tin "
        "điện tử thành phố.")


def _open_prompt(run_id):
    return db.session.scalar(select(RunPrompt).where(RunPrompt.run_id == run_id, RunPrompt.answered_at.is_(None)))


def _start(client, sim):
    response = client.post(f"/simulations/items/{sim['item'].id}/start")
    run_id = int(response.headers["Location"].rsplit("/", 1)[1])
    brief = client.get(f"/simulations/runs/{run_id}").get_data(as_text=True)
    assert "Facts you may state" in brief or "Dữ kiện được công bố" in brief
    client.post(f"/simulations/runs/{run_id}/begin")
    return run_id


def _answer(client, run_id, text):
    row = _open_prompt(run_id)
    response = client.post(f"/simulations/runs/{run_id}/answer", data={"prompt": row.id, "text": text})
    assert response.status_code == 302
    return row


def _finish(client, run_id, text=GOOD):
    while _open_prompt(run_id) is not None:
        _answer(client, run_id, text)
        client.get(f"/simulations/runs/{run_id}")


def test_the_press_room_shows_one_question_with_the_journalist_and_a_countdown(login_as, sim):
    client = login_as("learner")
    run_id = _start(client, sim)
    page = client.get(f"/simulations/runs/{run_id}").get_data(as_text=True)
    assert "Đến giờ có bao nhiêu cá chết" in page
    assert re.search(r'data-remaining="(89|90)"', page)
    assert "Vì sao trạm quan trắc" not in page  # one prompt at a time


def test_autosave_keeps_the_draft_across_a_reload(login_as, sim):
    client = login_as("learner")
    run_id = _start(client, sim)
    client.get(f"/simulations/runs/{run_id}")
    row = _open_prompt(run_id)
    response = client.post(f"/simulations/runs/{run_id}/save", json={"prompt": row.id, "text": "Bản nháp chưa gửi"})
    assert response.status_code == 200 and "saved_at" in response.get_json()
    assert "Bản nháp chưa gửi" in client.get(f"/simulations/runs/{run_id}").get_data(as_text=True)


def test_naming_company_x_on_prompt_5_brings_the_journalist_back(login_as, sim):
    client = login_as("learner")
    run_id = _start(client, sim)
    for _n in range(4):
        client.get(f"/simulations/runs/{run_id}")
        _answer(client, run_id, GOOD)
    client.get(f"/simulations/runs/{run_id}")
    _answer(client, run_id, "Đúng là Công ty X đang bị thanh tra.")
    page = client.get(f"/simulations/runs/{run_id}").get_data(as_text=True)
    assert "Vậy ông xác nhận Công ty X vi phạm?" in page
    assert _open_prompt(run_id).follow_up_rule == "hoi-tiep-cong-ty-x"


def test_the_debrief_flags_the_disclosure_with_its_legal_ground_and_the_evasion(login_as, sim):
    client = login_as("learner")
    run_id = _start(client, sim)
    client.get(f"/simulations/runs/{run_id}")
    _answer(client, run_id, "Miễn bình luận.")
    client.get(f"/simulations/runs/{run_id}")
    _answer(client, run_id, "Công ty X đang bị thanh tra.")
    _finish(client, run_id)
    page = client.get(f"/simulations/runs/{run_id}/debrief").get_data(as_text=True)
    assert '<mark class="sim-mark sim-mark-danger" data-kind="restricted_disclosure">Công ty X</mark>' in page
    assert "Điều 38" in page
    assert 'data-kind="evasive">Miễn bình luận</mark>' in page
    assert "An toàn của người dân" in page  # key messages with how often


def test_someone_elses_run_is_not_found(login_as, sim, world):
    from tests.simulations.conftest import enrol

    enrol(world, sim["course"], "p2_learner")
    other = login_as("p2_learner")
    run_id = _start(other, sim)
    other.post("/logout")
    client = login_as("learner")
    assert client.get(f"/simulations/runs/{run_id}").status_code == 404
    assert client.post(f"/simulations/runs/{run_id}/save", json={"prompt": 1, "text": "x"}).status_code == 404


def test_a_trainer_reviews_the_run_and_the_ledger_and_debrief_follow(app, login_as, sim, world):
    client = login_as("learner")
    run_id = _start(client, sim)
    _finish(client, run_id)
    client.post("/logout")
    trainer = login_as("trainer")
    assert "Lê Học Viên" in trainer.get("/manage/simulations/reviews").get_data(as_text=True)
    page = trainer.get(f"/manage/simulations/runs/{run_id}/review").get_data(as_text=True)
    assert "criterion-legal" in page
    rows = db.session.scalars(select(RunPrompt).where(RunPrompt.run_id == run_id)).all()
    form = {"criterion-legal": 20, "criterion-accuracy": 18, "criterion-key_messages": 15, "criterion-technique": 12,
            "criterion-empathy": 6, "criterion-action": 10, "criterion-delivery": 9, "decision": "rule",
            "comment": "Giữ bình tĩnh tốt.", f"comment-{rows[0].id}": "Nên mở đầu bằng sự chia sẻ."}
    assert trainer.post(f"/manage/simulations/runs/{run_id}/review", data=form).status_code == 302
    db.session.expire_all()
    run = db.session.get(Run, run_id)
    assert (run.state, run.final_score, run.passed) == (RunState.REVIEWED.value, 90, True)
    result = db.session.scalar(select(ItemResult).where(ItemResult.item_id == sim["item"].id))
    assert result.passed and result.completed_at is not None and result.source == "simulation"
    trainer.post("/logout")
    debrief = login_as("learner").get(f"/simulations/runs/{run_id}/debrief").get_data(as_text=True)
    assert "Nên mở đầu bằng sự chia sẻ." in debrief and "Giữ bình tĩnh tốt." in debrief


def test_points_out_of_range_are_refused_and_nothing_changes(login_as, sim):
    client = login_as("learner")
    run_id = _start(client, sim)
    _finish(client, run_id)
    client.post("/logout")
    trainer = login_as("trainer")
    response = trainer.post(f"/manage/simulations/runs/{run_id}/review", data={"criterion-legal": 25})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Run, run_id).state == RunState.FINISHED.value


def test_import_export_and_a_malformed_scenario(login_as, sim):
    from tests.simulations.builders import minimal

    client = login_as("trainer")
    bad = minimal()
    bad["prompts"][2]["journalist"] = "j9"
    response = client.post("/manage/scenarios/import", data={"text": json.dumps(bad)})
    assert response.status_code == 422
    assert "prompts[2].journalist" in response.get_data(as_text=True)
    response = client.post("/manage/scenarios/import", data={"text": json.dumps(minimal(), ensure_ascii=False)})
    assert response.status_code == 302
    record_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    exported = client.get(f"/manage/scenarios/{record_id}/export")
    assert exported.get_json()["schema"] == "spokesperson-scenario/1"
    assert exported.get_json()["slug"] == "thu-nghiem"


def test_the_check_preview_highlights_an_answer(login_as, sim):
    client = login_as("trainer")
    page = client.post(f"/manage/scenarios/{sim['record'].id}/check",
                       data={"prompt": "p5", "text": "Cty X có lẽ đã xả thải."}).get_data(as_text=True)
    assert 'data-kind="restricted_disclosure">Cty X</mark>' in page
    assert 'data-kind="speculation">có lẽ</mark>' in page


def test_a_trainer_adds_a_simulation_to_a_module(login_as, sim):
    client = login_as("trainer")
    response = client.post(f"/manage/scenarios/modules/{sim['module'].id}/new",
                           data={"title": "Diễn tập 2", "scenario_id": sim["record"].id, "requires_review": "y"})
    assert response.status_code == 302
    from training.simulations.models import Simulation

    assert db.session.scalar(select(Simulation).where(Simulation.id != sim["simulation"].id)).requires_review
