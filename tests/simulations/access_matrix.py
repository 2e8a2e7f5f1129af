"""Who may use the simulation pages. Runs: the learner's own finished run, and another learner's (P2)."""

from tests.access import AUTHORS, STAFF, Route, expect
from training.simulations.parts import PART_NAMES

AUTHORS_BAD_FORM = expect(302, 403, 400, 400, 403, 403)
AUTHORS_INVALID = expect(302, 403, 422, 422, 403, 403)
STAFF_BAD_FORM = expect(302, 403, 400, 400, 400, 403)
# A learner's own run: theirs (200); staff may read the debrief; the P1 admin not (PVHTT is outside P1).
OWN_DEBRIEF = expect(302, 200, 200, 200, 404, 404)
OWN_RUN = expect(302, 200, 404, 404, 404, 404)
OWN_RUN_POST = expect(302, 302, 404, 404, 404, 404)
P2_REVIEW = expect(302, 403, 200, 200, 403, 403)


def setup(world):
    """Scenario 1 as a reviewed item; the learner and the P2 learner each with a finished run."""
    from tests.simulations.conftest import build_course, enrol
    from training.core.time import utcnow
    from training.courses.loaders import enrollment_of
    from training.extensions import db
    from training.simulations.services import runs

    built = build_course(world)
    finished = {}
    for key in ("learner", "p2_learner"):
        enrol(world, built["course"], key)
        user = world["people"][key]
        run = runs.start_run(user, built["simulation"], enrollment_of(user, built["course"].id), utcnow())
        row = runs.begin(run, utcnow())
        while row is not None:
            row = runs.submit_answer(run, row.id, "Chúng tôi sẽ thông tin lúc 17 giờ.", utcnow())
        finished[key] = run
    user = world["people"]["learner"]
    open_run = runs.start_run(user, built["simulation"], enrollment_of(user, built["course"].id), utcnow())
    row = runs.begin(open_run, utcnow())
    runs.attach_audio(open_run, row.id, b"\x1a\x45\xdf\xa3" + bytes(40), 5, utcnow(), max_bytes=2 ** 20, max_seconds=60)
    from training.courses.services import authoring
    from training.simulations.services import items

    trainer, now = world["people"]["trainer"], utcnow()
    other = authoring.create_course(trainer, {"title": "Khóa không ai ghi danh", "slug": "dien-tap-khac"}, now)
    other_module = authoring.add_module(trainer, other, "Diễn tập", now)
    other_simulation = items.create_simulation(trainer, other_module, built["record"], "Họp báo khác", now)
    authoring.set_status(trainer, other, "published", now)
    db.session.commit()
    return {"sim": built, "runs": finished, "open_run": open_run, "open_row": row.id,
            "other_item": other_simulation.item, **live_setup(world, built)}


def live_setup(world, built):
    """A class in PVHTT (outside the P1 admin's units) with the learner, and its open live session with
    one pushed prompt; another class's session (P2) the learner is not in."""
    from training.core.time import utcnow
    from training.courses.services import enrolment
    from training.extensions import db
    from training.simulations.services import live

    now, admin, trainer = utcnow(), world["people"]["admin"], world["people"]["trainer"]
    sessions = {}
    for key, unit in (("learner", "PVHTT"), ("p2_learner", "P2")):
        training_class = enrolment.save_class(admin, None, built["course"], {
            "name": f"Lớp trực tiếp {unit}", "unit_id": world["units"][unit].id, "trainer_id": trainer.id}, now)
        enrolment.enrol_people(admin, built["course"], [world["people"][key]], now, "Asia/Ho_Chi_Minh",
                               training_class=training_class)
        session, _created = live.start_session(trainer, training_class, built["record"], now)
        live.push_scenario_prompt(trainer, session, "p1", now)
        sessions[key] = session
    db.session.commit()
    prompt = live.prompts_of(sessions["learner"])[0]
    return {"live": sessions["learner"], "other_live": sessions["p2_learner"], "live_prompt": prompt.id}


def item(w):
    return {"item_id": w["sim"]["item"].id}


def run(key):
    return lambda w: {"run_id": w["runs"][key].id}


def other_item(w):
    return {"item_id": w["other_item"].id}


def audio_upload(w):
    import io

    return {"prompt": str(w["open_row"]), "seconds": "5", "audio": (io.BytesIO(b"\x1a\x45\xdf\xa3" + bytes(40)), "a.webm")}


def open_run(w):
    return {"run_id": w["open_run"].id}


def scenario(w):
    return {"scenario_id": w["sim"]["record"].id}


def part_page(name):
    return lambda w: {"scenario_id": w["sim"]["record"].id, "part": name}


