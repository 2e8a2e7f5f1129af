"""What the press room, debrief and review pages show: labels, highlighted answers, findings in words.

Kept out of the routes so they stay short; nothing here writes to the database.
"""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import select

from training.core.time import format_date as date_vn
from training.core.time import local_today, utcnow
from training.extensions import db
from training.simulations.analysis import key_message_counts
from training.simulations.findings import Finding
from training.simulations.models import Run, RunState
from training.simulations.services import runs, scenarios
from training.simulations.templates_text import TEMPLATES

CHANNELS = {
    "press_conference": (_l("Press conference question"), "mic"),
    "phone_interview": (_l("Phone interview"), "telephone"),
    "social_media": (_l("Social media post"), "chat-square-text"),
    "press_email_reply": (_l("Press e-mail asking for a written reply"), "envelope"),
    "correction_request": (_l("Request for a correction"), "envelope-exclamation"),
    "holding_statement": (_l("Holding statement"), "file-earmark-text"),
}
CHANNEL_INSTRUCTIONS = {
    "press_conference": _l("A journalist asks you this in the press conference. Answer as you would speak."),
    "phone_interview": _l("A reporter is on the phone. Answer briefly, as you would say it."),
    "social_media": _l("This post is spreading on social media. Write the reply your agency publishes."),
    "press_email_reply": _l("A newsroom has e-mailed this request. Write the written reply."),
    "correction_request": _l("Write the request for a response or correction to the newspaper."),
    "holding_statement": _l("Write a short holding statement for the first hours."),
}
TONES = {
    "neutral": _l("neutral"), "expert": _l("expert"), "emotional": _l("emotional"), "hostile": _l("hostile"),
    "hypothetical": _l("hypothetical"), "accountability": _l("accountability"), "follow_up": _l("follow-up"),
}
LEVELS = {"good": ("success", _l("Done well")), "note": ("info", _l("Note")),
          "warning": ("warning", _l("To improve")), "red_flag": ("danger", _l("Red flag"))}


def press_room(run, scenario, row, now):
    """Return the template context of the press room for the open prompt ``row``."""
    prompt = scenario.prompt(row.prompt_id)
    journalist = scenario.journalist(prompt.journalist)
    remaining = max(0, int((row.deadline_at - now).total_seconds()))
    rows = runs.shown_prompts(run)
    answered = sum(1 for r in rows if r.is_answered)
    template = TEMPLATES.get(prompt.template) if prompt.written else None
    label, icon = CHANNELS.get(prompt.channel, CHANNELS["press_conference"])
    return {"run": run, "scenario": scenario, "row": row, "prompt": prompt, "journalist": journalist,
            "tone": TONES.get(scenario.tone(prompt), ""), "channel_label": label, "channel_icon": icon,
            "instruction": CHANNEL_INSTRUCTIONS.get(prompt.channel, ""), "remaining": remaining,
            "answered": answered, "scripted": len(scenario.prompts), "template": template,
            "is_follow_up": bool(row.follow_up_rule), "written": prompt.written or prompt.channel not in (
                "press_conference", "phone_interview")}


def highlight(text, findings):
    """Return ``text`` as HTML with each finding's matched words in a ``<mark>`` of its level.

    Overlapping matches keep the first; offsets index the NFC answer, which is what is stored.
    """
    spans = sorted(((f.start, f.end, f) for f in findings if f.start is not None and f.end and f.end > f.start),
                   key=lambda s: (s[0], -s[1]))
    parts, cursor = [], 0
    for start, end, finding in spans:
        if start < cursor or end > len(text):
            continue
        parts.append(escape(text[cursor:start]))
        css = LEVELS.get(finding.level, LEVELS["note"])[0]
        parts.append(Markup('<mark class="sim-mark sim-mark-{}" data-kind="{}">{}</mark>').format(
            css, finding.kind, text[start:end]))
        cursor = end
    parts.append(escape(text[cursor:]))
    return Markup("").join(parts)


