"""Prove that every acknowledged answer and submission of a load run is in the database.

Reads the JSONL acknowledgement log written by locustfile.py and checks, with plain SQL:

* every acknowledged autosave ``(attempt, position, seq)``: the stored answer row has
  ``seq >=`` the highest acknowledged one (a later save of the same question may have replaced
  it, never an older one);
* every acknowledged submission: the attempt is ``finished`` with a ``finished_at``.

Usage (the app's interpreter, or any with SQLAlchemy and the database driver)::

    .venv/bin/python bench/load/reconcile.py DATABASE_URL ACKS.jsonl

Prints one JSON object and exits 1 when anything acknowledged is missing.
"""

import argparse
import json
import sys
from collections import defaultdict

from sqlalchemy import create_engine, text


def read_acks(path):
    """Return ``({(attempt, position): highest acknowledged seq}, {submitted attempt ids}, answer ack count)``."""
    highest, submitted, count = defaultdict(int), set(), 0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            entry = json.loads(line)
            if entry["kind"] == "answer":
                count += 1
                key = (entry["attempt"], entry["position"])
                highest[key] = max(highest[key], entry["seq"])
            elif entry["kind"] == "submit":
                submitted.add(entry["attempt"])
    return highest, submitted, count


def reconcile(database_url, acks_path):
    """Compare the log with the database; return a summary dict (``ok`` false when something is lost)."""
    highest, submitted, count = read_acks(acks_path)
    attempts = sorted({attempt for attempt, _position in highest} | submitted)
    stored, status = {}, {}
    engine = create_engine(database_url)
    with engine.connect() as connection:
        for start in range(0, len(attempts), 500):
            chunk = attempts[start:start + 500]
            ids = ",".join(str(int(a)) for a in chunk)
            for row in connection.execute(text(
                    f"SELECT attempt_id, position, seq FROM quiz_attempt_answers WHERE attempt_id IN ({ids})")):
                stored[(row.attempt_id, row.position)] = row.seq
            for row in connection.execute(text(
                    f"SELECT id, status, finished_at FROM quiz_attempts WHERE id IN ({ids})")):
                status[row.id] = (row.status, row.finished_at)
    engine.dispose()
    lost_answers = [{"attempt": a, "position": p, "acked_seq": seq, "stored_seq": stored.get((a, p))}
                    for (a, p), seq in sorted(highest.items()) if stored.get((a, p), -1) < seq]
    lost_submits = [a for a in sorted(submitted)
                    if status.get(a, (None, None))[0] != "finished" or status[a][1] is None]
    newer = sum(1 for key, seq in highest.items() if stored.get(key, -1) > seq)
    return {"ok": not lost_answers and not lost_submits, "acknowledged_saves": count,
            "questions_checked": len(highest), "stored_newer_than_acked": newer,
            "acknowledged_submits": len(submitted), "attempts_checked": len(attempts),
            "lost_answers": lost_answers[:20], "lost_answer_count": len(lost_answers),
            "lost_submits": lost_submits[:20], "lost_submit_count": len(lost_submits)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url")
    parser.add_argument("acks")
    args = parser.parse_args()
    summary = reconcile(args.database_url, args.acks)
    print(json.dumps(summary, indent=1, default=str))
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