ROUTES = [
    Route("simulations.item", "GET", expect(302, 200, 200, 200, 200, 200), item),
    Route("simulations.start", "POST", expect(302, 302, 302, 302, 302, 302), item),
    # a course the learner is not enrolled in
    Route("simulations.item", "GET", expect(302, 403, 200, 200, 200, 200), other_item),
    Route("simulations.start", "POST", expect(302, 403, 302, 302, 302, 302), other_item),
    Route("simulations.run", "GET", OWN_RUN, open_run),
    Route("simulations.begin", "POST", OWN_RUN_POST, open_run),
    Route("simulations.save", "POST", expect(401, 200, 404, 404, 404, 404), open_run,
          json=lambda w: {"prompt": w["open_run"].prompts[0].id, "text": "Đang soạn"}),
    Route("simulations.audio", "POST", expect(302, 404, 404, 404, 404, 404), open_run),
    Route("simulations.audio", "POST", expect(302, 200, 404, 404, 404, 404), open_run, audio_upload),
    Route("simulations.recording", "GET", OWN_DEBRIEF,
          lambda w: {"run_id": w["open_run"].id, "prompt_row_id": w["open_run"].prompts[0].id}),
    Route("simulations.answer", "POST", expect(302, 404, 404, 404, 404, 404), open_run),
    Route("simulations.answer", "POST", expect(302, 302, 404, 404, 404, 404), open_run,
          lambda w: {"prompt": str(w["open_row"]), "text": "Chúng tôi sẽ thông tin lúc 17 giờ."}),
    Route("simulations.debrief", "GET", OWN_DEBRIEF, run("learner")),
    Route("simulations.debrief", "GET", expect(302, 404, 200, 200, 404, 404), run("p2_learner")),
    Route("sim_review.queue", "GET", STAFF),
    Route("sim_review.review", "GET", P2_REVIEW, run("p2_learner")),
    Route("sim_review.save", "POST", expect(302, 403, 400, 400, 403, 403), run("p2_learner")),
    Route("sim_author.index", "GET", AUTHORS),
    Route("sim_author.import_scenario", "GET", AUTHORS),
    Route("sim_author.import_scenario", "POST", AUTHORS_INVALID, data=lambda w: {"text": "{\"slug\": 1}"}),
    Route("sim_author.edit", "GET", AUTHORS, scenario),
    Route("sim_author.edit", "POST", AUTHORS_INVALID, scenario, lambda w: {"text": "[1, 2"}),
    Route("sim_author.export", "GET", AUTHORS, scenario),
    *[Route("sim_parts.edit", "GET", AUTHORS, part_page(name)) for name in PART_NAMES],
    Route("sim_parts.new", "GET", AUTHORS),
    Route("sim_parts.new", "POST", AUTHORS_BAD_FORM),
    # Without the version the page was opened on, a save is refused as stale (409) and changes nothing.
    Route("sim_parts.edit", "POST", expect(302, 403, 409, 409, 403, 403), part_page("journalists")),
    Route("sim_parts.edit", "POST", expect(302, 403, 400, 400, 403, 403), part_page("journalists"),
          lambda w: {"base_version": "1", "rows-0-id": "j1", "rows-0-name": "", "rows-0-tone": "neutral"}),
    Route("sim_author.check", "GET", AUTHORS, scenario),
    Route("sim_author.check", "POST", AUTHORS_BAD_FORM, scenario),
    Route("sim_author.new_item", "GET", AUTHORS, lambda w: {"module_id": w["sim"]["module"].id}),
    Route("sim_author.new_item", "POST", AUTHORS_BAD_FORM, lambda w: {"module_id": w["sim"]["module"].id}),
    Route("sim_author.edit_item", "GET", AUTHORS, item),
    Route("sim_author.edit_item", "POST", AUTHORS_BAD_FORM, item, lambda w: {"title": "", "scenario_id": "0"}),
]


def live_session(key="live"):
    return lambda w: {"session_id": w[key].id}


LIVE_STAFF = expect(302, 403, 200, 200, 403, 403)  # the class is in PVHTT: the P1 admin may not
LIVE_STAFF_POST = expect(302, 403, 302, 302, 403, 403)
LIVE_LEARNER = expect(302, 200, 403, 403, 403, 403)  # only learners enrolled in the class

ROUTES += [
    Route("sim_live.index", "GET", STAFF),
    Route("sim_live.new", "GET", STAFF),
    Route("sim_live.new", "POST", STAFF_BAD_FORM),
    # the class's session is already open: staff are taken to it; the P1 admin may not choose the class
    Route("sim_live.new", "POST", expect(302, 403, 302, 302, 400, 403),
          data=lambda w: {"class_id": str(w["live"].class_id), "scenario_id": str(w["sim"]["record"].id)}),
    Route("sim_live.console", "GET", LIVE_STAFF, live_session()),
    Route("sim_live.push", "POST", LIVE_STAFF_POST, live_session(), lambda w: {"prompt_id": "p2"}),
    Route("sim_live.push", "POST", expect(302, 403, 404, 404, 403, 403), live_session(), lambda w: {"prompt_id": "p99"}),
    Route("sim_live.improvise", "POST", expect(302, 403, 400, 400, 403, 403), live_session()),
    Route("sim_live.improvise", "POST", LIVE_STAFF_POST, live_session(),
          lambda w: {"journalist_name": "Phóng viên Lan", "outlet": "Báo Thử", "tone": "hostile", "time_limit": "60",
                     "text": "Ông có xin lỗi người dân không?"}),
    Route("sim_live.close", "POST", LIVE_STAFF_POST, live_session()),
    Route("sim_live.answers", "GET", LIVE_STAFF, live_session()),
    Route("live_room.room", "GET", LIVE_LEARNER, live_session()),
    Route("live_room.room", "GET", expect(302, 403, 403, 403, 403, 403), live_session("other_live")),
    Route("live_room.state", "GET", LIVE_LEARNER, live_session()),
    Route("live_room.state", "GET", expect(302, 403, 403, 403, 403, 403), live_session("other_live")),
    Route("live_room.answer", "POST", expect(302, 400, 403, 403, 403, 403), live_session()),
    Route("live_room.answer", "POST", expect(302, 302, 403, 403, 403, 403), live_session(),
          lambda w: {"prompt": str(w["live_prompt"]), "rev": "1", "text": "Chúng tôi sẽ thông tin lúc 17 giờ."}),
    Route("live_room.answer", "POST", expect(302, 403, 403, 403, 403, 403), live_session("other_live"),
          lambda w: {"prompt": str(w["live_prompt"]), "rev": "1", "text": "Thử"}),
]