def answer_rows(run, scenario):
    """Return each shown prompt with its answer, highlighted, and its findings in words."""
    result = []
    legal_notes = register_notes(scenario)
    for row in runs.shown_prompts(run):
        prompt = scenario.prompt(row.prompt_id)
        findings = [Finding.from_dict(item) for item in row.findings or ()]
        result.append({
            "row": row, "prompt": prompt, "journalist": scenario.journalist(prompt.journalist),
            "channel": CHANNELS.get(prompt.channel, CHANNELS["press_conference"])[0],
            "tone": TONES.get(scenario.tone(prompt), ""),
            "html": highlight(row.answer or "", findings),
            "findings": [{"finding": f, "text": f.text(_), "css": LEVELS[f.level][0], "level": LEVELS[f.level][1],
                          "legal_ground": _legal_ground(scenario, f),
                          "legal": legal_notes.get(f.ref) if f.kind == "restricted_disclosure" else None}
                         for f in findings],
        })
    return result


def _legal_ground(scenario, finding):
    if finding.kind != "restricted_disclosure":
        return ""
    item = scenario.restricted_item(finding.ref)
    return item.legal_ground if item else ""


def register_notes(scenario):
    """Return ``{restricted item id: note}``: the register document its legal ground cites, and its status.

    A note says whether the document is in force today, superseded (from when, by what), or
    replaced by a newer document that has taken effect though nobody has marked it yet.
    """
    items = [item for item in scenario.restricted if item.legal_ref is not None]
    documents = scenarios.documents_by_code([item.legal_ref.document for item in items])
    if not documents:
        return {}
    today = local_today(utcnow(), current_app.config["TIMEZONE"])
    notes = {}
    for item in items:
        if item.legal_ref.document not in documents:
            continue
        document, replacement = documents[item.legal_ref.document]
        notes[item.id] = {"label": document.label, "article": item.legal_ref.article,
                          **_document_status(document, replacement, today)}
    return notes


def _document_status(document, replacement, today):
    if document.is_superseded(today):
        by = document.superseded_by.label if document.superseded_by else ""
        return {"css": "danger", "status": _("superseded"),
                "notice": _("No longer in force since %(date)s; replaced by %(by)s. Check the current provision.",
                            date=date_vn(document.superseded_on), by=by) if by else
                _("No longer in force since %(date)s. Check the current provision.",
                  date=date_vn(document.superseded_on))}
    if replacement is not None and replacement.effective_on is not None:
        if replacement.effective_on <= today:
            return {"css": "danger", "status": _("replaced"),
                    "notice": _("Replaced by %(by)s, in force since %(date)s. Check the current provision.",
                                by=replacement.label, date=date_vn(replacement.effective_on))}
        return {"css": "warning", "status": _("in force"),
                "notice": _("To be replaced by %(by)s from %(date)s.", by=replacement.label,
                            date=date_vn(replacement.effective_on))}
    return {"css": "success", "status": _("in force"), "notice": ""}


def summary(scenario, rows):
    """Return the run-level lists: key messages delivered (how often), disclosures, evasions, loaded words."""
    findings = [item["finding"] for row in rows for item in row["findings"]]
    counts = key_message_counts(scenario, findings)
    messages = [{"message": m, "count": counts.get(m.id, 0)} for m in scenario.key_messages]

    def of(kind):
        return [(row["row"].position, item) for row in rows for item in row["findings"]
                if item["finding"].kind == kind and item["finding"].level in ("warning", "red_flag")]

    return {"messages": messages, "disclosures": of("restricted_disclosure"), "evasive": of("evasive"),
            "loaded": of("loaded_words"), "late": [row for row in rows if row["row"].is_late]}


def debrief(run, review):
    """Return the template context of a run's debrief (learner, or staff reading it)."""
    scenario = runs.scenario_of(run)
    rows = answer_rows(run, scenario)
    score = runs.rubric_score(run)
    earlier = db.session.scalars(select(Run).where(Run.user_id == run.user_id, Run.simulation_id == run.simulation_id,
                                                   Run.id != run.id, Run.state != RunState.IN_PROGRESS.value)
                                 .order_by(Run.finished_at)).all()
    criteria = [{"criterion": c, "suggested": c.score, "label": _(c.label),
                 "reasons": [r.text(_) for r in c.reasons],
                 "final": (review.criteria.get(c.id) if review else None)} for c in score.criteria]
    return {"run": run, "scenario": scenario, "rows": rows, "summary": summary(scenario, rows), "score": score,
            "criteria": criteria, "review": review, "earlier": earlier,
            "red_flags": [{"label": _(h.label), "penalty": h.penalty, "match": h.match} for h in score.red_flags],
            "waiting": run.state == RunState.FINISHED.value and run.simulation.requires_review}
