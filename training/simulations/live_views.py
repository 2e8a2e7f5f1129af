"""What the live pages and their polls show: prompts and answers as JSON-ready data, findings in words.

Kept out of the routes so they stay short; nothing here writes to the database.
"""

from flask import url_for
from flask_babel import gettext as _

from training.core.time import to_local
from training.simulations.findings import Finding
from training.simulations.services import live
from training.simulations.views import LEVELS, TONES, highlight


def prompt_data(row, now):
    """Return a pushed prompt as the learner's page shows it, with the seconds left by the server's clock."""
    if row is None:
        return None
    return {"id": row.id, "position": row.position, "text": row.text, "journalist": row.journalist_name,
            "outlet": row.outlet, "tone": str(TONES.get(row.tone, row.tone)), "time_limit": row.time_limit,
            "improvised": row.is_improvised,
            "remaining": max(0, int((row.deadline_at - now).total_seconds()))}


def findings_data(findings):
    """Return stored findings translated, with their level's colour and the matched words' offsets."""
    result = []
    for item in findings or ():
        finding = Finding.from_dict(item)
        css, label = LEVELS.get(finding.level, LEVELS["note"])
        result.append({"kind": finding.kind, "level": finding.level, "css": css, "label": str(label),
                       "text": finding.text(_), "match": finding.match, "start": finding.start, "end": finding.end})
    return result


def answer_data(answer, name, tz):
    """Return an answer for the trainer's console (poll or first render), its text highlighted as HTML."""
    html = highlight(answer.text, [Finding.from_dict(item) for item in answer.findings or ()])
    return {"html": html, "id": answer.id, "prompt": answer.prompt_id, "user": answer.user_id, "name": name, "text": answer.text,
            "rev": answer.rev, "seconds": str(answer.seconds), "late": answer.is_late, "seq": answer.seq,
            "at": to_local(answer.answered_at, tz).strftime("%H:%M:%S"), "findings": findings_data(answer.findings)}


def own_answer_data(answer, tz):
    """Return the learner's own saved answer (no findings: those are for the trainer's debrief)."""
    if answer is None:
        return None
    return {"text": answer.text, "rev": answer.rev, "late": answer.is_late,
            "saved_at": to_local(answer.answered_at, tz).strftime("%H:%M:%S")}


def live_notice(user, course, enrollment):
    """The course page's banner when the learner's class has a live session open (no query without a class)."""
    if enrollment is None or enrollment.class_id is None:
        return []
    session = live.open_session_of_class(enrollment.class_id)
    if session is None:
        return []
    return [{"text": _("A live press-conference exercise for your class is running now."),
             "url": url_for("live_room.room", session_id=session.id), "link": _("Join the live session")}]
