"""Request logs: one JSON line per request with its id, user, route, status and duration; no secrets."""

import json
import logging

from tests.conftest import PASSWORD
from training.core.http import JsonLineFormatter


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []
        self.setFormatter(JsonLineFormatter())

    def emit(self, record):
        self.lines.append(self.format(record))


def test_one_json_line_per_request_without_secrets(app, client, world):
    capture = _Capture()
    logger = logging.getLogger("training.requests")
    logger.addHandler(capture)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        client.post("/login", data={"email": world["people"]["learner"].email, "password": PASSWORD})
        client.get("/account", headers={"X-Request-Id": "abc123"})
    finally:
        logger.removeHandler(capture)
        logger.setLevel(level)
    entries = [json.loads(line) for line in capture.lines]
    assert [e["route"] for e in entries] == ["accounts.login", "accounts.profile"]
    account = entries[1]
    assert account["request_id"] == "abc123" and account["status"] == 200
    assert account["user_id"] == world["people"]["learner"].id and account["duration_ms"] >= 0
    text = "\n".join(capture.lines)
    assert PASSWORD not in text and "password" not in text.lower()
    assert entries[0]["user_id"] is None or entries[0]["user_id"] == world["people"]["learner"].id
