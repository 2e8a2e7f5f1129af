"""Timed preparation (the brief and on-record facts first, a server countdown) and the legal register in the debrief."""

from datetime import date

from sqlalchemy import select

from tests.simulations.builders import minimal
from tests.simulations.conftest import build_course, enrol
from training.courses.loaders import enrollment_of
from training.courses.models import LegalDocument
from training.courses.services import legal
from training.extensions import db
from training.simulations.models import Run
from training.simulations.services import runs


def _timed(world, minutes=5, item_minutes=None):
    data = minimal()
    data["preparation_minutes"] = minutes
    data["restricted"][0]["legal_ref"] = {"document": "luat-bao-chi-2016", "article": "Điều 38 khoản 2 điểm c"}
    built = build_course(world, requires_review=False, data=data, slug="chuan-bi")
    built["simulation"].prep_minutes = item_minutes
    enrol(world, built["course"])
    return built


def _start(world, built, now):
    user = world["people"]["learner"]
    run = runs.start_run(user, built["simulation"], enrollment_of(user, built["course"].id), now)
    db.session.commit()
    return run


def test_prompts_stay_locked_until_the_preparation_time_ends_which_is_recorded_at_its_deadline(app, world, clock):
    built = _timed(world, minutes=5)
    run = _start(world, built, clock.now)
    assert run.prep_seconds == 300 and run.prep_started_at == clock.now
    assert runs.current_prompt(run, clock.advance(299)) is None
    assert run.briefed_at is None
    row = runs.current_prompt(run, clock.advance(30))
    assert row.prompt_id == "p1"
    # Preparation is recorded as ending at its deadline, not when the page was next asked for.
    assert run.briefed_at == run.prep_deadline < clock.now
    assert run.prep_used_seconds == 300
    # The first question's own countdown starts when it is shown, not when preparation ended.
    assert row.shown_at == clock.now


def test_i_am_ready_ends_preparation_early_and_the_item_setting_overrides_the_scenario(app, world, clock):
    built = _timed(world, minutes=5, item_minutes=2)
    run = _start(world, built, clock.now)
    assert run.prep_seconds == 120
    row = runs.begin(run, clock.advance(45))
    assert row is not None and run.prep_used_seconds == 45


def test_the_brief_shows_the_countdown_and_the_debrief_the_time_used(app, world, login_as):
    built = _timed(world, minutes=5)
    client = login_as("learner")
    response = client.post(f"/simulations/items/{built['item'].id}/start")
    run_url = response.headers["Location"]
    page = client.get(run_url).get_data(as_text=True)
    assert 'id="sim-prep-countdown"' in page and "Tôi đã sẵn sàng" in page
    assert 'id="sim-answer-form"' not in page
    # Answers cannot be sent before the prompts unlock: no prompt has been shown.
    run_id = int(run_url.rsplit("/", 1)[1])
    assert client.post(f"{run_url}/answer", data={"prompt": "1", "text": "Trả lời sớm"}).status_code == 404
    client.post(f"{run_url}/begin")
    while (row := runs.current_prompt(db.session.get(Run, run_id), runs_now())) is not None:
        db.session.commit()
        client.post(f"{run_url}/answer", data={"prompt": row.id, "text": "Công ty X đang bị thanh tra."})
        db.session.expire_all()
    debrief = client.get(f"{run_url}/debrief").get_data(as_text=True)
    assert "Thời gian chuẩn bị đã dùng" in debrief and "(trên 5 phút được dành)" in debrief


def runs_now():
    from training.core.time import utcnow

    return utcnow()


def test_a_disclosure_in_the_debrief_names_the_cited_document_and_warns_when_it_is_superseded(app, world, login_as):
    built = _timed(world, minutes=1)
    old = db.session.scalar(select(LegalDocument).where(LegalDocument.code == "luat-bao-chi-2016"))
    new = db.session.scalar(select(LegalDocument).where(LegalDocument.code == "luat-bao-chi-2025"))
    legal.mark_superseded(world["people"]["trainer"], old, new, date(2026, 7, 1), runs_now())
    db.session.commit()
    client = login_as("learner")
    run_url = client.post(f"/simulations/items/{built['item'].id}/start").headers["Location"]
    client.post(f"{run_url}/begin")
    run_id = int(run_url.rsplit("/", 1)[1])
    while (row := runs.current_prompt(db.session.get(Run, run_id), runs_now())) is not None:
        db.session.commit()
        client.post(f"{run_url}/answer", data={"prompt": row.id, "text": "Công ty X đang bị thanh tra."})
        db.session.expire_all()
    debrief = client.get(f"{run_url}/debrief").get_data(as_text=True)
    assert "Điều 38 khoản 2 điểm c" in debrief
    assert old.label in debrief and "hết hiệu lực" in debrief
    assert "Hết hiệu lực từ 01/07/2026; được thay thế bởi " + new.label in debrief
