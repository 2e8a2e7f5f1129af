"""Spoken answers: recognised by their bytes; size, length, type and ownership enforced."""

import io

import pytest
from sqlalchemy import select

from training.extensions import db
from training.simulations.audio import sniff_audio
from training.simulations.models import RunPrompt

WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 60
MP4 = b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 40


@pytest.mark.parametrize(("data", "expected"), [
    (WEBM, "audio/webm"), (b"OggS" + b"\x00" * 20, "audio/ogg"), (MP4, "audio/mp4"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 20, "audio/wav"),
    (b"%PDF-1.7\n" + b"\x00" * 20, None), (b"<html><body>", None), (b"\x1a\x45", None),
])
def test_recordings_are_recognised_by_their_bytes(data, expected):
    assert sniff_audio(data) == expected


def _press_room(login_as, sim):
    client = login_as("learner")
    run_id = int(client.post(f"/simulations/items/{sim['item'].id}/start").headers["Location"].rsplit("/", 1)[1])
    client.post(f"/simulations/runs/{run_id}/begin")
    client.get(f"/simulations/runs/{run_id}")
    row = db.session.scalar(select(RunPrompt).where(RunPrompt.run_id == run_id))
    return client, run_id, row


def _upload(client, run_id, row_id, data, seconds="12", name="answer.webm"):
    return client.post(f"/simulations/runs/{run_id}/audio", data={
        "prompt": str(row_id), "seconds": seconds, "audio": (io.BytesIO(data), name)},
        content_type="multipart/form-data")


def test_a_recording_is_stored_and_played_back_only_to_its_learner_and_reviewers(app, login_as, sim, world):
    client, run_id, row = _press_room(login_as, sim)
    response = _upload(client, run_id, row.id, WEBM)
    assert response.status_code == 200, response.get_json()
    played = client.get(response.get_json()["url"])
    assert played.status_code == 200 and played.mimetype == "audio/webm" and played.data == WEBM
    client.post("/logout")
    from tests.simulations.conftest import enrol

    enrol(world, sim["course"], "p2_learner")
    assert login_as("p2_learner").get(response.get_json()["url"]).status_code == 404


@pytest.mark.parametrize(("data", "seconds", "status"), [
    (b"%PDF-1.7 pretending to be audio" * 3, "10", 415),
    (WEBM, "900", 413),
    (WEBM, "abc", 413),
])
def test_bad_recordings_are_refused_and_nothing_is_stored(login_as, sim, data, seconds, status):
    client, run_id, row = _press_room(login_as, sim)
    response = _upload(client, run_id, row.id, data, seconds)
    assert response.status_code == status and response.get_json()["error"]
    db.session.expire_all()
    assert db.session.get(RunPrompt, row.id).audio_sha256 is None


def test_an_oversized_recording_is_refused(app, login_as, sim):
    app.config["SIMULATIONS_AUDIO_MAX_BYTES"] = 1024
    client, run_id, row = _press_room(login_as, sim)
    response = _upload(client, run_id, row.id, WEBM + b"\x00" * 2048)
    assert response.status_code == 413 and "MB" in response.get_json()["error"]
