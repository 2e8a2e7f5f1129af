"""A backup taken while learners are answering restores every answer they were told was saved.

Three learners autosave answers through the real JSON route in threads while ``flask backup``
runs. Every save acknowledged before the backup started must come back from the restore with
at least that sequence number (a later save may have replaced it), and the restored platform
must work: the learner logs in, reopens the attempt and submits it.
"""

import shutil
import threading
import time

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.quizzes.factory import quiz_course, single
from training.core.time import utcnow
from training.courses.loaders import enrollment_of
from training.extensions import db
from training.quizzes.models import AttemptAnswer, QuizAttempt
from training.quizzes.services import attempts as engine

LEARNERS = ("learner", "p1_learner", "p2_learner")
QUESTIONS = 6


def _answering(app, email, attempt_id, stop, acks, errors):
    client = app.test_client()
    if client.post("/login", data={"email": email, "password": PASSWORD}).status_code != 302:
        errors.append(f"{email}: login failed")
        return
    seq = 0
    while not stop.is_set():
        seq += 1
        position = seq % QUESTIONS + 1
        response = client.post(f"/quizzes/attempts/{attempt_id}/answer",
                               json={"position": position, "seq": seq, "fields": {f"q{position}": [str(seq % 4)]}})
        if response.status_code != 200:
            errors.append(f"{email}: {response.status_code} {response.get_data(as_text=True)[:200]}")
            return
        if response.get_json()["saved"]:
            acks.append((attempt_id, position, seq, time.monotonic()))


def test_backup_while_answering_restores_every_acknowledged_answer(app, runner, world, tmp_path):
    if db.engine.dialect.name == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    data = quiz_course(world, specs=[single(f"Câu {n}", right=n % 4) for n in range(1, QUESTIONS + 1)],
                       enrol=LEARNERS)
    attempt_ids = {}
    for key in LEARNERS:
        person = world["people"][key]
        attempt = engine.start_attempt(person, data["quiz"], enrollment_of(person, data["course"].id), utcnow())
        attempt_ids[key] = attempt.id
    db.session.commit()

    stop, acks, errors = threading.Event(), [], []
    threads = [threading.Thread(target=_answering, args=(app, world["people"][key].email, attempt_ids[key], stop,
                                                         acks, errors)) for key in LEARNERS]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 60
        while len(acks) < 30 and not errors and time.monotonic() < deadline:
            time.sleep(0.05)
        backup_started = time.monotonic()
        result = runner.invoke(args=["backup", "-o", str(tmp_path / "during-exam.tar.gz")])
        after_backup = len(acks)
        while len(acks) < after_backup + 10 and not errors and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert not errors, errors
    assert result.exit_code == 0, result.output
    before = [ack for ack in acks if ack[3] < backup_started]
    assert len(before) >= 30 and len(acks) > len(before)

    result = runner.invoke(args=["restore", str(tmp_path / "during-exam.tar.gz"), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    stored = {(row.attempt_id, row.position): row.seq for row in db.session.execute(
        select(AttemptAnswer.attempt_id, AttemptAnswer.position, AttemptAnswer.seq)
        .where(AttemptAnswer.attempt_id.in_(attempt_ids.values())))}
    lost = [ack[:3] for ack in before if stored.get((ack[0], ack[1]), 0) < ack[2]]
    assert not lost, f"{len(lost)} acknowledged answers missing after restore: {lost[:5]}"

    client = app.test_client()
    assert client.post("/login", data={"email": world["people"]["learner"].email,
                                       "password": PASSWORD}).status_code == 302
    attempt_id = attempt_ids["learner"]
    assert client.get(f"/quizzes/attempts/{attempt_id}").status_code == 200
    assert client.post(f"/quizzes/attempts/{attempt_id}/submit").status_code == 302
    db.session.remove()
    assert db.session.get(QuizAttempt, attempt_id).status != engine.IN_PROGRESS
